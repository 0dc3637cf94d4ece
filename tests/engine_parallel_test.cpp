// Parsing in parallel (--jobs) must not change a single finding or its order.
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
    if (e.is_regular_file() && (ext == ".yaml" || ext == ".tf")) paths.push_back(e.path());
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
    out.push_back(r.files[f.span.file].path + ":" + std::to_string(f.span.begin) + ":" +
                  std::string(f.rule_id) + ":" + f.message);
  }
  for (const InputError& e : r.errors) out.push_back(e.file + ":" + e.message);
  return out;
}

}  // namespace

TEST_CASE("linting with 1, 2 and 8 jobs gives the same findings in the same order", "[engine]") {
  std::vector<std::vector<std::string>> runs;
  for (unsigned jobs : {1u, 2u, 8u}) {
    LintOptions options;
    options.rules = rules::all_rules();
    options.jobs = jobs;
    LintResult result = lint(fixture_inputs(), options);
    runs.push_back(describe(result));
    CHECK(result.model.roles.size() > 100);
  }
  REQUIRE(runs[0].size() > 100);
  CHECK(runs[1] == runs[0]);
  CHECK(runs[2] == runs[0]);
}
