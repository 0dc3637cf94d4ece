#pragma once
// Bounded, non-blocking reads of files and streams for the command line: every file the CLI
// reads (inputs, configurations, baselines, Terraform's file()) goes through here, so a FIFO
// cannot block a run, a device cannot feed it without end, and each failure says what happened.
#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>

namespace rolelint::cli {

// An open file descriptor (or -1), closed on every path out.
struct Descriptor {
  int fd = -1;
  explicit Descriptor(int f) : fd(f) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor();
};

struct FileRead {
  std::string text;
  std::string error;  // empty when `text` holds the whole file
  bool ok() const { return error.empty(); }
};

// Reads the regular file at `path` whole when it has at most `max_bytes` bytes. The error says
// which of these it was: no such file, permission denied, a symlink loop, a directory, not a
// regular file (FIFO, device, socket), larger than the limit, an I/O error. With
// `follow_symlink` false a symlink is refused as well (the last component is not followed).
FileRead read_regular_file(const std::filesystem::path& path, std::uint64_t max_bytes,
                           bool follow_symlink = true);

// Reads the file open at `fd` (not closed here) as read_regular_file does once it has opened
// one: refused unless regular and at most `max_bytes` bytes.
FileRead read_open_file(int fd, std::uint64_t max_bytes);

// The flags every read opens a file with: read only, no controlling terminal, and non-blocking,
// so that opening a FIFO does not wait for a writer (it is refused as not regular).
int read_open_flags();

// Reads `in` to its end when it holds at most `max_bytes` bytes (reading at most one byte
// more); else an error naming the limit. A stream already failed (a closed standard input)
// is an error as well.
FileRead read_stream(std::istream& in, std::uint64_t max_bytes);

// What an errno from opening or inspecting a file means, in the words of our messages: no such
// file or directory, permission denied, a symlink loop, is a directory, else strerror's.
std::string open_error_message(int error);

// "file is larger than the limit of N bytes (--max-file-size)", the one wording for both.
std::string too_large_message(std::uint64_t max_bytes);

}  // namespace rolelint::cli
