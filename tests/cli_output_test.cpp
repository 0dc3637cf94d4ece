// The command line as users and editors see it: exact output bytes, exit codes, stdin mode.
// Golden files are refreshed only with ROLELINT_UPDATE_GOLDEN=1, and reviewed as a diff.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "linter/catalog/action_catalog.hpp"
#include "rules/rule.hpp"
#include "tests/cli_run.hpp"

namespace {

using rolelint::testing::check_golden;
using rolelint::testing::Run;
using rolelint::testing::skip_test;

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
        "1 finding (1 error, 0 warnings, 0 info) in 1 file\n");
  CHECK(run("-q --select RL301 " + kExample + " 2>&1 >/dev/null").out.empty());
}

TEST_CASE("JSON output has findings and errors and a summary", "[cli]") {
  const Run r =
      run("--format json --select RL301,RL205 " + kExample + " examples/no-such-file.yaml");
  CHECK(r.status == 2);  // the missing file is an input error
  check_golden("example.json", r.out);
}

TEST_CASE("stdin is linted under the name --stdin-filename gives", "[cli]") {
  const Run r = run("-q --select RL301 --stdin-filename templates/deploy.yaml - < " + kExample);
  CHECK(r.status == 1);
  CHECK(r.out.starts_with("templates/deploy.yaml:14:17: error: role name "));
  const Run json =
      run("--format json --select RL301 --stdin-filename deploy.json - < "
          "tests/fixtures/rules/RL301/fires.json");
  CHECK(json.status == 2);  // JSON with // comments is not JSON: an input error, named as given
  CHECK(json.out.find("\"file\": \"deploy.json\"") != std::string::npos);
}

TEST_CASE(
    "exit status 0 when clean and 1 on findings at or above --fail-on and 2 on usage or input "
    "errors",
    "[cli]") {
  CHECK(run("examples/cloudformation/clean.yaml 2>/dev/null").status == 0);
  CHECK(run("--select RL202 " + kExample + " 2>/dev/null").status == 1);  // a warning
  CHECK(run("--select RL202 --fail-on error " + kExample + " 2>/dev/null").status ==
        0);  // below the bar
  CHECK(run("--select RL404 --fail-on warning " + kExample + " 2>/dev/null").status == 0);
  CHECK(run("--select RL404 --fail-on info " + kExample + " 2>/dev/null").status == 1);
  CHECK(run("--select RL999 " + kExample + " 2>/dev/null").status == 2);
  CHECK(run("--bogus 2>/dev/null").status == 2);
  CHECK(run("-j2 examples/cloudformation/clean.yaml 2>/dev/null").status ==
        0);  // -jN as make takes it
  CHECK(run("-j0 examples/cloudformation/clean.yaml 2>/dev/null").status == 2);
  CHECK(run("--fail-on loud 2>/dev/null").status == 2);
  CHECK(run("no/such/path.yaml 2>/dev/null").status == 2);
  CHECK(run("--ignore RL301,RL302,RL404,RL202,RL204,RL205,RL305 " + kExample + " 2>/dev/null")
            .status == 0);
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

TEST_CASE("unused suppressions are reported only with --report-unused-ignores",
          "[cli][suppressions]") {
  const std::string fixture = " tests/fixtures/rules/RL902/fires.yaml";
  const Run plain = run("-q" + fixture);
  CHECK(plain.out.find("[RL902]") == std::string::npos);
  const Run unused = run("-q --report-unused-ignores" + fixture);
  CHECK(unused.status == 1);
  CHECK(unused.out.find("fires.yaml:7:27: warning: suppression of RL301 matched no finding; the "
                        "nearest RL301 finding is on line 30") != std::string::npos);
  // With --select, RL902 judges only the rules that ran: RL301 did not run here.
  CHECK(run("-q --select RL902,RL303" + fixture).out.find("suppression of RL301") ==
        std::string::npos);
}

namespace {

// Runs ARGS with standard output on a pseudo-terminal (util-linux `script`), as a person at a
// terminal would; returns what the terminal showed, with the pty's CR LF line ends as LF.
// Empty status -1 when `script` is missing.
Run run_on_terminal(const std::string& env, const std::string& args) {
  if (std::system("command -v script >/dev/null 2>&1") != 0) return Run{};
  Run r = run("--version >/dev/null; " + env + " script -qec \"'" + std::string(ROLELINT_BINARY) +
              "' " + args + " 2>/dev/null\" /dev/null");
  std::string lf;
  for (char c : r.out) {
    if (c != '\r') lf += c;
  }
  r.out = lf;
  return r;
}

}  // namespace

TEST_CASE("text output gives each finding a help line with the fix and doc link, unless --no-hints",
          "[cli][text]") {
  const Run hints = run("-q --select RL205 " + kExample);
  CHECK(hints.out ==
        "examples/cloudformation/cross-account-deploy.yaml:48:25: error: action 'sts:AssumeRoles' "
        "does not exist in "
        "service 'sts' as of the action catalog's data of " +
            std::string(rolelint::catalog::data_date()) +
            "; did you mean 'sts:AssumeRole'? [RL205]\n"
            "  help: Spell the action as the Service Authorization Reference lists it, e.g. "
            "'sts:AssumeRole'; see "
            "https://github.com/rolelint/rolelint/blob/main/docs/rules/RL205.md\n");
  const Run plain = run("-q --no-hints --select RL205 " + kExample);
  CHECK(plain.out == hints.out.substr(0, hints.out.find('\n') + 1));
}

TEST_CASE(
    "text with show-source prints the source line with a caret range, and colour with color always",
    "[cli][text]") {
  const Run source = run("-q --show-source --select RL301,RL205,RL404 " + kExample);
  CHECK(source.status == 1);
  check_golden("example.source.txt", source.out);
  const Run color = run("-q --show-source --color always --select RL301,RL205,RL404 " + kExample);
  check_golden("example.source-color.txt", color.out);
  // Without the escape sequences, the coloured report is the plain one.
  std::string stripped;
  for (std::size_t i = 0; i < color.out.size(); ++i) {
    if (color.out[i] == '\x1b') {
      i = color.out.find('m', i);
      continue;
    }
    stripped += color.out[i];
  }
  CHECK(stripped == source.out);
  CHECK(run("-q --show-source --color never --select RL301,RL205,RL404 " + kExample).out ==
        source.out);
}

TEST_CASE("text with show-source cuts a long line around the finding and escapes what it shows",
          "[cli][text]") {
  rolelint::testing::TempDir dir;
  // A minified template: one long line, with tabs between tokens, and CR LF at its end.
  std::ofstream(dir.path / "t.json", std::ios::binary)
      << "{\"Resources\": {\"Role\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": "
         "{\"Description\": \""
      << std::string(200, 'x') << "\",\t\"RoleName\": \"a\\u001bb\", \"Path\": \"/"
      << std::string(200, 'p') << "/\"}}}}\r\n";
  const Run r = run("-q --no-hints --show-source --select RL303 " + dir / "t.json");
  CHECK(r.status == 1);
  const std::size_t first_end = r.out.find('\n');
  const std::string snippet = r.out.substr(first_end + 1);
  // 40 columns before the range, then the range, then 40 after; the tab shows as \t.
  CHECK(snippet ==
        "    1 | ...xxxxxxxxxxxxxxxxxxxxx\",\\t\"RoleName\": \"a\\u001bb\", \"Path\": "
        "\"/ppppppppppppppppppppppppp...\n"
        "      |                                         ^~~~~~~~~~\n");
}

TEST_CASE("color auto never colours a pipe, and color always wins over NO_COLOR", "[cli][text]") {
  const std::string args = "-q --select RL301 " + kExample;
  CHECK(run(args).out.find('\x1b') == std::string::npos);  // a pipe
  CHECK(run(args + " --color always").out.find("\x1b[1;31merror:\x1b[0m") != std::string::npos);
  CHECK(run("--version >/dev/null; NO_COLOR=1 '" + std::string(ROLELINT_BINARY) + "' " + args +
            " --color always")
            .out.find('\x1b') !=
        std::string::npos);  // the option is explicit: it wins over the environment
}

TEST_CASE("color auto colours a terminal, and NO_COLOR or never turns it off", "[cli][text]") {
  const std::string args = "-q --select RL301 " + kExample;
  const Run terminal = run_on_terminal("", args);
  if (terminal.status == -1) skip_test("util-linux script is not installed");
  CHECK(terminal.out.find("\x1b[1;31merror:\x1b[0m") != std::string::npos);
  CHECK(run_on_terminal("NO_COLOR=1", args).out.find('\x1b') == std::string::npos);
  CHECK(run_on_terminal("NO_COLOR=", args).out.find('\x1b') != std::string::npos);  // empty: unset
  CHECK(run_on_terminal("", args + " --color never").out.find('\x1b') == std::string::npos);
}

TEST_CASE("statistics print the findings of each rule, most first, on stderr", "[cli][text]") {
  rolelint::testing::TempDir dir;
  std::ofstream(dir.path / "copy.yaml", std::ios::binary)
      << rolelint::testing::read_file(std::string(ROLELINT_SOURCE_DIR) + "/" + kExample);
  // RL302 is selected but finds nothing: RL301 subsumes it on the example's role name.
  const Run r = run("--statistics --select RL301,RL302,RL205,RL404 " + kExample + " " +
                    dir / "copy.yaml" + " 2>&1 >/dev/null");
  CHECK(r.out ==
        "2  RL205  unknown-action\n"
        "2  RL301  role-name-too-long\n"
        "2  RL404  chained-role-session-too-long\n"
        "6 findings (4 errors, 0 warnings, 2 info) in 2 files\n");
}

TEST_CASE("the summary counts in the singular where a count is 1", "[cli][text]") {
  CHECK(run("--select RL301,RL202 " + kExample + " 2>&1 >/dev/null").out ==
        "2 findings (1 error, 1 warning, 0 info) in 1 file\n");
  CHECK(run("--select RL301 " + kExample + " examples/no-such-file.yaml 2>&1 >/dev/null").out ==
        "examples/no-such-file.yaml: error: no such file or directory\n"
        "1 finding (1 error, 0 warnings, 0 info) in 1 file; 1 input error\n");
  rolelint::testing::TempDir dir;
  CHECK(run("--write-baseline " + dir / "b.json" + " --select RL301 " + kExample + " 2>&1").out ==
        "rolelint: recorded 1 finding in " + (dir.path / "b.json").string() + "\n");
}

TEST_CASE("the rule list is aligned in columns, and JSON with format json", "[cli][rules]") {
  const Run list = run("--list-rules");
  std::size_t name_column = std::string::npos, summary_column = std::string::npos;
  const auto& rules = rolelint::rules::all_rules();
  std::size_t at = 0;
  for (const rolelint::rules::Rule* rule : rules) {
    const std::string line = list.out.substr(at, list.out.find('\n', at) - at);
    at += line.size() + 1;
    CHECK(line.starts_with(std::string(rule->id) + "  "));
    const std::size_t name = line.find(" " + std::string(rule->name) + " ");
    const std::size_t summary = line.rfind(std::string(rule->summary));
    REQUIRE(name != std::string::npos);
    REQUIRE(summary != std::string::npos);
    if (name_column == std::string::npos) name_column = name, summary_column = summary;
    CHECK(name == name_column);
    CHECK(summary == summary_column);
  }
  const Run json = run("--list-rules --format json");
  CHECK(json.status == 0);
  const auto parsed = nlohmann::json::parse(json.out);
  REQUIRE(parsed.size() == rules.size());
  CHECK(parsed[0]["id"] == std::string(rules[0]->id));
  CHECK(parsed[0]["name"] == std::string(rules[0]->name));
  CHECK(parsed[0]["formats"].is_array());
  CHECK(parsed[0]["doc_url"] == "https://github.com/rolelint/rolelint/blob/main/docs/rules/" +
                                    std::string(rules[0]->id) + ".md");
  CHECK(run("--format json --list-rules").out == json.out);
}

TEST_CASE("explain renders the page with color always, and markdown on a pipe", "[cli][rules]") {
  const Run markdown = run("--explain RL301");
  CHECK(markdown.out.starts_with("# role-name-too-long (RL301)\n"));
  const Run rendered = run("--explain RL301 --color always");
  check_golden("explain-RL301.ansi", rendered.out);
  CHECK(rendered.out.find("```") == std::string::npos);
}

TEST_CASE("explain renders the page for a terminal without colour under NO_COLOR", "[cli][rules]") {
  const Run terminal = run_on_terminal("NO_COLOR=1", "--explain RL301");
  if (terminal.status == -1) skip_test("util-linux script is not installed");
  CHECK(terminal.out.starts_with("role-name-too-long (RL301)\n==========================\n"));
  CHECK(terminal.out.find('\x1b') == std::string::npos);
  CHECK(terminal.out.find("\n    Resources:\n") != std::string::npos);  // code blocks indented
}
