#pragma once
// Positions as the Language Server Protocol counts them: 0-based lines (broken at "\n", "\r\n"
// and "\r") and a character offset in UTF-16 code units (the protocol's default) or UTF-8 bytes,
// converted to and from byte offsets into the document's text.
#include <cstdint>
#include <string_view>
#include <vector>

namespace rolelint::lsp {

enum class Encoding : std::uint8_t { Utf16, Utf8 };

struct LspPosition {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  friend bool operator==(const LspPosition&, const LspPosition&) = default;
  friend auto operator<=>(const LspPosition&, const LspPosition&) = default;
};

struct LspRange {
  LspPosition start, end;
  friend bool operator==(const LspRange&, const LspRange&) = default;
};

// The line starts of one text. The text is not kept: every call takes it again (the same text).
class LineTable {
 public:
  explicit LineTable(std::string_view text);

  // The position of a byte offset (clamped to the text). An offset inside a multi-byte
  // character or inside "\r\n" counts as the character's (the line break's) start.
  LspPosition position(std::string_view text, std::uint32_t offset, Encoding encoding) const;
  // The byte offset of a position. A line past the end is the end of the text; a character past
  // the end of its line is the end of the line (before its line break); a character inside a
  // UTF-16 surrogate pair is the start of that character.
  std::uint32_t offset(std::string_view text, LspPosition position, Encoding encoding) const;

  std::uint32_t line_count() const { return static_cast<std::uint32_t>(starts_.size()); }

 private:
  std::uint32_t line_end(std::string_view text, std::uint32_t line) const;  // before the break
  std::vector<std::uint32_t> starts_;
};

// The length in bytes of the UTF-8 character that starts with `lead` (1 for a byte that cannot
// start one: it stands for itself, as U+FFFD does for clients), and its UTF-16 length.
std::uint32_t utf8_length(unsigned char lead);
std::uint32_t utf16_length(unsigned char lead);

// The byte offset of a 1-based code-point column on the line that starts at `line_start`
// (rolelint's own columns), clamped to the end of that line.
std::uint32_t code_point_column_offset(std::string_view text, std::uint32_t line_start,
                                       std::uint32_t column);

}  // namespace rolelint::lsp
