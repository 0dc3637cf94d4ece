#include "linter/model/policy_variables.hpp"

namespace rolelint::model {
namespace {

// The first policy variable (`${ns:key}`) in the literal text of a value, or empty.
std::string variable_in(const Value& v) {
  for (const Template& t : v.options()) {
    for (const Part& part : t.parts()) {
      if (part.is_hole()) continue;
      const auto open = part.text.find("${");
      if (open == std::string::npos) continue;
      const auto close = part.text.find('}', open);
      const auto colon = part.text.find(':', open);
      if (close != std::string::npos && colon != std::string::npos && colon < close) {
        return part.text.substr(open, close - open + 1);
      }
    }
  }
  return {};
}

}  // namespace

const Value* first_policy_variable(const PolicyDocument& doc, std::string& variable) {
  for (const Statement& stmt : doc.statements) {
    for (const Value& r : stmt.resources.values) {
      if (variable = variable_in(r); !variable.empty()) return &r;
    }
    for (const ConditionEntry& c : stmt.conditions) {
      for (const Value& v : c.values.values) {
        if (variable = variable_in(v); !variable.empty()) return &v;
      }
    }
  }
  return nullptr;
}

}  // namespace rolelint::model
