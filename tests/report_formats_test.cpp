// The CI report formats (SARIF, JUnit, GitHub workflow commands) and --output: exact bytes
// against golden files, and each format read back by the program that consumes it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using rolelint::testing::check_golden;
using rolelint::testing::read_file;
using rolelint::testing::Run;
using rolelint::testing::run_rolelint;
using rolelint::testing::TempDir;

const std::string kExample = "examples/cloudformation/cross-account-deploy.yaml";
// Two rules, a file with findings, a clean file and a missing one: every kind of entry.
const std::string kInputs = "--select RL301,RL205,RL404 " + kExample +
                            " examples/cloudformation/clean.yaml examples/no-such-file.yaml";

bool have(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

}  // namespace

TEST_CASE("SARIF, JUnit and GitHub reports are byte-for-byte stable", "[cli][formats]") {
  const Run sarif = run_rolelint("--format sarif " + kInputs + " 2>/dev/null");
  CHECK(sarif.status == 2);
  check_golden("example.sarif", rolelint::testing::portable_sarif(sarif.out, ROLELINT_SOURCE_DIR));
  const Run junit = run_rolelint("--format junit " + kInputs + " 2>/dev/null");
  CHECK(junit.status == 2);
  check_golden("example.junit.xml", junit.out);
  const Run github = run_rolelint("--format github " + kInputs + " 2>/dev/null");
  CHECK(github.status == 2);
  check_golden("example.github", github.out);
}

TEST_CASE("SARIF has the rules that ran, regions, fingerprints and the exit status",
          "[cli][formats]") {
  const Run r = run_rolelint("--format sarif --fail-on error " + kInputs + " 2>/dev/null");
  const auto sarif = nlohmann::json::parse(r.out);
  CHECK(sarif["version"] == "2.1.0");
  const auto& run = sarif["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 3);
  CHECK(rules[0]["id"] == "RL205");
  CHECK(rules[1]["id"] == "RL301");
  CHECK(rules[1]["name"] == "RoleNameTooLong");
  CHECK(rules[1]["helpUri"] == "https://github.com/rolelint/rolelint/blob/" +
                                   rolelint::testing::doc_ref() + "/docs/rules/RL301.md");
  CHECK(rules[2]["defaultConfiguration"]["level"] == "note");  // RL404 is info
  // Every result points at its rule and carries the same position as the text report.
  const Run text = run_rolelint("-q --no-hints --select RL301,RL205,RL404 " + kExample);
  std::set<std::string> prints;
  std::string as_text;
  for (const auto& result : run["results"]) {
    const auto& rule = rules[result["ruleIndex"].get<std::size_t>()];
    CHECK(rule["id"] == result["ruleId"]);
    const auto& location = result["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    const auto& region = location["region"];
    as_text += location["artifactLocation"]["uri"].get<std::string>() + ":" +
               std::to_string(region["startLine"].get<int>()) + ":" +
               std::to_string(region["startColumn"].get<int>()) + " " +
               result["ruleId"].get<std::string>() + "\n";
    prints.insert(result["partialFingerprints"]["rolelintFingerprint/v1"].get<std::string>());
  }
  std::string expected;
  for (std::size_t at = 0; at < text.out.size();) {
    const std::size_t end = text.out.find('\n', at);
    const std::string line = text.out.substr(at, end - at);
    const std::size_t third_colon = line.find(':', line.find(':', line.find(':') + 1) + 1);
    expected += line.substr(0, third_colon) + " " + line.substr(line.rfind('[') + 1, 5) + "\n";
    at = end + 1;
  }
  CHECK(as_text == expected);
  CHECK(prints.size() == run["results"].size());  // distinct
  // The missing file is a notification; the run failed with exit status 2.
  const auto& invocation = run["invocations"][0];
  CHECK(invocation["exitCode"] == 2);
  CHECK(invocation["executionSuccessful"] == false);
  CHECK(invocation["toolExecutionNotifications"][0]["message"]["text"] ==
        "no such file or directory.");
}

TEST_CASE("SARIF fingerprints survive moving the code, and change with the finding",
          "[cli][formats]") {
  TempDir dir;
  const std::string original = read_file(std::string(ROLELINT_SOURCE_DIR) + "/" + kExample);
  std::ofstream(dir.path / "a.yaml", std::ios::binary) << original;
  std::ofstream(dir.path / "b.yaml", std::ios::binary) << "# a comment\n\n\n" << original;
  auto prints = [&](const std::string& file) {
    const auto sarif = nlohmann::json::parse(
        run_rolelint("--format sarif --select RL301,RL205 '" + (dir.path / file).string() + "'")
            .out);
    std::vector<std::string> out;
    for (const auto& result : sarif["runs"][0]["results"]) {
      out.push_back(result["partialFingerprints"]["rolelintFingerprint/v1"]);
    }
    return out;
  };
  const auto a = prints("a.yaml");
  REQUIRE(a.size() == 2);
  CHECK(prints("a.yaml") == a);  // stable across runs
  // The same findings three lines lower in another file: different path, different prints; the
  // same file moved down keeps them.
  CHECK(prints("b.yaml") != a);
  std::ofstream(dir.path / "a.yaml", std::ios::binary) << "# a comment\n\n\n" << original;
  CHECK(prints("a.yaml") == a);
}

TEST_CASE("Microsoft's SARIF validator finds no errors or warnings",
          "[cli][formats][sarif-validator]") {
  const std::string validator = std::string(ROLELINT_SOURCE_DIR) +
                                "/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";
  if (!fs::exists(validator))
    rolelint::testing::skip_test(validator + " is not installed (scripts/setup installs it)");
  TempDir dir;
  // Findings with related locations, an input error, an absolute path and Terraform.
  const std::string report = (dir.path / "rolelint.sarif").string();
  const Run r =
      run_rolelint("--format sarif --output '" + report + "' " + kExample +
                   " examples/terraform tests/fixtures/rules/RL401 examples/no-such-file.yaml '" +
                   std::string(ROLELINT_SOURCE_DIR) + "/examples/cloudformation/clean.yaml'");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  const std::string log = (dir.path / "validation.sarif").string();
  const std::string command = "'" + validator + "' validate '" + report +
                              "' --rule-kind 'Gh;Sarif' --level 'Error;Warning' -o '" + log +
                              "' --log ForceOverwrite --quiet >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const auto validation = nlohmann::json::parse(read_file(log));
  std::string problems;
  for (const auto& result : validation["runs"][0]["results"]) problems += result.dump() + "\n";
  CHECK(problems.empty());
  // The validator itself works: a SARIF file with a broken region is an error.
  std::ofstream(dir.path / "broken.sarif")
      << R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"X1","message":{"text":"m."},)"
         R"("locations":[{"physicalLocation":{"artifactLocation":{"uri":"a"},"region":{"startLine":3,"endLine":1}}}]}]}]})";
  const std::string broken =
      "'" + validator + "' validate '" + (dir.path / "broken.sarif").string() +
      "' --level 'Error;Warning' -o '" + log + "' --log ForceOverwrite --quiet >/dev/null 2>&1";
  std::system(broken.c_str());
  CHECK(!nlohmann::json::parse(read_file(log))["runs"][0]["results"].empty());
}

TEST_CASE(
    "JUnit XML parses: a test case per linted file, classed by directory, a failure per finding",
    "[cli][formats]") {
  if (!have("python3")) rolelint::testing::skip_test("python3 is not installed");
  TempDir dir;
  const std::string report = (dir.path / "junit.xml").string();
  const Run r =
      run_rolelint("--format junit --output '" + report + "' " + kInputs + " 2>/dev/null");
  CHECK(r.status == 2);
  // Read back with Python's XML parser, as CI systems do: test cases, failures and errors.
  const std::string script =
      "import sys, xml.etree.ElementTree as ET\n"
      "root = ET.parse(sys.argv[1]).getroot()\n"
      "suite = root.find('testsuite')\n"
      "print(root.tag, suite.get('tests'), suite.get('failures'), suite.get('errors'))\n"
      "for case in suite.iter('testcase'):\n"
      "    kinds = [c.tag + ':' + c.get('type') for c in case if c.tag in ('failure', 'error')]\n"
      "    print(case.get('classname'), case.get('name'), ' '.join(kinds) or 'pass')\n";
  std::ofstream(dir.path / "read.py") << script;
  const Run parsed = run_rolelint("--version >/dev/null; python3 '" +
                                  (dir.path / "read.py").string() + "' '" + report + "'");
  CHECK(parsed.status == 0);
  CHECK(parsed.out ==
        "testsuites 3 1 1\n"
        // A failure per finding, typed by its rule; RL404 (info) is below --fail-on.
        "examples/cloudformation examples/cloudformation/cross-account-deploy.yaml failure:RL301 "
        "failure:RL205\n"
        "examples/cloudformation examples/cloudformation/clean.yaml pass\n"
        "examples examples/no-such-file.yaml error:input-error\n");
}

TEST_CASE("GitHub workflow commands escape what GitHub decodes", "[cli][formats]") {
  TempDir dir;
  // A path with ',' ':' '%', a role name with '%' and a newline: each escaped where it appears.
  fs::create_directories(dir.path / "odd,dir:1%");
  std::ofstream(dir.path / "odd,dir:1%" / "t.yaml") << "Resources:\n"
                                                       "  Odd:\n"
                                                       "    Type: AWS::IAM::Role\n"
                                                       "    Properties:\n"
                                                       "      RoleName: \"100%\\nsure,a:b\"\n";
  const Run r = run_rolelint("--format github --select RL303 '" + dir.path.string() +
                             "/odd,dir:1%/t.yaml' 2>/dev/null");
  CHECK(r.status == 1);
  std::string escaped_dir = dir.path.string();
  CHECK(r.out ==
        "::error file=" + escaped_dir +
            "/odd%2Cdir%3A1%25/t.yaml,line=5,col=17,endLine=5,endColumn=33,title=RL303 "
            "invalid-role-name-or-path::role name "
            "'100%25%0Asure,a:b' contains '%25'; IAM allows letters, digits and + = , . @ _ -\n");
  // The text format keeps one finding on one line.
  const Run text =
      run_rolelint("-q --no-hints --select RL303 '" + dir.path.string() + "/odd,dir:1%/t.yaml'");
  CHECK(text.out == dir.path.string() +
                        "/odd,dir:1%/t.yaml:5:17: error: role name '100%\\nsure,a:b' contains '%'; "
                        "IAM allows letters, digits and + = , . @ _ - [RL303]\n");
}

TEST_CASE("a report written with --output is the same, and the exit status still reflects findings",
          "[cli][formats]") {
  TempDir dir;
  const std::string report = (dir.path / "report.txt").string();
  const Run r = run_rolelint("-q --select RL301 --output '" + report + "' " + kExample);
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(read_file(report) == run_rolelint("-q --select RL301 " + kExample).out);
  CHECK(run_rolelint("--output '" + (dir.path / "no/such/dir/r.txt").string() + "' " + kExample +
                     " 2>/dev/null")
            .status == 2);
  CHECK(run_rolelint("--output 2>/dev/null").status == 2);
}

TEST_CASE("several formats in one run are byte for byte the single-format reports",
          "[cli][formats]") {
  TempDir dir;
  auto file = [&](const std::string& name) { return (dir.path / name).string(); };
  const Run all =
      run_rolelint("--format text --format json:" + dir / "r.json" +
                   " --format sarif:" + dir / "r.sarif" + " --format junit:" + dir / "r.xml" +
                   " --format github:" + dir / "r.github" + " " + kInputs + " 2>/dev/null");
  CHECK(all.status == 2);
  CHECK(all.out == run_rolelint("--format text " + kInputs + " 2>/dev/null").out);
  CHECK(read_file(file("r.json")) == run_rolelint("--format json " + kInputs + " 2>/dev/null").out);
  CHECK(read_file(file("r.sarif")) ==
        run_rolelint("--format sarif " + kInputs + " 2>/dev/null").out);
  CHECK(read_file(file("r.xml")) == run_rolelint("--format junit " + kInputs + " 2>/dev/null").out);
  CHECK(read_file(file("r.github")) ==
        run_rolelint("--format github " + kInputs + " 2>/dev/null").out);
  // The one report given without a file goes to --output's.
  const Run output =
      run_rolelint("--format sarif:" + dir / "o.sarif" + " --format junit --output " +
                   dir / "o.xml" + " " + kInputs + " 2>/dev/null");
  CHECK(output.out.empty());
  CHECK(read_file(file("o.xml")) == read_file(file("r.xml")));
  CHECK(read_file(file("o.sarif")) == read_file(file("r.sarif")));
}

TEST_CASE("at most one report goes to standard output, and each file gets one report",
          "[cli][formats]") {
  auto error = [](const std::string& args) {
    const Run r = run_rolelint(args + " " + kExample + " 2>&1 >/dev/null");
    CHECK(r.status == 2);
    return r.out.substr(0, r.out.find('\n'));
  };
  CHECK(
      error("--format text --format json") ==
      "rolelint: error: more than one report for standard output: give the others as FORMAT:FILE");
  CHECK(error("--format json:a.json --output b.json") ==
        "rolelint: error: --output: every --format names its own file");
  CHECK(error("--format json:a.json --format sarif:a.json") ==
        "rolelint: error: two reports would be written to 'a.json'");
  CHECK(error("--format sarif:") == "rolelint: error: --format sarif: needs a file after ':'");
  CHECK(error("--format xml:a.xml") ==
        "rolelint: error: unknown format 'xml' (text, json, sarif, junit, github; FORMAT:FILE "
        "writes FILE)");
}

TEST_CASE("the summary and input errors go to stderr with every format, the summary unless --quiet",
          "[cli][formats]") {
  for (const std::string format : {"text", "json", "sarif", "junit", "github"}) {
    INFO(format);
    CHECK(run_rolelint("--format " + format + " --select RL301 " + kExample +
                       " examples/no-such-file.yaml 2>&1 >/dev/null")
              .out ==
          "examples/no-such-file.yaml: error: no such file or directory\n"
          "1 finding (1 error, 0 warnings, 0 info) in 1 file; 1 input error\n");
    CHECK(run_rolelint("-q --format " + format + " --select RL301 " + kExample + " 2>&1 >/dev/null")
              .out.empty());
  }
}
