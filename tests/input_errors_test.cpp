// Bad input gets a clear error naming file:line and what is wrong: never a crash, never
// silence, and the other files are still linted.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "linter/engine.hpp"
#include "rules/rule.hpp"
#include "tests/binary_under_test.hpp"

using namespace rolelint;

namespace {

const std::string kGood =
    "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: " +
    std::string(70, 'a') + "\n";

LintResult lint_files(std::vector<std::pair<std::string, std::string>> files) {
  std::vector<LintInput> inputs;
  for (auto& [path, text] : files) inputs.push_back({SourceFile{path, std::move(text)}, true});
  LintOptions options;
  options.rules = rules::all_rules();
  return lint(std::move(inputs), options);
}

// Lints `bad` beside a good template: exactly one error, for `bad`, and the good file's finding.
InputError one_error(const std::string& path, std::string bad) {
  LintResult r = lint_files({{path, std::move(bad)}, {"good.yaml", kGood}});
  bool good_linted = false;
  for (const Finding& f : r.findings)
    good_linted = good_linted || r.files[f.span.file].path == "good.yaml";
  CHECK(good_linted);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].file == path);
  return r.errors[0];
}

}  // namespace

TEST_CASE("malformed YAML and JSON name the line and the reason", "[input]") {
  InputError e =
      one_error("t.yaml", "Resources:\n  R:\n    Type: [AWS::IAM::Role\n    Properties: {}\n");
  CHECK(e.line >= 3);
  CHECK_FALSE(e.message.empty());
  e = one_error("t.json",
                "{\n  \"Resources\": {\n    \"R\": {\"Type\": \"AWS::IAM::Role\",}\n  }\n}\n");
  CHECK(e.line == 3);
  CHECK(e.message.find("expected a string key") != std::string::npos);
  e = one_error("t.json", "{\"Resources\": {\"R\": \"unterminated}}");
  CHECK(e.message.find("unterminated string") != std::string::npos);
}

TEST_CASE("a YAML file that ends after a backslash in a quoted string is an error at its end",
          "[input]") {
  // yaml-cpp reads past the end here and names a mark one byte beyond the input.
  const InputError e = one_error("t.yaml", "Resources:\n  R:\n    Type: \"AWS::IAM::Role\\");
  CHECK(e.line == 3);
  CHECK(e.column == 27);
  CHECK(e.message == "the input ends after a backslash inside a double-quoted string");
}

TEST_CASE("Resources as a list is an error at the Resources key", "[input]") {
  const InputError e =
      one_error("t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  - a\n  - b\n");
  CHECK(e.line == 2);
  CHECK(e.message.find("'Resources' must be a mapping") != std::string::npos);
}

TEST_CASE("Properties that are AWS::NoValue are no properties, not an error", "[input]") {
  LintResult r =
      lint_files({{"t.yaml",
                   "Conditions:\n  Never: !Equals [a, b]\nResources:\n"
                   "  Bare:\n    Type: AWS::IAM::Role\n    Properties: !Ref AWS::NoValue\n"
                   "  Decided:\n    Type: AWS::IAM::User\n"
                   "    Properties: !If [Never, !Ref AWS::NoValue, {UserName: u}]\n"
                   "  List:\n    Type: AWS::IAM::Group\n    Properties: [a]\n"}});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 12);
  CHECK(r.errors[0].message == "'Properties' of 'List' must be a mapping");
  REQUIRE(r.model.roles.size() == 1);
  CHECK_FALSE(r.model.roles[0].trust.present);
  REQUIRE(r.model.users.size() == 1);
  CHECK(r.model.users[0].name.known() == "u");
}

TEST_CASE("a policy that is a number is an RL211 finding with unknown statements, not a crash",
          "[input]") {
  LintResult r =
      lint_files({{"t.yaml",
                   "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n"
                   "      AssumeRolePolicyDocument: 42\n      Policies:\n        - PolicyName: p\n"
                   "          PolicyDocument: 7\n"}});
  CHECK(r.errors.empty());
  REQUIRE(r.findings.size() == 2);
  for (const Finding& f : r.findings) CHECK(f.rule_id == "RL211");
  CHECK(resolve(r, r.findings[0].span).begin.line == 5);
  CHECK(resolve(r, r.findings[1].span).begin.line == 8);
  REQUIRE(r.model.roles.size() == 1);
  CHECK(r.model.roles[0].trust.statements_unknown);
}

TEST_CASE("a YAML alias bomb is refused quickly with bounded memory", "[input]") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    const char prev = static_cast<char>(c - 1);
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" +
            prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + "]\n";
  }
  bomb += "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: {Tags: *j}\n";
  const auto start = std::chrono::steady_clock::now();
  const InputError e = one_error("bomb.yaml", bomb);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  CHECK(e.message.find("alias") != std::string::npos);
}

TEST_CASE(
    "a YAML file with more distinct tags than the tree numbers is an error at the first one past",
    "[input]") {
  std::string many = "Tags:\n";
  for (int i = 0; i < 65535; ++i) many += "  - !T" + std::to_string(i) + " x\n";
  const InputError e = one_error("tags.yaml", many);
  CHECK(e.message == "more than 65534 distinct YAML tags");
  CHECK(e.line == 65536);
}

TEST_CASE("deep nesting is an error, not a stack overflow", "[input]") {
  const InputError yaml = one_error("deep.yaml", "Resources: " + std::string(100000, '[') + "\n");
  CHECK(yaml.message == "YAML nesting is too deep");
  // Where the nesting went too deep (the innermost collection yaml-cpp opened, a few hundred
  // levels in), not where its scanner had read to (the end of the line, column 100,012).
  CHECK(yaml.line == 1);
  CHECK(yaml.column > 100);
  CHECK(yaml.column < 1000);
  std::string block = "Resources:\n";
  for (int i = 1; i <= 3000; ++i)
    block += std::string(static_cast<std::size_t>(2 * i), ' ') + "k:\n";
  const InputError deep_block = one_error("deep-block.yaml", block);
  CHECK(deep_block.message == "YAML nesting is too deep");
  CHECK(deep_block.line > 400);
  CHECK(deep_block.line < 1000);
  CHECK(deep_block.column == 2 * (deep_block.line - 1) + 1);  // at the innermost mapping's key
  const InputError json =
      one_error("deep.json", "{\"Resources\": " + std::string(100000, '[') + "}");
  CHECK(json.message.find("nesting deeper than") != std::string::npos);
  const InputError hcl = one_error(
      "deep/main.tf", "locals {\n  a = " + std::string(300, '[') + std::string(300, ']') + "\n}\n");
  CHECK(hcl.message == "nesting deeper than 200 levels");
  CHECK(hcl.line == 2);
  std::string strings = "locals {\n  a = \"";
  for (int i = 0; i < 100; ++i) strings += "${\"";
  const InputError templates = one_error("templates/main.tf", strings + "\"\n}\n");
  CHECK(templates.message ==
        "strings, heredocs and interpolations nested more than 127 deep: the HCL parser cannot "
        "read this");
  CHECK(templates.line == 2);
  CHECK(templates.column == 7 + 1 + 3 * 63);  // the 64th `${`, the 128th template
}

TEST_CASE("empty and binary and invalid UTF-8 files", "[input]") {
  const InputError empty = one_error("empty.yaml", "");
  CHECK(empty.message == "empty document");
  const InputError binary = one_error("blob.yaml", std::string("\x7f"
                                                               "ELF\0\0\x01\x02",
                                                               8));
  CHECK(binary.message.find("binary") != std::string::npos);
  // Invalid UTF-8 inside a quoted value: the template still lints, the value is kept as bytes.
  LintResult r = lint_files({{"t.yaml",
                              "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      "
                              "RoleName: \"\xff\xfe\"\n"}});
  CHECK(r.errors.size() <= 1);
}

TEST_CASE("a 50 MB template lints or fails clearly, in bounded time", "[input][slow]") {
  std::string big = "Resources:\n";
  big.reserve(52u << 20);
  for (int i = 0; big.size() < (50u << 20); ++i) {
    big += "  Role" + std::to_string(i) +
           ":\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        "
           "Version: "
           "'2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal: "
           "{Service: "
           "lambda.amazonaws.com}\n            Action: sts:AssumeRole\n";
  }
  const auto start = std::chrono::steady_clock::now();
  LintResult r = lint_files({{"big.yaml", std::move(big)}});
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(120));
  CHECK(r.errors.empty());
  CHECK(r.model.roles.size() > 100000);
}

TEST_CASE("the CLI reports unreadable files and lints the rest, exit 2", "[input][cli]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("rolelint-input-" + std::to_string(::getpid()));
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "good.yaml") << kGood;
  std::ofstream(dir / "sub/locked.yaml") << kGood;
  fs::permissions(dir / "sub", fs::perms::none);
  std::ifstream probe(dir / "sub/locked.yaml");
  const bool root_reads_anything = probe.good() || fs::exists(dir / "sub/locked.yaml");
  const std::string command = std::string("'") + rolelint::testing::binary_under_test() + "' -q '" +
                              dir.string() + "' > /dev/null 2>&1";
  const int status = std::system(command.c_str());
  fs::permissions(dir / "sub", fs::perms::owner_all);
  fs::remove_all(dir);
  if (root_reads_anything) {
    WARN(
        "running as root: permissions do not stop reading, the unreadable-directory check is "
        "skipped");
    CHECK(WEXITSTATUS(status) == 1);  // the good file's finding
  } else {
    CHECK(WEXITSTATUS(status) == 2);
  }
}
