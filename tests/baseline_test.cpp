// --write-baseline records today's findings; --baseline reports only new ones, even after
// unrelated edits move the old ones.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using rolelint::testing::read_file;
using rolelint::testing::Run;
using rolelint::testing::run_rolelint;
using rolelint::testing::TempDir;

const std::string kExample =
    std::string(ROLELINT_SOURCE_DIR) + "/examples/cloudformation/cross-account-deploy.yaml";

}  // namespace

TEST_CASE("a baseline hides the findings it records, also after the code moved",
          "[cli][baseline]") {
  TempDir dir;
  const std::string original = read_file(kExample);
  std::ofstream(dir.path / "t.yaml", std::ios::binary) << original;

  const Run write =
      run_rolelint("--write-baseline " + dir / "baseline.json" + " " + dir / "t.yaml" + " 2>&1");
  CHECK(write.status == 0);
  CHECK(write.out.find("rolelint: recorded 6 findings in ") == 0);
  const std::string baseline = read_file((dir.path / "baseline.json").string());
  CHECK(baseline.starts_with(
      "{\n  \"rolelint_baseline\": 1,\n  \"findings\": [\n    {\n      \"fingerprint\": \""));

  const Run clean =
      run_rolelint("--baseline " + dir / "baseline.json" + " " + dir / "t.yaml" + " 2>&1");
  CHECK(clean.status == 0);
  CHECK(clean.out ==
        "0 findings (0 errors, 0 warnings, 0 info) in 1 file; 6 known from the baseline\n");

  // Three lines more at the top, and one new finding (a second overlong role name) at the end.
  std::ofstream(dir.path / "t.yaml", std::ios::binary)
      << "# edited\n#\n#\n"
      << original
      << "  Another:\n    Type: AWS::IAM::Role\n    Properties:\n"
         "      RoleName: "
         "another-role-name-that-is-much-longer-than-the-sixty-four-characters-allowed\n"
         "      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n"
         "          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n"
         "            Action: sts:AssumeRole\n";
  const Run edited =
      run_rolelint("-q --no-hints --baseline " + dir / "baseline.json" + " " + dir / "t.yaml");
  CHECK(edited.status == 1);
  std::size_t lines = 0;
  for (char c : edited.out) lines += c == '\n';
  CHECK(lines == 1);
  CHECK(edited.out.find(
            ":" + std::to_string(3 + 1 + std::count(original.begin(), original.end(), '\n') + 3) +
            ":17: error: role name 'another-role-name") != std::string::npos);
  CHECK(edited.out.ends_with("[RL301]\n"));
}

TEST_CASE("a file that is not a baseline is a usage error naming it", "[cli][baseline]") {
  TempDir dir;
  std::ofstream(dir.path / "bad.json") << "{\n  \"findings\": [1,\n";
  const Run bad = run_rolelint("--baseline " + dir / "bad.json" + " '" + kExample + "' 2>&1");
  CHECK(bad.status == 2);
  CHECK(bad.out ==
        (dir.path / "bad.json").string() + ":3:1: error: not a rolelint baseline: invalid JSON\n");
  std::ofstream(dir.path / "other.json") << "{\"version\": \"2.1.0\"}\n";
  const Run other = run_rolelint("--baseline " + dir / "other.json" + " '" + kExample + "' 2>&1");
  CHECK(other.status == 2);
  CHECK(other.out.find("not a rolelint baseline (written by --write-baseline)") !=
        std::string::npos);
  CHECK(run_rolelint("--baseline " + dir / "missing.json" + " '" + kExample + "' 2>/dev/null")
            .status == 2);
}
