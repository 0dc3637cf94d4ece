#include "linter/base/str_cat.hpp"
#include "linter/base/text.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a wildcard (`*` or `?`) inside an AWS principal ARN in a trust policy, such as
`arn:aws:iam::111122223333:role/Test*`. A bare `"*"` principal is RL102's concern, not this
rule's.

## Why is this bad?
The `Principal` element does not support wildcards inside ARNs: IAM rejects the policy with
`MalformedPolicyDocument: Invalid principal in policy`, so the deployment fails at the role.
The intent (trust every role whose name starts with `Test`) is written with a `*` principal and
an `ArnLike` condition on `aws:PrincipalArn`.

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
            Principal: { AWS: "arn:aws:iam::111122223333:role/Test*" }
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
              ArnLike:
                aws:PrincipalArn: arn:aws:iam::111122223333:role/Test*
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
)md";

// Whether the literal text of an identifier holds a wildcard (holes are never wildcards).
bool literal_has_wildcard(const model::Template& t) {
  if (t.known() == "*") return false;
  for (const model::Part& part : t.parts()) {
    if (!part.is_hole() && has_wildcard(part.text)) return true;
  }
  return false;
}

void check(const Context& context, Reporter& report) {
  context.for_each_trust_principal(
      model::PrincipalType::AWS,
      [&](const model::Role& role, const model::Statement&, const model::Value& id) {
        for (const model::Template& option : id.options()) {
          if (!literal_has_wildcard(option)) continue;
          report.report(
              id.span(), role.origin,
              str_cat("principal '", option.display(),
                      "' has a wildcard inside an ARN, which IAM rejects as an invalid principal"));
          break;
        }
      });
}

}  // namespace

constexpr Rule trust_wildcard_principal_arn{
    .id = "RL103",
    .name = "trust-wildcard-principal-arn",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Wildcard inside a principal ARN, which IAM rejects",
    .fix =
        "Name the principals, or use Principal '*' with an ArnLike condition on aws:PrincipalArn",
    .doc = kDoc,
    .source = "rules/rl103_trust_wildcard_principal_arn.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
