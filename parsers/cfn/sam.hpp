#pragma once
// AWS SAM (`Transform: AWS::Serverless-2016-10-31`): the role SAM generates for a function or a
// state machine that names no Role of its own, as a role of the model. The SAM transform runs at
// deploy time; rolelint reads the template as written, so every part of the role points at the
// SAM source that defines it.
#include <optional>
#include <string_view>

#include "linter/model/model.hpp"
#include "parsers/cfn/intrinsics.hpp"
#include "parsers/tree/tree.hpp"

namespace rolelint::cfn {

// What a template says of SAM: whether it declares the transform (alone or in a list), and its
// `Globals` for functions and state machines (kNoNode when absent).
struct SamTemplate {
  bool transform = false;
  tree::NodeId function_globals = tree::kNoNode;
  tree::NodeId state_machine_globals = tree::kNoNode;
};
SamTemplate read_sam(const tree::Tree& t, tree::NodeId root);

// Whether SAM generates a role for a resource of this type (when it names no Role).
bool sam_generates_role(const SamTemplate& sam, std::string_view type);

// The role SAM generates for the function or state machine `id` (a type sam_generates_role
// accepts; `props` its Properties, a mapping or kNoNode; `key_span` its logical id), or nullopt
// when it names a Role (then SAM ignores its Policies). The role's logical id is `<id>Role`; its
// trust policy is the function's AssumeRolePolicyDocument or the service's; its policies come
// from Policies: an inline document, a managed policy name (the AWS managed policy
// `arn:${AWS::Partition}:iam::aws:policy/<name>`) or ARN, a SAM policy template (known by name,
// its statements unknown), or a list of these. PermissionsBoundary, RolePath and
// AssumeRolePolicyDocument are taken from Globals when the resource does not give them.
std::optional<model::Role> sam_role(tree::Tree& t, Intrinsics& eval, const SamTemplate& sam,
                                    std::string_view id, std::string_view type, Span key_span,
                                    tree::NodeId props);

}  // namespace rolelint::cfn
