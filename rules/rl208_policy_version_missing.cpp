#include "linter/base/str_cat.hpp"
#include "linter/model/policy_variables.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a policy document without `Version`, or with the old `Version: "2008-10-17"`, that uses
no policy variable. Off by default: select it (`--select RL208`) to keep every policy on the
current language version.

## Why is this bad?
Nothing breaks today: IAM reads a policy without `Version` as `2008-10-17`, and a policy that
uses no policy variable means the same in both versions. The next edit that adds
`${aws:username}` or `${aws:PrincipalTag/team}` to it silently compares the variable literally,
and every call fails with `AccessDenied` (RL206 reports that case). AWS's documentation says to
always include `Version: "2012-10-17"`.

## Example
```yaml
Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::reports/*
```

## Use instead
```yaml
Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::reports/*
```

## Exceptions
When the key holding the policy document is written twice, RL501 (duplicate-key) reports the
key, and this rule the Version of the document IAM would be given: both point at the key, but
they are different problems.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
)md";

void check_document(const model::PolicyDocument& doc, const model::Origin& origin,
                    Reporter& report) {
  if (!doc.present || doc.statements_unknown || doc.statements.empty()) return;
  const auto version = doc.version.known();
  if (doc.version.present() && !version) return;    // unknown: not reported
  if (version && *version != "2008-10-17") return;  // current, or RL206's invalid version
  std::string variable;
  if (model::first_policy_variable(doc, variable)) return;  // RL206: the variables break
  if (!version) {
    report.report(doc.span, origin,
                  "policy has no Version, so IAM applies the 2008-10-17 policy language");
  } else {
    report.report(doc.version.span(), origin,
                  "policy Version '2008-10-17' is the old policy language; use '2012-10-17'");
  }
}

void check(const Context& context, Reporter& report) {
  context.model().for_each_document(
      [&](const model::PolicyDocument& doc, const model::Origin& origin) {
        check_document(doc, origin, report);
      });
}

}  // namespace

constexpr Rule policy_version_missing{
    .id = "RL208",
    .name = "policy-version-missing",
    .severity = Severity::Info,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Policy without Version 2012-10-17 that uses no policy variable",
    .fix = "Add Version: \"2012-10-17\" to the policy document",
    .doc = kDoc,
    .source = "rules/rl208_policy_version_missing.cpp",
    .check = &check,
    .on_by_default = false,
};

}  // namespace rolelint::rules
