// One finding per problem: every rule fixture, linted with every model rule, puts at most one
// finding on any element (file:line:column), except for the pairs of rules listed here, whose
// docs say why both speak about the same element.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "linter/engine.hpp"
#include "rules/rule.hpp"
#include "tests/fixture_expectations.hpp"

namespace fs = std::filesystem;
using namespace rolelint;

namespace {

// Pairs of rules that may both report the same element, each with the reason (the rules' docs
// say it too).
const std::map<std::pair<std::string, std::string>, std::string> kAllowed = {
    {{"RL201", "RL202"},
     "one Resource entry, different actions: role assumption is RL201's, RL202 leaves it out"},
    {{"RL201", "RL204"}, "one Resource entry, different actions: sts:AssumeRole and iam:PassRole"},
    {{"RL202", "RL204"},
     "one Resource entry, different actions: iam:PassRole is RL204's, RL202 leaves it out"},
    {{"RL208", "RL501"},
     "a duplicated key (RL501) holding a policy without Version (RL208, off by default)"},
};

bool lintable(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".tf";
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The fixtures of tests/fixtures/rules/: each file directly in a rule's directory, and each
// directory below it (a multi-file case), as the lists of files linted together.
std::vector<std::vector<fs::path>> fixture_cases() {
  std::vector<std::vector<fs::path>> cases;
  for (const auto& rule_dir : fs::directory_iterator("tests/fixtures/rules")) {
    for (const auto& entry : fs::directory_iterator(rule_dir.path())) {
      if (entry.is_regular_file() && lintable(entry.path())) {
        cases.push_back({entry.path()});
      } else if (entry.is_directory()) {
        std::vector<fs::path> files;
        for (const auto& e : fs::recursive_directory_iterator(entry.path())) {
          if (e.is_regular_file() && lintable(e.path()) && e.path().filename() != ".rolelint.yaml")
            files.push_back(e.path());
        }
        cases.push_back(std::move(files));
      }
    }
  }
  return cases;
}

}  // namespace

TEST_CASE("no element of any rule fixture carries two findings", "[rules][fixtures]") {
  std::vector<const rules::Rule*> model_rules;
  for (const rules::Rule* r : rules::all_rules()) {
    if (r->check) model_rules.push_back(r);
  }
  const auto cases = fixture_cases();
  REQUIRE(cases.size() > 100);
  std::size_t linted = 0;
  for (const std::vector<fs::path>& files : cases) {
    std::vector<LintInput> inputs;
    for (const fs::path& p : files) {
      const std::string ext = p.extension().string();
      inputs.push_back(
          {SourceFile{p.generic_string(),
                      testing::parse_fixture(read_text(p), ext == ".json", ext == ".tf").text},
           true});
    }
    LintOptions options;
    options.rules = model_rules;
    const LintResult result = lint(std::move(inputs), options);
    std::map<std::string, std::set<std::string>> at;  // "file:line:column" -> rule ids
    for (const Finding& f : result.findings) {
      const ResolvedSpan where = resolve(result, f.span);
      at[result.files[f.span.file].path + ":" + std::to_string(where.begin.line) + ":" +
         std::to_string(where.begin.column)]
          .insert(std::string(f.rule_id));
    }
    for (const auto& [where, ids] : at) {
      for (auto a = ids.begin(); a != ids.end(); ++a) {
        for (auto b = std::next(a); b != ids.end(); ++b) {
          CAPTURE(where, *a, *b);
          CHECK(kAllowed.count({*a, *b}) == 1);
        }
      }
    }
    ++linted;
  }
  CHECK(linted == cases.size());
}

TEST_CASE("a subsumed finding is dropped only when the rule subsuming it ran and reported",
          "[rules][subsumes]") {
  const fs::path path = "tests/fixtures/rules/RL201/clean-admin.yaml";
  auto ids = [&](std::vector<const rules::Rule*> selected) {
    LintOptions options;
    options.rules = std::move(selected);
    const LintResult result =
        lint({{SourceFile{path.generic_string(), read_text(path)}, true}}, options);
    std::vector<std::string> out;
    for (const Finding& f : result.findings) out.emplace_back(f.rule_id);
    std::sort(out.begin(), out.end());
    return out;
  };
  const rules::Rule* rl201 = rules::find_rule("RL201");
  const rules::Rule* rl202 = rules::find_rule("RL202");
  const rules::Rule* rl203 = rules::find_rule("RL203");
  const rules::Rule* rl204 = rules::find_rule("RL204");
  CHECK(ids({rl201, rl202, rl204}) == std::vector<std::string>{"RL201", "RL202", "RL204"});
  CHECK(ids({rl201, rl202, rl203, rl204}) == std::vector<std::string>{"RL203"});
  // In any order of the rules.
  CHECK(ids({rl203, rl201}) == std::vector<std::string>{"RL203"});
}
