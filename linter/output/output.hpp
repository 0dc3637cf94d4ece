#pragma once
// Report writers. Each writes the whole report to a stream; none prints elsewhere.
#include <ostream>

#include "linter/engine.hpp"

namespace rolelint::output {

// `file:line:col: severity: message [RLxxx]`, one line per finding, in report order.
void write_text(std::ostream& out, const LintResult& result);
// Input errors in the same gcc style (`file:line:col: error: message`).
void write_text_errors(std::ostream& out, const LintResult& result);
// One line: "N findings (E errors, W warnings, I info) in F files; X input errors".
void write_summary(std::ostream& out, const LintResult& result);
// {"findings": [...], "errors": [...], "summary": {...}}
void write_json(std::ostream& out, const LintResult& result);

}  // namespace rolelint::output
