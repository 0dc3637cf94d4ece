#pragma once
// What the engine reports: findings of rules, and input errors (which are not findings).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostics/source.hpp"

namespace rolelint {

enum class Severity : std::uint8_t { Info, Warning, Error };

std::string_view severity_name(Severity s);  // "info", "warning", "error"
bool parse_severity(std::string_view text, Severity& out);

struct RelatedLocation {
  Span span;
  std::string note;
};

struct Finding {
  std::string_view rule_id;    // static storage: the rule's metadata
  std::string_view rule_name;  // static storage
  Severity severity = Severity::Warning;
  std::string message;
  Span span;
  std::vector<RelatedLocation> related;
  std::string resource;  // CloudFormation logical id / Terraform address
  Span resource_span;    // where the resource is defined (its key / block header)
  // The policy element the finding is about (a statement, a document), for the rules that
  // subsume others (rules::Rule::subsumes); invalid: the finding's span.
  Span scope;
};

// A file that could not be read or parsed: file:line:column and the reason.
struct InputError {
  std::string file;
  std::uint32_t line = 0;  // 1-based; 0 when the error concerns the whole file
  std::uint32_t column = 0;
  std::string message;
};

}  // namespace rolelint
