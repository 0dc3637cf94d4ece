#include "linter/output/output.hpp"

#include "linter/base/str_cat.hpp"
#include "linter/base/utf8.hpp"

namespace rolelint::output {

namespace {

// A file's name as text reports write it: escaped like every other value, and never the start of
// a line a CI runner reads as a workflow command (GitHub's runner trims leading blanks and then
// looks for "::"): `::add-mask::x.yaml` is written `./::add-mask::x.yaml`.
std::string display_path(std::string_view path) {
  std::string out = utf8::visible(path);
  if (out.starts_with(':') || out.starts_with(' ')) out.insert(0, "./");
  return out;
}

}  // namespace

std::string text_line(const LintResult& result, const Finding& f) {
  const ResolvedSpan at = resolve(result, f.span);
  return str_cat(display_path(result.files[f.span.file].path), ':', at.begin.line, ':', at.begin.column, ": ",
                 severity_name(f.severity), ": ", utf8::visible(f.message), " [", f.rule_id, "]\n");
}

void write_text(std::ostream& out, const LintResult& result) {
  for (const Finding& f : result.findings) out << text_line(result, f);
}

std::string text_error_line(const InputError& e) {
  std::string out = display_path(e.file);
  if (e.line) out += str_cat(':', e.line, ':', e.column);
  return str_cat(out, ": error: ", utf8::visible(e.message), '\n');
}

void write_text_errors(std::ostream& out, const LintResult& result) {
  for (const InputError& e : result.errors) out << text_error_line(e);
}

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
