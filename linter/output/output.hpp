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
  int exit_status = 0;                          // what the process exits with
  Severity fail_on = Severity::Warning;         // findings below this do not fail the run
  std::span<const rules::Rule* const> rules;    // the rules that ran, by id
};

// `file:line:col: severity: message [RLxxx]\n` for one finding.
std::string text_line(const LintResult& result, const Finding& finding);
// One text_line per finding, in report order.
void write_text(std::ostream& out, const LintResult& result);
// Input errors in the same gcc style (`file:line:col: error: message`).
void write_text_errors(std::ostream& out, const LintResult& result);
// Notes (values too large to evaluate) in the same style (`file:line:col: note: message`).
void write_text_notes(std::ostream& out, const LintResult& result);
// One line: "N findings (E errors, W warnings, I info) in F files; X input errors".
void write_summary(std::ostream& out, const LintResult& result);
// {"findings": [...], "errors": [...], "summary": {...}}
void write_json(std::ostream& out, const LintResult& result);
// SARIF 2.1.0: one run with the rules that ran, results with regions and partial fingerprints,
// input errors as tool execution notifications, and the exit status in `invocations`.
void write_sarif(std::ostream& out, const LintResult& result, const RunInfo& run);
// JUnit XML: one test case per linted file. Findings at or above --fail-on are its failure;
// findings below it are in its system-out; an input error is an error test case.
void write_junit(std::ostream& out, const LintResult& result, const RunInfo& run);
// GitHub Actions workflow commands: `::error file=..,line=..,col=..,endLine=..,endColumn=..,
// title=RLxxx::message` (warning, notice for the other severities), escaped as GitHub requires.
void write_github(std::ostream& out, const LintResult& result);

}  // namespace rolelint::output
