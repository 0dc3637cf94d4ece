#include <catch2/catch.hpp>

#include "linter/engine.hpp"
#include "rules/rule.hpp"

using namespace rolelint;

TEST_CASE("a role name over 64 characters is reported at the RoleName value", "[engine][RL301]") {
  std::vector<LintInput> inputs;
  inputs.push_back(
      {SourceFile{
           "t.yaml",
           "Resources:\n"
           "  R:\n"
           "    Type: AWS::IAM::Role\n"
           "    Properties:\n"
           "      RoleName: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"},
       true});
  LintOptions options;
  options.rules = rules::all_rules();
  LintResult result = lint(std::move(inputs), options);
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings[0].rule_id == "RL301");
  ResolvedSpan at = resolve(result, result.findings[0].span);
  CHECK(at.begin.line == 5);
  CHECK(at.begin.column == 17);
}
