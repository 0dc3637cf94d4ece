#include <string>
#include <string_view>

#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags an identity policy of a user, group or role that allows `sts:AssumeRole` on a role
defined in the linted files (by `!GetAtt Role.Arn`, a reference, or the role's ARN) whose trust
policy trusts neither the caller's ARN nor the caller's account. The caller's policies are its
inline policies, the managed policies attached to it (by `!Ref`, `!GetAtt`, ARN or name in
`ManagedPolicyArns`, or a Terraform attachment) and the policies that name it; a group's
policies are reported for the group. The files are cross-referenced:
the user may be in one template and the role in another. A role's ARN with a literal account id
names a role of another file when the configuration's `deploy-accounts` says that file deploys
to that account; the same mapping tells the caller's account, so a trust of another account's
root or of a same-named user in another account does not count as trusting the caller.

A principal that may be the caller (an account root the caller may belong to, an ARN that
is not fully known, a parameter) counts as trusting: the rule reports only what it can prove,
for example a role trusted only by an AWS service, or only by other named users or roles.

## Why is this bad?
Assuming a role needs two grants: the caller's own policy must allow `sts:AssumeRole` on the
role, and the role's trust policy must trust the caller. With only the first, every
`AssumeRole` call fails with `AccessDenied`, usually discovered after the deployment, when
someone first tries to use the role.

## Example
```yaml
Resources:
  Alice:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: assume-deploy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: !GetAtt Deploy.Arn
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
```

## Use instead
```yaml
Resources:
  Alice:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: assume-deploy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: !GetAtt Deploy.Arn
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
          - Effect: Allow
            Principal: { AWS: !GetAtt Alice.Arn }
            Action: sts:AssumeRole
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
)md";

void check(const Context& context, Reporter& report) {
  for (const model::AssumeEdge& edge : context.assume_edges()) {
    if (!edge.grant || edge.trusted != Tri::False) continue;  // unknown: not reported
    const std::string& caller = edge.caller.origin->source_id;
    const std::string& role = edge.role->origin.source_id;
    const bool group = edge.caller.kind == model::EntityKind::Group;
    report.report(
        edge.grant->span(), *edge.grant_origin,
        str_cat(edge.caller.origin->label(model::kind_name(edge.caller.kind)),
                " is allowed sts:AssumeRole on ", edge.role->origin.label("role"),
                ", but the role's trust policy trusts neither ",
                group ? "the group's members" : str_cat("'", caller, "'"), " nor their account"),
        {RelatedLocation{edge.role->trust.span, str_cat("trust policy of '", role, "'")}});
  }
}

}  // namespace

constexpr Rule assume_target_does_not_trust_caller{
    .id = "RL401",
    .name = "assume-target-does-not-trust-caller",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Caller is allowed to assume a role whose trust policy does not trust it",
    .fix = "Add the caller's ARN (or its account) to the role's trust policy, or remove the grant",
    .doc = kDoc,
    .source = "rules/rl401_assume_target_does_not_trust_caller.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
