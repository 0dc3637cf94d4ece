#include <array>

#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a trust policy statement that allows `Principal: "*"` or `Principal: {AWS: "*"}` without
a condition that restricts who may assume the role: `aws:PrincipalOrgID`,
`aws:PrincipalOrgPaths`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceAccount`,
`aws:SourceArn`, `aws:SourceOrgID` or `aws:SourceOrgPaths`. An `sts:ExternalId` condition alone
does not count: an external id is a shared secret against the confused deputy, not an identity
check.

## Why is this bad?
A wildcard principal trusts every AWS account in existence. Anyone with any AWS credentials
who learns the role's ARN (ARNs are not secret) can call `sts:AssumeRole` and act with the role's
permissions.

## Example
```yaml
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "*" }
            Action: sts:AssumeRole
```

## Use instead
```yaml
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "*" }
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                aws:PrincipalOrgID: o-a1b2c3d4e5
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
)md";

constexpr std::array<std::string_view, 8> kRestrictingKeys = {
    "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
    "aws:SourceAccount",  "aws:SourceArn",         "aws:SourceOrgID",      "aws:SourceOrgPaths"};

bool has_key(const model::Statement& stmt, std::string_view key) {
  for (const model::ConditionEntry& c : stmt.conditions) {
    if (model::iequals(c.key, key)) return true;
  }
  return false;
}

Tri restricted(const model::Statement& stmt) {
  for (std::string_view key : kRestrictingKeys) {
    if (has_key(stmt, key)) return Tri::True;
  }
  return stmt.conditions_unknown ? Tri::Unknown : Tri::False;
}

// The "*" element of a wildcard principal, or nullptr.
const model::Value* any_principal(const model::Principal& p) {
  if (p.type != model::PrincipalType::Star && p.type != model::PrincipalType::AWS) return nullptr;
  for (const model::Value& id : p.ids.values) {
    if (id.known() == "*") return &id;
  }
  return nullptr;
}

void check(const Context& context, Reporter& report) {
  context.for_each_trust_statement([&](const model::Role& role, const model::Statement& stmt) {
    if (stmt.is_allow() != Tri::True || stmt.not_principal) return;
    if (restricted(stmt) != Tri::False) return;  // unknown: not reported
    for (const model::Principal& p : stmt.principals) {
      const model::Value* star = any_principal(p);
      if (!star) continue;
      const bool external_id = has_key(stmt, "sts:ExternalId");
      report.report(
          star->span(), role.origin,
          str_cat(role.origin.label("role"), " trusts any AWS principal ('*')",
                  external_id ? " restricted only by sts:ExternalId, a shared secret rather than a "
                                "check of who calls"
                              : " with no condition on who; anyone who knows its ARN can assume it",
                  model::branch_note(stmt)));
      break;
    }
  });
}

}  // namespace

constexpr Rule trust_any_principal{
    .id = "RL102",
    .name = "trust-any-principal",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Trust policy lets any AWS principal assume the role",
    .fix =
        "Name the trusted accounts or roles, or add an aws:PrincipalOrgID or aws:PrincipalArn "
        "condition",
    .doc = kDoc,
    .source = "rules/rl102_trust_any_principal.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
