#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "linter/diagnostics/source.hpp"

using namespace rolelint;

namespace {

Position at(std::string_view text, std::uint32_t offset) {
  return LineIndex(text).position(text, offset);
}

}  // namespace

TEST_CASE("line index: lines start after each newline, the last line needs none", "[source]") {
  const std::string_view text = "ab\ncd\n\nef";
  const LineIndex index(text);
  CHECK(index.line_count() == 4);
  CHECK(index.line_start(1) == 0);
  CHECK(index.line_start(2) == 3);
  CHECK(index.line_start(3) == 6);
  CHECK(index.line_start(4) == 7);
  CHECK(at(text, 4).line == 2);
  CHECK(at(text, 4).column == 2);
  CHECK(at(text, 6).line == 3);
  CHECK(at(text, 8).line == 4);
  CHECK(at(text, 8).column == 2);
}

TEST_CASE("line index: a trailing newline opens an empty last line, empty text is one line",
          "[source]") {
  CHECK(LineIndex("a\n").line_count() == 2);
  CHECK(LineIndex("").line_count() == 1);
  CHECK(LineIndex("\n\n").line_count() == 3);
  CHECK(at("", 0).line == 1);
  CHECK(at("", 0).column == 1);
}

TEST_CASE("line index: columns count code points, CR is an ordinary byte, offsets clamp to the end",
          "[source]") {
  const std::string_view text = "a\r\n\xc3\xa9x";  // "é" is two bytes
  CHECK(at(text, 4).line == 2);
  CHECK(at(text, 5).column == 2);  // x, after one code point
  CHECK(at(text, 1).column == 2);  // the CR belongs to line 1
  CHECK(at(text, 999).line == 2);
  CHECK(at(text, 999).column == 3);
}

TEST_CASE("line index: a long text finds every newline", "[source]") {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += std::string(static_cast<std::size_t>(i % 97), 'x') + '\n';
  const LineIndex index(text);
  REQUIRE(index.line_count() == 10001);
  std::uint32_t expected = 0;
  for (std::uint32_t line = 1; line <= 10000; ++line) {
    REQUIRE(index.line_start(line) == expected);
    expected += static_cast<std::uint32_t>((line - 1) % 97) + 1;
  }
}

TEST_CASE("line index: newlines at every position of an eight-byte word, next to look-alike bytes",
          "[source]") {
  // Bytes one bit away from '\n' (0x0A), and 0x8A ('\n' with the high bit), must not count.
  const std::string lookalikes = "\x0B\x08\x8A\x0E\x1A\x09\x2A\x4A";
  for (std::size_t shift = 0; shift < 9; ++shift) {
    std::string text(shift, 'x');
    std::vector<std::uint32_t> expected{0};
    for (int i = 0; i < 40; ++i) {
      text += lookalikes.substr(static_cast<std::size_t>(i) % 8, static_cast<std::size_t>(i) % 5);
      text += '\n';
      expected.push_back(static_cast<std::uint32_t>(text.size()));
    }
    text += "tail";
    const LineIndex index(text);
    REQUIRE(index.line_count() == expected.size());
    for (std::uint32_t line = 1; line <= expected.size(); ++line)
      REQUIRE(index.line_start(line) == expected[line - 1]);
  }
}

TEST_CASE("line index: columns on a very long line match a count from the line's start",
          "[source]") {
  // A minified policy: one line of 300 KB holding multi-byte characters, then a short line.
  std::string text = "first\n";
  const std::uint32_t long_start = static_cast<std::uint32_t>(text.size());
  for (int i = 0; i < 30000; ++i) text += (i % 7 == 0) ? "\xC3\xA9\xE2\x82\xAC" : "s3:Get*,";
  const std::uint32_t long_end = static_cast<std::uint32_t>(text.size());
  text += "\nlast";
  const LineIndex index(text);
  auto naive = [&](std::uint32_t offset) {
    std::uint32_t column = 1;
    for (std::uint32_t i = long_start; i < offset; ++i)
      column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return column;
  };
  // Forwards, backwards and at the line's edges: any order of queries gives the same answers.
  std::vector<std::uint32_t> offsets = {long_end,          long_start,        long_start + 4096,
                                        long_start + 4095, long_start + 8192, long_end - 1,
                                        long_start + 1};
  for (std::uint32_t o = long_start; o < long_end; o += 12347) offsets.push_back(o);
  for (std::uint32_t o : offsets) {
    INFO("offset " << o);
    const Position p = index.position(text, o);
    CHECK(p.line == 2);
    CHECK(p.column == naive(o));
  }
  CHECK(index.position(text, long_end + 2).line == 3);
  CHECK(index.position(text, long_end + 2).column == 2);
  // A copy answers alike.
  const LineIndex copy = index;
  CHECK(copy.position(text, long_end - 1).column == naive(long_end - 1));
}
