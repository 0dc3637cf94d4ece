// The data-driven harness for tests/fixtures/rules/ (STYLE 2.7). One run checks one fixture: a
// file, or a directory linted together (multi-file cases), against the rule named by the
// directory it is in (tests/fixtures/rules/RL101/...). Only that rule runs; every expectation
// must be met by a finding starting on its line (and column, and containing its substring);
// every finding of the rule must be expected. `fires*` files must expect something, `clean*`
// files nothing.
//   rule_fixtures_test --fixture tests/fixtures/rules/RL101/fires.yaml
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "linter/config.hpp"
#include "linter/engine.hpp"
#include "rules/rule.hpp"
#include "tests/fixture_expectations.hpp"

namespace fs = std::filesystem;
using namespace rolelint;

namespace {

bool lintable(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".tf" || ext == ".template";
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The rule directory (tests/fixtures/rules/RLnnn) a fixture belongs to, or empty.
fs::path rule_dir_of(const fs::path& fixture) {
  for (fs::path p = fs::absolute(fixture).lexically_normal();
       p.has_parent_path() && p != p.parent_path(); p = p.parent_path()) {
    const std::string name = p.filename().string();
    if (name.size() == 5 && name.starts_with("RL") && p.parent_path().filename() == "rules")
      return p;
  }
  return {};
}

// The configurations of a fixture's files: the nearest `.rolelint.yaml` between a file's
// directory and its rule directory (never above it), parsed once.
class FixtureConfigs {
 public:
  explicit FixtureConfigs(fs::path rule_dir) : rule_dir_(std::move(rule_dir)) {}

  const Config* of(const fs::path& file, std::vector<std::string>& failures) {
    for (fs::path dir = fs::absolute(file).lexically_normal().parent_path();;
         dir = dir.parent_path()) {
      const fs::path candidate = dir / ".rolelint.yaml";
      if (fs::is_regular_file(candidate)) return parsed(candidate, failures);
      if (dir == rule_dir_ || !dir.has_parent_path() || dir == dir.parent_path()) return nullptr;
    }
  }

 private:
  const Config* parsed(const fs::path& path, std::vector<std::string>& failures) {
    const auto it = configs_.find(path);
    if (it != configs_.end()) return it->second ? &*it->second : nullptr;
    auto config = parse_config(read_text(path), path.generic_string(),
                               [](std::string_view id) { return rules::find_rule(id) != nullptr; });
    if (!config.ok()) failures.push_back(path.generic_string() + ": " + config.error().message);
    auto& slot = configs_[path];
    if (config.ok()) slot = std::move(config.value());
    return slot ? &*slot : nullptr;
  }

  fs::path rule_dir_;
  std::map<fs::path, std::optional<Config>> configs_;
};

struct FixtureFile {
  std::string path;
  testing::ParsedFixture parsed;
};

int run(const fs::path& fixture) {
  const fs::path rule_dir = rule_dir_of(fixture);
  const std::string id = rule_dir.filename().string();
  const rules::Rule* rule = rules::find_rule(id);
  std::vector<std::string> failures;
  if (!rule) {
    std::cout << fixture.generic_string() << ": no rule '" << id
              << "' for this fixture\n0 passed, 1 failed\n";
    return 1;
  }
  std::vector<fs::path> paths;
  if (fs::is_directory(fixture)) {
    for (const auto& e : fs::recursive_directory_iterator(fixture)) {
      const bool config = e.path().filename() == ".rolelint.yaml";  // read by FixtureConfigs
      if (e.is_regular_file() && lintable(e.path()) && !config) paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
  } else {
    paths.push_back(fixture);
  }

  std::vector<FixtureFile> files;
  std::vector<LintInput> inputs;
  FixtureConfigs configs(rule_dir);
  for (const fs::path& p : paths) {
    const std::string ext = p.extension().string();
    FixtureFile f{p.generic_string(),
                  testing::parse_fixture(read_text(p), ext == ".json", ext == ".tf")};
    for (const std::string& problem : f.parsed.problems)
      failures.push_back(f.path + ": " + problem);
    const std::string name = p.filename().string();
    if (!fs::is_directory(fixture) && name.starts_with("fires") && f.parsed.expectations.empty()) {
      failures.push_back(f.path + ": a fires fixture must expect at least one finding");
    }
    if (name.starts_with("clean") && !f.parsed.expectations.empty()) {
      failures.push_back(f.path + ": a clean fixture must not expect findings");
    }
    for (const testing::Expectation& e : f.parsed.expectations) {
      if (e.rule_id != id) {
        failures.push_back(f.path + ":" + std::to_string(e.written_on) + ": expectation of " +
                           e.rule_id + " in a fixture of " + id);
      }
    }
    LintInput input{SourceFile{f.path, f.parsed.text}, true};
    input.config = configs.of(p, failures);
    inputs.push_back(std::move(input));
    files.push_back(std::move(f));
  }
  if (fs::is_directory(fixture)) {
    std::size_t expected = 0;
    for (const FixtureFile& f : files) expected += f.parsed.expectations.size();
    const bool fires = fixture.filename().string().find("fires") != std::string::npos;
    if (fires && expected == 0)
      failures.push_back(fixture.generic_string() + ": a fires case must expect a finding");
  }

  const std::vector<const rules::Rule*> selected = rules::rules_needed_by(*rule);
  LintOptions options;
  options.rules = selected;
  LintResult result = lint(std::move(inputs), options);
  std::erase_if(result.findings, [&](const Finding& f) { return f.rule_id != rule->id; });
  for (const InputError& e : result.errors) {
    failures.push_back(e.file + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) +
                       ": input error: " + e.message);
  }
  // A fixture the engine did not lint (not recognised as a template) cannot pass by silence. In
  // a multi-file case a .json file may be data another file reads (Terraform's file()).
  for (std::size_t i = 0; i < result.linted.size(); ++i) {
    const std::string ext = fs::path(result.files[i].path).extension().string();
    if (!result.linted[i].is_template && (!fs::is_directory(fixture) || ext != ".json")) {
      failures.push_back(result.files[i].path + ": not linted (not recognised as a template)");
    }
  }

  std::vector<bool> used(result.findings.size(), false);
  for (std::size_t fi = 0; fi < files.size(); ++fi) {
    for (const testing::Expectation& e : files[fi].parsed.expectations) {
      bool met = false;
      for (std::size_t k = 0; k < result.findings.size() && !met; ++k) {
        const Finding& f = result.findings[k];
        if (used[k] || result.files[f.span.file].path != files[fi].path) continue;
        const ResolvedSpan at = resolve(result, f.span);
        if (at.begin.line != e.line || (e.column && at.begin.column != e.column)) continue;
        if (!e.substring.empty() && f.message.find(e.substring) == std::string::npos) continue;
        used[k] = met = true;
      }
      if (!met) {
        std::string what =
            files[fi].path + ":" + std::to_string(e.line) + ": expected " + e.rule_id;
        if (e.column) what += " at column " + std::to_string(e.column);
        if (!e.substring.empty()) what += " with \"" + e.substring + "\"";
        failures.push_back(what + ", got none matching");
      }
    }
  }
  for (std::size_t k = 0; k < result.findings.size(); ++k) {
    if (used[k]) continue;
    const Finding& f = result.findings[k];
    const ResolvedSpan at = resolve(result, f.span);
    failures.push_back(result.files[f.span.file].path + ":" + std::to_string(at.begin.line) + ":" +
                       std::to_string(at.begin.column) + ": unexpected " + std::string(f.rule_id) +
                       ": " + f.message);
  }
  for (const std::string& failure : failures) std::cout << failure << '\n';
  std::size_t expectations = 0;
  for (const FixtureFile& f : files) expectations += f.parsed.expectations.size();
  std::cout << fixture.generic_string() << ": " << expectations << " expectations, "
            << result.findings.size() << " findings\n"
            << (failures.empty() ? "1 passed, 0 failed" : "0 passed, 1 failed") << '\n';
  return failures.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || std::string(argv[1]) != "--fixture") {
    std::cerr << "usage: rule_fixtures_test --fixture PATH\n";
    return 2;
  }
  return run(argv[2]);
}
