#include <string>

#include "linter/base/str_cat.hpp"
#include "linter/model/statement_scope.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags an identity policy (of a role, user or group, or a managed policy) that allows
`sts:AssumeRole`, directly or through a wildcard action, on `Resource: "*"` or on an ARN pattern
that covers roles in every account, such as `arn:aws:iam::*:role/*`. A pattern limited to one
account (`arn:aws:iam::111122223333:role/Test*`) is not reported. The partition and region of
an ARN never matter: `arn:${AWS::Partition}:iam::*:role/*` is reported as well.

## Why is this bad?
An identity policy is only half of a role assumption, but it is the half you control. With
`sts:AssumeRole` on `*`, the principal can assume every role in any account whose trust policy
trusts the principal's account, including roles created later by other teams and roles in
partner accounts that trust your account root. Least privilege names the role ARNs.

## Example
```yaml
Resources:
  Developers:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: assume-roles
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: "*"
```

## Use instead
```yaml
Resources:
  Developers:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: assume-roles
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource:
                  - arn:aws:iam::111122223333:role/developer
                  - arn:aws:iam::444455556666:role/read-only
```

## Exceptions
A statement that RL203 (admin-access) reports, every action on every resource, is not reported
again here: RL203's finding includes role assumption.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
)md";

void check(const Context& context, Reporter& report) {
  context.for_each_identity_statement(
      [&](const model::IdentityPolicyRef& ref, const model::Statement& stmt) {
        if (stmt.is_allow() != Tri::True || !stmt.has_resource || stmt.not_resource) return;
        if (stmt.covers_action("sts:AssumeRole") != Tri::True) return;  // unknown: not reported
        for (const model::Value& r : stmt.resources.values) {
          for (const model::Template& option : r.options()) {  // every branch of an If
            // Unknown (a hole in the account or resource field): not reported.
            if (model::resource_reach(option, "iam", "role/") != model::Reach::Everywhere) continue;
            report.report_about(stmt.span, r.span(), *ref.origin,
                                str_cat("sts:AssumeRole on Resource '", option.display(),
                                        "' lets '", ref.origin->source_id,
                                        "' assume every role in every account that trusts this "
                                        "account; name the role ARNs instead"));
            break;
          }
        }
      });
}

}  // namespace

constexpr Rule assume_role_any_resource{
    .id = "RL201",
    .name = "assume-role-any-resource",
    .severity = Severity::Warning,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "sts:AssumeRole allowed on every role in every account",
    .fix = "List the ARNs of the roles the principal needs to assume",
    .doc = kDoc,
    .source = "rules/rl201_assume_role_any_resource.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
