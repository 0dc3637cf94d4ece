// GitHub Actions workflow commands. GitHub decodes %25, %0D and %0A in the message, and also
// %3A and %2C in property values, where ':' and ',' would end the value.
#include "linter/output/output.hpp"

namespace rolelint::output {
namespace {

std::string escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view command(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
  }
  return "warning";
}

}  // namespace

void write_github(std::ostream& out, const LintResult& result) {
  for (const Finding& f : result.findings) {
    const ResolvedSpan at = resolve(result, f.span);
    out << "::" << command(f.severity) << " file=" << escape(result.files[f.span.file].path, true)
        << ",line=" << at.begin.line << ",col=" << at.begin.column << ",endLine=" << at.end.line
        << ",endColumn=" << at.end.column << ",title=" << escape(f.rule_id, true) << "::"
        << escape(f.message, false) << '\n';
  }
  for (const InputError& e : result.errors) {
    out << "::error file=" << escape(e.file, true);
    if (e.line) out << ",line=" << e.line << ",col=" << e.column;
    out << ",title=rolelint::" << escape(e.message, false) << '\n';
  }
}

}  // namespace rolelint::output
