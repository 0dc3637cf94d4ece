#include "linter/base/str_cat.hpp"
#include "linter/model/statement_scope.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags an identity policy statement that allows every action on every resource: `Action: "*"`
(or `"*:*"`) with `Resource: "*"`, or `NotAction` with `Resource: "*"`, which allows everything
except the few actions listed. An ARN that covers every resource of every service
(`arn:*:*:*:*:*`, `arn:${AWS::Partition}:*:*:${AWS::AccountId}:*`) counts as `"*"`.

## Why is this bad?
Such a statement makes the role, user or group a full administrator of the account: it can
create users and access keys, change its own permissions and read every secret. A credential
leak of that principal is a takeover of the account. `NotAction` with `Allow` is a common way
to write this by accident: it grants every action of every current and future service except
the ones listed.

A `Condition` such as `aws:CalledVia` limits how the access can be used, not what it reaches:
the statement is still reported, and the message names the condition.

## Example
```yaml
Resources:
  CiRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: everything
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: "*"
                Resource: "*"
```

## Use instead
```yaml
Resources:
  CiRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: deploy-artifacts
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ["s3:GetObject", "s3:PutObject"]
                Resource: arn:aws:s3:::build-artifacts/*
```

## Exceptions
The statement's other findings are left out: RL201 (`sts:AssumeRole` on every role), RL202
(write access on every resource) and RL204 (`iam:PassRole` on every role) do not report a
statement this rule reports, since every action on every resource includes them all.

A break-glass administrator role is sometimes intended; suppress the finding on that resource
with a reason, or attach the AWS managed `AdministratorAccess` policy so the intent is explicit.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
)md";

bool is_star(const model::Value& v) {
  const auto text = v.known();
  return text && (*text == "*" || *text == "*:*");
}

// The statement's Resource entry that covers every resource of every service: "*", or an ARN
// such as `arn:*:*:*:*:*` or `arn:aws:*:*:${AWS::AccountId}:*`.
const model::Value* star_resource(const model::Statement& stmt) {
  if (!stmt.has_resource || stmt.not_resource) return nullptr;
  for (const model::Value& r : stmt.resources.values) {
    if (model::covers_all(model::resource_reach(r, {}))) return &r;
  }
  return nullptr;
}

void check(const Context& context, Reporter& report) {
  context.for_each_identity_statement([&](const model::IdentityPolicyRef& ref,
                                          const model::Statement& stmt) {
    if (stmt.is_allow() != Tri::True || !stmt.has_action) return;
    const model::Value* resource = star_resource(stmt);
    if (!resource) return;  // unknown or specific resources: not reported
    if (stmt.not_action) {
      report.report_about(stmt.span, stmt.actions.span, *ref.origin,
                          str_cat("allowing NotAction on Resource '", resource->display(),
                                  "' grants every action except the ones listed",
                                  model::limited_only_by(model::limiting_condition(stmt, nullptr)),
                                  model::branch_note(stmt)));
      return;
    }
    for (const model::Value& action : stmt.actions.values) {
      if (!is_star(action)) continue;
      report.report_about(stmt.span, action.span(), *ref.origin,
                          str_cat("allowing '", *action.known(), "' on Resource '",
                                  resource->display(), "' grants full administrator access",
                                  model::limited_only_by(model::limiting_condition(stmt, nullptr)),
                                  model::branch_note(stmt)));
      break;
    }
  });
}

constexpr std::string_view kSubsumes[] = {"RL201", "RL202", "RL204"};

}  // namespace

constexpr Rule admin_access{
    .id = "RL203",
    .name = "admin-access",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Policy allows every action on every resource",
    .fix = "List the actions and resources the principal needs instead of '*' or NotAction",
    .doc = kDoc,
    .source = "rules/rl203_admin_access.cpp",
    .check = &check,
    .subsumes = kSubsumes,
};

}  // namespace rolelint::rules
