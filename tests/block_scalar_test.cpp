// A JSON policy in a YAML block scalar (`|`, `|-`, `>`): findings point at the element inside it.
#include "parsers/yaml/block_scalar.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "linter/engine.hpp"
#include "rules/rule.hpp"

using namespace rolelint;

namespace {

// The line and column of the one finding of `rule` in `yaml` (a template of one file).
Position finding_of(const std::string& yaml, std::string_view rule) {
  std::vector<LintInput> inputs;
  inputs.push_back({SourceFile{"template.yaml", yaml}, true});
  const rules::Rule* const selected[] = {rules::find_rule(rule)};
  LintResult r = lint(std::move(inputs), LintOptions{.rules = selected});
  REQUIRE(r.errors.empty());
  REQUIRE(r.findings.size() == 1);
  const Finding& f = r.findings.front();
  CHECK(f.rule_id == rule);
  return r.line_indexes[f.span.file].position(r.files[f.span.file].text, f.span.begin);
}

std::string template_with(std::string_view indicator, std::string_view policy) {
  return std::string(R"(Resources:
  Deployer:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: deploy
          PolicyDocument: )") +
         std::string(indicator) + "\n" + std::string(policy);
}

constexpr std::string_view kPolicy = R"(            {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow",
                  "Action": ["s3:GetObject", "sts:AssumeRoles"],
                  "Resource": "*" }
              ]
            }
)";

}  // namespace

TEST_CASE("a JSON policy in a literal block scalar: findings at the element's line and column",
          "[cfn][yaml][block-scalar]") {
  for (std::string_view indicator : {"|", "|-", "|+", "| # the policy"}) {
    INFO(indicator);
    const Position at = finding_of(template_with(indicator, kPolicy), "RL205");
    CHECK(at.line == 12);
    CHECK(at.column == 46);
  }
}

TEST_CASE("a JSON policy in a folded block scalar: findings at the element's line and column",
          "[cfn][yaml][block-scalar]") {
  for (std::string_view indicator : {">", ">-"}) {
    INFO(indicator);
    const Position at = finding_of(template_with(indicator, kPolicy), "RL205");
    CHECK(at.line == 12);
    CHECK(at.column == 46);
  }
}

TEST_CASE("a block scalar that is not valid JSON: the error at its line and column",
          "[cfn][yaml][block-scalar]") {
  const std::string broken = R"(            {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow" "Action": "s3:GetObject", "Resource": "*" }
              ]
            }
)";
  const Position at = finding_of(template_with("|", broken), "RL211");
  CHECK(at.line == 11);
  CHECK(at.column == 37);
}

TEST_CASE("BlockScalarMap maps each line of the value to its line in the source",
          "[yaml][block-scalar]") {
  const std::string source = "key: |\n  ab\n\n   cd\n  ef\nnext: 1\n";
  const std::string value = "ab\n\n cd\nef\n";
  const auto map = yaml::BlockScalarMap::of(source, 5, value);
  REQUIRE(map);
  CHECK(map->to_source(0) == source.find("ab"));
  CHECK(map->to_source(3) == source.find("ab") + 2);  // a blank line: the end of the line before
  CHECK(map->to_source(4) == source.find("cd") - 1);  // the more indented line's first space
  CHECK(map->to_source(5) == source.find("cd"));
  CHECK(map->to_source(8) == source.find("ef"));

  const std::string folded = "key: >\n  ab\n  cd\n\n  ef\n";
  const auto fold = yaml::BlockScalarMap::of(folded, 5, "ab cd\nef\n");
  REQUIRE(fold);
  CHECK(fold->to_source(3) == folded.find("cd"));
  CHECK(fold->to_source(6) == folded.find("ef"));
}

TEST_CASE("BlockScalarMap declines what it does not model", "[yaml][block-scalar]") {
  CHECK_FALSE(yaml::BlockScalarMap::of("key: |2\n   ab\n", 5, " ab\n"));  // explicit indentation
  CHECK_FALSE(yaml::BlockScalarMap::of("key: |\n  ab\n", 5, "xy\n"));     // not the block's text
  CHECK_FALSE(yaml::BlockScalarMap::of("key: ab\n", 5, "ab"));            // no block indicator
}
