// The inputs the fuzz targets found (tests/fixtures/fuzz/<target>/, see docs/fuzzing.md),
// replayed through the targets' own functions in every build, and what each now does instead
// of crashing or misplacing a position: a clear input error, or exact positions.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "fuzz/targets.hpp"
#include "linter/engine.hpp"
#include "parsers/cfn/template.hpp"
#include "rules/rule.hpp"

using namespace rolelint;
namespace fs = std::filesystem;

namespace {

LintResult lint_one(const std::string& path, std::string text) {
  std::vector<LintInput> inputs;
  inputs.push_back({SourceFile{path, std::move(text)}, true});
  LintOptions options;
  options.rules = rules::all_rules();
  return lint(std::move(inputs), options);
}

std::vector<ParseError> yaml_errors(std::string_view text) {
  model::Model m;
  return cfn::read_template(text, 0, cfn::Syntax::Yaml, m).errors;
}

}  // namespace

TEST_CASE("every input the fuzzers found replays through its target without a crash", "[fuzz]") {
  const std::map<std::string, void (*)(std::string_view)> targets = {
      {"fuzz_cfn_yaml", fuzz::fuzz_cfn_yaml},     {"fuzz_cfn_json", fuzz::fuzz_cfn_json},
      {"fuzz_terraform", fuzz::fuzz_terraform},   {"fuzz_policy", fuzz::fuzz_policy},
      {"fuzz_evaluators", fuzz::fuzz_evaluators}, {"fuzz_lint", fuzz::fuzz_lint}};
  std::size_t replayed = 0;
  for (const auto& dir :
       fs::directory_iterator(fs::path(ROLELINT_SOURCE_DIR) / "tests/fixtures/fuzz")) {
    INFO(dir.path().string());
    const auto target = targets.find(dir.path().filename().string());
    REQUIRE(target != targets.end());  // a directory per target, named as the target
    for (const auto& file : fs::directory_iterator(dir.path())) {
      INFO(file.path().string());
      std::ifstream in(file.path(), std::ios::binary);
      const std::string input{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      target->second(input);  // aborts on a crash or a position outside the input
      ++replayed;
    }
  }
  CHECK(replayed >= 1);
}

// fuzz_cfn_yaml/nul-byte.yaml: yaml-cpp took a leading NUL for UTF-16 and reported an error
// past the end of the input; any offset after such a guess was wrong.
TEST_CASE("a NUL or control byte in YAML is an input error at its position", "[fuzz][input]") {
  std::vector<ParseError> errors = yaml_errors(std::string_view("\0", 1));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].offset == 0);
  CHECK(errors[0].message == "control character 0x0 (NUL): not UTF-8 YAML text");

  // Past the engine's binary sniffing (the first 8 KiB), reported with its line and column.
  const std::string padding = "# " + std::string(9000, 'x') + "\n";
  LintResult r =
      lint_one("t.yaml", padding + "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: " +
                             std::string("\0", 1) + "\n");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 5);
  CHECK(r.errors[0].column == 17);
  CHECK(r.errors[0].message == "control character 0x0 (NUL): not UTF-8 YAML text");

  // yaml-cpp ends the input at byte 0x04: what follows would have been dropped silently.
  r = lint_one("t.yaml", "Resources:\n  R:\x04\n    Type: AWS::IAM::Role\n");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[0].column == 5);
  CHECK(r.errors[0].message == "control character 0x4 in YAML text");

  errors = yaml_errors(
      "\xFF\xFE"
      "R\0e\0s\0");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "UTF-16 or UTF-32 byte order mark: YAML templates are read as UTF-8");
}

TEST_CASE("a YAML template with a UTF-8 byte order mark has exact positions", "[fuzz][input]") {
  const std::string name(70, 'a');
  const std::string body =
      "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: " + name + "\n";
  for (const std::string& prefix : {std::string(), std::string("\xEF\xBB\xBF")}) {
    INFO(prefix.size());
    const LintResult r = lint_one("t.yaml", prefix + body);
    CHECK(r.errors.empty());
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule_id == "RL301");
    const ResolvedSpan at = resolve(r, r.findings[0].span);
    CHECK(at.begin.line == 5);
    CHECK(at.begin.column == 17);  // the mark is one code point: the same column as without it
    CHECK(r.findings[0].span.begin == prefix.size() + body.find(name));
  }
  // A parse error after the mark is placed as precisely.
  const LintResult r = lint_one("t.yaml", "\xEF\xBB\xBFResources:\n  R: [\n");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 3);
  CHECK(r.errors[0].column == 1);
}
