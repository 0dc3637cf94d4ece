// GitHub Actions workflow commands. GitHub decodes %25, %0D and %0A in the message, and also
// %3A and %2C in property values, where ':' and ',' would end the value.
#include "linter/base/str_cat.hpp"
#include "linter/base/utf8.hpp"
#include "linter/output/output.hpp"

namespace rolelint::output {
namespace {

// GitHub decodes only these escapes, so every other unsafe character (ESC, BEL, NUL, DEL, C1 and
// bidirectional controls, invalid UTF-8) is written as the visible escape of the text format:
// no raw control byte reaches the log, and no line of data can start a workflow command.
std::string escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  auto plain = [&](std::string_view run) {
    for (char c : run) {
      switch (c) {
        case '%':
          out += "%25";
          break;
        case ':':
          out += property ? "%3A" : ":";
          break;
        case ',':
          out += property ? "%2C" : ",";
          break;
        default:
          out += c;
      }
    }
  };
  auto unsafe = [&](const utf8::Decoded& d) {
    if (d.valid && d.code_point == '\r') {
      out += "%0D";
    } else if (d.valid && d.code_point == '\n') {
      out += "%0A";
    } else {
      utf8::append_visible_escape(out, d);
    }
  };
  utf8::for_each_piece(text, plain, unsafe);
  return out;
}

std::string_view command(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "notice";
  }
  return "warning";
}

}  // namespace

void write_github(std::ostream& out, const LintResult& result) {
  for (const Finding& f : result.findings) {
    const ResolvedSpan at = resolve(result, f.span);
    out << "::" << command(f.severity) << " file=" << escape(result.files[f.span.file].path, true)
        << ",line=" << at.begin.line << ",col=" << at.begin.column << ",endLine=" << at.end.line
        << ",endColumn=" << at.end.column
        << ",title=" << escape(str_cat(f.rule_id, ' ', f.rule_name), true)
        << "::" << escape(f.message, false) << '\n';
  }
  for (const InputError& e : result.errors) {
    out << "::error file=" << escape(e.file, true);
    if (e.line) out << ",line=" << e.line << ",col=" << e.column;
    out << ",title=rolelint::" << escape(e.message, false) << '\n';
  }
}

}  // namespace rolelint::output
