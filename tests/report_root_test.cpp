// One path root for every report (--root, by default the git work tree): each format, each
// message and the baseline name a file the same way however the command line spells it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using rolelint::testing::read_file;
using rolelint::testing::Run;
using rolelint::testing::run_rolelint_in;
using rolelint::testing::TempDir;

const std::string kExample = std::string(ROLELINT_SOURCE_DIR) + "/examples/cloudformation/cross-account-deploy.yaml";
const std::string kSelect = "--select RL301,RL205 ";

// A repository in a temporary directory: repo/.git (a directory, or a file as in a linked
// worktree), repo/cfn/x.yaml (the example, with findings) and an empty repo/infra/.
struct Repo {
  TempDir dir;
  fs::path root = dir.path / "repo";
  explicit Repo(bool git_file = false) {
    fs::create_directories(root / "cfn");
    fs::create_directories(root / "infra");
    if (git_file) {
      std::ofstream(root / ".git") << "gitdir: /elsewhere/.git/worktrees/repo\n";
    } else {
      fs::create_directories(root / ".git");
    }
    std::ofstream(root / "cfn/x.yaml", std::ios::binary) << read_file(kExample);
  }
  std::string at(const std::string& relative) const { return (root / relative).string(); }
  Run run(const std::string& cwd, const std::string& args) const { return run_rolelint_in(at(cwd), args); }
};

// The four spellings of repo/cfn/x.yaml from the repository's top directory.
std::vector<std::string> spellings(const Repo& repo) {
  return {"./cfn/x.yaml", "cfn/x.yaml", "'" + repo.at("cfn/x.yaml") + "'", "../repo/cfn/x.yaml"};
}

}  // namespace

TEST_CASE("every format names the file the same way, however it is spelled", "[cli][paths]") {
  const Repo repo;
  for (const std::string format : {"text", "json", "sarif", "junit", "github"}) {
    INFO(format);
    const Run reference = repo.run(".", kSelect + "--format " + format + " cfn/x.yaml 2>&1");
    CHECK(reference.status == 1);
    for (const std::string& spelling : spellings(repo)) {
      INFO(spelling);
      CHECK(repo.run(".", kSelect + "--format " + format + " " + spelling + " 2>&1").out == reference.out);
    }
    // The same from a subdirectory, with `..`.
    CHECK(repo.run("infra", kSelect + "--format " + format + " ../cfn/x.yaml 2>&1").out == reference.out);
  }
  const Run text = repo.run("infra", "-q --no-hints " + kSelect + "../cfn/x.yaml");
  CHECK(text.out ==
        "cfn/x.yaml:14:17: error: role name 'platform-team-continuous-delivery-pipeline-deployment-role-production' "
        "is 69 characters; IAM allows 64 [RL301]\n"
        "cfn/x.yaml:48:25: error: action 'sts:AssumeRoles' does not exist in service 'sts'; did you mean "
        "'sts:AssumeRole'? [RL205]\n");
}

TEST_CASE("input errors name the file as reports do", "[cli][paths]") {
  const Repo repo;
  const Run r = repo.run("infra", "-q '" + repo.at("infra") + "/../cfn/./missing.yaml' ../cfn/gone.yaml 2>&1");
  CHECK(r.status == 2);
  CHECK(r.out == "cfn/missing.yaml: error: no such file or directory\ncfn/gone.yaml: error: no such file or directory\n");
}

TEST_CASE("the default root is the git work tree holding the current directory", "[cli][paths]") {
  for (const bool git_file : {false, true}) {
    INFO((git_file ? ".git is a file" : ".git is a directory"));
    const Repo repo(git_file);
    const Run r = repo.run("infra", "-q --no-hints --select RL301 ../cfn/x.yaml");
    CHECK(r.out.starts_with("cfn/x.yaml:14:17: error: "));
    // --root overrides it: paths relative to the subdirectory, the rest absolute.
    const Run rooted = repo.run("infra", "-q --no-hints --select RL301 --root . ../cfn/x.yaml");
    CHECK(rooted.out.starts_with(repo.at("cfn/x.yaml") + ":14:17: error: "));
    const Run up = repo.run("infra", "-q --no-hints --select RL301 --root .. ../cfn/x.yaml");
    CHECK(up.out.starts_with("cfn/x.yaml:14:17: error: "));
  }
}

TEST_CASE("outside a git work tree the default root is the current directory", "[cli][paths]") {
  const Repo repo;
  fs::remove_all(repo.root / ".git");
  REQUIRE_FALSE(fs::exists(repo.dir.path / ".git"));
  const Run inside = repo.run(".", "-q --no-hints --select RL301 ./cfn/x.yaml");
  CHECK(inside.out.starts_with("cfn/x.yaml:14:17: error: "));
  const Run above = repo.run("infra", "-q --no-hints --select RL301 ../cfn/x.yaml");
  CHECK(above.out.starts_with(repo.at("cfn/x.yaml") + ":14:17: error: "));
}
