#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "linter/base/text.hpp"
#include "linter/base/text_arena.hpp"

using namespace rolelint;

TEST_CASE("str_cat: texts of every kind, characters and integers, in order", "[base]") {
  const std::string owned = "role";
  const std::string_view view = "Alice";
  CHECK(str_cat(owned, ' ', view, ": ", "line ", 12u, ", col ", std::size_t{3}) ==
        "role Alice: line 12, col 3");
  CHECK(str_cat(-7, '/', std::numeric_limits<std::uint64_t>::max()) == "-7/18446744073709551615");
  CHECK(str_cat(std::numeric_limits<std::int64_t>::min()) == "-9223372036854775808");
  CHECK(str_cat(true, ',', false) == "true,false");
  CHECK(str_cat("byte 0x", hex(0x1f), ", 0x", hex(0)) == "byte 0x1f, 0x0");
  CHECK(str_cat() == "");
  CHECK(str_cat("", std::string_view{}, std::string{}) == "");
}

TEST_CASE("first_wildcard: the first '*' or '?', or npos", "[base]") {
  CHECK(first_wildcard("s3:Get*") == 6);
  CHECK(first_wildcard("s3:Get?bject*") == 6);
  CHECK(first_wildcard("*") == 0);
  CHECK(first_wildcard("sts:AssumeRole") == std::string_view::npos);
  CHECK(first_wildcard("") == std::string_view::npos);
  CHECK(has_wildcard("arn:aws:iam::*:role/x"));
  CHECK_FALSE(has_wildcard("arn:aws:iam::111122223333:role/x"));
}

TEST_CASE("trim_blank: spaces, tabs and line breaks off both ends only", "[base]") {
  CHECK(rolelint::trim_blank("") == "");
  CHECK(rolelint::trim_blank(" \t\r\n") == "");
  CHECK(rolelint::trim_blank("\r\n  a b\t\r") == "a b");
  CHECK(rolelint::trim_blank("a\n b") == "a\n b");
}

TEST_CASE("TextArena: a few words cost about their size, many texts keep their copies", "[base]") {
  TextArena small;
  const std::string_view tag = small.store("!GetAtt");
  CHECK(tag == "!GetAtt");
  CHECK(small.reserved() == TextArena::kFirstBlock);  // a cached piece's tags, not a whole block

  TextArena arena;
  std::vector<std::pair<std::string, std::string_view>> kept;
  std::size_t total = 0;
  for (int i = 0; i < 20'000; ++i) {
    std::string text = str_cat("scalar-", i, std::string(static_cast<std::size_t>(i % 97), 'x'));
    total += text.size();
    const std::string_view stored = arena.store(text);
    kept.emplace_back(std::move(text), stored);
  }
  const std::string long_text(TextArena::kMaxBlock, 'y');  // a block of its own
  const std::string_view stored_long = arena.store(long_text);
  const std::string_view after_long = arena.store("after");
  for (const auto& [text, stored] : kept) REQUIRE(stored == text);
  CHECK(stored_long == long_text);
  CHECK(after_long == "after");
  // Blocks double up to kMaxBlock: the room left unused is at most a block and a half.
  CHECK(arena.reserved() < total + long_text.size() + 3 * TextArena::kMaxBlock / 2);
  CHECK(arena.store("") == std::string_view());
}
