#include "linter/cli/file_read.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "linter/base/str_cat.hpp"

namespace rolelint::cli {

std::string open_error_message(int error) {
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return "no such file or directory";
    case EACCES:
    case EPERM:
      return "permission denied";
    case ELOOP:
      return "too many levels of symbolic links (a symlink loop)";
    case EISDIR:
      return "is a directory";
    default:
      return std::strerror(error);
  }
}

Descriptor::~Descriptor() {
  if (fd >= 0) ::close(fd);
}

std::string too_large_message(std::uint64_t max_bytes) {
  return str_cat("file is larger than the limit of ", max_bytes, " bytes (--max-file-size)");
}

int read_open_flags() { return O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK; }

FileRead read_regular_file(const std::filesystem::path& path, std::uint64_t max_bytes,
                           bool follow_symlink) {
  const Descriptor file{
      ::open(path.c_str(), read_open_flags() | (follow_symlink ? 0 : O_NOFOLLOW))};
  if (file.fd < 0) return {{}, open_error_message(errno)};
  return read_open_file(file.fd, max_bytes);
}

FileRead read_open_file(int fd, std::uint64_t max_bytes) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) return {{}, open_error_message(errno)};
  if (S_ISDIR(info.st_mode)) return {{}, "is a directory"};
  if (!S_ISREG(info.st_mode)) return {{}, "not a regular file (a FIFO, device or socket)"};
  if (static_cast<std::uint64_t>(info.st_size) > max_bytes) {
    return {{},
            str_cat("file is ", static_cast<std::uint64_t>(info.st_size),
                    " bytes, larger than the limit of ", max_bytes, " bytes (--max-file-size)")};
  }
  FileRead read;
  // The size may change, or lie (/proc): read to the end, but never past the limit.
  read.text.resize(static_cast<std::size_t>(info.st_size));
  std::size_t have = 0;
  const auto read_some = [fd](char* into, std::size_t bytes) {
    ssize_t n = 0;
    do n = ::read(fd, into, bytes);
    while (n < 0 && errno == EINTR);
    return n;
  };
  for (;;) {
    if (have == read.text.size()) {
      // Where the file usually ends: a byte more says whether it goes on, before the text
      // doubles (the text is kept for the whole run, at twice the file's size).
      char next = 0;
      const ssize_t n = read_some(&next, 1);
      if (n < 0) return {{}, str_cat("cannot read: ", std::strerror(errno))};
      if (n == 0) break;
      if (have >= max_bytes) return {{}, too_large_message(max_bytes)};
      read.text.resize(
          std::min<std::uint64_t>(max_bytes + 1, have + std::max<std::size_t>(have, 4096)));
      read.text[have++] = next;
    }
    const ssize_t n = read_some(read.text.data() + have, read.text.size() - have);
    if (n < 0) return {{}, str_cat("cannot read: ", std::strerror(errno))};
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  if (have > max_bytes) return {{}, too_large_message(max_bytes)};  // grew after fstat
  read.text.resize(have);
  return read;
}

FileRead read_stream(std::istream& in, std::uint64_t max_bytes) {
  if (!in.good()) return {{}, "cannot read: the stream is closed"};
  FileRead read;
  char buffer[65536];
  while (in) {
    in.read(buffer, static_cast<std::streamsize>(sizeof buffer));
    read.text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (read.text.size() > max_bytes) return {{}, too_large_message(max_bytes)};
  }
  if (in.bad()) return {{}, "cannot read: I/O error"};
  return read;
}

}  // namespace rolelint::cli
