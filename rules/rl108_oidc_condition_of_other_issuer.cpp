#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a web identity trust statement whose condition tests a claim of another issuer than the
provider it trusts: `token.actions.githubusercontent.com/octo-org:sub` under the plain GitHub
provider `token.actions.githubusercontent.com`, or the `sub` of another OIDC provider.

## Why is this bad?
STS puts only the trusted provider's own claims (`token.actions.githubusercontent.com:sub`,
`...:aud`) in the request context. A key of another issuer is never there, so a condition
operator that needs it (`StringEquals`, `StringLike`, ...) fails: no token can ever assume the
role through this statement. The workflow that should deploy gets AccessDenied, usually
because the provider's URL was changed (GitHub's custom issuer for an enterprise) in one place
and not the other.

## Example
```yaml
Resources:
  GitHubDeploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals:
                token.actions.githubusercontent.com:aud: sts.amazonaws.com
              StringLike:
                token.actions.githubusercontent.com/octo-org:sub: repo:octo-org/app:*
```

## Use instead
```yaml
Resources:
  GitHubDeploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals:
                token.actions.githubusercontent.com:aud: sts.amazonaws.com
              StringLike:
                token.actions.githubusercontent.com:sub: repo:octo-org/app:*
```

## Exceptions
An operator that is met without the key (`...IfExists`, `Null`, a negated operator,
`ForAllValues:`) is not reported. A provider whose URL is not known (a parameter, a variable)
is not reported.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
- https://docs.github.com/en/enterprise-cloud@latest/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#switching-to-a-unique-token-url
)md";

void check(const Context& context, Reporter& report) {
  context.for_each_trust_principal(
      model::PrincipalType::Federated,
      [&](const model::Role& role, const model::Statement& stmt, const model::Value& id) {
        if (stmt.is_allow() != Tri::True) return;
        if (stmt.covers_action("sts:AssumeRoleWithWebIdentity") != Tri::True)
          return;  // unknown: not reported
        const std::string issuer = model::web_identity_issuer(id);
        const model::ConditionEntry* other = model::condition_of_other_issuer(stmt, issuer);
        if (!other) return;
        report.report(other->key_span, role.origin,
                      str_cat("condition key '", other->key, "' is not a claim of '", issuer,
                              "', whose tokens never carry it: nobody can assume role '",
                              role.origin.source_id, "' through this statement"));
      });
}

}  // namespace

constexpr Rule oidc_condition_of_other_issuer{
    .id = "RL108",
    .name = "oidc-condition-of-other-issuer",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Web identity trust conditioned on a claim its provider never issues",
    .fix =
        "Name the condition key after the trusted provider's URL (the text after oidc-provider/ in "
        "its ARN)",
    .doc = kDoc,
    .source = "rules/rl108_oidc_condition_of_other_issuer.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
