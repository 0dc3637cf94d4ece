#include "linter/lsp/positions.hpp"

#include <algorithm>

namespace rolelint::lsp {

std::uint32_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  return 1;
}

std::uint32_t utf16_length(unsigned char lead) { return utf8_length(lead) == 4 ? 2 : 1; }

namespace {

// The length of the character at `at`, never past `end`, and 1 when its continuation bytes are
// missing (broken UTF-8 counts byte by byte).
std::uint32_t char_length(std::string_view text, std::uint32_t at, std::uint32_t end) {
  const std::uint32_t n = utf8_length(static_cast<unsigned char>(text[at]));
  if (n == 1 || at + n > end) return 1;
  for (std::uint32_t i = 1; i < n; ++i) {
    if ((static_cast<unsigned char>(text[at + i]) & 0xC0) != 0x80) return 1;
  }
  return n;
}

std::uint32_t units(std::uint32_t bytes, Encoding encoding) {
  if (encoding == Encoding::Utf8) return bytes;
  return bytes == 4 ? 2 : 1;
}

}  // namespace

LineTable::LineTable(std::string_view text) {
  starts_.push_back(0);
  if (text.find('\r') == std::string_view::npos) {  // most texts: found with memchr, line by line
    for (std::size_t at = text.find('\n'); at != std::string_view::npos;
         at = text.find('\n', at + 1)) {
      starts_.push_back(static_cast<std::uint32_t>(at + 1));
    }
    return;
  }
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      starts_.push_back(i + 1);
    } else if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      starts_.push_back(i + 1);
    }
  }
}

std::uint32_t LineTable::line_end(std::string_view text, std::uint32_t line) const {
  std::uint32_t end =
      line + 1 < starts_.size() ? starts_[line + 1] : static_cast<std::uint32_t>(text.size());
  if (line + 1 < starts_.size()) {
    --end;  // the break: "\n" or "\r"
    if (end > starts_[line] && text[end] == '\n' && text[end - 1] == '\r') --end;
  }
  return end;
}

LspPosition LineTable::position(std::string_view text, std::uint32_t offset,
                                Encoding encoding) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text.size()));
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - starts_.begin()) - 1;
  const std::uint32_t stop = line_end(text, line);
  const std::uint32_t end = std::min(offset, stop);
  std::uint32_t character = 0;
  for (std::uint32_t at = starts_[line]; at < end;) {
    const std::uint32_t n = char_length(text, at, stop);
    if (at + n > end) break;  // inside a character: its start
    character += units(n, encoding);
    at += n;
  }
  return {line, character};
}

std::uint32_t LineTable::offset(std::string_view text, LspPosition position,
                                Encoding encoding) const {
  if (position.line >= starts_.size()) return static_cast<std::uint32_t>(text.size());
  const std::uint32_t end = line_end(text, position.line);
  std::uint32_t at = starts_[position.line];
  for (std::uint32_t character = 0; at < end;) {
    const std::uint32_t n = char_length(text, at, end);
    if (character + units(n, encoding) > position.character) break;
    character += units(n, encoding);
    at += n;
  }
  return at;
}

std::uint32_t code_point_column_offset(std::string_view text, std::uint32_t line_start,
                                       std::uint32_t column) {
  std::uint32_t at = std::min<std::uint32_t>(line_start, static_cast<std::uint32_t>(text.size()));
  for (std::uint32_t c = 1; c < column && at < text.size() && text[at] != '\n' && text[at] != '\r';
       ++c) {
    at += char_length(text, at, static_cast<std::uint32_t>(text.size()));
  }
  return at;
}

}  // namespace rolelint::lsp
