// Parallel work within limits: threads that cannot start leave their work to the others,
// concurrent work stays within a memory budget, and one unit that runs out of memory is an
// input error for its file while every other file is still reported.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <string>
#include <vector>

#include "linter/engine.hpp"
#include "rules/rule.hpp"
#include "tests/cli_run.hpp"
#include "tests/input_helpers.hpp"
#include "tests/limited_run.hpp"

namespace fs = std::filesystem;
using rolelint::testing::LimitedRun;
using rolelint::testing::Limits;
using rolelint::testing::long_role_name_yaml;
using rolelint::testing::run_limited;
using rolelint::testing::TempDir;
using rolelint::testing::write_file;
using namespace rolelint;

namespace {

// A Terraform module of one `locals` block of about `bytes`: it cannot be parsed in pieces, so
// its peak memory is a large multiple of its size.
std::string locals_block(std::size_t bytes) {
  std::string out = "locals {\n";
  for (int i = 0; out.size() < bytes; ++i) {
    out += "  v" + std::to_string(i) + " = [\"arn:aws:s3:::bucket-" + std::to_string(i) +
           "/*\", { a = \"b\" }]\n";
  }
  return out + "}\n";
}

}  // namespace

TEST_CASE("threads that cannot start leave their work to the others", "[jobs]") {
  TempDir tmp;
  for (int i = 0; i < 200; ++i) {
    write_file(tmp.path / "t" / ("t" + std::to_string(1000 + i) + ".yaml"),
               long_role_name_yaml(std::to_string(i)));
  }
  const LimitedRun one = run_limited({"-q", "--select", "RL301", "-j1", "t"},
                                     Limits{256ull << 20, 30}, tmp.path.string());
  REQUIRE(one.status == 1);
  // Under an address-space limit of a few hundred MiB, 200 thread stacks cannot all be mapped.
  const LimitedRun many = run_limited({"-q", "--select", "RL301", "--jobs", "9999", "t"},
                                      Limits{64ull << 20, 30}, tmp.path.string());
  INFO(many.describe());
  CHECK(many.ok());
  CHECK(many.status == 1);
  CHECK(many.out == one.out);
}

TEST_CASE("concurrent work stays within ROLELINT_MEMORY_BUDGET", "[jobs][memory]") {
  TempDir tmp;
  for (int i = 0; i < 4; ++i)
    write_file(tmp.path / ("m" + std::to_string(i)) / "main.tf", locals_block(300000));
  const std::vector<std::string> args{"-q", "-j4", "m0", "m1", "m2", "m3"};
  ::setenv("ROLELINT_MEMORY_BUDGET", "99999999999999", 1);
  const LimitedRun together = run_limited(args, Limits{2048ull << 20, 120}, tmp.path.string());
  ::setenv("ROLELINT_MEMORY_BUDGET", "1", 1);  // every module alone
  const LimitedRun alone = run_limited(args, Limits{2048ull << 20, 120}, tmp.path.string());
  ::unsetenv("ROLELINT_MEMORY_BUDGET");
  INFO("together: " << together.describe() << "\nalone: " << alone.describe());
  CHECK(together.ok());
  CHECK(alone.ok());
  CHECK(alone.out == together.out);
  // ASan's allocator keeps freed memory in quarantine: resident memory does not show the budget.
  if (!rolelint::testing::kUnderSanitizer)
    CHECK(alone.peak_rss * 3 < together.peak_rss * 2);  // measured: 60 vs 206 MB
}

TEST_CASE("a unit that runs out of memory is an input error for its file, the others are reported",
          "[jobs][memory]") {
  const std::string tf = "resource \"aws_iam_role\" \"r\" {\n  name = \"" + std::string(70, 'a') +
                         "\"\n  assume_role_policy = \"{}\"\n}\n";
  for (const char* bomb : {"bomb.yaml", "mod/bomb.tf"}) {
    std::vector<LintInput> inputs;
    inputs.push_back({SourceFile{"good.yaml", long_role_name_yaml("1")}, true});
    inputs.push_back(
        {SourceFile{bomb, std::string(bomb).ends_with(".tf") ? tf : long_role_name_yaml("2")},
         true});
    inputs.push_back({SourceFile{"mod2/good.tf", tf}, true});
    LintOptions options;
    options.rules = rules::all_rules();
    options.jobs = 2;
    options.on_task = [bomb](std::string_view first_file) {
      if (first_file == bomb) throw std::bad_alloc();
    };
    const LintResult r = lint(std::move(inputs), options);
    INFO(bomb);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].file == bomb);
    CHECK(r.errors[0].line == 0);
    CHECK(r.errors[0].message == "out of memory while reading this file");
    std::vector<std::string> with_findings;
    for (const Finding& f : r.findings) with_findings.push_back(r.files[f.span.file].path);
    CHECK(std::count(with_findings.begin(), with_findings.end(), "good.yaml") > 0);
    CHECK(std::count(with_findings.begin(), with_findings.end(), "mod2/good.tf") > 0);
    CHECK(std::count(with_findings.begin(), with_findings.end(), bomb) == 0);
  }
}

TEST_CASE("a real allocation failure under a memory limit loses only its own file",
          "[jobs][memory]") {
  if (rolelint::testing::kUnderSanitizer)
    rolelint::testing::skip_test(
        "no address-space limit under the sanitizers: nothing makes the allocation fail");
  TempDir tmp;
  write_file(tmp.path / "good.yaml", long_role_name_yaml("1"));
  // An unclosed flow sequence: the YAML reader needed some 240 bytes per byte of it, far past
  // the limit (a reader that needs less reports a syntax error instead: the file is still named).
  std::string bomb = "Resources: [";
  while (bomb.size() < (8u << 20)) bomb += "a, ";
  write_file(tmp.path / "bomb.yaml", bomb);
  const LimitedRun r = run_limited({"-q", "--select", "RL301", "-j1", "bomb.yaml", "good.yaml"},
                                   Limits{384ull << 20, 120}, tmp.path.string());
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 2);
  CHECK(r.out.find("good.yaml:5:17: error: role name") != std::string::npos);
  CHECK(r.err.find("bomb.yaml") != std::string::npos);
}
