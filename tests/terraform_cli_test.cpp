// The Terraform front end through the CLI: module directories, `.terraform/` skipped, bad input
// reported as file:line:column with exit status 2 while the other files are still linted.
#include <catch2/catch.hpp>
#include <string>

#include "tests/cli_run.hpp"

namespace {

using rolelint::testing::Run;

// Standard output and standard error together, without the summary line.
Run run(const std::string& args) {
  return rolelint::testing::run_rolelint("--quiet " + args + " 2>&1");
}

const std::string kDir = "tests/fixtures/terraform/";

}  // namespace

TEST_CASE("a module directory is linted as one module, .terraform is skipped", "[terraform][cli]") {
  Run r = run("--select RL102,RL301 " + kDir + "module");
  CHECK(r.status == 1);
  // The role in iam.tf uses the document in policies.tf: the finding points into policies.tf.
  CHECK(r.out.find(
            kDir +
            "module/policies.tf:6:22: error: role 'aws_iam_role.open' trusts any AWS principal") !=
        std::string::npos);
  CHECK(r.out.find(".terraform") == std::string::npos);
  CHECK(r.out.find("vendored") == std::string::npos);
  CHECK(r.out.find("nested") == std::string::npos);
}

TEST_CASE("bad Terraform input gives a clear error, never a crash", "[terraform][cli][errors]") {
  struct Case {
    const char* file;
    const char* expected;
  };
  const Case cases[] = {
      {"unterminated-heredoc.tf",
       "unterminated-heredoc.tf:6:1: error: HCL syntax error: unterminated heredoc"},
      {"unbalanced-braces.tf",
       "unbalanced-braces.tf:7:1: error: HCL syntax error: missing '}' at end of file"},
      {"unclosed-tuple.tf", "unclosed-tuple.tf:3:1: error: HCL syntax error: missing ']'"},
      {"invalid-utf8.tf", "invalid-utf8.tf:2:14: error: invalid UTF-8"},
      // At the escape itself, quoting nothing after it (the parser's error spans the file).
      {"invalid-escape.tf",
       "invalid-escape.tf:2:8: error: HCL syntax error: invalid escape sequence '\\q'\n"},
      {"invalid-escape-later.tf",
       "invalid-escape-later.tf:3:11: error: HCL syntax error: invalid escape sequence '\\q'\n"},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    Run r = run(kDir + "bad/" + c.file);
    CHECK(r.status == 2);
    CHECK(r.out.find(kDir + "bad/" + c.expected) != std::string::npos);
  }
}

TEST_CASE("a broken file does not stop the other files of the module", "[terraform][cli][errors]") {
  Run r = run("--select RL102 " + kDir + "bad/unbalanced-braces.tf " + kDir + "module");
  CHECK(r.status == 2);
  CHECK(r.out.find("unbalanced-braces.tf:7:1") != std::string::npos);
  CHECK(r.out.find("module/policies.tf:6:22") != std::string::npos);
}

TEST_CASE("two blocks with one address are an input error naming both",
          "[terraform][cli][errors]") {
  // Terraform refuses such a module; neither block is read, so no finding comes from choosing
  // one. The other blocks of the module are still linted.
  Run r = run("--select RL102 " + kDir + "duplicate");
  CHECK(r.status == 2);
  CHECK(r.out.find(kDir +
                   "duplicate/b.tf:1:1: error: duplicate resource \"aws_iam_role\" configuration: "
                   "a aws_iam_role resource named \"dup\" was already declared at " +
                   kDir + "duplicate/a.tf:2:1") != std::string::npos);
  CHECK(r.out.find(kDir +
                   "duplicate/b.tf:6:1: error: duplicate data \"aws_iam_policy_document\" "
                   "configuration: a aws_iam_policy_document data source named \"doc\" was "
                   "already declared at " +
                   kDir + "duplicate/a.tf:11:1") != std::string::npos);
  CHECK(r.out.find("aws_iam_role.dup'") == std::string::npos);
  CHECK(r.out.find("aws_iam_user.dup") == std::string::npos);
  CHECK(r.out.find(kDir + "duplicate/a.tf:8:") != std::string::npos);  // aws_iam_role.open
}

// tests/fixtures/rules/RL401/tf-fires-cross-file: users.tf grants alice sts:AssumeRole on a role
// defined in roles.tf whose trust policy does not trust her. The finding is in users.tf and can
// only be proven with both files.
const std::string kCrossFile = "tests/fixtures/rules/RL401/tf-fires-cross-file/";
const std::string kCrossFinding =
    kCrossFile +
    "users.tf:15:9: error: user 'aws_iam_user.alice' is allowed sts:AssumeRole on role "
    "'aws_iam_role.service_only'";

TEST_CASE("a named .tf file is linted with the rest of its module as context", "[terraform][cli]") {
  Run users = run("--select RL401 " + kCrossFile + "users.tf");
  CHECK(users.status == 1);
  CHECK(users.out.find(kCrossFinding) != std::string::npos);
  // Naming roles.tf reads users.tf for context only: the finding in users.tf is not reported.
  Run roles = run("--select RL401 " + kCrossFile + "roles.tf");
  CHECK(roles.status == 0);
  CHECK(roles.out.empty());
}

TEST_CASE("with --whole-modules, every file of a named file's module is reported",
          "[terraform][cli]") {
  Run r = run("--whole-modules --select RL401 " + kCrossFile + "roles.tf");
  CHECK(r.status == 1);
  CHECK(r.out.find(kCrossFinding) != std::string::npos);
}

TEST_CASE("stdin with a .tf name replaces that file of the module on disk", "[terraform][cli]") {
  // The buffer is users.tf without the grant: nothing to report, although users.tf on disk fires.
  Run fixed = run("--select RL401 --stdin-filename " + kCrossFile +
                  "users.tf - < tests/fixtures/terraform/stdin/users-without-grant.tf.txt");
  CHECK(fixed.status == 0);
  CHECK(fixed.out.empty());
  // The buffer is users.tf as on disk: the role it needs comes from roles.tf on disk.
  Run same = run("--select RL401 --stdin-filename " + kCrossFile + "users.tf - < " + kCrossFile +
                 "users.tf");
  CHECK(same.status == 1);
  CHECK(same.out.find(kCrossFinding) != std::string::npos);
}
