// The command line as users and editors see it: exact output bytes, exit codes, stdin mode.
// Golden files are refreshed only with ROLELINT_UPDATE_GOLDEN=1, and reviewed as a diff.
#include <catch2/catch.hpp>

#include "rules/rule.hpp"
#include "tests/cli_run.hpp"

namespace {

using rolelint::testing::check_golden;
using rolelint::testing::Run;

Run run(const std::string& args) { return rolelint::testing::run_rolelint(args); }

const std::string kExample = "examples/cloudformation/cross-account-deploy.yaml";

}  // namespace

TEST_CASE("text output is one gcc-style line per finding and exit 1", "[cli]") {
  const Run r = run("--select RL301,RL205,RL302 " + kExample + " 2>/dev/null");
  CHECK(r.status == 1);
  check_golden("example.txt", r.out);
}

TEST_CASE("the summary goes to stderr and --quiet drops it", "[cli]") {
  CHECK(run("--select RL301 " + kExample + " 2>&1 >/dev/null").out ==
        "1 finding (1 errors, 0 warnings, 0 info) in 1 file\n");
  CHECK(run("-q --select RL301 " + kExample + " 2>&1 >/dev/null").out.empty());
}

TEST_CASE("JSON output has findings and errors and a summary", "[cli]") {
  const Run r = run("--format json --select RL301,RL205 " + kExample + " examples/no-such-file.yaml");
  CHECK(r.status == 2);  // the missing file is an input error
  check_golden("example.json", r.out);
}

TEST_CASE("stdin is linted under the name --stdin-filename gives", "[cli]") {
  const Run r = run("-q --select RL301 --stdin-filename templates/deploy.yaml - < " + kExample);
  CHECK(r.status == 1);
  CHECK(r.out.starts_with("templates/deploy.yaml:14:17: error: role name "));
  const Run json = run("--format json --select RL301 --stdin-filename deploy.json - < tests/fixtures/rules/RL301/fires.json");
  CHECK(json.status == 2);  // JSON with // comments is not JSON: an input error, named as given
  CHECK(json.out.find("\"file\": \"deploy.json\"") != std::string::npos);
}

TEST_CASE("exit status 0 when clean and 1 on findings at or above --fail-on and 2 on usage or input errors", "[cli]") {
  CHECK(run("examples/cloudformation/clean.yaml 2>/dev/null").status == 0);
  CHECK(run("--select RL202 " + kExample + " 2>/dev/null").status == 1);                   // a warning
  CHECK(run("--select RL202 --fail-on error " + kExample + " 2>/dev/null").status == 0);  // below the bar
  CHECK(run("--select RL404 --fail-on warning " + kExample + " 2>/dev/null").status == 0);
  CHECK(run("--select RL404 --fail-on info " + kExample + " 2>/dev/null").status == 1);
  CHECK(run("--select RL999 " + kExample + " 2>/dev/null").status == 2);
  CHECK(run("--bogus 2>/dev/null").status == 2);
  CHECK(run("-j2 examples/cloudformation/clean.yaml 2>/dev/null").status == 0);  // -jN as make takes it
  CHECK(run("-j0 examples/cloudformation/clean.yaml 2>/dev/null").status == 2);
  CHECK(run("--fail-on loud 2>/dev/null").status == 2);
  CHECK(run("no/such/path.yaml 2>/dev/null").status == 2);
  CHECK(run("--ignore RL301,RL302,RL404,RL202,RL204,RL205,RL305 " + kExample + " 2>/dev/null").status == 0);
}

TEST_CASE("the --list-rules --explain --version and --help options", "[cli]") {
  const Run list = run("--list-rules");
  CHECK(list.status == 0);
  std::size_t lines = 0;
  for (char c : list.out) lines += c == '\n';
  CHECK(lines == rolelint::rules::all_rules().size());
  CHECK(list.out.starts_with("RL101  error    trust-missing-assume-action"));
  const Run explain = run("--explain RL305");
  CHECK(explain.status == 0);
  CHECK(explain.out.starts_with("# console-role-requires-external-id (RL305)\n"));
  CHECK(explain.out.find("## Why is this bad?") != std::string::npos);
  CHECK(run("--explain trust-any-principal").out.starts_with("# trust-any-principal (RL102)"));
  CHECK(run("--explain RL000 2>/dev/null").status == 2);
  CHECK(run("--version").out.starts_with("rolelint 0.1.0\ncommit "));  // the rest: version_test
  CHECK(run("--help").out.find("exit status: 0") != std::string::npos);
}

TEST_CASE("unused suppressions are reported only with --report-unused-ignores", "[cli][suppressions]") {
  const std::string fixture = " tests/fixtures/rules/RL902/fires.yaml";
  const Run plain = run("-q" + fixture);
  CHECK(plain.out.find("[RL902]") == std::string::npos);
  const Run unused = run("-q --report-unused-ignores" + fixture);
  CHECK(unused.status == 1);
  CHECK(unused.out.find("fires.yaml:7:27: warning: suppression of RL301 matched no finding; the nearest RL301 finding is on line 30") !=
        std::string::npos);
  // With --select, RL902 judges only the rules that ran: RL301 did not run here.
  CHECK(run("-q --select RL902,RL303" + fixture).out.find("suppression of RL301") == std::string::npos);
}
