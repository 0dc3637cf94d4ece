#pragma once
// What the IAM policy grammar rejects in a statement of any policy, as the model sees it: the
// Effect, the Action/NotAction pair and the Resource/NotResource pair. RL209 reports these in
// identity policies; RL101 names them as the reason a trust policy cannot be used. Only known
// values are judged: an unknown Effect is never a problem.
#include <optional>
#include <string>

#include "linter/model/policy.hpp"

namespace rolelint::model {

struct ElementProblem {
  Span span;            // the element: the Effect value, the second key of a pair, the statement
  std::string message;  // "statement has no Effect; IAM requires 'Allow' or 'Deny'"
};

// No Effect, or a known Effect other than "Allow" or "Deny" (the value is case-sensitive).
std::optional<ElementProblem> effect_problem(const Statement& stmt);
// Both Action and NotAction, or neither.
std::optional<ElementProblem> action_problem(const Statement& stmt);
// Both Resource and NotResource.
std::optional<ElementProblem> resource_problem(const Statement& stmt);

}  // namespace rolelint::model
