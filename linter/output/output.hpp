#pragma once
// Report writers. Each writes the whole report to a stream; none prints elsewhere.
#include <ostream>
#include <span>
#include <string>

#include "linter/engine.hpp"

namespace rolelint::rules {
struct Rule;
}

namespace rolelint::output {

// What a report needs besides the result: the run's outcome and configuration.
struct RunInfo {
  int exit_status = 0;                        // what the process exits with
  Severity fail_on = Severity::Warning;       // findings below this do not fail the run
  std::span<const rules::Rule* const> rules;  // the rules that ran, by id
  // The lint root, absolute: what report paths are relative to (SARIF's %SRCROOT%). Empty: none.
  std::string root;
};

// "1 finding", "2 findings": a count and a noun that takes an 's' in the plural.
std::string plural(std::size_t n, std::string_view word);

// How text reports show each finding (the CLI's defaults: hints on, the rest off).
struct TextStyle {
  bool show_source = false;  // the source line with a caret range under the finding
  bool hints = false;        // `  help: <fix>; see <doc link>`
  bool color = false;        // ANSI colours
};

// `file:line:col: severity: message [RLxxx]\n` for one finding: its first line in every style.
std::string text_line(const LintResult& result, const Finding& finding);
// text_line, coloured if asked, then the lines `style` adds (each indented).
std::string text_finding(const LintResult& result, const Finding& finding, const TextStyle& style);
// `file:line:col: error: message\n` (or `file: error: message\n`) for one input error; `kind`
// replaces "error" for other problems of the same shape (a note).
std::string text_error_line(const InputError& error, std::string_view kind = "error");
// One text_finding per finding, in report order. Every value from a linted file is escaped
// (utf8::visible); a line never starts with "::".
void write_text(std::ostream& out, const LintResult& result, const TextStyle& style = {});
// Input errors in the same gcc style (`file:line:col: error: message`).
void write_text_errors(std::ostream& out, const LintResult& result);
// The number of findings of each rule that has any, most first: `3  RL301  role-name-too-long`,
// counts aligned right.
void write_statistics(std::ostream& out, const LintResult& result);
// Notes (values too large to evaluate) in the same style (`file:line:col: note: message`).
void write_text_notes(std::ostream& out, const LintResult& result);
// One line: "N findings (E errors, W warnings, I info) in F files; X input errors", singular
// where a count is 1.
void write_summary(std::ostream& out, const LintResult& result);
// {"findings": [...], "errors": [...], "summary": {...}}
void write_json(std::ostream& out, const LintResult& result);
// SARIF 2.1.0: one run with the rules that ran, results with regions and partial fingerprints,
// input errors as tool execution notifications, and the exit status in `invocations`.
void write_sarif(std::ostream& out, const LintResult& result, const RunInfo& run);
// JUnit XML: one test case per linted file, its class name the file's directory. Each finding at
// or above --fail-on is a <failure> typed by its rule id; findings below it are in its
// system-out; an input error makes it an error test case.
void write_junit(std::ostream& out, const LintResult& result, const RunInfo& run);
// GitHub Actions workflow commands: `::error file=..,line=..,col=..,endLine=..,endColumn=..,
// title=RLxxx rule-name::message` (warning, notice for the other severities), escaped as GitHub
// requires.
void write_github(std::ostream& out, const LintResult& result);

// Every rule as a JSON array for tools: id, name, severity, on_by_default, formats, summary,
// fix, doc_url (--list-rules --format json).
void write_rule_list_json(std::ostream& out);
// A rule's Markdown page as a terminal shows it (--explain on a terminal): headings bold (or
// underlined without colour), code blocks indented without their fences, bullets as dots,
// `code` coloured, links as their text.
void write_markdown_for_terminal(std::ostream& out, std::string_view markdown, bool color);

}  // namespace rolelint::output
