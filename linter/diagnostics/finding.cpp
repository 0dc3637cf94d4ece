#include "linter/diagnostics/finding.hpp"

namespace rolelint {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

bool parse_severity(std::string_view text, Severity& out) {
  for (Severity s : {Severity::Info, Severity::Warning, Severity::Error}) {
    if (text == severity_name(s)) {
      out = s;
      return true;
    }
  }
  return false;
}

}  // namespace rolelint
