#pragma once
// A lint result as LSP diagnostics: one list per file, findings and input errors alike.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "linter/engine.hpp"
#include "linter/lsp/positions.hpp"

namespace rolelint::lsp {

// Turns the spans of one lint result into LSP ranges; each file's line table is built once.
class RangeMapper {
 public:
  RangeMapper(const LintResult& result, Encoding encoding);
  LspRange range(const Span& span);
  // An input error's position (1-based line, code-point column; line 0: the whole file). In a
  // file the lint did not read (a configuration) the code-point column is taken as it is.
  LspRange range(const InputError& error);
  FileId file_of(const std::string& path) const;  // kNoFile when the path is not in the result

 private:
  const LineTable& table(FileId file);
  const LintResult& result_;
  Encoding encoding_;
  std::vector<std::optional<LineTable>> tables_;
  std::map<std::string, FileId> by_path_;
};

nlohmann::json to_json(const LspRange& range);

struct FindingDiagnostic {
  LspRange range;
  const Finding* finding;  // in the LintResult the diagnostics were made from
  std::size_t index;       // of its diagnostic in FileDiagnostics::list
};

struct FileDiagnostics {
  nlohmann::json list = nlohmann::json::array();
  std::vector<FindingDiagnostic> findings;  // the findings among them
};

// The diagnostics of every reported file of the result and of every file with an input error,
// by path. A finding's diagnostic has range, severity, code (the rule id), codeDescription (the
// rule's page), source, message and relatedInformation; `uri_of` gives a path's URI.
std::map<std::string, FileDiagnostics> collect_diagnostics(
    const LintResult& result, RangeMapper& ranges,
    const std::function<std::string(const std::string&)>& uri_of);

}  // namespace rolelint::lsp
