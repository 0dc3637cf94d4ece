// Which files a run reads: walks that do not follow symlinks unless --follow, files named on
// the command line read as given, and a file named twice read once.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/cli_run.hpp"
#include "tests/input_helpers.hpp"
#include "tests/limited_run.hpp"

namespace fs = std::filesystem;
using rolelint::testing::kLongRoleNameYaml;
using rolelint::testing::LimitedRun;
using rolelint::testing::TempDir;
using rolelint::testing::write_file;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("a directory walk does not follow symlinks unless --follow", "[inputs][symlink]") {
  TempDir tmp;
  const fs::path repo = tmp.path / "repo";
  write_file(tmp.path / "outside" / "t.yaml", kLongRoleNameYaml);
  write_file(tmp.path / "secret.txt",
             "root:$6$SECRETMARKER:19000:0:99999:7:::\n");  // a shadow file
  write_file(repo / "own.yaml", kLongRoleNameYaml);
  fs::create_symlink(tmp.path / "outside" / "t.yaml", repo / "link.yaml");
  fs::create_directory_symlink(tmp.path / "outside", repo / "linked-dir");
  fs::create_symlink(tmp.path / "secret.txt", repo / "x.tf");
  fs::create_directory_symlink(repo, repo / "loop");

  const LimitedRun plain = rolelint::testing::lint_rl301_in(repo, {"."});
  INFO(plain.describe());
  CHECK(plain.status == 1);
  // Reported relative to the root (the current directory here), with no `./`.
  CHECK(plain.out == "own.yaml:5:17: error: role name '" + std::string(70, 'a') +
                         "' is 70 characters; IAM allows 64 [RL301]\n");
  CHECK(plain.err.find("SECRETMARKER") == std::string::npos);

  const LimitedRun follow = rolelint::testing::lint_rl301_in(repo, {"--follow", "."});
  INFO(follow.describe());
  CHECK(follow.ok());
  CHECK(count(follow.out, "[RL301]") ==
        3);  // own.yaml, link.yaml, linked-dir/t.yaml; the loop once
  CHECK(follow.out.find("link.yaml:5:17") != std::string::npos);
  CHECK(follow.out.find("linked-dir/t.yaml:5:17") != std::string::npos);
}

TEST_CASE("a file named on the command line is read as given, errors quote none of its bytes",
          "[inputs][symlink]") {
  TempDir tmp;
  const fs::path repo = tmp.path / "repo";
  fs::create_directories(repo / ".git");
  write_file(tmp.path / "secret.txt", "root:$6$SECRETMARKER:19000:0:99999:7:::\n");
  write_file(tmp.path / "t.yaml", kLongRoleNameYaml);
  write_file(repo / "broken.tf", "root:$6$NOTSECRET\n");
  fs::create_symlink(tmp.path / "secret.txt", repo / "x.tf");
  fs::create_symlink(tmp.path / "t.yaml", repo / "link.yaml");
  const LimitedRun r = rolelint::testing::lint_rl301_in(repo, {"link.yaml", "x.tf", "broken.tf"});
  INFO(r.describe());
  CHECK(r.out.find("link.yaml:5:17: error: role name") != std::string::npos);
  // Its syntax error is reported at its position, without its text.
  CHECK(r.err.find(
            "x.tf:1:1: error: does not parse (not quoted: the file is outside the lint root)\n") !=
        std::string::npos);
  CHECK(r.out.find("SECRETMARKER") == std::string::npos);
  CHECK(r.err.find("SECRETMARKER") == std::string::npos);
  // A file of the repository is quoted as before.
  CHECK(r.err.find("broken.tf:1:1: error: HCL syntax error: unexpected 'root:$6$NOTSECRET'") !=
        std::string::npos);
}

TEST_CASE("a file named twice, or named and found by a walk, is linted once", "[inputs]") {
  TempDir tmp;
  write_file(tmp.path / "x.yaml", kLongRoleNameYaml);
  const LimitedRun twice = rolelint::testing::lint_rl301_in(
      tmp.path, {"x.yaml", "./x.yaml", (tmp.path / "x.yaml").string()});
  CHECK(twice.status == 1);
  CHECK(twice.out == "x.yaml:5:17: error: role name '" + std::string(70, 'a') +
                         "' is 70 characters; IAM allows 64 [RL301]\n");
  const LimitedRun walked = rolelint::testing::lint_rl301_in(tmp.path, {"x.yaml", "."});
  CHECK(count(walked.out, "[RL301]") == 1);
}
