#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a key that a mapping of a CloudFormation template (YAML or JSON) holds more than once,
at each later key, with the first one as a related location.

## Why is this bad?
YAML and JSON leave the meaning of a repeated key open. The readers CloudFormation tools use
keep the last value and drop the earlier ones without a word, so the template deploys
something other than what a reviewer reads first: a second `AssumeRolePolicyDocument` further
down replaces the trust policy above it. rolelint reads the last value too, as they do, and
every other rule checks that one. cfn-lint reports duplicate keys as an error as well.

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
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      RoleName: deploy
      RoleName: deploy-v2
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
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      RoleName: deploy-v2
```

## Exceptions
Keys a YAML merge key (`<<: *base`) brings in are not duplicates: the keys written beside the
merge win over them, as YAML 1.1 specifies.

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
- https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md (E0000: duplicate keys)
- https://yaml.org/spec/1.2.2/#mapping (keys of a mapping are unique)
)md";

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::DuplicateKey& d : model.duplicate_keys) {
    report.report(
        d.later, d.origin,
        str_cat("duplicate key '", d.key, "' (first on line ", d.first_line,
                "): only this later value is read"),
        {RelatedLocation{d.first, str_cat("first '", d.key, "', whose value is dropped")}});
  }
}

}  // namespace

constexpr Rule duplicate_key{
    .id = "RL501",
    .name = "duplicate-key",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson,
    .summary = "Key given twice in one mapping of a template",
    .fix = "Keep one of the keys, with the value that is meant",
    .doc = kDoc,
    .source = "rules/rl501_duplicate_key.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
