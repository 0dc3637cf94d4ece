#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a role whose name is longer than 64 characters or whose path is longer than 512
characters. A name or path that is only partly known (a `!Sub` with a parameter, a Terraform
variable) is reported only when its known characters alone already exceed the limit.

## Why is this bad?
IAM rejects a `RoleName` over 64 characters and a `Path` over 512 characters, so the stack
update or `terraform apply` fails when it reaches the role, often after other resources have
already changed.

## Example
```yaml
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: platform-team-continuous-delivery-pipeline-deployment-role-production
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codepipeline.amazonaws.com }
            Action: sts:AssumeRole
```

## Use instead
```yaml
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: platform-cd-deploy-prod
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codepipeline.amazonaws.com }
            Action: sts:AssumeRole
```

## Exceptions
A role this rule reports is not reported by RL302 (console-role-name-too-long) as well: IAM
rejects the name before the console's limit matters.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html
)md";

constexpr std::size_t kMaxName = 64;
constexpr std::size_t kMaxPath = 512;

// Reports the first option of `value` whose known characters exceed `limit`.
void check_length(const model::Role& role, const model::Value& value, std::string_view what,
                  std::size_t limit, Reporter& report) {
  for (const model::Template& option : value.options()) {
    const std::size_t known = option.known_length();
    // Holes only add characters, so the known ones are a lower bound; at or under the limit
    // nothing is proven. unknown: not reported.
    if (known <= limit) continue;
    const bool exact = option.is_known();
    report.report(value.span(), role.origin,
                  str_cat(what, " '", option.display(), "' is ", exact ? "" : "at least ", known,
                          " characters; IAM allows ", limit));
    return;
  }
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::Role& role : model.roles) {
    check_length(role, role.name, "role name", kMaxName, report);
    check_length(role, role.path, "path", kMaxPath, report);
  }
}

constexpr std::string_view kSubsumes[] = {"RL302"};

}  // namespace

constexpr Rule role_name_too_long{
    .id = "RL301",
    .name = "role-name-too-long",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Role name longer than 64 characters or path longer than 512",
    .fix = "Shorten the role name to at most 64 characters (and the path to at most 512)",
    .doc = kDoc,
    .source = "rules/rl301_role_name_too_long.cpp",
    .check = &check,
    .subsumes = kSubsumes,
};

}  // namespace rolelint::rules
