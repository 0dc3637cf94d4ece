#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a policy document (trust or identity, CloudFormation or Terraform) that IAM cannot read:
a policy given as a string that is not valid JSON (a trailing comma in a heredoc or in a
CloudFormation string), a value that is not a policy object (a list, a number, null, a bare
string), or a `Statement` of the wrong type (a number, a string, null, a list holding
something other than objects). A JSON error is reported at its line and column inside the
string when the string's bytes are in the file as written (single-quoted YAML, heredocs),
otherwise at the string.

## Why is this bad?
IAM rejects the document when the stack or plan is applied (`MalformedPolicyDocument`,
"Syntax errors in policy"), so the deploy fails; and until then no other rule can check the
policy, since its statements cannot be read.

## Example
```yaml
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"},]}'
```

## Use instead
```yaml
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}'
```

## Exceptions
A value that is not known is never reported: a parameter, an imported value, `!Sub` text, a
Terraform variable, `file()` of a file that cannot be read, an interpolation where JSON expects
a value.

## Known limits
`!Sub` text is not parsed as JSON, so a broken policy built with `!Sub` is not reported. In
Terraform a `null` value (`Statement = null`, `jsonencode(null)`) reads as absent, and JSON
text with an interpolation where JSON expects a value is left alone.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_statement.html
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html#cfn-iam-role-assumerolepolicydocument
)md";

void report_problems(const model::PolicyDocument& document, const model::Origin& origin,
                     Reporter& report) {
  for (const model::PolicyProblem& problem : document.problems)
    report.report(problem.span, origin, problem.message);
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::Role& role : model.roles) report_problems(role.trust, role.origin, report);
  for (const model::IdentityPolicyRef& ref : model.identity_policies())
    report_problems(*ref.document, *ref.origin, report);
}

}  // namespace

constexpr Rule policy_not_valid_json{
    .id = "RL211",
    .name = "policy-not-valid-json",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Policy document that is not valid JSON or not a policy",
    .fix = "Make the document a JSON object whose Statement is an object or a list of objects",
    .doc = kDoc,
    .source = "rules/rl211_policy_not_valid_json.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
