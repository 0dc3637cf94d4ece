// The `console-roles` name patterns of .rolelint.yaml make roles console roles, as a marker does.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli_run.hpp"

namespace {

using rolelint::testing::Run;
using rolelint::testing::run_rolelint;
using rolelint::testing::TempDir;

// A role an AWS account may assume only with an ExternalId, which Switch Role cannot pass, and a
// service role whose name also matches the pattern.
constexpr const char* kTemplate = R"(Resources:
  Admin:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Admin-Console
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111122223333:root" }
            Action: sts:AssumeRole
            Condition:
              StringEquals: { "sts:ExternalId": "x-123" }
  Batch:
    Type: AWS::IAM::Role
    Properties:
      RoleName: batch-console
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: batch.amazonaws.com }
            Action: sts:AssumeRole
)";

}  // namespace

TEST_CASE("console-roles patterns mark roles by name, case-insensitively", "[config][console]") {
  TempDir dir;
  std::filesystem::create_directories(dir.path / "plain");
  std::ofstream(dir.path / "t.yaml") << kTemplate;
  std::ofstream(dir.path / "plain" / "t.yaml") << kTemplate;
  std::ofstream(dir.path / ".rolelint.yaml") << "console-roles:\n  - \"*-console\"\n";
  std::ofstream(dir.path / "plain" / ".rolelint.yaml") << "console-roles: []\n";

  const Run marked = run_rolelint("-q --no-hints --select RL305 " + dir / "t.yaml");
  CHECK(marked.status == 1);
  CHECK(
      marked.out ==
      (dir.path / "t.yaml").string() +
          ":13:31: error: role 'Admin' is meant for console use (its name matches the "
          "console-roles "
          "pattern '*-console' of .rolelint.yaml) but its trust policy admits AWS principals only "
          "with sts:ExternalId, which Switch Role cannot pass [RL305]\n");
  // Batch matches the pattern too, but only a service can assume it: never a console role (the
  // exact output above has no line for it). Without patterns, Admin is not a console role.
  CHECK(run_rolelint("-q --select RL305 " + dir / "plain/t.yaml").out.empty());
}
