#include "linter/model/statement_grammar.hpp"

#include "linter/base/str_cat.hpp"

namespace rolelint::model {

std::optional<ElementProblem> effect_problem(const Statement& stmt) {
  if (!stmt.effect.present())
    return ElementProblem{stmt.span, "statement has no Effect; IAM requires 'Allow' or 'Deny'"};
  const auto effect = stmt.effect.known();
  if (!effect || *effect == "Allow" || *effect == "Deny")
    return std::nullopt;  // unknown: not reported
  return ElementProblem{
      stmt.effect.span(),
      str_cat("Effect '", *effect,
              "' is neither 'Allow' nor 'Deny' (IAM compares it case-sensitively)")};
}

std::optional<ElementProblem> action_problem(const Statement& stmt) {
  if (stmt.both_actions.valid()) {
    return ElementProblem{stmt.both_actions,
                          "statement has both Action and NotAction; IAM accepts exactly one"};
  }
  if (!stmt.has_action)
    return ElementProblem{stmt.span,
                          "statement has neither Action nor NotAction; IAM requires one"};
  return std::nullopt;
}

std::optional<ElementProblem> resource_problem(const Statement& stmt) {
  if (!stmt.both_resources.valid()) return std::nullopt;
  return ElementProblem{stmt.both_resources,
                        "statement has both Resource and NotResource; IAM accepts at most one"};
}

}  // namespace rolelint::model
