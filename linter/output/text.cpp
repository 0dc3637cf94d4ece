// Text reports for people and for editors' problem matchers: each finding's first line is
// `file:line:col: severity: message [RLxxx]`; what follows it (the source line with a caret
// range, the help line) is indented, so a matcher for that first line never sees it.
#include <algorithm>
#include <map>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "linter/base/utf8.hpp"
#include "linter/docs.hpp"
#include "linter/output/ansi.hpp"
#include "linter/output/output.hpp"
#include "rules/rule.hpp"

namespace rolelint::output {

namespace {

using ansi::paint;

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::Error:
      return ansi::kRed;
    case Severity::Warning:
      return ansi::kMagenta;
    case Severity::Info:
      return ansi::kCyan;
  }
  return ansi::kBold;
}

// A file's name as text reports write it: escaped like every other value, and never the start of
// a line a CI runner reads as a workflow command (GitHub's runner trims leading blanks and then
// looks for "::"): `::add-mask::x.yaml` is written `./::add-mask::x.yaml`.
std::string display_path(std::string_view path) {
  std::string out = utf8::visible(path);
  if (out.starts_with(':') || out.starts_with(' ')) out.insert(0, "./");
  return out;
}

// Code points in valid UTF-8 (what utf8::visible writes): one column each.
std::size_t width(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The byte offset after the first `columns` code points of `text`.
std::size_t bytes_of_first(std::string_view text, std::size_t columns) {
  std::size_t at = 0;
  for (; at < text.size(); ++at) {
    if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80 && columns-- == 0) break;
  }
  return at;
}

// Long lines (a minified JSON template is one line) are cut around the finding.
constexpr std::size_t kContext = 40;  // columns kept before and after the marked range
constexpr std::size_t kMarked = 80;   // columns of the marked range kept

// The finding's source line, and a caret range under the part the span covers (on its first
// line only), behind a gutter with the line number, as clang prints them:
//    14 |       RoleName: platform-team-...
//       |                 ^~~~~~~~~~~~~~~~~
std::string source_snippet(const LintResult& result, const Finding& f, const ResolvedSpan& at,
                           bool color) {
  const std::string_view text = result.files[f.span.file].text;
  const LineIndex& lines = result.line_indexes[f.span.file];
  const std::size_t start = std::min<std::size_t>(lines.line_start(at.begin.line), text.size());
  std::size_t stop = text.find('\n', start);
  if (stop == std::string_view::npos) stop = text.size();
  if (stop > start && text[stop - 1] == '\r') --stop;
  const std::size_t begin = std::clamp<std::size_t>(f.span.begin, start, stop);
  const std::size_t end = std::clamp<std::size_t>(f.span.end, begin, stop);
  std::string before = utf8::visible(text.substr(start, begin - start));
  std::string marked = utf8::visible(text.substr(begin, end - begin));
  std::string after = utf8::visible(text.substr(end, stop - end));
  if (width(before) > kContext) {
    before = "..." + before.substr(bytes_of_first(before, width(before) - kContext + 3));
  }
  if (width(marked) > kMarked)
    marked = marked.substr(0, bytes_of_first(marked, kMarked - 3)) + "...";
  if (width(after) > kContext) after = after.substr(0, bytes_of_first(after, kContext - 3)) + "...";

  const std::string number = std::to_string(at.begin.line);
  const std::string gutter(std::max<std::size_t>(number.size(), 5), ' ');
  std::string caret(std::max<std::size_t>(width(marked), 1), '~');
  caret[0] = '^';
  return str_cat(gutter.substr(number.size()), number, " | ", before, marked, after, '\n', gutter,
                 " | ", std::string(width(before), ' '), paint(color, ansi::kGreen, caret), '\n');
}

// `  help: <fix>; see <doc link>`, for a finding of a known rule.
std::string help_line(const Finding& f, bool color) {
  const rules::Rule* rule = rules::find_rule(f.rule_id);
  if (rule == nullptr) return {};
  return str_cat("  ", paint(color, ansi::kCyan, "help:"), ' ', rule->fix, "; see ",
                 rule_doc_url(*rule), '\n');
}

}  // namespace

std::string plural(std::size_t n, std::string_view word) {
  return str_cat(n, ' ', word, n == 1 ? "" : "s");
}

std::string text_line(const LintResult& result, const Finding& f) {
  return text_finding(result, f, TextStyle{});
}

std::string text_finding(const LintResult& result, const Finding& f, const TextStyle& style) {
  const ResolvedSpan at = resolve(result, f.span);
  const bool color = style.color;
  std::string out = str_cat(
      paint(color, ansi::kBold,
            str_cat(display_path(result.files[f.span.file].path), ':', at.begin.line, ':',
                    at.begin.column, ':')),
      ' ', paint(color, severity_color(f.severity), str_cat(severity_name(f.severity), ':')), ' ',
      paint(color, ansi::kBold, utf8::visible(f.message)), " [", f.rule_id, "]\n");
  if (style.show_source && f.span.valid()) out += source_snippet(result, f, at, color);
  if (style.hints) out += help_line(f, color);
  return out;
}

void write_text(std::ostream& out, const LintResult& result, const TextStyle& style) {
  for (const Finding& f : result.findings) out << text_finding(result, f, style);
}

std::string text_error_line(const InputError& e, std::string_view kind) {
  std::string out = display_path(e.file);
  if (e.line) out += str_cat(':', e.line, ':', e.column);
  return str_cat(out, ": ", kind, ": ", utf8::visible(e.message), '\n');
}

void write_text_errors(std::ostream& out, const LintResult& result) {
  for (const InputError& e : result.errors) out << text_error_line(e);
}

void write_statistics(std::ostream& out, const LintResult& result) {
  std::map<std::string_view, std::pair<std::size_t, std::string_view>> by_rule;  // id: count, name
  for (const Finding& f : result.findings) {
    auto& [count, name] = by_rule[f.rule_id];
    ++count;
    name = f.rule_name;
  }
  std::vector<std::pair<std::string_view, std::pair<std::size_t, std::string_view>>> rows(
      by_rule.begin(), by_rule.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  const std::size_t digits = rows.empty() ? 1 : std::to_string(rows.front().second.first).size();
  for (const auto& [id, row] : rows) {
    const std::string count = std::to_string(row.first);
    out << std::string(digits - count.size(), ' ') << count << "  " << id << "  " << row.second
        << '\n';
  }
}

void write_text_notes(std::ostream& out, const LintResult& result) {
  for (const InputError& n : result.notes) out << text_error_line(n, "note");
}

void write_summary(std::ostream& out, const LintResult& result) {
  std::size_t counts[3] = {0, 0, 0};
  for (const Finding& f : result.findings) ++counts[static_cast<int>(f.severity)];
  std::size_t linted = 0;
  for (const LintedFile& l : result.linted) linted += l.reported() ? 1 : 0;
  out << plural(result.findings.size(), "finding") << " (" << plural(counts[2], "error") << ", "
      << plural(counts[1], "warning") << ", " << counts[0] << " info) in "
      << plural(linted, "file");
  if (result.baselined) out << "; " << result.baselined << " known from the baseline";
  if (!result.errors.empty()) out << "; " << plural(result.errors.size(), "input error");
  out << '\n';
}

}  // namespace rolelint::output
