#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/utf8.hpp"

using namespace rolelint;

TEST_CASE("utf8::decode: code points and lengths of valid sequences", "[base][utf8]") {
  const std::string_view text = "a\xC3\xA9\xE2\x80\xAE\xF0\x9F\x98\x80";  // a, é, U+202E, U+1F600
  CHECK(utf8::decode(text, 0).code_point == 'a');
  const utf8::Decoded e = utf8::decode(text, 1);
  CHECK((e.valid && e.code_point == 0xE9 && e.size == 2));
  const utf8::Decoded rlo = utf8::decode(text, 3);
  CHECK((rlo.valid && rlo.code_point == 0x202E && rlo.size == 3));
  const utf8::Decoded smile = utf8::decode(text, 6);
  CHECK((smile.valid && smile.code_point == 0x1F600 && smile.size == 4));
}

TEST_CASE("utf8::decode: invalid bytes are one byte each", "[base][utf8]") {
  // A lone continuation byte, a truncated sequence, an overlong '/', a surrogate, past U+10FFFF,
  // 0xFF, and a lead byte followed by ASCII.
  for (std::string_view bad :
       {"\x80", "\xE2\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xC3("}) {
    const utf8::Decoded d = utf8::decode(bad, 0);
    CHECK(!d.valid);
    CHECK(d.size == 1);
  }
}

TEST_CASE("utf8::is_unsafe: controls, bidi controls and line separators, nothing printable",
          "[base][utf8]") {
  for (char32_t cp = 0; cp < 0x20; ++cp) CHECK(utf8::is_unsafe(cp));
  for (char32_t cp = 0x7F; cp <= 0x9F; ++cp) CHECK(utf8::is_unsafe(cp));
  for (char32_t cp : {0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D,
                      0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
    CHECK(utf8::is_unsafe(cp));
  }
  for (char32_t cp : {0x20, 0x7E, 0xA0, 0xE9, 0x200D, 0x2030, 0x2065, 0x206A, 0xFFFD, 0x1F600}) {
    CHECK_FALSE(utf8::is_unsafe(cp));
  }
}

TEST_CASE("utf8::for_each_piece splits safe runs from each unsafe character or invalid byte",
          "[base][utf8]") {
  std::vector<std::string> pieces;
  utf8::for_each_piece(
      "ab\x1b[1m\xC3\xA9\xE2\x80\xAE\xFF"
      "cd",
      [&](std::string_view run) { pieces.push_back("keep:" + std::string(run)); },
      [&](const utf8::Decoded& d) {
        pieces.push_back(d.valid ? "esc:" + std::to_string(d.code_point) : "bad");
      });
  CHECK(pieces == std::vector<std::string>{"keep:ab", "esc:27", "keep:[1m\xC3\xA9", "esc:8238",
                                           "bad", "keep:cd"});
}

TEST_CASE("utf8::visible writes every unsafe character as a visible escape", "[base][utf8]") {
  CHECK(utf8::visible("plain caf\xC3\xA9") == "plain caf\xC3\xA9");
  CHECK(utf8::visible("a\nb\rc\td") == "a\\nb\\rc\\td");
  CHECK(utf8::visible(std::string_view("\x1b\x07\x00\x7f", 4)) == "\\x1b\\x07\\x00\\x7f");
  CHECK(utf8::visible("\xC2\x9B"
                      "31m") == "\\u009b31m");
  CHECK(utf8::visible("x\xE2\x80\xAEy\xE2\x81\xA6z") == "x\\u202ey\\u2066z");
  CHECK(utf8::visible("\xFF\xFE") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(utf8::is_safe(utf8::visible("\x1b\xC2\x9B\xE2\x80\xAE\xFF")));
  CHECK_FALSE(utf8::is_safe("\xE2\x80\xAE"));
}
