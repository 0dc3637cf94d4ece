#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a Terraform `aws_iam_role` whose `name_prefix` is longer than 38 characters. A prefix
that is only partly known is reported only when its known characters already exceed 38.

## Why is this bad?
Terraform appends a 26-character unique suffix to `name_prefix`, and a role name may have at
most 64 characters, so a longer prefix makes every generated name too long: the provider
rejects it at plan time (`expected length of name_prefix to be in the range (1 - 38)`).

## Example
```hcl
resource "aws_iam_role" "deploy" {
  name_prefix = "platform-team-continuous-delivery-deploy-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
```

## Use instead
```hcl
resource "aws_iam_role" "deploy" {
  name_prefix = "platform-cd-deploy-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
```

## References
- https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role#name_prefix
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
)md";

constexpr std::size_t kMaxPrefix = 38;

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::Role& role : model.roles) {
    for (const model::Template& option : role.name_prefix.options()) {
      const std::size_t known = option.known_length();
      if (known <= kMaxPrefix) continue;  // unknown: holes only add characters
      report.report(
          role.name_prefix.span(), role.origin,
          str_cat("name_prefix '", option.display(), "' is ", option.is_known() ? "" : "at least ",
                  known,
                  " characters; with Terraform's 26-character suffix the role name exceeds 64"));
      break;
    }
  }
}

}  // namespace

constexpr Rule name_prefix_too_long{
    .id = "RL304",
    .name = "name-prefix-too-long",
    .severity = Severity::Error,
    .formats = kTerraform,
    .summary = "Terraform name_prefix longer than 38 characters",
    .fix = "Shorten name_prefix to at most 38 characters",
    .doc = kDoc,
    .source = "rules/rl304_name_prefix_too_long.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
