#include <nlohmann/json.hpp>

#include "linter/output/json_text.hpp"
#include "linter/output/output.hpp"

namespace rolelint::output {

void write_json(std::ostream& out, const LintResult& result) {
  using Json = nlohmann::ordered_json;
  Json findings = Json::array();
  std::size_t counts[3] = {0, 0, 0};
  for (const Finding& f : result.findings) {
    ++counts[static_cast<int>(f.severity)];
    const ResolvedSpan at = resolve(result, f.span);
    findings.push_back(Json{{"rule_id", f.rule_id},
                            {"rule_name", f.rule_name},
                            {"severity", severity_name(f.severity)},
                            {"message", f.message},
                            {"file", result.files[f.span.file].path},
                            {"line", at.begin.line},
                            {"column", at.begin.column},
                            {"end_line", at.end.line},
                            {"end_column", at.end.column},
                            {"resource", f.resource}});
  }
  Json errors = Json::array();
  for (const InputError& e : result.errors) {
    errors.push_back(
        Json{{"file", e.file}, {"line", e.line}, {"column", e.column}, {"message", e.message}});
  }
  std::size_t linted = 0;
  for (const LintedFile& l : result.linted) linted += l.reported() ? 1 : 0;
  Json summary{{"files", linted},
               {"findings", result.findings.size()},
               {"errors", counts[2]},
               {"warnings", counts[1]},
               {"info", counts[0]},
               {"baselined", result.baselined},
               {"input_errors", result.errors.size()}};
  Json report{{"findings", std::move(findings)},
              {"errors", std::move(errors)},
              {"summary", std::move(summary)}};
  out << json_text(report);
}

}  // namespace rolelint::output
