#include "linter/baseline.hpp"

#include <nlohmann/json.hpp>

#include "linter/fingerprint.hpp"

namespace rolelint {
namespace {

using Json = nlohmann::ordered_json;
constexpr int kFormatVersion = 1;

}  // namespace

std::string write_baseline(const LintResult& result) {
  const std::vector<std::string> prints = fingerprints(result);
  Json findings = Json::array();
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    const Finding& f = result.findings[i];
    findings.push_back(Json{{"fingerprint", prints[i]},
                            {"rule_id", f.rule_id},
                            {"file", result.files[f.span.file].path},
                            {"line", resolve(result, f.span).begin.line},
                            {"message", f.message}});
  }
  const Json file{{"rolelint_baseline", kFormatVersion}, {"findings", std::move(findings)}};
  return file.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Result<Baseline> parse_baseline(std::string_view text) {
  Json json;
  try {
    json = Json::parse(text);
  } catch (const Json::parse_error& e) {
    const std::uint32_t at = e.byte > 0 ? static_cast<std::uint32_t>(e.byte - 1) : 0;
    return ParseError{at, "not a rolelint baseline: invalid JSON"};
  }
  if (!json.is_object() || !json.contains("rolelint_baseline")) {
    return ParseError{0, "not a rolelint baseline (written by --write-baseline)"};
  }
  if (json["rolelint_baseline"] != kFormatVersion) {
    return ParseError{0, "baseline format version " + json["rolelint_baseline"].dump() + " is not supported (1)"};
  }
  const Json& findings = json["findings"];
  if (!findings.is_array()) return ParseError{0, "'findings' must be a list"};
  Baseline baseline;
  for (const Json& f : findings) {
    if (!f.is_object() || !f.contains("fingerprint") || !f["fingerprint"].is_string()) {
      return ParseError{0, "every finding needs a 'fingerprint' string"};
    }
    ++baseline[f["fingerprint"].get<std::string>()];
  }
  return baseline;
}

std::size_t apply_baseline(LintResult& result, Baseline baseline) {
  const std::vector<std::string> prints = fingerprints(result);
  std::vector<Finding> kept;
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    auto it = baseline.find(prints[i]);
    if (it != baseline.end() && it->second > 0) {
      --it->second;
    } else {
      kept.push_back(std::move(result.findings[i]));
    }
  }
  const std::size_t dropped = result.findings.size() - kept.size();
  result.findings = std::move(kept);
  return dropped;
}

}  // namespace rolelint
