// JUnit XML as Jenkins, GitLab, Azure DevOps and CircleCI read it: <testsuites> with one
// <testsuite name="rolelint">, one <testcase> per linted file whose class name is the file's
// directory, and one <failure> per finding, typed by the finding's rule id.
#include <map>

#include "linter/base/utf8.hpp"
#include "linter/output/output.hpp"

namespace rolelint::output {
namespace {

// XML 1.0 text. Markup characters become entities. Controls XML 1.0 cannot carry even as
// references (the C0 controls but tab, LF and CR) and invalid UTF-8 become U+FFFD; the other
// unsafe characters (DEL, C1 and bidirectional controls) become character references, so none is
// in the file raw. LF stays raw in element text, where the report's own lines end; in an
// attribute it is a reference like tab and CR (a parser would turn them into spaces).
std::string xml(std::string_view text, bool attribute = true) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  auto plain = [&](std::string_view run) {
    for (char c : run) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        default:
          out += c;
      }
    }
  };
  auto unsafe = [&](const utf8::Decoded& d) {
    const char32_t cp = d.code_point;
    if (d.valid && cp == '\n' && !attribute) {
      out += '\n';
    } else if (!d.valid || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')) {
      out += utf8::kReplacementBytes;
    } else {
      out += "&#x";
      for (int shift = cp > 0xFF ? 12 : 4; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
      out += ';';
    }
  };
  utf8::for_each_piece(text, plain, unsafe);
  return out;
}

// The directory part of a path, as the test case's class name: "." for a bare file name.
std::string_view directory(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  return slash == 0 ? path.substr(0, 1) : path.substr(0, slash);
}

struct Case {
  std::string file;
  std::vector<const Finding*> failing, passing;  // at or above --fail-on, below it
  std::vector<const InputError*> errors;
};

}  // namespace

void write_junit(std::ostream& out, const LintResult& result, const RunInfo& run) {
  // One case per reported file in input order, then files that only have input errors.
  std::vector<Case> cases;
  std::map<std::string, std::size_t> by_path;
  auto case_for = [&](const std::string& path) -> Case& {
    auto [it, fresh] = by_path.try_emplace(path, cases.size());
    if (fresh) cases.push_back(Case{path, {}, {}, {}});
    return cases[it->second];
  };
  for (const LintedFile& l : result.linted) {
    if (l.reported()) case_for(result.files[l.id].path);
  }
  for (const Finding& f : result.findings) {
    Case& c = case_for(result.files[f.span.file].path);
    (f.severity >= run.fail_on ? c.failing : c.passing).push_back(&f);
  }
  for (const InputError& e : result.errors) case_for(e.file).errors.push_back(&e);

  std::size_t failures = 0, errors = 0;
  for (const Case& c : cases) {
    if (!c.errors.empty()) {
      ++errors;
    } else if (!c.failing.empty()) {
      ++failures;
    }
  }

  const std::string counts = "tests=\"" + std::to_string(cases.size()) + "\" failures=\"" +
                             std::to_string(failures) + "\" errors=\"" + std::to_string(errors) +
                             "\"";
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"rolelint\" " << counts << ">\n"
      << "  <testsuite name=\"rolelint\" " << counts << " skipped=\"0\">\n";
  for (const Case& c : cases) {
    out << "    <testcase classname=\"" << xml(directory(c.file)) << "\" name=\"" << xml(c.file)
        << "\" file=\"" << xml(c.file) << "\"";
    if (c.errors.empty() && c.failing.empty() && c.passing.empty()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    if (!c.errors.empty()) {
      out << "      <error type=\"input-error\" message=\"" << xml(c.errors.front()->message)
          << "\">";
      for (const InputError* e : c.errors) out << xml(text_error_line(*e), false);
      out << "</error>\n";
    }
    // Each finding at or above --fail-on is a failure of its own, typed by its rule id.
    for (const Finding* f : c.failing) {
      out << "      <failure type=\"" << xml(f->rule_id) << "\" message=\"" << xml(f->message)
          << "\">" << xml(text_line(result, *f), false) << "</failure>\n";
    }
    if (!c.passing.empty()) {  // findings that do not fail the run
      out << "      <system-out>";
      for (const Finding* f : c.passing) out << xml(text_line(result, *f), false);
      out << "</system-out>\n";
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace rolelint::output
