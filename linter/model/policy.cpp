#include "linter/model/policy.hpp"

#include <cctype>

namespace rolelint::model {

Tri template_matches(const Template& pattern, std::string_view text) {
  if (auto known = pattern.known()) return glob_match_icase(*known, text) ? Tri::True : Tri::False;
  // A hole could be anything: if even a `*` in its place cannot match, nothing can.
  std::string widened;
  for (const Part& part : pattern.parts()) widened += part.is_hole() ? "*" : part.text;
  return glob_match_icase(widened, text) ? Tri::Unknown : Tri::False;
}

Tri value_matches(const Value& pattern, std::string_view text) {
  if (!pattern.present()) return Tri::False;
  if (pattern.is_unknown()) return Tri::Unknown;
  Tri result = Tri::False;
  for (const Template& option : pattern.options()) {
    result = tri_or(result, template_matches(option, text));
  }
  return result;
}

std::string branch_note(const Statement& stmt) {
  return stmt.when.empty() ? std::string() : " (when " + stmt.when + ")";
}

std::string_view condition_base_operator(std::string_view op) {
  if (auto colon = op.find(':'); colon != std::string_view::npos) op.remove_prefix(colon + 1);
  constexpr std::string_view kIfExists = "IfExists";
  if (op.size() > kIfExists.size() && op.substr(op.size() - kIfExists.size()) == kIfExists) {
    op.remove_suffix(kIfExists.size());
  }
  return op;
}

Tri Statement::compute_is_allow() const {
  if (!effect.present()) return Tri::False;
  if (auto e = effect.known()) return *e == "Allow" ? Tri::True : Tri::False;
  bool any_allow = false;
  for (const Template& t : effect.options()) {
    auto k = t.known();
    if (!k) return Tri::Unknown;
    any_allow = any_allow || *k == "Allow";
  }
  // Alternatives: the statement allows in at least one configuration.
  return effect.is_unknown() ? Tri::Unknown : (any_allow ? Tri::True : Tri::False);
}

Tri Statement::compute_covers_action(std::string_view action) const {
  if (!has_action) return Tri::False;
  Tri listed = actions.unknown_items ? Tri::Unknown : Tri::False;
  for (const Value& a : actions.values) listed = tri_or(listed, value_matches(a, action));
  return not_action ? tri_not(listed) : listed;
}

void Statement::finish() {
  allow_ = compute_is_allow();
  assume_role_ = compute_covers_action(kAssumeRole);
  finished_ = true;
}

}  // namespace rolelint::model
