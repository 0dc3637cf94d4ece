#include "linter/lsp/diagnostics.hpp"

#include "linter/docs.hpp"
#include "linter/lsp/positions.hpp"
#include "rules/rule.hpp"

namespace rolelint::lsp {
using nlohmann::json;

RangeMapper::RangeMapper(const LintResult& result, Encoding encoding)
    : result_(result), encoding_(encoding), tables_(result.files.size()) {
  for (FileId id = 0; id < result.files.size(); ++id) by_path_.emplace(result.files[id].path, id);
}

const LineTable& RangeMapper::table(FileId file) {
  if (!tables_[file]) tables_[file].emplace(result_.files[file].text);
  return *tables_[file];
}

LspRange RangeMapper::range(const Span& span) {
  if (span.file >= result_.files.size()) return {};
  const std::string_view text = result_.files[span.file].text;
  const LineTable& lines = table(span.file);
  return {lines.position(text, span.begin, encoding_), lines.position(text, span.end, encoding_)};
}

LspRange RangeMapper::range(const InputError& error) {
  const FileId file = file_of(error.file);
  if (error.line == 0) return {};
  if (file == kNoFile) {  // a file that is not linted (a configuration): its columns as they are
    const LspPosition at{error.line - 1, error.column > 0 ? error.column - 1 : 0};
    return {at, at};
  }
  const std::string_view text = result_.files[file].text;
  const std::uint32_t line_start = result_.line_indexes[file].line_start(error.line);
  const LspPosition at = table(file).position(
      text, code_point_column_offset(text, line_start, std::max<std::uint32_t>(error.column, 1)),
      encoding_);
  return {at, at};
}

FileId RangeMapper::file_of(const std::string& path) const {
  const auto it = by_path_.find(path);
  return it == by_path_.end() ? kNoFile : it->second;
}

json to_json(const LspRange& range) {
  return {{"start", {{"line", range.start.line}, {"character", range.start.character}}},
          {"end", {{"line", range.end.line}, {"character", range.end.character}}}};
}

namespace {

int lsp_severity(Severity s) {
  switch (s) {
    case Severity::Error:
      return 1;
    case Severity::Warning:
      return 2;
    case Severity::Info:
      return 3;
  }
  return 1;
}

}  // namespace

std::map<std::string, FileDiagnostics> collect_diagnostics(
    const LintResult& result, RangeMapper& ranges,
    const std::function<std::string(const std::string&)>& uri_of) {
  std::map<std::string, FileDiagnostics> out;
  for (const LintedFile& file : result.linted) {
    if (file.reported()) out[result.files[file.id].path];
  }
  for (const InputError& error : result.errors) {
    const LspRange range = ranges.range(error);
    out[error.file].list.push_back({{"range", to_json(range)},
                                    {"severity", 1},
                                    {"source", "rolelint"},
                                    {"message", error.message}});
  }
  for (const Finding& f : result.findings) {
    if (f.span.file >= result.files.size()) continue;
    const LspRange range = ranges.range(f.span);
    json d = {{"range", to_json(range)},
              {"severity", lsp_severity(f.severity)},
              {"code", f.rule_id},
              {"source", "rolelint"},
              {"message", f.message}};
    if (const rules::Rule* rule = rules::find_rule(f.rule_id))
      d["codeDescription"] = {{"href", rule_doc_url(*rule)}};
    if (!f.related.empty()) {
      json related = json::array();
      for (const RelatedLocation& r : f.related) {
        if (r.span.file >= result.files.size()) continue;
        related.push_back({{"location",
                            {{"uri", uri_of(result.files[r.span.file].path)},
                             {"range", to_json(ranges.range(r.span))}}},
                           {"message", r.note}});
      }
      d["relatedInformation"] = std::move(related);
    }
    FileDiagnostics& file = out[result.files[f.span.file].path];
    file.findings.push_back({range, &f, file.list.size()});
    file.list.push_back(std::move(d));
  }
  return out;
}

}  // namespace rolelint::lsp
