#include "linter/output/output.hpp"

#include "linter/base/str_cat.hpp"

namespace rolelint::output {

namespace {

// One finding is one line: control characters a message quotes from the file (a newline inside
// a role name) are written as C escapes, so problem matchers never see half a finding.
std::string one_line(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string text_line(const LintResult& result, const Finding& f) {
  const ResolvedSpan at = resolve(result, f.span);
  return str_cat(one_line(result.files[f.span.file].path), ':', at.begin.line, ':', at.begin.column, ": ",
                 severity_name(f.severity), ": ", one_line(f.message), " [", f.rule_id, "]\n");
}

void write_text(std::ostream& out, const LintResult& result) {
  for (const Finding& f : result.findings) out << text_line(result, f);
}

namespace {

void write_problems(std::ostream& out, const std::vector<InputError>& problems, std::string_view kind) {
  for (const InputError& e : problems) {
    out << one_line(e.file);
    if (e.line) out << ':' << e.line << ':' << e.column;
    out << ": " << kind << ": " << one_line(e.message) << '\n';
  }
}

}  // namespace

void write_text_errors(std::ostream& out, const LintResult& result) { write_problems(out, result.errors, "error"); }

void write_text_notes(std::ostream& out, const LintResult& result) { write_problems(out, result.notes, "note"); }

void write_summary(std::ostream& out, const LintResult& result) {
  std::size_t counts[3] = {0, 0, 0};
  for (const Finding& f : result.findings) ++counts[static_cast<int>(f.severity)];
  std::size_t linted = 0;
  for (const LintedFile& l : result.linted) linted += l.reported() ? 1 : 0;
  out << result.findings.size() << (result.findings.size() == 1 ? " finding" : " findings") << " ("
      << counts[2] << " errors, " << counts[1] << " warnings, " << counts[0] << " info) in "
      << linted << (linted == 1 ? " file" : " files");
  if (result.baselined) out << "; " << result.baselined << " known from the baseline";
  if (!result.errors.empty()) {
    out << "; " << result.errors.size()
        << (result.errors.size() == 1 ? " input error" : " input errors");
  }
  out << '\n';
}

}  // namespace rolelint::output
