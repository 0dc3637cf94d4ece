#pragma once
// Source files, spans and the line index that turns byte offsets into 1-based line/column.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rolelint {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xffffffffu;

// A byte range [begin, end) in one source file. Offsets, not pointers: survives reallocation.
struct Span {
  FileId file = kNoFile;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  bool valid() const { return file != kNoFile; }
  friend bool operator==(const Span&, const Span&) = default;
};

struct Position {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in Unicode code points
};

// Sorted line starts of one text; resolves offsets to positions in O(log lines).
class LineIndex {
 public:
  LineIndex();  // of an empty text
  explicit LineIndex(std::string_view text);
  // The index of a text whose line starts a reader collected while reading it: the offset of
  // each line's first byte, ascending, from 0.
  static LineIndex of_line_starts(std::vector<std::uint32_t> line_starts);
  // Columns count code points from the line's start. On a line longer than kBlock bytes (a
  // minified policy) the count starts at the nearest checkpoint, every kBlock bytes, kept for
  // that line once it is first asked: each position then costs at most kBlock bytes, not the line.
  Position position(std::string_view text, std::uint32_t offset) const;
  std::uint32_t line_start(std::uint32_t line) const;  // 1-based line -> offset
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  static constexpr std::uint32_t kBlock = 4096;
  struct LongLines;  // the checkpoints of long lines, shared by copies, guarded by a mutex
  std::uint32_t long_line_column(std::string_view text, std::uint32_t line,
                                 std::uint32_t offset) const;

  std::vector<std::uint32_t> line_starts_;
  std::shared_ptr<LongLines> long_lines_;  // never null
};

// One input: its display path and its bytes. Owns the text every Span refers to.
struct SourceFile {
  std::string path;
  std::string text;
};

}  // namespace rolelint
