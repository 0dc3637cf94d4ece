#include "linter/lsp/code_actions.hpp"

#include <cctype>
#include <string_view>

#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::lsp {
namespace {

constexpr std::string_view kPolicyVersion = "2012-10-17";

// The text between `before` and the next `after` in a message, or empty.
std::string_view between(std::string_view message, std::string_view before,
                         std::string_view after) {
  const std::size_t open = message.find(before);
  if (open == std::string_view::npos) return {};
  const std::size_t start = open + before.size();
  const std::size_t close = message.find(after, start);
  return close == std::string_view::npos ? std::string_view{}
                                         : message.substr(start, close - start);
}

std::string_view line_break(std::string_view text) {
  return text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
}

std::uint32_t line_start_of(std::string_view text, std::uint32_t offset) {
  const std::size_t nl = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  return offset == 0 || nl == std::string_view::npos ? 0 : static_cast<std::uint32_t>(nl + 1);
}

std::string_view indentation(std::string_view text, std::uint32_t line_start) {
  std::uint32_t end = line_start;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  return text.substr(line_start, end - line_start);
}

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '*' || c == '_';
}

// Skips spaces, line breaks and `#` or `//` comments.
std::uint32_t skip_blank(std::string_view text, std::uint32_t at) {
  while (at < text.size()) {
    const char c = text[at];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++at;
    } else if (c == '#' || (c == '/' && at + 1 < text.size() && text[at + 1] == '/')) {
      while (at < text.size() && text[at] != '\n') ++at;
    } else {
      break;
    }
  }
  return at;
}

// The offset just past a JSON string that starts at `at` (a '"'), or npos.
std::size_t past_string(std::string_view text, std::size_t at) {
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// RL205: the suggested action in place of the misspelt one.
void unknown_action_fix(std::string_view text, const Finding& f, std::vector<Fix>& out) {
  const std::string_view wrong = between(f.message, "action '", "'");
  const std::string_view right = between(f.message, "did you mean '", "'");
  if (wrong.empty() || right.empty()) return;
  const std::string_view span = text.substr(f.span.begin, f.span.end - f.span.begin);
  const std::size_t at = span.find(wrong);
  if (at == std::string_view::npos) return;
  const auto begin = static_cast<std::uint32_t>(f.span.begin + at);
  out.push_back({str_cat("Replace '", wrong, "' with '", right, "'"),
                 {{begin, begin + static_cast<std::uint32_t>(wrong.size()), std::string(right)}},
                 true});
}

// RL101: `sts:AssumeRole` (as a whole action) replaced by the action the principal needs.
void assume_action_fix(std::string_view text, const Finding& f, std::vector<Fix>& out) {
  const std::string message = f.message + "\n";  // owns the text `needed` views
  const std::string_view needed = between(message, "no Allow statement grants ", "\n");
  if (needed != "sts:AssumeRoleWithSAML" && needed != "sts:AssumeRoleWithWebIdentity") return;
  constexpr std::string_view kAssume = "sts:AssumeRole";
  Fix fix{str_cat("Replace sts:AssumeRole with ", needed), {}, true};
  const std::string_view span = text.substr(f.span.begin, f.span.end - f.span.begin);
  for (std::size_t at = span.find(kAssume); at != std::string_view::npos;
       at = span.find(kAssume, at + 1)) {
    const std::size_t end = at + kAssume.size();
    if (end < span.size() && word_char(span[end]))
      continue;  // sts:AssumeRoleWith..., sts:AssumeRole*
    const auto begin = static_cast<std::uint32_t>(f.span.begin + at);
    fix.edits.push_back(
        {begin, begin + static_cast<std::uint32_t>(kAssume.size()), std::string(needed)});
  }
  if (!fix.edits.empty()) out.push_back(std::move(fix));
}

// RL208 on a document without Version: the finding points at the document's key (`PolicyDocument:`,
// `"PolicyDocument":`, `policy = jsonencode(`); the Version goes first into the mapping after it.
void add_version_fix(std::string_view text, const Finding& f, SourceKind kind,
                     std::vector<Fix>& out) {
  std::size_t at = f.span.begin;
  // A YAML document with no key of its own (a SAM Policies entry): the finding points at its
  // first key, `Statement`; the Version goes before it, at its column.
  if (kind == SourceKind::CfnYaml && text.substr(at).starts_with("Statement") &&
      skip_blank(text, static_cast<std::uint32_t>(at + 9)) < text.size() &&
      text[skip_blank(text, static_cast<std::uint32_t>(at + 9))] == ':') {
    const std::uint32_t start = line_start_of(text, static_cast<std::uint32_t>(at));
    const std::string_view before = text.substr(start, at - start);
    if (before.find_first_not_of(" -") != std::string_view::npos) return;  // a flow mapping
    out.push_back({"Add Version \"2012-10-17\" to the policy",
                   {{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at),
                     str_cat("Version: \"", kPolicyVersion, "\"", line_break(text),
                             std::string(before.size(), ' '))}},
                   true});
    return;
  }
  if (at < text.size() && text[at] == '"') {
    at = past_string(text, at);
    if (at == std::string_view::npos) return;
  } else {
    while (at < text.size() && (std::isalnum(static_cast<unsigned char>(text[at])) ||
                                text[at] == '_' || text[at] == '-'))
      ++at;
  }
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  if (at >= text.size() || (text[at] != ':' && text[at] != '=')) return;
  at = skip_blank(text, static_cast<std::uint32_t>(at + 1));
  if (text.substr(at).starts_with("jsonencode("))
    at = skip_blank(text, static_cast<std::uint32_t>(at + 11));
  if (text.substr(at).starts_with("<<")) {  // a heredoc: JSON from the next line
    at = text.find('\n', at);
    if (at == std::string_view::npos) return;
    at = skip_blank(text, static_cast<std::uint32_t>(at));
  }
  if (at >= text.size()) return;
  const std::string title = "Add Version \"2012-10-17\" to the policy";
  if (text[at] == '{') {
    const auto open = static_cast<std::uint32_t>(at + 1);
    const std::uint32_t first = skip_blank(text, open);
    if (first >= text.size()) return;
    const bool json_style =
        kind == SourceKind::CfnJson || (text[first] == '"' && [&] {
          const std::size_t past = past_string(text, first);
          return past != std::string_view::npos &&
                 skip_blank(text, static_cast<std::uint32_t>(past)) < text.size() &&
                 text[skip_blank(text, static_cast<std::uint32_t>(past))] == ':';
        }());
    const std::string pair = json_style ? str_cat("\"Version\": \"", kPolicyVersion, "\"")
                             : kind == SourceKind::Terraform
                                 ? str_cat("Version = \"", kPolicyVersion, "\"")
                                 : str_cat("Version: \"", kPolicyVersion, "\"");
    const std::string_view gap = text.substr(open, first - open);
    const bool multiline = gap.find('\n') != std::string_view::npos;
    std::string insert;
    if (text[first] == '}') {
      insert = str_cat(" ", pair, " ");
    } else if (multiline) {
      // The pair on a line of its own, indented as the first key; HCL needs no comma there.
      insert = str_cat(gap, pair, kind == SourceKind::Terraform && !json_style ? "" : ",");
    } else {
      insert = str_cat(gap.empty() ? "" : " ", pair, ",", gap.empty() ? " " : "");
    }
    out.push_back({title, {{open, open, insert}}, true});
    return;
  }
  // A YAML block mapping: `at` is its first key, alone after its indentation.
  const std::uint32_t start = line_start_of(text, static_cast<std::uint32_t>(at));
  if (start == line_start_of(text, f.span.begin)) return;  // on the key's own line: a scalar, a tag
  const std::string_view indent = text.substr(start, at - start);
  if (indent.find_first_not_of(" ") != std::string_view::npos) return;  // a `- ` sequence entry
  out.push_back({title,
                 {{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at),
                   str_cat("Version: \"", kPolicyVersion, "\"", line_break(text), indent)}},
                 true});
}

// RL208 on Version "2008-10-17".
void update_version_fix(std::string_view text, const Finding& f, std::vector<Fix>& out) {
  const std::string_view span = text.substr(f.span.begin, f.span.end - f.span.begin);
  const std::size_t at = span.find("2008-10-17");
  if (at == std::string_view::npos) return;
  const auto begin = static_cast<std::uint32_t>(f.span.begin + at);
  out.push_back({"Change Version to \"2012-10-17\"",
                 {{begin, begin + 10, std::string(kPolicyVersion)}},
                 true});
}

// Whether the JSON object that opens at `open` has a top-level key `key`.
bool object_has_key(std::string_view text, std::size_t open, std::string_view key) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t past = past_string(text, i);
      if (past == std::string_view::npos) return false;
      const std::uint32_t next = skip_blank(text, static_cast<std::uint32_t>(past));
      if (depth == 1 && next < text.size() && text[next] == ':' &&
          text.substr(i + 1, past - i - 2) == key)
        return true;
      i = past - 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return false;
    }
  }
  return false;
}

// A suppression for the finding's rule: a comment above its resource (or at the end of its line),
// or, in JSON, the resource's Metadata list.
void suppression_fix(std::string_view text, const Finding& f, SourceKind kind,
                     std::vector<Fix>& out) {
  const std::string title =
      str_cat("Ignore ", f.rule_id, f.resource.empty() ? "" : " for ",
              f.resource.empty() ? "" : "'", f.resource, f.resource.empty() ? "" : "'");
  const bool at_resource = f.resource_span.valid() && f.resource_span.file == f.span.file;
  if (kind == SourceKind::CfnJson) {
    if (!at_resource) return;
    const std::uint32_t key = f.resource_span.begin;
    std::size_t at =
        key < text.size() && text[key] == '"' ? past_string(text, key) : std::string_view::npos;
    if (at == std::string_view::npos) return;
    at = skip_blank(text, static_cast<std::uint32_t>(at));
    if (at >= text.size() || text[at] != ':') return;
    at = skip_blank(text, static_cast<std::uint32_t>(at + 1));
    if (at >= text.size() || text[at] != '{' || object_has_key(text, at, "Metadata")) return;
    const auto open = static_cast<std::uint32_t>(at + 1);
    const std::uint32_t first = skip_blank(text, open);
    const std::string metadata =
        str_cat("\"Metadata\": {\"rolelint\": {\"ignore\": [\"", f.rule_id, "\"]}}");
    const std::string_view gap = text.substr(open, first - open);
    out.push_back(
        {title,
         {{open, open,
           first < text.size() && text[first] == '}' ? metadata : str_cat(gap, metadata, ",")}}});
    return;
  }
  const std::string comment =
      str_cat("# rolelint: ignore[", f.rule_id, "] TODO: say why this is safe");
  if (at_resource) {
    const std::uint32_t start = line_start_of(text, f.resource_span.begin);
    out.push_back(
        {title, {{start, start, str_cat(indentation(text, start), comment, line_break(text))}}});
    return;
  }
  std::size_t end = text.find('\n', f.span.begin);
  if (end == std::string_view::npos) end = text.size();
  if (end > 0 && text[end - 1] == '\r') --end;
  const auto at = static_cast<std::uint32_t>(end);
  out.push_back(
      {str_cat("Ignore ", f.rule_id, " on this line"), {{at, at, str_cat("  ", comment)}}});
}

}  // namespace

std::vector<Fix> fixes_for(const LintResult& result, const Finding& finding) {
  std::vector<Fix> out;
  if (finding.span.file >= result.files.size()) return out;
  const std::string_view text = result.files[finding.span.file].text;
  if (finding.span.begin > finding.span.end || finding.span.end > text.size()) return out;
  const SourceKind kind = result.linted[finding.span.file].kind;
  if (finding.rule_id == "RL205") {
    unknown_action_fix(text, finding, out);
  } else if (finding.rule_id == "RL101") {
    assume_action_fix(text, finding, out);
  } else if (finding.rule_id == "RL208") {
    if (finding.message.starts_with("policy has no Version"))
      add_version_fix(text, finding, kind, out);
    if (finding.message.starts_with("policy Version '2008-10-17'"))
      update_version_fix(text, finding, out);
  }
  // A finding of a rule that judges suppressions (an ignore comment without a reason, one that
  // suppresses nothing) is fixed at that comment, never by one more.
  const rules::Rule* rule = rules::find_rule(finding.rule_id);
  if (!rule || !rule->check_suppressions) suppression_fix(text, finding, kind, out);
  return out;
}

}  // namespace rolelint::lsp
