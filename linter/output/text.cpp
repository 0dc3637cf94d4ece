#include "linter/output/output.hpp"

namespace rolelint::output {

void write_text(std::ostream& out, const LintResult& result) {
  for (const Finding& f : result.findings) {
    const ResolvedSpan at = resolve(result, f.span);
    out << result.files[f.span.file].path << ':' << at.begin.line << ':' << at.begin.column << ": "
        << severity_name(f.severity) << ": " << f.message << " [" << f.rule_id << "]\n";
  }
}

void write_text_errors(std::ostream& out, const LintResult& result) {
  for (const InputError& e : result.errors) {
    out << e.file;
    if (e.line) out << ':' << e.line << ':' << e.column;
    out << ": error: " << e.message << '\n';
  }
}

void write_summary(std::ostream& out, const LintResult& result) {
  std::size_t counts[3] = {0, 0, 0};
  for (const Finding& f : result.findings) ++counts[static_cast<int>(f.severity)];
  std::size_t linted = 0;
  for (const LintedFile& l : result.linted) linted += l.reported() ? 1 : 0;
  out << result.findings.size() << (result.findings.size() == 1 ? " finding" : " findings") << " ("
      << counts[2] << " errors, " << counts[1] << " warnings, " << counts[0] << " info) in "
      << linted << (linted == 1 ? " file" : " files");
  if (!result.errors.empty()) {
    out << "; " << result.errors.size()
        << (result.errors.size() == 1 ? " input error" : " input errors");
  }
  out << '\n';
}

}  // namespace rolelint::output
