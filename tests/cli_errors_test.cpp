// Bad options and unreadable inputs: a usage or input error that says what happened, exit 2,
// never a crash; size limits on standard input and on the baseline.
#include <catch2/catch.hpp>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "linter/cli/file_read.hpp"
#include "tests/cli_run.hpp"
#include "tests/input_helpers.hpp"
#include "tests/limited_run.hpp"

namespace fs = std::filesystem;
using rolelint::testing::kLongRoleNameYaml;
using rolelint::testing::LimitedRun;
using rolelint::testing::lint_rl301_in;
using rolelint::testing::TempDir;
using rolelint::testing::write_file;

TEST_CASE("the --max-file-size option takes at most 4 GiB - 1", "[cli][limits]") {
  TempDir tmp;
  write_file(tmp.path / "t.yaml", kLongRoleNameYaml);
  for (const char* bad : {"99999999999999999999999", "4294967296", "12x", "-1", ""}) {
    const LimitedRun r = lint_rl301_in(tmp.path, {"--max-file-size", bad, "t.yaml"});
    INFO(bad << ": " << r.describe());
    CHECK(r.status == 2);
    CHECK(r.err.starts_with(
        "rolelint: error: --max-file-size takes a number of bytes up to 4294967295 "
        "(positions in a file are 32-bit)\n"));
  }
  const LimitedRun largest = lint_rl301_in(tmp.path, {"--max-file-size", "4294967295", "t.yaml"});
  CHECK(largest.status == 1);
}

TEST_CASE("standard input obeys --max-file-size", "[cli][limits]") {
  TempDir tmp;
  write_file(tmp.path / "t.yaml", kLongRoleNameYaml);
  const LimitedRun over =
      lint_rl301_in(tmp.path, {"--max-file-size", "100", "-"}, (tmp.path / "t.yaml").string());
  CHECK(over.status == 2);
  CHECK(over.err ==
        "<stdin>: error: file is larger than the limit of 100 bytes (--max-file-size)\n");
  const LimitedRun zero = lint_rl301_in(tmp.path, {"--max-file-size", "1000", "-"}, "/dev/zero");
  INFO(zero.describe());
  CHECK(zero.ok());
  CHECK(zero.status == 2);
  const LimitedRun fits =
      lint_rl301_in(tmp.path, {"--max-file-size", "1000", "-"}, (tmp.path / "t.yaml").string());
  CHECK(fits.status == 1);
}

TEST_CASE("the --baseline file obeys --max-file-size and must be a file", "[cli][limits]") {
  TempDir tmp;
  write_file(tmp.path / "t.yaml", kLongRoleNameYaml);
  const std::string baseline = "{\"version\": 1, \"findings\": []}" + std::string(200, ' ');
  write_file(tmp.path / "baseline.json", baseline);
  const LimitedRun big =
      lint_rl301_in(tmp.path, {"--max-file-size", "150", "--baseline", "baseline.json", "t.yaml"});
  CHECK(big.status == 2);
  CHECK(
      big.err ==
      "rolelint: error: --baseline: cannot read 'baseline.json': file is " +
          std::to_string(baseline.size()) +
          " bytes, larger than the limit of 150 bytes (--max-file-size)\ntry 'rolelint --help'\n");
  const LimitedRun dir = lint_rl301_in(tmp.path, {"--baseline", ".", "t.yaml"});
  INFO(dir.describe());
  CHECK(dir.status == 2);
  CHECK(dir.err ==
        "rolelint: error: --baseline: cannot read '.': is a directory\ntry 'rolelint --help'\n");
}

TEST_CASE("a --config naming a directory says so", "[cli]") {
  TempDir tmp;
  write_file(tmp.path / "t.yaml", kLongRoleNameYaml);
  const LimitedRun r = lint_rl301_in(tmp.path, {"--config", ".", "t.yaml"});
  CHECK(r.status == 2);
  CHECK(r.err == "rolelint: error: --config: '.' is a directory\ntry 'rolelint --help'\n");
  const LimitedRun missing = lint_rl301_in(tmp.path, {"--config", "nope.yaml", "t.yaml"});
  CHECK(missing.status == 2);
  CHECK(missing.err ==
        "rolelint: error: --config: no such file 'nope.yaml'\ntry 'rolelint --help'\n");
}

TEST_CASE("a .rolelint.yaml of comments only, or empty, is an empty configuration",
          "[cli][config]") {
  TempDir tmp;
  write_file(tmp.path / "t.yaml", kLongRoleNameYaml);
  for (const char* text : {"# nothing configured yet\n# see README\n", "", "\n\n"}) {
    write_file(tmp.path / ".rolelint.yaml", text);
    const LimitedRun r = lint_rl301_in(tmp.path, {"t.yaml"});
    INFO(r.describe());
    CHECK(r.status == 1);
    CHECK(r.err.empty());
  }
}

TEST_CASE("every problem of a .rolelint.yaml is reported at once, with did-you-means",
          "[cli][config]") {
  TempDir tmp;
  write_file(tmp.path / "t.yaml", kLongRoleNameYaml);
  // A misspelt rule id, a misspelt key and a bad account id; the valid entries between them are
  // no error.
  write_file(tmp.path / ".rolelint.yaml",
             "rules:\n"
             "  RL3O1: off\n"
             "  RL202: warning\n"
             "exclued: [vendor]\n"
             "accounts: [\"111122223333\", \"1234\"]\n");
  const LimitedRun r = lint_rl301_in(tmp.path, {"t.yaml"});
  INFO(r.describe());
  CHECK(r.status == 2);
  rolelint::testing::check_golden("config-errors.stderr", r.err);
}

TEST_CASE("a closed standard input is an input error", "[cli]") {
  const rolelint::testing::Run r = rolelint::testing::run_rolelint("-q - <&- 2>&1");
  CHECK(r.status == 2);
  CHECK(r.out == "<stdin>: error: cannot read standard input: it is closed\n");
}

TEST_CASE("a missing file, a symlink loop and permission denied are three messages", "[cli]") {
  TempDir tmp;
  fs::create_symlink(tmp.path / "a.yaml", tmp.path / "b.yaml");
  fs::create_symlink(tmp.path / "b.yaml", tmp.path / "a.yaml");
  const LimitedRun r = lint_rl301_in(tmp.path, {"missing.yaml", "a.yaml"});
  CHECK(r.status == 2);
  CHECK(r.err ==
        "missing.yaml: error: no such file or directory\n"
        "a.yaml: error: too many levels of symbolic links (a symlink loop)\n");
  // Root reads any file: the permission message is checked where the errno is mapped.
  CHECK(rolelint::cli::open_error_message(EACCES) == "permission denied");
  CHECK(rolelint::cli::open_error_message(ELOOP) ==
        "too many levels of symbolic links (a symlink loop)");
  CHECK(rolelint::cli::open_error_message(ENOENT) == "no such file or directory");
}

TEST_CASE("a file the user may not read is the permission-denied message", "[cli]") {
  TempDir tmp;
  write_file(tmp.path / "locked.yaml", kLongRoleNameYaml);
  fs::permissions(tmp.path / "locked.yaml", fs::perms::none);
  if (std::ifstream(tmp.path / "locked.yaml").good())
    rolelint::testing::skip_test("running as root: permissions do not stop reading");
  const LimitedRun locked = lint_rl301_in(tmp.path, {"locked.yaml"});
  CHECK(locked.err == "locked.yaml: error: permission denied\n");
}
