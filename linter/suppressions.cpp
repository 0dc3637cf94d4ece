#include "linter/suppressions.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <utility>

namespace rolelint {
namespace {

std::string_view line_text(std::string_view text, const LineIndex& index, std::uint32_t line) {
  const std::uint32_t begin = index.line_start(line);
  std::uint32_t end = line < index.line_count() ? index.line_start(line + 1)
                                                : static_cast<std::uint32_t>(text.size());
  if (end > begin && text[end - 1] == '\n') --end;
  return text.substr(begin, end - begin);
}

}  // namespace

std::vector<Suppression> scan_suppressions(std::string_view text, FileId file,
                                           const LineIndex& index, CommentSyntax syntax) {
  std::vector<Suppression> out;
  if (syntax == CommentSyntax::None || text.find("ignore[") == std::string_view::npos) return out;
  for (std::uint32_t line = 1; line <= index.line_count(); ++line) {
    const std::string_view l = line_text(text, index, line);
    const std::optional<CommentDirective> d = find_directive(l, syntax);
    if (!d || d->name != "ignore" || !d->has_list) continue;
    Suppression s;
    s.file = file;
    s.line = line;
    for_each_list_item(d->list, [&](std::string_view id) { s.rules.emplace_back(id); });
    s.reason = std::string(d->rest);
    const std::uint32_t begin = index.line_start(line) + static_cast<std::uint32_t>(d->marker);
    s.span = Span{file, begin, begin + static_cast<std::uint32_t>(l.size() - d->marker)};
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Suppression> resource_suppressions(const std::vector<model::ResourceIgnore>& ignores,
                                               const std::vector<SourceFile>& files,
                                               const std::vector<LineIndex>& indexes) {
  std::vector<Suppression> out;
  for (const model::ResourceIgnore& r : ignores) {
    if (r.span.file >= files.size()) continue;
    Suppression s;
    s.file = r.span.file;
    s.line = indexes[s.file].position(files[s.file].text, r.span.begin).line;
    s.rules = r.rules;
    s.span = r.span;
    s.resource = r.resource;
    out.push_back(std::move(s));
  }
  return out;
}

void apply_suppressions(std::vector<Finding>& findings, std::vector<Suppression>& suppressions,
                        const std::vector<SourceFile>& files, const std::vector<LineIndex>& indexes,
                        std::span<const CommentSyntax> syntaxes,
                        const std::vector<Span>& statements) {
  if (suppressions.empty()) return;
  // Comments by (file, line); resources' own lists by (file, offset of the resource).
  using Where = std::pair<FileId, std::uint32_t>;
  std::map<Where, std::vector<Suppression*>> by_line;
  std::map<Where, std::vector<Suppression*>> by_resource;
  for (Suppression& s : suppressions) {
    if (s.resource.valid()) {
      by_resource[{s.resource.file, s.resource.begin}].push_back(&s);
    } else {
      by_line[{s.file, s.line}].push_back(&s);
    }
  }
  auto covers = [](const Suppression& s, const Finding& f) {
    return std::any_of(s.rules.begin(), s.rules.end(),
                       [&](const std::string& r) { return r == f.rule_id || r == f.rule_name; });
  };
  // The suppression at `where` in `index` that covers `f`, or nullptr.
  auto at = [&](const std::map<Where, std::vector<Suppression*>>& index, Where where,
                const Finding& f) -> Suppression* {
    auto it = index.find(where);
    if (it == index.end()) return nullptr;
    for (Suppression* s : it->second) {
      if (covers(*s, f)) return s;
    }
    return nullptr;
  };
  auto on_line = [&](FileId file, std::uint32_t line, const Finding& f) {
    return at(by_line, {file, line}, f);
  };
  // On the line where `begin` is, or in the comment lines directly above it.
  auto on_or_above = [&](FileId file, std::uint32_t begin, const Finding& f) {
    const LineIndex& index = indexes[file];
    std::uint32_t line = index.position(files[file].text, begin).line;
    Suppression* hit = nullptr;
    const CommentSyntax syntax = file < syntaxes.size() ? syntaxes[file] : CommentSyntax::None;
    visit_line_and_comments_above(files[file].text, begin, syntax,
                                  [&](std::string_view, std::size_t) {
                                    hit = on_line(file, line--, f);
                                    return hit != nullptr;
                                  });
    return hit;
  };
  // The statement a finding is in: the last one starting at or before it, if it reaches it.
  auto statement_of = [&](const Span& span) -> const Span* {
    auto after = std::upper_bound(statements.begin(), statements.end(), span,
                                  [](const Span& a, const Span& b) {
                                    return std::pair(a.file, a.begin) < std::pair(b.file, b.begin);
                                  });
    if (after == statements.begin()) return nullptr;
    const Span& s = *std::prev(after);
    return s.file == span.file && s.end >= span.end ? &s : nullptr;
  };
  std::erase_if(findings, [&](const Finding& f) {
    const FileId file = f.span.file;
    if (file >= files.size()) return false;
    const LineIndex& index = indexes[file];
    Suppression* hit = on_line(file, index.position(files[file].text, f.span.begin).line, f);
    if (!hit) {
      if (const Span* statement = statement_of(f.span))
        hit = on_or_above(file, statement->begin, f);
    }
    if (!hit && f.resource_span.valid())
      hit = at(by_resource, {f.resource_span.file, f.resource_span.begin}, f);
    if (!hit && f.resource_span.valid() && f.resource_span.file == file)
      hit = on_or_above(file, f.resource_span.begin, f);
    if (!hit) return false;
    hit->used = true;
    hit->used_rules.resize(hit->rules.size(), false);
    for (std::size_t k = 0; k < hit->rules.size(); ++k) {
      if (hit->rules[k] == f.rule_id || hit->rules[k] == f.rule_name) hit->used_rules[k] = true;
    }
    return true;
  });
}

void note_nearest_findings(std::vector<Suppression>& suppressions,
                           const std::vector<Finding>& findings,
                           const std::vector<SourceFile>& files,
                           const std::vector<LineIndex>& indexes) {
  for (Suppression& s : suppressions) {
    s.nearest_lines.assign(s.rules.size(), 0);
    for (std::size_t k = 0; k < s.rules.size(); ++k) {
      if (k < s.used_rules.size() && s.used_rules[k]) continue;
      std::uint32_t best = 0, best_distance = 0;
      for (const Finding& f : findings) {
        if (f.span.file != s.file || (s.rules[k] != f.rule_id && s.rules[k] != f.rule_name))
          continue;
        const std::uint32_t line = indexes[s.file].position(files[s.file].text, f.span.begin).line;
        const std::uint32_t distance = line > s.line ? line - s.line : s.line - line;
        if (best == 0 || distance < best_distance) {
          best = line;
          best_distance = distance;
        }
      }
      s.nearest_lines[k] = best;
    }
  }
}

}  // namespace rolelint
