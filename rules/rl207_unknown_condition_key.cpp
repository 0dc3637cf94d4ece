#include "linter/base/str_cat.hpp"
#include "linter/catalog/action_catalog.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a condition key that no AWS service defines, such as `aws:RoleSessionName` (the key is
`sts:RoleSessionName`), and a condition operator that does not exist, such as `StringEqual` or
`ForAnyValues:StringLike`. The message suggests the key or operator that was probably meant.

## Why is this bad?
IAM evaluates a condition on a key that is never present in the request context as not
matching. An `Allow` guarded by it never applies, so the call fails with `AccessDenied`; a
`Deny` guarded by it never applies, so the guard rail is silently gone. An unknown operator
makes IAM reject the policy, and the deployment fails.

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
            Principal: { AWS: "arn:aws:iam::111122223333:root" }
            Action: sts:AssumeRole
            Condition:
              StringLike:
                aws:RoleSessionName: "${aws:username}"
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
            Principal: { AWS: "arn:aws:iam::111122223333:root" }
            Action: sts:AssumeRole
            Condition:
              StringLike:
                sts:RoleSessionName: "${aws:username}"
```

## Known limits
A key is checked against every service's keys, not only those of the statement's actions.
Keys of web identity and SAML providers (`token.actions.githubusercontent.com:sub`) are not
checked: providers send claims of their own choosing.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
)md";

void check_document(const model::PolicyDocument& doc, const model::Origin& origin,
                    Reporter& report) {
  for (const model::Statement& stmt : doc.statements) {
    std::string_view last_op;
    for (const model::ConditionEntry& c : stmt.conditions) {
      if (c.op != last_op && !catalog::condition_operator_known(c.op)) {
        std::string message = str_cat("unknown condition operator '", c.op, "'");
        if (std::string s = catalog::suggest_condition_operator(c.op); !s.empty()) {
          message += str_cat("; did you mean '", s, "'?");
        }
        report.report(c.op_span, origin, std::move(message));
      }
      last_op = c.op;
      if (catalog::condition_key_known(c.key)) continue;
      std::string message = str_cat("condition key '", c.key, "' is not defined by AWS");
      if (std::string s = catalog::suggest_condition_key(c.key); !s.empty()) {
        message += str_cat("; did you mean '", s, "'?");
      }
      report.report(c.key_span, origin, std::move(message));
    }
  }
}

void check(const Context& context, Reporter& report) {
  context.model().for_each_document(
      [&](const model::PolicyDocument& doc, const model::Origin& origin) {
        check_document(doc, origin, report);
      });
}

}  // namespace

constexpr Rule unknown_condition_key{
    .id = "RL207",
    .name = "unknown-condition-key",
    .severity = Severity::Warning,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Condition key or operator that AWS does not define",
    .fix = "Use a condition key from the Service Authorization Reference and a documented operator",
    .doc = kDoc,
    .source = "rules/rl207_unknown_condition_key.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
