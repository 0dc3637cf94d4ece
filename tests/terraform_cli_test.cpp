// The Terraform front end through the CLI: module directories, `.terraform/` skipped, bad input
// reported as file:line:column with exit status 2 while the other files are still linted.
#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

namespace {

struct Run {
  int status = -1;
  std::string output;  // stdout and stderr
};

Run run(const std::string& args) {
  Run r;
  const std::string command = std::string("cd ") + ROLELINT_SOURCE_DIR + " && " + ROLELINT_BINARY +
                              " --quiet " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

const std::string kDir = "tests/fixtures/terraform/";

}  // namespace

TEST_CASE("a module directory is linted as one module; .terraform is skipped", "[terraform][cli]") {
  Run r = run("--select RL102,RL301 " + kDir + "module");
  CHECK(r.status == 1);
  // The role in iam.tf uses the document in policies.tf: the finding points into policies.tf.
  CHECK(r.output.find(
            kDir +
            "module/policies.tf:6:22: error: role 'aws_iam_role.open' trusts any AWS principal") !=
        std::string::npos);
  CHECK(r.output.find(".terraform") == std::string::npos);
  CHECK(r.output.find("vendored") == std::string::npos);
  CHECK(r.output.find("nested") == std::string::npos);
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
  };
  for (const Case& c : cases) {
    INFO(c.file);
    Run r = run(kDir + "bad/" + c.file);
    CHECK(r.status == 2);
    CHECK(r.output.find(kDir + "bad/" + c.expected) != std::string::npos);
  }
}

TEST_CASE("a broken file does not stop the other files of the module", "[terraform][cli][errors]") {
  Run r = run("--select RL102 " + kDir + "bad/unbalanced-braces.tf " + kDir + "module");
  CHECK(r.status == 2);
  CHECK(r.output.find("unbalanced-braces.tf:7:1") != std::string::npos);
  CHECK(r.output.find("module/policies.tf:6:22") != std::string::npos);
}
