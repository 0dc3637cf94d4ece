// JUnit XML as Jenkins, GitLab, Azure DevOps and CircleCI read it: <testsuites> with one
// <testsuite name="rolelint">, one <testcase> per linted file.
#include <map>

#include "linter/base/str_cat.hpp"
#include "linter/output/output.hpp"

namespace rolelint::output {
namespace {

// The length of the valid UTF-8 sequence at text[i], or 0.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > text.size() || (n == 2 && c < 0xC2)) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  if (n == 3 && ((c == 0xE0 && byte(i + 1) < 0xA0) || (c == 0xED && byte(i + 1) >= 0xA0))) return 0;
  if (n == 4 && ((c == 0xF0 && byte(i + 1) < 0x90) || c > 0xF4 || (c == 0xF4 && byte(i + 1) >= 0x90))) return 0;
  return n;
}

// Escapes for text and attribute values. Characters XML 1.0 cannot carry (controls other than
// tab, newline and carriage return; invalid UTF-8) become U+FFFD.
std::string xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const std::size_t n = utf8_sequence(text, i);
    if (n == 0 || (n == 1 && static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
      out += "\xEF\xBF\xBD";
      i += n == 0 ? 1 : n;
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\r': out += "&#13;"; break;
      default: out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
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
                             std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\"";
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"rolelint\" " << counts << ">\n"
      << "  <testsuite name=\"rolelint\" " << counts << " skipped=\"0\">\n";
  for (const Case& c : cases) {
    out << "    <testcase classname=\"rolelint\" name=\"" << xml(c.file) << "\" file=\"" << xml(c.file) << "\"";
    if (c.errors.empty() && c.failing.empty() && c.passing.empty()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    if (!c.errors.empty()) {
      out << "      <error type=\"input-error\" message=\"" << xml(c.errors.front()->message) << "\">";
      for (const InputError* e : c.errors) {
        const std::string where = e->line ? str_cat(e->file, ":", e->line, ":", e->column) : e->file;
        out << xml(str_cat(where, ": error: ", e->message, "\n"));
      }
      out << "</error>\n";
    } else if (!c.failing.empty()) {
      const Finding& first = *c.failing.front();
      out << "      <failure type=\"" << xml(first.rule_id) << "\" message=\""
          << xml(plural(c.failing.size(), "finding") + "; first: " + first.message) << "\">";
      for (const Finding* f : c.failing) out << xml(text_line(result, *f));
      out << "</failure>\n";
    }
    // Findings that do not fail the run, and failing ones of a file that also has an error.
    std::vector<const Finding*> listed = c.errors.empty() ? std::vector<const Finding*>{} : c.failing;
    listed.insert(listed.end(), c.passing.begin(), c.passing.end());
    if (!listed.empty()) {
      out << "      <system-out>";
      for (const Finding* f : listed) out << xml(text_line(result, *f));
      out << "</system-out>\n";
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace rolelint::output
