#pragma once
// The size IAM counts for a policy document against its quotas: the characters of its JSON
// without white space. From the model only a lower bound can be known: an unknown value counts as
// the least it can be (nothing between its quotes), a list with unknown items counts the items
// the model sees, and a single value counts as a string even when written as a one-item list.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
#include <cstddef>

#include "linter/model/policy.hpp"

namespace rolelint::model {

// At least this many characters, not counting white space.
std::size_t policy_size_at_least(const PolicyDocument& document);

}  // namespace rolelint::model
