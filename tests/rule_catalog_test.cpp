// Meta-tests over the rule registry (STYLE 2.10): the conventions every rule follows, its
// fixtures, its documentation's examples, and docs/rules/ in sync with the code.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "linter/config.hpp"
#include "linter/docs.hpp"
#include "linter/engine.hpp"
#include "rules/rule.hpp"
#include "tests/fixture_expectations.hpp"

using namespace rolelint;
namespace fs = std::filesystem;

namespace {

const fs::path kRoot = ROLELINT_SOURCE_DIR;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The first fenced code block after a heading, with its language.
std::pair<std::string, std::string> example_after(std::string_view doc, std::string_view heading) {
  const auto at = doc.find(heading);
  if (at == std::string_view::npos) return {};
  const auto open = doc.find("```", at);
  const auto newline = doc.find('\n', open);
  const auto close = doc.find("\n```", newline);
  if (open == std::string_view::npos || newline == std::string_view::npos ||
      close == std::string_view::npos)
    return {};
  return {std::string(doc.substr(open + 3, newline - open - 3)),
          std::string(doc.substr(newline + 1, close - newline))};
}

// The configuration a rule's examples are linted with: its doc's `## Configuration` block.
std::optional<Config> example_config(const rules::Rule& rule) {
  const auto [language, text] = example_after(rule.doc, "## Configuration");
  if (text.empty()) return std::nullopt;
  auto config = parse_config(text, ".rolelint.yaml",
                             [](std::string_view id) { return rules::find_rule(id) != nullptr; });
  INFO(rule.id << " configuration: " << (config.ok() ? "" : config.error().message));
  REQUIRE(config.ok());
  return std::move(config.value());
}

std::size_t findings_of(const rules::Rule& rule, const std::string& language,
                        const std::string& code) {
  const std::string name = language == "hcl"    ? "main.tf"
                           : language == "json" ? "example.json"
                                                : "example.yaml";
  const std::optional<Config> config = example_config(rule);
  // A cross-file example is several files, each after a `# file: PATH` line.
  std::vector<LintInput> inputs;
  std::istringstream lines(code);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("# file: ")) {
      inputs.push_back({SourceFile{line.substr(8), {}}, true, config ? &*config : nullptr});
    } else {
      if (inputs.empty())
        inputs.push_back({SourceFile{name, {}}, true, config ? &*config : nullptr});
      inputs.back().file.text += line + "\n";
    }
  }
  const std::vector<const rules::Rule*> selected = rules::rules_needed_by(rule);
  LintOptions options;
  options.rules = selected;
  LintResult r = lint(std::move(inputs), options);
  INFO(rule.id << " example errors: " << r.errors.size());
  CHECK(r.errors.empty());
  return std::count_if(r.findings.begin(), r.findings.end(),
                       [&](const Finding& f) { return f.rule_id == rule.id; });
}

}  // namespace

TEST_CASE("rule ids and names follow the conventions and are sorted", "[catalog]") {
  const std::regex id("RL[1-9][0-9][0-9]");
  const std::regex name("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  std::set<std::string_view> names;
  std::string_view previous;
  for (const rules::Rule* r : rules::all_rules()) {
    INFO(r->id);
    CHECK(std::regex_match(std::string(r->id), id));
    CHECK(std::regex_match(std::string(r->name), name));
    CHECK_FALSE(r->name.starts_with("no-"));
    CHECK(names.insert(r->name).second);
    CHECK(previous < r->id);
    previous = r->id;
  }
}

TEST_CASE("every rule has a summary, a fix and a doc with the fixed headings", "[catalog]") {
  for (const rules::Rule* r : rules::all_rules()) {
    INFO(r->id);
    CHECK_FALSE(r->summary.empty());
    CHECK_FALSE(r->summary.ends_with('.'));
    CHECK_FALSE(r->fix.empty());
    CHECK((r->check != nullptr) !=
          (r->check_suppressions != nullptr));  // a model or a suppression rule
    for (std::string_view heading : {"## What it does", "## Why is this bad?", "## Example",
                                     "## Use instead", "## References"}) {
      INFO(heading);
      CHECK(r->doc.find(heading) != std::string_view::npos);
    }
  }
}

TEST_CASE("every rule has its source file and fixtures for each format it declares", "[catalog]") {
  std::set<std::string> ids;
  for (const rules::Rule* r : rules::all_rules()) {
    INFO(r->id);
    ids.insert(std::string(r->id));
    std::string lower(r->id);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(r->source == "rules/" + lower + "_" + [&] {
      std::string n(r->name);
      std::replace(n.begin(), n.end(), '-', '_');
      return n;
    }() + ".cpp");
    CHECK(fs::is_regular_file(kRoot / r->source));
    const fs::path dir = kRoot / "tests/fixtures/rules" / std::string(r->id);
    REQUIRE(fs::is_directory(dir));
    for (auto [bit, ext] : {std::pair{rules::kCfnYaml, ".yaml"},
                            {rules::kCfnJson, ".json"},
                            {rules::kTerraform, ".tf"}}) {
      if (!(r->formats & bit)) continue;
      INFO(ext);
      // fires*.EXT and clean*.EXT, as files or in multi-file case directories
      bool fires = false, clean = false;
      for (const auto& e : fs::recursive_directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (e.path().extension() != ext) continue;
        const std::string top = fs::relative(e.path(), dir).begin()->string();
        fires = fires || name.starts_with("fires") || top.find("fires") != std::string::npos;
        clean = clean || name.starts_with("clean") || top.find("clean") != std::string::npos;
      }
      CHECK(fires);
      CHECK(clean);
    }
  }
  for (const auto& e : fs::directory_iterator(kRoot / "tests/fixtures/rules")) {
    INFO(e.path().filename());
    CHECK(ids.count(e.path().filename().string()) == 1);  // no fixtures without a rule
  }
}

TEST_CASE("every fires fixture expects a finding and every clean fixture none", "[catalog]") {
  std::size_t fires = 0, clean = 0;
  for (const auto& e : fs::recursive_directory_iterator(kRoot / "tests/fixtures/rules")) {
    if (!e.is_regular_file()) continue;
    const std::string ext = e.path().extension().string();
    if (ext != ".yaml" && ext != ".yml" && ext != ".json" && ext != ".tf") continue;
    const fs::path rel = fs::relative(e.path(), kRoot / "tests/fixtures/rules");
    const std::string file = e.path().filename().string();
    // In a multi-file case the directory's name says fires/clean; one file may expect nothing.
    const std::string kind =
        std::distance(rel.begin(), rel.end()) > 2 ? std::next(rel.begin())->string() : file;
    const testing::ParsedFixture parsed =
        testing::parse_fixture(read_text(e.path()), ext == ".json", ext == ".tf");
    INFO(rel.generic_string());
    CHECK(parsed.problems.empty());
    if (kind.starts_with("clean")) {
      ++clean;
      CHECK(parsed.expectations.empty());
    } else if (file.starts_with("fires")) {
      ++fires;
      CHECK_FALSE(parsed.expectations.empty());
    }
  }
  CHECK(fires > 0);
  CHECK(clean > 0);
}

TEST_CASE("each rule's Example fires it and its Use instead does not", "[catalog]") {
  for (const rules::Rule* r : rules::all_rules()) {
    INFO(r->id);
    const auto [example_language, example] = example_after(r->doc, "## Example");
    const auto [fixed_language, fixed] = example_after(r->doc, "## Use instead");
    REQUIRE_FALSE(example.empty());
    REQUIRE_FALSE(fixed.empty());
    CHECK(findings_of(*r, example_language, example) > 0);
    CHECK(findings_of(*r, fixed_language, fixed) == 0);
  }
}

TEST_CASE("rules include nothing but the rule API, the model and the catalog", "[catalog]") {
  const std::regex include("#include [\"<]([^\">]+)[\">]");
  for (const auto& e : fs::directory_iterator(kRoot / "rules")) {
    if (e.path().extension() != ".cpp" || e.path().filename() == "registry.cpp") continue;
    const std::string text = read_text(e.path());
    for (std::sregex_iterator it(text.begin(), text.end(), include), end; it != end; ++it) {
      const std::string header = (*it)[1];
      INFO(e.path().filename() << ": " << header);
      const bool allowed =
          header == "rules/rule.hpp" || header.starts_with("linter/model/") ||
          header.starts_with("linter/base/") || header.starts_with("linter/catalog/") ||
          (header.find('/') == std::string::npos && header.find('.') == std::string::npos);
      CHECK(allowed);
    }
  }
}

TEST_CASE("docs/rules/ is what rolelint --write-docs generates", "[catalog][docs]") {
  const fs::path generated =
      fs::temp_directory_path() / ("rolelint-docs-" + std::to_string(::getpid()));
  REQUIRE(write_docs(generated.string()).empty());
  std::set<std::string> expected;
  for (const auto& e : fs::directory_iterator(generated)) {
    const std::string name = e.path().filename().string();
    expected.insert(name);
    INFO("docs/rules/" << name << " is stale: run build/rolelint --write-docs docs/rules");
    CHECK(read_text(kRoot / "docs/rules" / name) == read_text(e.path()));
  }
  for (const auto& e : fs::directory_iterator(kRoot / "docs/rules")) {
    INFO("docs/rules/" << e.path().filename().string() << " belongs to no rule");
    CHECK(expected.count(e.path().filename().string()) == 1);
  }
  fs::remove_all(generated);
}
