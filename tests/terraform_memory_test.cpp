// tree-sitter's own allocator aborts the process when malloc fails: one hostile Terraform file
// under a memory limit ended the whole run. Its allocations are counted per parse, and a parse
// past the file's budget (ts_budget.hpp) is an input error for that file alone.
#include <catch2/catch.hpp>

#include <string>

#include "parsers/terraform/ts_budget.hpp"
#include "tests/cli_run.hpp"
#include "tests/input_helpers.hpp"
#include "tests/limited_run.hpp"

using rolelint::testing::Limits;
using rolelint::testing::run_limited;
using rolelint::testing::TempDir;
using rolelint::testing::write_file;

TEST_CASE("a Terraform file past the parser's memory budget is an input error; the others are linted", "[input][memory][terraform]") {
  TempDir tmp;
  // One list of a million numbers on one line: the file cannot be parsed in pieces, and
  // tree-sitter holds some 200 bytes per byte of it (about 600 MiB).
  std::string bomb = "locals {\n  x = [1";
  while (bomb.size() < (3u << 20)) bomb += ", 1";
  bomb += "]\n}\n";
  write_file(tmp.path / "bomb" / "main.tf", bomb);
  write_file(tmp.path / "good" / "main.tf",
             "resource \"aws_iam_role\" \"r\" {\n  name = \"" + std::string(70, 'a') + "\"\n  assume_role_policy = \"{}\"\n}\n");
  write_file(tmp.path / "tiny" / "main.tf", "locals {}\n");
  const auto baseline = run_limited({"tiny"}, Limits{}, tmp.path.string());
  REQUIRE(baseline.ok());
  // The budget counts the blocks tree-sitter holds; resident memory also keeps the blocks a
  // growing array was copied out of, and the parse runs on until its next progress check: twice
  // the budget.
  const std::uint64_t limit = baseline.peak_rss + 2 * rolelint::tf::parse_memory_budget(bomb.size());
  const auto r = run_limited({"-q", "--select", "RL301", "-j1", "bomb", "good"}, Limits{limit, 60}, tmp.path.string());
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 2);
  CHECK(r.err.find("bomb/main.tf:2:") != std::string::npos);
  CHECK(r.err.find("the HCL parser needs more than 94 MiB for this file (10 times its size plus 64 MiB)") !=
        std::string::npos);
  CHECK(r.out.find("good/main.tf:2:10: error: role name") != std::string::npos);
}
