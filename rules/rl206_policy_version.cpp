#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a policy document without `Version`, or with the old `Version: "2008-10-17"` (a
warning), and a policy that uses policy variables such as `${aws:username}` or
`${aws:PrincipalTag/team}` without `Version: "2012-10-17"` (an error).

## Why is this bad?
IAM treats a policy without `Version` as `2008-10-17`, the language version before policy
variables. In it, `${aws:username}` is not substituted but compared literally, so a statement
meant to give each user their own S3 prefix matches nothing and every call fails with
`AccessDenied`. Newer features are also unavailable in the old version.

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

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
)md";

// The first policy variable (`${ns:key}`) in the literal text of a value, or empty.
std::string variable_in(const model::Value& v) {
  for (const model::Template& t : v.options()) {
    for (const model::Part& part : t.parts()) {
      if (part.is_hole()) continue;
      const auto open = part.text.find("${");
      if (open == std::string::npos) continue;
      const auto close = part.text.find('}', open);
      const auto colon = part.text.find(':', open);
      if (close != std::string::npos && colon != std::string::npos && colon < close) {
        return part.text.substr(open, close - open + 1);
      }
    }
  }
  return {};
}

// The first value of the document that uses a policy variable, or nullptr.
const model::Value* first_variable(const model::PolicyDocument& doc, std::string& variable) {
  for (const model::Statement& stmt : doc.statements) {
    for (const model::Value& r : stmt.resources.values) {
      if (variable = variable_in(r); !variable.empty()) return &r;
    }
    for (const model::ConditionEntry& c : stmt.conditions) {
      for (const model::Value& v : c.values.values) {
        if (variable = variable_in(v); !variable.empty()) return &v;
      }
    }
  }
  return nullptr;
}

void check_document(const model::PolicyDocument& doc, const model::Origin& origin, Reporter& report) {
  if (!doc.present || doc.statements_unknown) return;
  const auto version = doc.version.known();
  if (doc.version.present() && !version) return;  // unknown: not reported
  if (version == "2012-10-17") return;
  std::string variable;
  if (const model::Value* use = first_variable(doc, variable)) {
    report.report(use->span(), origin,
                  str_cat("policy variable '", variable, "' is compared literally because the policy ",
                          version ? str_cat("has Version '", *version, "'") : std::string("has no Version"),
                          "; variables need Version '2012-10-17'"));
    return;
  }
  if (!version) {
    report.report_lower(Severity::Warning, doc.span, origin,
                        "policy has no Version, so IAM applies the 2008-10-17 policy language");
  } else if (*version == "2008-10-17") {
    report.report_lower(Severity::Warning, doc.version.span(), origin,
                        "policy Version '2008-10-17' is the old policy language; use '2012-10-17'");
  }
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::Role& role : model.roles) check_document(role.trust, role.origin, report);
  for (const model::IdentityPolicyRef& ref : model.identity_policies()) {
    check_document(*ref.document, *ref.origin, report);
  }
}

}  // namespace

constexpr Rule policy_version{
    .id = "RL206",
    .name = "policy-version",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Policy without Version 2012-10-17",
    .fix = "Add Version: \"2012-10-17\" to the policy document",
    .doc = kDoc,
    .source = "rules/rl206_policy_version.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
