// One path root for every report (--root, by default the git work tree): each format, each
// message and the baseline name a file the same way however the command line spells it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "linter/baseline.hpp"
#include "linter/catalog/action_catalog.hpp"
#include "linter/engine.hpp"
#include "linter/version.hpp"
#include "rules/rule.hpp"
#include "tests/cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using rolelint::testing::read_file;
using rolelint::testing::Run;
using rolelint::testing::run_rolelint_in;
using rolelint::testing::TempDir;

const std::string kExample =
    std::string(ROLELINT_SOURCE_DIR) + "/examples/cloudformation/cross-account-deploy.yaml";
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
  Run run(const std::string& cwd, const std::string& args) const {
    return run_rolelint_in(at(cwd), args);
  }
};

// The four spellings of repo/cfn/x.yaml from the repository's top directory.
std::vector<std::string> spellings(const Repo& repo) {
  return {"./cfn/x.yaml", "cfn/x.yaml", "'" + repo.at("cfn/x.yaml") + "'", "../repo/cfn/x.yaml"};
}

// RFC 3986 path characters that need no encoding: what a temporary directory's name is made of.
bool plain_path(const std::string& path) {
  return std::regex_match(path, std::regex("[A-Za-z0-9/._~-]+"));
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
      CHECK(repo.run(".", kSelect + "--format " + format + " " + spelling + " 2>&1").out ==
            reference.out);
    }
    // The same from a subdirectory, with `..`.
    CHECK(repo.run("infra", kSelect + "--format " + format + " ../cfn/x.yaml 2>&1").out ==
          reference.out);
  }
  const Run text = repo.run("infra", "-q --no-hints " + kSelect + "../cfn/x.yaml");
  CHECK(text.out ==
        "cfn/x.yaml:14:17: error: role name "
        "'platform-team-continuous-delivery-pipeline-deployment-role-production' "
        "is 69 characters; IAM allows 64 [RL301]\n"
        "cfn/x.yaml:48:25: error: action 'sts:AssumeRoles' does not exist in service 'sts' as of "
        "the action catalog's data of " +
            std::string(rolelint::catalog::data_date()) +
            "; did you mean "
            "'sts:AssumeRole'? [RL205]\n");
}

TEST_CASE("input errors name the file as reports do", "[cli][paths]") {
  const Repo repo;
  const Run r = repo.run(
      "infra", "-q '" + repo.at("infra") + "/../cfn/./missing.yaml' ../cfn/gone.yaml 2>&1");
  CHECK(r.status == 2);
  CHECK(r.out ==
        "cfn/missing.yaml: error: no such file or directory\ncfn/gone.yaml: error: no such file or "
        "directory\n");
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

TEST_CASE("SARIF URIs are relative to %SRCROOT%, the root, and absolute file URIs outside it",
          "[cli][paths][sarif]") {
  const Repo repo;
  REQUIRE(plain_path(repo.dir.path.string()));
  fs::create_directories(repo.dir.path / "out side");
  fs::copy_file(kExample, repo.dir.path / "out side/z%.yaml");
  // From a subdirectory: `..`, an absolute path with `..` and `.`, and a file outside the root.
  const Run r = repo.run("infra", "--format sarif --select RL301 ../cfn/x.yaml '" +
                                      repo.at("infra/../cfn/./x.yaml") +
                                      "' '../../out side/z%.yaml' 2>/dev/null");
  CHECK(r.status == 1);
  const auto sarif = nlohmann::json::parse(r.out);
  const auto& run = sarif["runs"][0];
  CHECK(run["originalUriBaseIds"] ==
        nlohmann::json::parse(R"({"%SRCROOT%": {"uri": "file://)" + repo.root.string() + "/\"}}"));
  std::vector<std::string> locations;
  for (const auto& result : run["results"])
    locations.push_back(result["locations"][0]["physicalLocation"]["artifactLocation"].dump());
  CHECK(locations ==
        std::vector<std::string>{
            R"({"uri":"cfn/x.yaml","uriBaseId":"%SRCROOT%"})",
            R"({"uri":"file://)" + repo.dir.path.string() + R"(/out%20side/z%25.yaml"})",
        });
}

TEST_CASE("SARIF helpUri links the rule docs of the commit that built the binary",
          "[cli][paths][sarif]") {
  const Repo repo;
  // The commit --version names; a build with uncommitted changes, or of unknown origin, links its
  // version's tag instead.
  const std::string version = repo.run(".", "--version").out;
  const std::string ref = rolelint::testing::doc_ref();
  if (version.find("-dirty, ") != std::string::npos ||
      version.find("commit unknown, ") != std::string::npos) {
    CHECK(ref == "v" + std::string(rolelint::kVersion));
  } else {
    CHECK(ref.size() == 12);
    CHECK(version.find("\ncommit " + ref + ", ") != std::string::npos);
  }
  const auto sarif = nlohmann::json::parse(
      repo.run(".", "--format sarif --select RL301 cfn/x.yaml 2>/dev/null").out);
  const auto& rule = sarif["runs"][0]["tool"]["driver"]["rules"][0];
  CHECK(rule["helpUri"] ==
        "https://github.com/rolelint/rolelint/blob/" + ref + "/docs/rules/RL301.md");
  CHECK(rule["help"]["text"].get<std::string>().ends_with(
      " See https://github.com/rolelint/rolelint/blob/" + ref + "/docs/rules/RL301.md"));
}

TEST_CASE("Microsoft's SARIF validator accepts the URIs of every kind of path",
          "[cli][paths][sarif][sarif-validator]") {
  const std::string validator = std::string(ROLELINT_SOURCE_DIR) +
                                "/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";
  if (!fs::exists(validator)) {
    // Reported to CTest as skipped (SKIP_RETURN_CODE 77 in tests/CMakeLists.txt), never as a pass.
    std::cout << validator << " is not installed (scripts/setup installs it): skipped" << std::endl;
    std::exit(77);
  }
  const Repo repo;
  fs::create_directories(repo.dir.path / "out side");
  fs::copy_file(kExample, repo.dir.path / "out side/z%.yaml");
  const std::string report = (repo.dir.path / "r.sarif").string();
  const Run r = repo.run("infra", "--format sarif:'" + report + "' ../cfn/x.yaml '" +
                                      repo.at("infra/../cfn/./x.yaml") +
                                      "' '../../out side/z%.yaml' ../cfn/missing.yaml 2>/dev/null");
  CHECK(r.status == 2);
  const std::string log = (repo.dir.path / "validation.sarif").string();
  // The GitHub rule set (Gh) with the SARIF one, errors and warnings.
  const std::string command = "'" + validator + "' validate '" + report +
                              "' --rule-kind 'Gh;Sarif' --level 'Error;Warning' -o '" + log +
                              "' --log ForceOverwrite --quiet >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  std::string problems;
  const auto validation = nlohmann::json::parse(read_file(log));  // kept: the loop reads inside it
  for (const auto& result : validation["runs"][0]["results"]) problems += result.dump() + "\n";
  CHECK(problems.empty());
}

TEST_CASE("a baseline matches whichever of the four spellings wrote it and reads it",
          "[cli][paths][baseline]") {
  const Repo repo;
  const std::vector<std::string> names = spellings(repo);
  const std::string baseline = (repo.dir.path / "b.json").string();
  std::string first;
  for (const std::string& written : names) {
    INFO("written with " << written);
    REQUIRE(
        repo.run(".", "--write-baseline '" + baseline + "' " + written + " 2>/dev/null").status ==
        0);
    const std::string bytes = read_file(baseline);
    CHECK(bytes.find("\"file\": \"cfn/x.yaml\"") != std::string::npos);
    if (first.empty()) first = bytes;
    CHECK(bytes == first);  // the same file, whatever the spelling
    for (const std::string& read : names) {
      INFO("read with " << read);
      const Run r = repo.run(".", "--baseline '" + baseline + "' " + read + " 2>&1");
      CHECK(r.status == 0);
      CHECK(r.out ==
            "0 findings (0 errors, 0 warnings, 0 info) in 1 file; 6 known from the baseline\n");
    }
  }
}

TEST_CASE("an old baseline, written with the path as given, still matches every spelling",
          "[cli][paths][baseline]") {
  const Repo repo;
  // What rolelint wrote before paths were relative to the root: fingerprints of the spelling
  // on the command line. The fingerprint function itself is unchanged, so lint in-process with
  // that spelling as the file's name.
  for (const std::string old_spelling : {"./cfn/x.yaml", "../repo/cfn/x.yaml"}) {
    INFO("written as " << old_spelling);
    std::vector<rolelint::LintInput> inputs;
    inputs.push_back({rolelint::SourceFile{old_spelling, read_file(repo.at("cfn/x.yaml"))}, true});
    rolelint::LintOptions options;
    const std::vector<const rolelint::rules::Rule*> rules = rolelint::rules::default_rules();
    options.rules = rules;
    const rolelint::LintResult result = rolelint::lint(std::move(inputs), options);
    REQUIRE(result.findings.size() == 6);
    const std::string baseline = (repo.dir.path / "old.json").string();
    std::ofstream(baseline, std::ios::binary) << rolelint::write_baseline(result);
    for (const std::string& read : spellings(repo)) {
      INFO("read with " << read);
      const Run r = repo.run(".", "--baseline '" + baseline + "' " + read + " 2>&1");
      CHECK(r.status == 0);
      CHECK(r.out ==
            "0 findings (0 errors, 0 warnings, 0 info) in 1 file; 6 known from the baseline\n");
    }
    // From a subdirectory too (an old spelling is read relative to the current directory or the
    // root).
    CHECK(repo.run("infra", "--baseline '" + baseline + "' ../cfn/x.yaml 2>&1").status == 0);
  }
}

TEST_CASE("a baseline that does not parse is named as reports name files",
          "[cli][paths][baseline]") {
  const Repo repo;
  std::ofstream(repo.root / "bad.json") << "{\n  \"findings\": [1,\n";
  const Run r = repo.run("infra", "--baseline ../bad.json ../cfn/x.yaml 2>&1");
  CHECK(r.status == 2);
  CHECK(r.out == "bad.json:3:1: error: not a rolelint baseline: invalid JSON\n");
}
