#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags elements a role trust policy may not have: a `Resource` or `NotResource` element, a
`NotPrincipal` in an `Allow` statement, an `Allow` statement without `Principal`, a principal
type other than `AWS`, `Service`, `Federated` or `CanonicalUser`, and an empty principal list.

## Why is this bad?
A trust policy is a resource-based policy attached to the role: the role is the resource, so
IAM rejects `Resource` there, requires a `Principal` in every `Allow`, and does not accept
`NotPrincipal` with `Allow` in a trust policy. The stack update or `terraform apply` fails with
`MalformedPolicyDocument`. A misspelt principal type (`Services`, `aws`) or an empty list fails
the same way.

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
            Principal: { Services: lambda.amazonaws.com }
            Action: sts:AssumeRole
            Resource: "*"
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
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
```

## Exceptions
When this rule reports a trust policy, RL206 (policy-version) does not also report its Version:
IAM rejects the policy for the element this rule names first.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
)md";

void check(const Context& context, Reporter& report) {
  context.for_each_trust_statement([&](const model::Role& role, const model::Statement& stmt) {
    if (stmt.has_resource) {
      report.report_about(
          role.trust.span, stmt.resources.span, role.origin,
          str_cat("trust policy statement has a ", stmt.not_resource ? "NotResource" : "Resource",
                  " element; the role itself is the resource of its trust policy"));
    }
    const Tri allow = stmt.is_allow();
    if (allow == Tri::True && stmt.not_principal) {
      report.report_about(role.trust.span, stmt.principal_span, role.origin,
                          "NotPrincipal cannot be used with Allow in a trust policy");
    }
    if (allow == Tri::True && !stmt.has_principal) {
      report.report_about(role.trust.span, stmt.span, role.origin,
                          "Allow statement of a trust policy has no Principal");
    }
    for (const model::Principal& p : stmt.principals) {
      if (p.type == model::PrincipalType::Other) {
        report.report_about(role.trust.span, p.type_span, role.origin,
                            str_cat("unknown principal type '", p.type_name,
                                    "'; IAM accepts AWS, Service, Federated and CanonicalUser"));
      } else if (p.type != model::PrincipalType::Star && p.ids.values.empty() &&
                 !p.ids.unknown_items) {
        report.report_about(role.trust.span, p.type_span, role.origin,
                            str_cat("principal '", p.type_name, "' lists no identifier"));
      }
    }
  });
}

// A trust policy IAM rejects for its elements: its Version is not the problem to fix first.
constexpr std::string_view kSubsumes[] = {"RL206"};

}  // namespace

constexpr Rule trust_policy_invalid_element{
    .id = "RL106",
    .name = "trust-policy-invalid-element",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Trust policy element that IAM rejects",
    .fix =
        "Remove Resource and NotPrincipal from trust statements and name principals as AWS, "
        "Service, Federated or CanonicalUser",
    .doc = kDoc,
    .source = "rules/rl106_trust_policy_invalid_element.cpp",
    .check = &check,
    .subsumes = kSubsumes,
};

}  // namespace rolelint::rules
