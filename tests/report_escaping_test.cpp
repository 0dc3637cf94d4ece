// Reports cannot be abused: a template and file names holding every character a report must not
// write raw (ESC, BEL, NUL, CR, LF, DEL, the 8-bit CSI U+009B, each bidirectional control, the
// line separators, invalid UTF-8, `::add-mask::` at the start of a line) go through every format.
// Each report is compared byte for byte with a golden file, and checked to hold none of them.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/utf8.hpp"
#include "linter/catalog/action_catalog.hpp"
#include "tests/cli_run.hpp"
#include "tests/limited_run.hpp"

namespace {

using rolelint::testing::check_golden;
using rolelint::testing::LimitedRun;
using rolelint::testing::run_limited;
using rolelint::testing::TempDir;

// Every bidirectional formatting character, U+061C and the line and paragraph separators.
constexpr std::string_view kBidi =
    "\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u061c\\u200e\\u200f\\u2028\\u"
    "2029";

// A role whose logical id, name and action quote the hostile characters (as YAML escapes, and
// as raw invalid bytes and DEL).
std::string hostile_template() {
  return std::string(
             "Resources:\n"
             "  \"Deploy\\e]0;x\\a\\u202e\":\n"
             "    Type: AWS::IAM::Role\n"
             "    Properties:\n"
             "      RoleName: \"r\\e\\a\\0\\r\\n::add-mask::x\\x9b[31m") +
         std::string(kBidi) +
         " bad\xFF\xFE"
         "end\x7F\"\n"
         "      AssumeRolePolicyDocument:\n"
         "        Version: \"2012-10-17\"\n"
         "        Statement:\n"
         "          - Effect: Allow\n"
         "            Principal: { AWS: \"arn:aws:iam::111122223333:root\" }\n"
         "            Action: [\"sts:AssumeRole\", \"sts:Assume\\e[2J\\n::add-mask::y\"]\n";
}

// A template's name with ESC, BEL, CR, LF, a workflow command, U+009B, U+202E and invalid bytes;
// a broken file whose name starts with a workflow command (its input error is reported too).
const std::string kTemplateName = "t\x1b\x07\r\n::add-mask::\xC2\x9B\xE2\x80\xAE\x9B\xFF.yaml";
const std::string kBrokenName = "::add-mask::e\x1b[2J\n::add-mask::z.yaml";

LimitedRun lint_hostile(const TempDir& dir, const std::string& format) {
  return run_limited(
      {"--format", format, "--select", "RL301,RL303,RL205", kTemplateName, kBrokenName}, {},
      dir.path.string());
}

// The first line of `report` that holds a raw character no format may write, or that a CI
// runner would read as a workflow command; empty when there is none. Lines end with LF, which
// each format writes itself; GitHub's own commands are the only lines that start with "::".
std::string first_unsafe_line(std::string_view report, bool github) {
  for (std::size_t at = 0; at < report.size();) {
    std::size_t end = report.find('\n', at);
    if (end == std::string_view::npos) end = report.size();
    const std::string_view line = report.substr(at, end - at);
    std::string_view trimmed = line;
    while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
      trimmed.remove_prefix(1);
    const bool own_command =
        github && (line.starts_with("::error file=") || line.starts_with("::warning file=") ||
                   line.starts_with("::notice file="));
    if (!rolelint::utf8::is_safe(line) || (trimmed.starts_with("::") && !own_command))
      return std::string(line);
    at = end + 1;
  }
  return {};
}

void check_safe(const LimitedRun& r, bool github = false) {
  INFO(r.describe());
  CHECK(r.status == 2);  // the broken file is an input error
  CHECK(!r.out.empty());
  CHECK(first_unsafe_line(r.out, github).empty());
  CHECK(first_unsafe_line(r.err, false).empty());
}

}  // namespace

TEST_CASE("every report format escapes control, bidi and invalid bytes from names and values",
          "[cli][formats][escaping]") {
  TempDir dir;
  std::ofstream(dir.path / kTemplateName, std::ios::binary) << hostile_template();
  std::ofstream(dir.path / kBrokenName, std::ios::binary) << "Resources: [\n";

  const LimitedRun text = lint_hostile(dir, "text");
  check_safe(text);
  check_golden("hostile.txt", text.out);
  check_golden("hostile.stderr", text.err);

  // The source lines of the findings, with their raw bytes, are escaped too.
  const LimitedRun source =
      run_limited({"--show-source", "--select", "RL301,RL303,RL205", kTemplateName, kBrokenName},
                  {}, dir.path.string());
  check_safe(source);
  check_golden("hostile.source.txt", source.out);

  const LimitedRun json = lint_hostile(dir, "json");
  check_safe(json);
  check_golden("hostile.json", json.out);
  const auto parsed = nlohmann::json::parse(json.out);  // valid JSON, and it reads back the values
  CHECK(parsed["findings"][2]["message"] ==
        "action 'sts:Assume\x1b[2J\n::add-mask::y' does not exist in service 'sts' "
        "as of the action catalog's data of " +
            std::string(rolelint::catalog::data_date()));
  CHECK(parsed["findings"][0]["resource"] == "Deploy\x1b]0;x\a\xE2\x80\xAE");
  CHECK(parsed["errors"][0]["file"] == kBrokenName);

  const LimitedRun sarif = lint_hostile(dir, "sarif");
  check_safe(sarif);
  check_golden("hostile.sarif", rolelint::testing::portable_sarif(sarif.out, dir.path.string()));
  CHECK(nlohmann::json::parse(sarif.out)["runs"][0]["results"].size() == 3);

  const LimitedRun junit = lint_hostile(dir, "junit");
  check_safe(junit);
  check_golden("hostile.junit.xml", junit.out);
  // XML 1.0 cannot carry C0 controls but tab, LF and CR, even as character references.
  CHECK(junit.out.find("&#x1") == std::string::npos);
  CHECK(junit.out.find("&#27;") == std::string::npos);
  if (std::system("command -v python3 >/dev/null 2>&1") == 0) {  // and an XML parser reads it
    std::ofstream(dir.path / "junit.xml", std::ios::binary) << junit.out;
    const std::string read =
        "python3 -c 'import sys, xml.etree.ElementTree as E; "
        "print(len(list(E.parse(sys.argv[1]).getroot().iter(\"testcase\"))))' " +
        dir / "junit.xml";
    CHECK(rolelint::testing::run_rolelint("--version >/dev/null; " + read).out == "2\n");
  }

  const LimitedRun github = lint_hostile(dir, "github");
  check_safe(github, true);
  check_golden("hostile.github", github.out);
}

TEST_CASE("the hostile-report check finds each raw character it looks for",
          "[cli][formats][escaping]") {
  // The check above must be able to fail: each of these lines is unsafe.
  for (std::string_view line :
       {std::string_view("a\x1b[31m"), std::string_view("a\x07"), std::string_view("a\0", 2),
        std::string_view("a\rb"),
        std::string_view("\xC2\x9B"
                         "1m"),
        std::string_view("x\xE2\x80\xAE"), std::string_view("x\xE2\x81\xA9"),
        std::string_view("x\xFF"), std::string_view("::add-mask::x"),
        std::string_view("  ::stop-commands::x")}) {
    CHECK(!first_unsafe_line(line, false).empty());
  }
  CHECK(!first_unsafe_line("::add-mask::x", true).empty());
  CHECK(first_unsafe_line("::error file=a,line=1::m ::add-mask::\nplain caf\xC3\xA9\n", true)
            .empty());
}

TEST_CASE("usage errors quote the command line escaped", "[cli][escaping]") {
  const LimitedRun option = run_limited({"--bogus\x1b[2J\xE2\x80\xAE"});
  CHECK(option.status == 2);
  CHECK(option.err ==
        "rolelint: error: unknown option '--bogus\\x1b[2J\\u202e'\ntry 'rolelint --help'\n");
  const LimitedRun rule = run_limited({"--select", "RL1\r\n::add-mask::x"});
  CHECK(rule.status == 2);
  CHECK(rule.err == "rolelint: error: unknown rule 'RL1\\r\\n::add-mask::x' (see --list-rules)\n");
}

TEST_CASE("source lines shown with --show-source are escaped", "[cli][escaping]") {
  TempDir dir;
  // A comment after the finding holds U+202E, U+009B, an invalid byte, DEL and U+2066, raw.
  std::ofstream(dir.path / "t.yaml", std::ios::binary)
      << "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n"
         "      RoleName: \"x%y\"  # \xE2\x80\xAE\xC2\x9B\xFF\x7F\xE2\x81\xA6\n";
  const LimitedRun r = run_limited(
      {"-q", "--no-hints", "--show-source", "--select", "RL303", "t.yaml"}, {}, dir.path.string());
  CHECK(r.status == 1);
  CHECK(r.out ==
        "t.yaml:5:17: error: role name 'x%y' contains '%'; IAM allows letters, digits and + = , . "
        "@ _ - [RL303]\n"
        "    5 |       RoleName: \"x%y\"  # \\u202e\\u009b\xEF\xBF\xBD\\x7f\\u2066\n"
        "      |                 ^~~~~\n");
}
