#pragma once
// Inline expectations of rule fixtures (STYLE 2.7): `expect: [COLUMN] RLnnn ["substring"]` in a
// comment. A trailing comment targets its own line; an own-line comment targets the next line
// that is not a comment (`expect-next:` targets the very next line, even a comment: suppression
// rules report on comment lines). JSON fixtures use `//` comments, which are blanked
// (same byte count) before linting; YAML and HCL use their native `#` (HCL also `//`).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolelint::testing {

struct Expectation {
  std::uint32_t line = 0;    // 1-based line the finding must start on
  std::uint32_t column = 0;  // 0: any column
  std::string rule_id;
  std::string substring;         // empty: any message
  std::uint32_t written_on = 0;  // the line holding the comment, for messages
};

struct ParsedFixture {
  std::string text;  // the text to lint: JSON `//` comments blanked
  std::vector<Expectation> expectations;
  std::vector<std::string> problems;  // malformed expectations, with their line
};

// `json` selects `//` comments (blanked); otherwise `#` (and `//` for Terraform) are read.
ParsedFixture parse_fixture(std::string_view text, bool json, bool hcl);

// Parses the part after "expect:"; nullopt and a reason when malformed.
std::optional<Expectation> parse_expectation(std::string_view spec, std::string& problem);

}  // namespace rolelint::testing
