#pragma once
// Where the bytes of a YAML block scalar's value (`|`, `|-`, `>`, ...) are in the source: the
// reader gives the value with its indentation removed (and, when folded, its line breaks turned
// into spaces), so an offset inside the value is not an offset of the file. The map finds each
// source line's text in the value, in order, and maps offsets line by line: exact for literal and
// folded blocks alike.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace rolelint::yaml {

class BlockScalarMap {
 public:
  // The map of the block scalar whose indicator (`|` or `>`) is at `indicator` in `source` and
  // whose value the reader gave as `value`; nothing when the value is not the block's lines in
  // order (an explicit indentation indicator, an escape the map does not model).
  static std::optional<BlockScalarMap> of(std::string_view source, std::uint32_t indicator,
                                          std::string_view value);
  // The source offset of the value's byte at `offset`; a line break or space the folding made
  // maps to the end of the line before it.
  std::uint32_t to_source(std::uint32_t offset) const;

 private:
  struct Segment {
    std::uint32_t value;   // where a source line's text starts in the value
    std::uint32_t source;  // and in the source
    std::uint32_t size;
  };
  std::vector<Segment> segments_;  // ordered by both offsets
};

}  // namespace rolelint::yaml
