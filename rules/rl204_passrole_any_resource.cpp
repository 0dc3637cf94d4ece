#include "linter/base/str_cat.hpp"
#include "linter/catalog/action_catalog.hpp"
#include "linter/model/statement_scope.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags an identity policy that allows `iam:PassRole`, directly or through a wildcard such as
`iam:*` or `iam:Pass*`, on `Resource: "*"` or on an ARN of every role of an account or of every
account (`arn:aws:iam::*:role/*`, `arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*`).

## Why is this bad?
`iam:PassRole` lets a principal hand a role to a service (an EC2 instance profile, a Lambda
function, a CloudFormation stack, a Glue job). On `*` it may pass any role in the account,
including administrator roles, and then act with that role's permissions through the service:
a well-known privilege escalation path.

## Example
```yaml
Resources:
  Deployer:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: deploy-functions
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ["lambda:CreateFunction", "iam:PassRole"]
                Resource: "*"
```

## Use instead
```yaml
Resources:
  Deployer:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: deploy-functions
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: lambda:CreateFunction
                Resource: "*"
              - Effect: Allow
                Action: iam:PassRole
                Resource: arn:aws:iam::111122223333:role/lambda-execution-*
                Condition:
                  StringEquals:
                    iam:PassedToService: lambda.amazonaws.com
```

A `Condition` such as `iam:PassedToService` limits the services the roles can be passed to,
not which roles: the statement is still reported, and the message names the condition.

## Exceptions
A statement that RL203 (admin-access) reports, every action on every resource, is not reported
again here: RL203's finding includes passing every role.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
)md";

void check(const Context& context, Reporter& report) {
  context.for_each_identity_statement([&](const model::IdentityPolicyRef& ref,
                                          const model::Statement& stmt) {
    if (stmt.is_allow() != Tri::True || !stmt.has_resource || stmt.not_resource) return;
    if (stmt.covers_action("iam:PassRole") != Tri::True) return;  // unknown: not reported
    for (const model::Value& r : stmt.resources.values) {
      // "*", or an ARN of every role: `arn:aws:iam::*:role/*`,
      // `arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*`.
      if (!model::covers_all(model::resource_reach(r, "iam", "role/")))
        continue;  // unknown: not reported
      const model::ConditionEntry* limit =
          model::limiting_condition(stmt, catalog::find_action("iam:PassRole"));
      report.report_about(stmt.span, r.span(), *ref.origin,
                          str_cat("iam:PassRole on Resource '", r.display(),
                                  "' lets the principal pass any role in the account to a service",
                                  model::limited_only_by(limit), model::branch_note(stmt)));
      break;
    }
  });
}

}  // namespace

constexpr Rule passrole_any_resource{
    .id = "RL204",
    .name = "passrole-any-resource",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "iam:PassRole allowed on every role",
    .fix =
        "Allow iam:PassRole only on the ARNs of the roles to pass, with an iam:PassedToService "
        "condition",
    .doc = kDoc,
    .source = "rules/rl204_passrole_any_resource.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
