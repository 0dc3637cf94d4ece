#include "parsers/yaml/block_scalar.hpp"

#include <algorithm>

namespace rolelint::yaml {

std::optional<BlockScalarMap> BlockScalarMap::of(std::string_view source, std::uint32_t indicator,
                                                 std::string_view value) {
  if (indicator >= source.size() || (source[indicator] != '|' && source[indicator] != '>'))
    return std::nullopt;
  std::size_t line = source.find('\n', indicator);
  const std::string_view header = source.substr(
      indicator, line == std::string_view::npos ? std::string_view::npos : line - indicator);
  if (header.find_first_of("123456789") < header.find('#'))
    return std::nullopt;  // explicit indentation
  if (line == std::string_view::npos) return std::nullopt;
  ++line;
  BlockScalarMap map;
  std::size_t indent = std::string_view::npos;  // the first non-blank line's
  std::size_t at = 0;                           // how much of the value is matched
  while (line < source.size() && at < value.size()) {
    std::size_t end = source.find('\n', line);
    if (end == std::string_view::npos) end = source.size();
    std::string_view text = source.substr(line, end - line);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    const std::size_t spaces = std::min(text.find_first_not_of(' '), text.size());
    if (spaces == text.size()) {  // a blank line: a line break of the value, or nothing
      line = end + 1;
      continue;
    }
    if (indent == std::string_view::npos) indent = spaces;
    if (spaces < indent) break;  // the block ended
    const std::string_view content = text.substr(indent);
    // The line breaks (or spaces) between the previous line and this one.
    while (at < value.size() && value.substr(at, content.size()) != content &&
           (value[at] == '\n' || value[at] == ' '))
      ++at;
    if (value.substr(at, content.size()) != content) return std::nullopt;
    map.segments_.push_back({static_cast<std::uint32_t>(at),
                             static_cast<std::uint32_t>(line + indent),
                             static_cast<std::uint32_t>(content.size())});
    at += content.size();
    line = end + 1;
  }
  // Only line breaks (the chomping) may be left.
  if (value.substr(at).find_first_not_of("\n ") != std::string_view::npos || map.segments_.empty())
    return std::nullopt;
  return map;
}

std::uint32_t BlockScalarMap::to_source(std::uint32_t offset) const {
  // The last segment starting at or before the offset.
  auto it = std::upper_bound(segments_.begin(), segments_.end(), offset,
                             [](std::uint32_t o, const Segment& s) { return o < s.value; });
  if (it == segments_.begin()) return segments_.front().source;
  --it;
  return it->source + std::min(offset - it->value, it->size);
}

}  // namespace rolelint::yaml
