#include "linter/base/str_cat.hpp"
#include "linter/model/statement_grammar.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a statement of an identity policy (an inline policy of a role, user or group, or a
managed or standalone policy) that the IAM policy grammar rejects: no `Effect`, an `Effect`
other than `Allow` or `Deny` (the value is case-sensitive), both `Action` and `NotAction` or
neither, both `Resource` and `NotResource`, or a `Principal` or `NotPrincipal` element.
Trust policies have their own rule, RL106.

## Why is this bad?
IAM validates the whole document when the policy is created or changed: one malformed statement
makes it reject the policy with `MalformedPolicyDocument`, so the stack update or
`terraform apply` fails. An identity policy applies to the identity it is attached to, so it
names no principal; `Effect` must be exactly `Allow` or `Deny`; a statement names its actions
with exactly one of `Action` and `NotAction`, and its resources with at most one of `Resource`
and `NotResource`.

## Example
```yaml
Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: allow
            Principal: { AWS: "arn:aws:iam::111122223333:root" }
            Action: s3:GetObject
            Resource: arn:aws:s3:::reports/*
```

## Use instead
```yaml
Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::reports/*
```

## Exceptions
A statement this rule reports is not also reported for what it would grant (RL201, RL202,
RL203, RL204): IAM rejects it, so it grants nothing until it is fixed.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
)md";

void check(const Context& context, Reporter& report) {
  context.for_each_identity_statement(
      [&](const model::IdentityPolicyRef& ref, const model::Statement& stmt) {
        for (const auto& problem : {model::effect_problem(stmt), model::action_problem(stmt),
                                    model::resource_problem(stmt)}) {
          if (problem) report.report_about(stmt.span, problem->span, *ref.origin, problem->message);
        }
        if (stmt.has_principal) {
          report.report_about(
              stmt.span, stmt.principal_span, *ref.origin,
              str_cat("identity policy statement has a ",
                      stmt.not_principal ? "NotPrincipal" : "Principal",
                      " element; the identity the policy is attached to is its principal"));
        }
      });
}

// A statement IAM rejects grants nothing: what it would grant is not the problem to fix first.
constexpr std::string_view kSubsumes[] = {"RL201", "RL202", "RL203", "RL204"};

}  // namespace

constexpr Rule policy_invalid_element{
    .id = "RL209",
    .name = "policy-invalid-element",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Identity policy statement that IAM rejects",
    .fix =
        "Give each statement Effect Allow or Deny, one of Action or NotAction, at most one of "
        "Resource or NotResource, and no Principal",
    .doc = kDoc,
    .source = "rules/rl209_policy_invalid_element.cpp",
    .check = &check,
    .subsumes = kSubsumes,
};

}  // namespace rolelint::rules
