// tree-sitter's own allocator aborts the process when malloc fails: one hostile Terraform file
// under a memory limit ended the whole run. Its allocations are counted per parse, and a parse
// past the file's budget (ts_budget.hpp) is an input error for that file alone.
#include <catch2/catch.hpp>
#include <string>

#include "parsers/terraform/hcl.hpp"
#include "parsers/terraform/ts_budget.hpp"
#include "tests/cli_run.hpp"
#include "tests/input_helpers.hpp"
#include "tests/limited_run.hpp"

using rolelint::testing::Limits;
using rolelint::testing::run_limited;
using rolelint::testing::TempDir;
using rolelint::testing::write_file;

namespace {

// Three modules in `tmp`: bomb (returned), good (a role name too long, RL301) and tiny. The bomb is
// one list of a million numbers on one line: the file cannot be parsed in pieces, and tree-sitter
// holds some 200 bytes per byte of it (about 600 MiB).
std::string write_modules(const TempDir& tmp) {
  std::string bomb = "locals {\n  x = [1";
  while (bomb.size() < (3u << 20)) bomb += ", 1";
  bomb += "]\n}\n";
  write_file(tmp.path / "bomb" / "main.tf", bomb);
  write_file(tmp.path / "good" / "main.tf", "resource \"aws_iam_role\" \"r\" {\n  name = \"" +
                                                std::string(70, 'a') +
                                                "\"\n  assume_role_policy = \"{}\"\n}\n");
  write_file(tmp.path / "tiny" / "main.tf", "locals {}\n");
  return bomb;
}

}  // namespace

TEST_CASE(
    "a Terraform file past the parser's memory budget is an input error, the others are linted",
    "[input][memory][terraform]") {
  TempDir tmp;
  const std::string bomb = write_modules(tmp);
  const auto baseline = run_limited({"tiny"}, Limits{}, tmp.path.string());
  REQUIRE(baseline.ok());
  // The budget counts the blocks tree-sitter holds; resident memory also keeps the blocks a
  // growing array was copied out of, and the parse runs on until its next progress check: twice
  // the budget.
  const std::uint64_t limit =
      baseline.peak_rss + 2 * rolelint::tf::parse_memory_budget(bomb.size());
  const auto r = run_limited({"-q", "--select", "RL301", "-j1", "bomb", "good"}, Limits{limit, 60},
                             tmp.path.string());
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 2);
  CHECK(r.err.find("bomb/main.tf:2:") != std::string::npos);
  CHECK(
      r.err.find(
          "the HCL parser needs more than 94 MiB for this file (10 times its size plus 64 MiB)") !=
      std::string::npos);
  CHECK(r.out.find("good/main.tf:2:10: error: role name") != std::string::npos);
}

TEST_CASE(
    "a Terraform file whose parse runs out of memory is an input error, the others are linted",
    "[input][memory][terraform]") {
  // malloc failing under tree-sitter (here: an address-space limit far below the file's budget)
  // aborted the whole run; its allocations now come from a reserve until the parse stops.
  if (rolelint::testing::kUnderSanitizer) return;  // no RLIMIT_AS beside ASan's shadow memory
  TempDir tmp;
  write_modules(tmp);
  // The least address space, in steps of 8 MiB, that lints a tiny module; the bomb then has
  // 40 MiB more: less than its budget (94 MiB), far less than what tree-sitter would hold.
  std::uint64_t space = 32ull << 20;
  for (; space < (4ull << 30); space += 8ull << 20) {
    if (run_limited({"-j1", "tiny", "good"}, Limits{.address_space = space}, tmp.path.string())
            .status == 1)
      break;
  }
  const auto r =
      run_limited({"-q", "--select", "RL301", "-j1", "bomb", "good"},
                  Limits{.seconds = 60, .address_space = space + (40ull << 20)}, tmp.path.string());
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 2);
  CHECK(r.err.find("bomb/main.tf:2:") != std::string::npos);
  CHECK(r.err.find("out of memory while the HCL parser read this file: not parsed") !=
        std::string::npos);
  CHECK(r.out.find("good/main.tf:2:10: error: role name") != std::string::npos);
}

TEST_CASE("the HCL scanner's memory counts against the parser's budget",
          "[input][memory][terraform]") {
  // tree-sitter-hcl's external scanner holds a heredoc's identifier while the heredoc is read. It
  // allocated with malloc itself: uncounted, and a failed allocation aborted the run. Counted, a
  // 2 MiB identifier passes a 1 MiB budget, and the parse stops at its next progress check (the
  // blocks after it keep the parser busy past one): an input error naming the budget.
  const std::string id(2u << 20, 'E');
  std::string text = "locals {\n  x = <<" + id + "\n  body\n" + id + "\n}\n";
  for (int i = 0; i < 200; ++i) text += "locals {\n  a = 1\n}\n";
  const auto over = rolelint::tf::parse(text, 0, {.memory_budget = 1u << 20});
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().message.find("the HCL parser needs more than 1 MiB for this file") == 0);
  // Within the budget of its size the file is read to its end: tree-sitter-hcl keeps no heredoc
  // identifier over 127 bytes between tokens, so this one is a syntax error.
  const auto within = rolelint::tf::parse(text, 0);
  REQUIRE_FALSE(within.ok());
  CHECK(within.error().message.find("syntax error") != std::string::npos);
}

TEST_CASE("a module of many roles is linted in memory proportional to its size",
          "[input][memory][terraform]") {
  // Measured here with 4 MB (about 16,000 roles with a jsonencode trust policy): 9.8 times the
  // input, from 10.9 before a role's rare values were boxed (docs/performance.md).
  TempDir tmp;
  std::string text;
  for (int i = 0; text.size() < (4u << 20); ++i) {
    const std::string n = std::to_string(i);
    text += "resource \"aws_iam_role\" \"r" + n + "\" {\n  name = \"role-" + n +
            "\"\n  assume_role_policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement "
            "= [{\n"
            "      Effect = \"Allow\"\n      Principal = { Service = \"ec2.amazonaws.com\" }\n"
            "      Action = \"sts:AssumeRole\"\n    }]\n  })\n}\n";
  }
  write_file(tmp.path / "roles" / "main.tf", text);
  write_file(tmp.path / "tiny" / "main.tf", "locals {}\n");
  write_file(tmp.path / "roles" / "long.tf", "resource \"aws_iam_role\" \"long\" {\n  name = \"" +
                                                 std::string(70, 'a') +
                                                 "\"\n  assume_role_policy = \"{}\"\n}\n");
  const auto baseline = run_limited({"tiny"}, Limits{}, tmp.path.string());
  REQUIRE(baseline.ok());
  // Under ASan its shadow and redzones, not the linter, decide the peak: a backstop of 1 GiB, as
  // the YAML memory tests have.
  const std::uint64_t limit =
      rolelint::testing::kUnderSanitizer
          ? (1ull << 30)
          : baseline.peak_rss + static_cast<std::uint64_t>(10 * static_cast<double>(text.size()));
  const auto r = run_limited({"-q", "--select", "RL301", "-j1", "roles"}, Limits{limit, 120},
                             tmp.path.string());
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 1);
  CHECK(r.out.find("roles/long.tf:2:10: error: role name") != std::string::npos);
  WARN("Terraform: " << (static_cast<double>(r.peak_rss - baseline.peak_rss) /
                         static_cast<double>(text.size()))
                     << " times the input");
}
