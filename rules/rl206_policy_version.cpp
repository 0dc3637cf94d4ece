#include "linter/base/str_cat.hpp"
#include "linter/model/policy_variables.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a policy document whose `Version` is not a policy language version IAM knows (only
`"2012-10-17"` and `"2008-10-17"` exist), and a policy that uses policy variables such as
`${aws:username}` or `${aws:PrincipalTag/team}` without `Version: "2012-10-17"`.

A policy without `Version`, or with `"2008-10-17"`, that uses no policy variable works as
written; that is RL208 (`policy-version-missing`, off by default).

## Why is this bad?
IAM accepts only the two language versions in the policy grammar: any other `Version` value
makes the policy malformed, and the deploy fails with `MalformedPolicyDocument`. A policy
without `Version` is read as `2008-10-17`, the language version before policy variables: there
`${aws:username}` is not substituted but compared literally, so a statement meant to give each
user their own S3 prefix matches nothing and every call fails with `AccessDenied`.

## Example
```yaml
Resources:
  Users:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: home-folder
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:*
                Resource: arn:aws:s3:::home-bucket/${aws:username}/*
```

## Use instead
```yaml
Resources:
  Users:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: home-folder
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: s3:*
                Resource: arn:aws:s3:::home-bucket/${aws:username}/*
```

## Exceptions
A document with no statement is left to RL101 (a trust policy nobody can use), and so is a
trust policy RL101 reports as having no usable Allow statement or RL106 reports as holding an
element IAM rejects: its Version is not the problem to fix first.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
)md";

constexpr std::string_view kCurrent = "2012-10-17";
constexpr std::string_view kOld = "2008-10-17";

void check_document(const model::PolicyDocument& doc, const model::Origin& origin,
                    Reporter& report) {
  if (!doc.present || doc.statements_unknown || doc.statements.empty()) return;
  const auto version = doc.version.known();
  if (doc.version.present() && !version) return;  // unknown: not reported
  if (version == kCurrent) return;
  if (version && *version != kOld) {
    report.report_about(doc.span, doc.version.span(), origin,
                        str_cat("policy Version '", *version,
                                "' is not a policy language version: IAM accepts only '", kCurrent,
                                "' and '", kOld, "', so the policy is rejected as malformed"));
    return;
  }
  std::string variable;
  if (const model::Value* use = model::first_policy_variable(doc, variable)) {
    report.report_about(
        doc.span, use->span(), origin,
        str_cat("policy variable '", variable, "' is compared literally because the policy ",
                version ? str_cat("has Version '", *version, "'") : std::string("has no Version"),
                "; variables need Version '", kCurrent, "'"));
  }
}

void check(const Context& context, Reporter& report) {
  context.model().for_each_document(
      [&](const model::PolicyDocument& doc, const model::Origin& origin) {
        check_document(doc, origin, report);
      });
}

}  // namespace

constexpr Rule policy_version{
    .id = "RL206",
    .name = "policy-version",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Policy Version that IAM rejects, or policy variables without Version 2012-10-17",
    .fix = "Set Version: \"2012-10-17\" in the policy document",
    .doc = kDoc,
    .source = "rules/rl206_policy_version.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
