#pragma once
// Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`): substituted by IAM only in
// policies with Version "2012-10-17", taken literally otherwise.
#include <string>

#include "linter/model/policy.hpp"

namespace rolelint::model {

// The first value of the document (a Resource or NotResource entry, or a condition value) whose
// literal text holds a policy variable, with that variable's text in `variable`; nullptr when
// none does. Holes (parameters, references) are not variables: they are resolved at deploy time.
const Value* first_policy_variable(const PolicyDocument& doc, std::string& variable);

}  // namespace rolelint::model
