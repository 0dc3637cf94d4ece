// The fixture harness must not pass silently: its expectation parser is tested on its own.
#include "tests/fixture_expectations.hpp"

#include <catch2/catch.hpp>

using rolelint::testing::parse_expectation;
using rolelint::testing::parse_fixture;

TEST_CASE("an expectation has an optional column, a rule id and an optional substring",
          "[harness]") {
  std::string problem;
  auto e = parse_expectation(" 27 RL201 \"any account\"", problem);
  REQUIRE(e);
  CHECK(e->column == 27);
  CHECK(e->rule_id == "RL201");
  CHECK(e->substring == "any account");
  e = parse_expectation("RL101", problem);
  REQUIRE(e);
  CHECK(e->column == 0);
  CHECK(e->substring.empty());
  CHECK_FALSE(parse_expectation("27", problem));
  CHECK_FALSE(parse_expectation("RL1", problem));
  CHECK_FALSE(parse_expectation("RL101 unquoted", problem));
}

TEST_CASE("a trailing expectation targets its line, an own-line one the next code line",
          "[harness]") {
  const auto parsed = parse_fixture(
      "a: 1  # expect: RL101\n"
      "# expect: 5 RL102 \"x\"\n"
      "# a plain comment\n"
      "\n"
      "b: 2\n"
      "c: \"# expect: RL999 not a comment\"\n",
      false, false);
  CHECK(parsed.problems.empty());
  REQUIRE(parsed.expectations.size() == 2);
  CHECK(parsed.expectations[0].line == 1);
  CHECK(parsed.expectations[0].rule_id == "RL101");
  CHECK(parsed.expectations[1].line == 5);
  CHECK(parsed.expectations[1].column == 5);
  CHECK(parsed.expectations[1].substring == "x");
}

TEST_CASE("expect-next: targets the very next line, even a comment", "[harness]") {
  const auto parsed = parse_fixture(
      "# expect-next: 3 RL901 \"no reason\"\n"
      "# rolelint: ignore[RL301]\n"
      "a: 1  # expect-next: RL901\n",
      false, false);
  REQUIRE(parsed.expectations.size() == 1);
  CHECK(parsed.expectations[0].line == 2);
  CHECK(parsed.expectations[0].column == 3);
  CHECK(parsed.expectations[0].rule_id == "RL901");
  REQUIRE(parsed.problems.size() == 1);  // a trailing expect-next: has no meaning
  CHECK(parsed.problems[0] == "line 3: expect-next: must be on a line of its own");
}

TEST_CASE("JSON comments are blanked byte for byte and read as expectations", "[harness]") {
  const std::string text = "{\n  \"a\": \"http://x\"  // expect: 8 RL205\n}\n";
  const auto parsed = parse_fixture(text, true, false);
  REQUIRE(parsed.expectations.size() == 1);
  CHECK(parsed.expectations[0].line == 2);
  CHECK(parsed.text.size() == text.size());
  CHECK(parsed.text == "{\n  \"a\": \"http://x\"                    \n}\n");
}

TEST_CASE("Terraform reads # and // comments", "[harness]") {
  const auto parsed = parse_fixture("x = 1 // expect: RL301\ny = 2 # expect: RL302\n", false, true);
  REQUIRE(parsed.expectations.size() == 2);
  CHECK(parsed.expectations[0].line == 1);
  CHECK(parsed.expectations[1].line == 2);
}

TEST_CASE("malformed and dangling expectations are problems, not silence", "[harness]") {
  const auto parsed = parse_fixture("a: 1  # expect: R101\n# expect: RL101\n", false, false);
  CHECK(parsed.problems.size() == 2);
  CHECK(parsed.expectations.empty());
}
