// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), as GitHub code scanning reads it.
// Report paths (relative to the lint root, see linter/cli/report_paths.hpp) become relative URIs
// against %SRCROOT%, which the run defines as the root's file: URI; a file outside the root has
// an absolute file: URI. Columns are Unicode code points, which the run declares. helpUri links
// the rule docs of the commit that built the binary.
#include <nlohmann/json.hpp>

#include "linter/base/str_cat.hpp"
#include "linter/docs.hpp"
#include "linter/fingerprint.hpp"
#include "linter/output/json_text.hpp"
#include "linter/output/output.hpp"
#include "linter/version.hpp"
#include "rules/rule.hpp"

namespace rolelint::output {
namespace {

using Json = nlohmann::ordered_json;

std::string_view level(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "warning";
}

// GitHub sorts code-scanning alerts by this 0-10 score.
std::string_view security_severity(Severity s) {
  switch (s) {
    case Severity::Error:
      return "8.0";
    case Severity::Warning:
      return "5.0";
    case Severity::Info:
      return "2.0";
  }
  return "5.0";
}

// "trust-missing-assume-action" -> "TrustMissingAssumeAction": SARIF's friendly rule name.
std::string pascal_case(std::string_view kebab) {
  std::string out;
  bool upper = true;
  for (char c : kebab) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

// Joins the lines of each paragraph: plain-text descriptions are not wrapped at 100 columns.
std::string unwrap(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool lone_newline = text[i] == '\n' && (i + 1 >= text.size() || text[i + 1] != '\n') &&
                              (i == 0 || text[i - 1] != '\n');
    out += lone_newline ? ' ' : text[i];
  }
  return out;
}

std::string sentence(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out.back() != '.' && out.back() != '?' && out.back() != '!') out += '.';
  return out;
}

// RFC 3986: everything but unreserved characters and '/' is percent-encoded.
std::string encode_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

// `file://` and the absolute path, percent-encoded (with a trailing slash for a directory).
std::string file_uri(std::string_view absolute_path, bool directory = false) {
  std::string uri = "file://" + encode_path(absolute_path);
  if (directory && !uri.ends_with('/')) uri += '/';
  return uri;
}

Json artifact_location(std::string_view path) {
  if (path.starts_with('/')) return Json{{"uri", file_uri(path)}};
  return Json{{"uri", encode_path(path)}, {"uriBaseId", "%SRCROOT%"}};
}

Json region(const ResolvedSpan& at) {
  return Json{{"startLine", at.begin.line},
              {"startColumn", at.begin.column},
              {"endLine", at.end.line},
              {"endColumn", at.end.column}};
}

Json location(const LintResult& result, const Span& span) {
  return Json{{"physicalLocation",
               {{"artifactLocation", artifact_location(result.files[span.file].path)},
                {"region", region(resolve(result, span))}}}};
}

Json rule_descriptor(const rules::Rule& rule) {
  const std::string url = rule_doc_url(rule, build_doc_ref());
  std::string markdown = "**" + std::string(rule.summary) + ".**\n\n";
  markdown += "Fix: " + std::string(rule.fix) + "\n";
  std::string_view doc = rule.doc;
  while (doc.starts_with('\n')) doc.remove_prefix(1);
  markdown += '\n';
  markdown += doc;
  return Json{
      {"id", rule.id},
      {"name", pascal_case(rule.name)},
      {"shortDescription", {{"text", sentence(rule.summary)}}},
      {"fullDescription", {{"text", sentence(unwrap(rule_doc_section(rule, "Why is this bad?")))}}},
      {"help", {{"text", sentence(rule.fix) + " See " + url}, {"markdown", markdown}}},
      {"helpUri", url},
      {"defaultConfiguration", {{"level", level(rule.severity)}}},
      {"properties",
       {{"tags", Json::array({"security", "aws", "iam"})},
        {"precision", "high"},
        {"problem.severity",
         severity_name(rule.severity) == "info" ? "recommendation" : severity_name(rule.severity)},
        {"security-severity", security_severity(rule.severity)},
        {"kebab-case-name", rule.name}}}};
}

}  // namespace

void write_sarif(std::ostream& out, const LintResult& result, const RunInfo& run) {
  Json rules = Json::array();
  for (const rules::Rule* r : run.rules) rules.push_back(rule_descriptor(*r));
  auto rule_index = [&](std::string_view id) -> long {
    for (std::size_t i = 0; i < run.rules.size(); ++i) {
      if (run.rules[i]->id == id) return static_cast<long>(i);
    }
    return -1;
  };

  const std::vector<std::string> prints = fingerprints(result);
  Json results = Json::array();
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    const Finding& f = result.findings[i];
    Json r{{"ruleId", f.rule_id}};
    if (const long index = rule_index(f.rule_id); index >= 0) r["ruleIndex"] = index;
    r["level"] = level(f.severity);
    r["message"] = {{"text", sentence(f.message)}};
    r["locations"] = Json::array({location(result, f.span)});
    if (!f.related.empty()) {
      Json related = Json::array();
      for (std::size_t k = 0; k < f.related.size(); ++k) {
        if (!f.related[k].span.valid()) continue;
        Json loc = location(result, f.related[k].span);
        loc["id"] = k + 1;
        loc["message"] = {{"text", sentence(f.related[k].note)}};
        related.push_back(std::move(loc));
      }
      if (!related.empty()) r["relatedLocations"] = std::move(related);
    }
    r["partialFingerprints"] = {{"rolelintFingerprint/v1", prints[i]}};
    results.push_back(std::move(r));
  }

  Json notifications = Json::array();
  for (const InputError& e : result.errors) {
    Json physical{{"artifactLocation", artifact_location(e.file)}};
    if (e.line) physical["region"] = {{"startLine", e.line}, {"startColumn", e.column}};
    notifications.push_back(
        Json{{"level", "error"},
             {"message", {{"text", sentence(e.message)}}},
             {"locations", Json::array({Json{{"physicalLocation", physical}}})}});
  }
  Json invocation{{"executionSuccessful", result.errors.empty()}, {"exitCode", run.exit_status}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

  Json driver{{"name", "rolelint"},
              {"fullName", str_cat("rolelint ", kVersion)},
              {"version", kVersion},
              {"semanticVersion", kVersion},
              {"informationUri", kRepositoryUrl},
              {"rules", std::move(rules)}};
  Json sarif_run{{"tool", {{"driver", std::move(driver)}}},
                 // GitHub code scanning's category: a later upload of the same category replaces
                 // this one's alerts.
                 {"automationDetails", {{"id", "rolelint/"}}},
                 {"invocations", Json::array({std::move(invocation)})}};
  if (!run.root.empty()) {
    sarif_run["originalUriBaseIds"] = {
        {"%SRCROOT%", {{"uri", file_uri(run.root, /*directory=*/true)}}}};
  }
  sarif_run["columnKind"] = "unicodeCodePoints";
  sarif_run["results"] = std::move(results);
  Json sarif{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
             {"version", "2.1.0"},
             {"runs", Json::array({std::move(sarif_run)})}};
  out << json_text(sarif);
}

}  // namespace rolelint::output
