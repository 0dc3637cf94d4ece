// lint() with a cache of units (LintOptions::cache, linter/engine/unit_cache.hpp): the result is
// the same as without one, and only the units whose files changed are read again.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "linter/engine.hpp"
#include "rules/rule.hpp"

using namespace rolelint;
namespace fs = std::filesystem;

namespace {

std::vector<LintInput> fixture_inputs() {
  std::vector<fs::path> paths;
  for (const auto& e :
       fs::recursive_directory_iterator(fs::path(ROLELINT_SOURCE_DIR) / "tests/fixtures/rules")) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".yaml" || ext == ".json" || ext == ".tf"))
      paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<LintInput> inputs;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    inputs.push_back(
        {SourceFile{p.generic_string(), {std::istreambuf_iterator<char>(in), {}}}, true});
  }
  return inputs;
}

std::vector<std::string> describe(const LintResult& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) {
    const ResolvedSpan at = resolve(r, f.span);
    out.push_back(r.files[f.span.file].path + ":" + std::to_string(at.begin.line) + ":" +
                  std::to_string(at.begin.column) + ":" + std::string(f.rule_id) + ":" + f.message);
  }
  for (const InputError& e : r.errors)
    out.push_back(e.file + ":" + std::to_string(e.line) + ":" + e.message);
  for (const Suppression& s : r.suppressions)
    out.push_back("ignore:" + std::to_string(s.line) + ":" + (s.used ? "used" : "unused"));
  for (const LintedFile& f : r.linted)
    out.push_back(std::to_string(f.id) + (f.is_template ? ":template" : ":other"));
  return out;
}

struct Run {
  LintResult result;
  std::vector<std::string> read;  // the first path of each unit read, in no particular order
};

Run lint_with(std::vector<LintInput> inputs, UnitCache* cache) {
  Run run;
  LintOptions options;
  options.rules = rules::all_rules();
  options.cache = cache;
  options.on_task = [&run](std::string_view path) { run.read.emplace_back(path); };
  run.result = lint(std::move(inputs), options);
  return run;
}

}  // namespace

TEST_CASE("a lint with a cache gives what one without gives, and reads nothing unchanged again",
          "[engine][cache]") {
  const Run plain = lint_with(fixture_inputs(), nullptr);
  REQUIRE(plain.result.findings.size() > 100);
  REQUIRE(
      !plain.result.errors.empty());  // the fixtures' broken inputs: their errors are cached too

  UnitCache cache;
  const Run first = lint_with(fixture_inputs(), &cache);
  CHECK(describe(first.result) == describe(plain.result));
  CHECK(first.read.size() == plain.read.size());
  // Every unit is kept but the Terraform modules whose file() read another file.
  CHECK(cache.size() > plain.read.size() / 2);
  CHECK(cache.size() < plain.read.size());

  const Run second = lint_with(fixture_inputs(), &cache);
  CHECK(describe(second.result) == describe(plain.result));
  CHECK(second.read.size() == plain.read.size() - cache.size());
}

TEST_CASE("after an edit only the edited unit is read again", "[engine][cache]") {
  UnitCache cache;
  lint_with(fixture_inputs(), &cache);
  const std::size_t kept = cache.size();

  std::vector<LintInput> edited = fixture_inputs();
  auto it = std::find_if(edited.begin(), edited.end(), [](const LintInput& in) {
    return in.file.path.ends_with("RL101/clean.yaml");
  });
  REQUIRE(it != edited.end());
  it->file.text += "\n# an edit\n";
  const std::string edited_path = it->file.path;
  std::vector<LintInput> again = edited;
  const Run cached = lint_with(std::move(edited), &cache);
  const Run plain = lint_with(std::move(again), nullptr);
  CHECK(describe(cached.result) == describe(plain.result));
  CHECK(cache.size() == kept);  // the edited unit's entry replaced, not added
  std::vector<std::string> read = cached.read;
  std::erase_if(read,
                [](const std::string& p) { return p.ends_with(".tf"); });  // modules with file()
  CHECK(read == std::vector<std::string>{edited_path});
}

TEST_CASE("a unit is read again when its file's id or flags differ", "[engine][cache]") {
  const std::string text =
      "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      "
      "AssumeRolePolicyDocument: {}\n";
  UnitCache cache;
  auto one = [&](std::vector<LintInput> inputs) {
    return lint_with(std::move(inputs), &cache).read.size();
  };
  CHECK(one({{SourceFile{"a.yaml", text}, true}}) == 1);
  CHECK(one({{SourceFile{"a.yaml", text}, true}}) == 0);
  CHECK(one({{SourceFile{"a.yaml", text}, false}}) == 1);  // flags
  CHECK(one({{SourceFile{"b.yaml", "{}"}, true}, {SourceFile{"a.yaml", text}, false}}) ==
        2);                                                      // ids
  CHECK(one({{SourceFile{"a.yaml", text + " "}, false}}) == 1);  // content
}

TEST_CASE("each file's kind is its front end's", "[engine][front-end]") {
  CHECK(source_kind("a/b.YAML", "") == SourceKind::CfnYaml);
  CHECK(source_kind("b.json", "") == SourceKind::CfnJson);
  CHECK(source_kind("b.template", " {") == SourceKind::CfnJson);
  CHECK(source_kind("b.template", "A: 1") == SourceKind::CfnYaml);
  CHECK(source_kind("main.tf", "") == SourceKind::Terraform);
  CHECK(source_kind("main.TF", "") == SourceKind::Unknown);
  CHECK(source_kind("README.md", "") == SourceKind::Unknown);
  REQUIRE(front_end_of(SourceKind::CfnJson) != nullptr);
  CHECK(front_end_of(SourceKind::CfnJson) == front_end_of(SourceKind::CfnYaml));
  CHECK(front_end_of(SourceKind::Terraform) != front_end_of(SourceKind::CfnYaml));
  CHECK(front_end_of(SourceKind::Unknown) == nullptr);
  // A rule's formats are sets of the same kinds.
  CHECK(contains(rules::kCfnYaml | rules::kTerraform, SourceKind::Terraform));
  CHECK(!contains(rules::kCfnYaml | rules::kTerraform, SourceKind::CfnJson));
}
