#include <string>

#include "linter/base/str_cat.hpp"
#include "linter/model/request.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a grant of `sts:AssumeRole` on a role (an Allow in a user's, group's or role's policy whose
Resource names a role of the linted files, which the role's trust policy does not refuse) that
the caller's own policies take away again:
- a `Deny` statement in any policy that applies to the caller (its inline policies, attached
  managed policies, policies naming it and, for a user, its groups' policies) that certainly
  applies to the request: its Action covers `sts:AssumeRole`, its Resource the role's ARN, and
  each of its conditions holds; or
- the caller's permissions boundary (`PermissionsBoundary` of `AWS::IAM::Role` and
  `AWS::IAM::User`, `permissions_boundary` of `aws_iam_role` and `aws_iam_user`), a managed
  policy of the linted files or an AWS managed policy, when it certainly does not allow
  `sts:AssumeRole` on the role (or denies it).

Conditions are evaluated against what the files say of the request: `aws:PrincipalArn`,
`aws:PrincipalAccount`, `aws:ResourceAccount`, `aws:PrincipalType` (and `aws:PrincipalOrgID`
when known), with the String, Arn and Null operators, `IfExists` and `ForAnyValue`/`ForAllValues`.
Any other key (`aws:MultiFactorAuthPresent`, `aws:SourceIp`, a tag), a parameter or an unknown
value makes the statement undecided, and the rule stays silent.

## Why is this bad?
AWS evaluates every policy that applies to the request: an explicit deny in any of them
overrides every allow, and a permissions boundary caps what the identity policies can grant.
The grant is dead code: the caller gets `AccessDenied` from `AssumeRole`, though its policy
seems to allow the call, which makes the failure hard to trace.

## Example
```yaml
Resources:
  Deployer:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: deploy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: !GetAtt Deploy.Arn
              - Effect: Deny
                Action: sts:*
                Resource: "*"
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root" }
            Action: sts:AssumeRole
```

## Use instead
```yaml
Resources:
  Deployer:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: deploy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: !GetAtt Deploy.Arn
              - Effect: Deny
                Action: sts:GetFederationToken
                Resource: "*"
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root" }
            Action: sts:AssumeRole
```

## Known limits
Within one account, a trust policy that names a user's own ARN grants it `AssumeRole` even when
its permissions boundary does not allow the call (a boundary's implicit deny does not limit what
a resource-based policy grants to an IAM user). The boundary of a user is therefore looked at
only when the role is in another account, both accounts known from the configuration's
`deploy-accounts` or the Terraform provider; a role's boundary always counts. A Deny in an
`Effect` that differs between deployments (`!If`), or in an `Action` list with unknown entries,
is not reported. Service control policies and resource control policies are RL405's.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
)md";

// How the message names the policy holding a Deny.
std::string policy_name(const model::AppliedPolicy& policy) {
  if (policy.aws) return str_cat("AWS managed policy '", policy.aws->name, "'");
  return str_cat("a policy of '", policy.defined_by->source_id, "'");
}

void check(const Context& context, Reporter& report) {
  const model::Entities& entities = context.entities();
  for (const model::AssumeEdge& edge : context.assume_edges()) {
    if (!edge.grant || edge.granted != Tri::True || edge.trusted == Tri::False) continue;
    const model::AssumeRequest request = model::assume_request(entities, edge.caller, *edge.role);
    const bool with_boundary = model::boundary_applies(edge.caller, request);
    const model::GrantBlock block =
        model::grant_block(entities, edge.caller, request, with_boundary);
    if (block.kind == model::GrantBlock::Kind::None) continue;  // unknown: not reported
    const std::string grant =
        str_cat(edge.caller.origin->label(model::kind_name(edge.caller.kind)),
                " is allowed sts:AssumeRole on ", edge.role->origin.label("role"));
    if (block.kind == model::GrantBlock::Kind::Deny) {
      const Span where = model::deny_span(block);
      report.report(edge.grant->span(), *edge.grant_origin,
                    str_cat(grant, ", but a Deny statement in ", policy_name(block.policy),
                            " denies that request: an explicit deny overrides the grant"),
                    {RelatedLocation{where, "the Deny statement"}});
      continue;
    }
    const auto& named = *block.boundary_policy;
    const std::string name = model::named_policy_label(named);
    std::vector<RelatedLocation> related{{block.boundary->span(), "the permissions boundary"}};
    if (block.deny && !named.aws)
      related.push_back({block.deny->span, "the Deny statement of the boundary"});
    if (!block.deny && named.origin)
      related.push_back({named.origin->span, model::named_policy_label(named)});
    report.report(edge.grant->span(), *edge.grant_origin,
                  str_cat(grant, ", but its permissions boundary, ", name,
                          block.deny ? ", denies it" : ", does not allow it",
                          ": the boundary caps what its policies grant"),
                  std::move(related));
  }
}

}  // namespace

constexpr Rule assume_grant_blocked{
    .id = "RL406",
    .name = "assume-grant-blocked",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Grant to assume a role is removed by the caller's own deny or permissions boundary",
    .fix =
        "Exempt the role from the Deny, or allow sts:AssumeRole on it in the permissions boundary",
    .doc = kDoc,
    .source = "rules/rl406_assume_grant_blocked.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
