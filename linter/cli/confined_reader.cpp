#include "linter/cli/confined_reader.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <string>
#include <system_error>
#include <utility>

#include "linter/cli/file_read.hpp"

namespace rolelint::cli {
namespace fs = std::filesystem;

bool path_within(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

namespace {

// Where the open descriptor `fd` really is, as the kernel names it; empty when it cannot tell.
fs::path descriptor_path(int fd) {
  std::error_code ec;
  fs::path where = fs::read_symlink("/proc/self/fd/" + std::to_string(fd), ec);
  return ec ? fs::path() : where;
}

// Opens `real` (canonical, inside the root whose directory `root_fd` holds) for reading, so that
// no component of it can be swapped for a symlink that leads out of the root between
// canonical() and the open: openat2 resolves it beneath the root's descriptor. Where the kernel
// has no openat2 (before Linux 5.6, or a seccomp filter refuses it), the file is opened without
// following a last symlink and the descriptor's real path is checked against the root instead.
// -1 when it may not or cannot be opened.
int open_beneath(int root_fd, const fs::path& canonical_root, const fs::path& real) {
  const fs::path relative = real.lexically_relative(canonical_root);
  if (relative.empty()) return -1;
  open_how how{};
  how.flags = static_cast<std::uint64_t>(read_open_flags());
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  const long fd = ::syscall(SYS_openat2, root_fd, relative.c_str(), &how, sizeof how);
  if (fd >= 0) return static_cast<int>(fd);
  if (errno != ENOSYS && errno != EPERM) return -1;
  Descriptor file{::open(real.c_str(), read_open_flags() | O_NOFOLLOW)};
  if (file.fd < 0 || !path_within(descriptor_path(file.fd), canonical_root)) return -1;
  return std::exchange(file.fd, -1);
}

}  // namespace

FileReader confined_reader(const fs::path& root, std::uint64_t max_bytes) {
  std::error_code ec;
  fs::path canonical_root = fs::canonical(root, ec);
  if (ec) return {};  // no root to confine to: every file() is unknown
  // Held for the reader's life: the root stays the directory canonical() named, whatever is
  // renamed over its path later.
  auto root_dir = std::make_shared<Descriptor>(
      ::open(canonical_root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (root_dir->fd < 0) return {};
  return [canonical_root = std::move(canonical_root), root_dir, max_bytes](const std::string& path,
                                                                           std::string& text) {
    std::error_code error;
    const fs::path real = fs::canonical(fs::path(path), error);
    if (error || !path_within(real, canonical_root)) return false;
    const Descriptor file{open_beneath(root_dir->fd, canonical_root, real)};
    if (file.fd < 0) return false;
    FileRead read = read_open_file(file.fd, max_bytes);
    if (!read.ok()) return false;
    text = std::move(read.text);
    return true;
  };
}

fs::path default_root(const fs::path& start) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(start, ec).lexically_normal();
  if (ec) return start;
  for (fs::path dir = absolute;; dir = dir.parent_path()) {
    if (fs::exists(fs::symlink_status(dir / ".git", ec))) return dir;
    if (dir == dir.parent_path()) break;
  }
  return absolute;
}

}  // namespace rolelint::cli
