#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a role meant for console use whose trust policy lets its AWS principals in only with an
`sts:ExternalId` condition: every Allow statement that admits an AWS principal requires the
key. A role is meant for console use when it is marked so (`# rolelint: console-role` on or
above the resource, or `Metadata: {rolelint: {console-role: true}}`), when a user or group of
the linted files is allowed `sts:AssumeRole` on it, or when its trust policy requires
`aws:MultiFactorAuthPresent` or `aws:MultiFactorAuthAge`. Roles trusted only by Service or
Federated principals never are.

## Why is this bad?
The console's Switch Role cannot pass an ExternalId, so the condition is never met from the
console and every switch fails with an access denied error. ExternalId protects roles that a
third party assumes programmatically (the confused deputy problem), not roles people use.

## Example
```yaml
Resources:
  Admin:
    Type: AWS::IAM::Role
    Metadata:
      rolelint:
        console-role: true
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111122223333:root" }
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                sts:ExternalId: "7f3c1e"
```

## Use instead
```yaml
Resources:
  Admin:
    Type: AWS::IAM::Role
    Metadata:
      rolelint:
        console-role: true
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111122223333:root" }
            Action: sts:AssumeRole
            Condition:
              Bool:
                aws:MultiFactorAuthPresent: "true"
```

## Known limits
When any statement, principal or condition of the trust policy cannot be evaluated, the rule
stays silent. A statement that admits AWS principals without the condition lets them switch, so
the rule stays silent then too.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-console.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
)md";

constexpr std::string_view kExternalId = "sts:ExternalId";

// The sts:ExternalId keys that keep every AWS principal out without the key; empty when an AWS
// principal gets in without it, when none is admitted, or when anything is unknown.
std::vector<Span> external_id_gates(const model::PolicyDocument& trust) {
  std::vector<Span> gates;
  if (!trust.present || trust.statements_unknown) return {};  // unknown: not reported
  for (const model::Statement& stmt : trust.statements) {
    const Tri allow = stmt.is_allow();
    if (allow == Tri::False) continue;
    if (allow == Tri::Unknown || stmt.principals_unknown || stmt.not_principal) return {};
    bool admits_aws = false;
    for (const model::Principal& p : stmt.principals) {
      admits_aws =
          admits_aws || p.type == model::PrincipalType::AWS || p.type == model::PrincipalType::Star;
    }
    if (!admits_aws) continue;
    // False: AWS principals get in without it. unknown: not reported.
    if (model::requires_condition_key(stmt, kExternalId) != Tri::True) return {};
    for (const model::ConditionEntry& entry : stmt.conditions) {
      if (model::iequals(entry.key, kExternalId) && !entry.op.ends_with("IfExists")) {
        gates.push_back(entry.key_span);
        break;
      }
    }
  }
  return gates;
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::Role& role : model.roles) {
    const std::vector<Span> gates = external_id_gates(role.trust);
    if (gates.empty()) continue;
    const model::ConsoleIntent intent = context.console_intents().of(role);
    if (!intent) continue;
    for (const Span& gate : gates) {
      report.report(
          gate, role.origin,
          str_cat("role '", role.origin.source_id, "' is meant for console use (", intent.reason,
                  ") but its trust policy admits AWS principals only with "
                  "sts:ExternalId, which Switch Role cannot pass"),
          {{intent.span, "console use: " + intent.reason}});
    }
  }
}

}  // namespace

constexpr Rule console_role_requires_external_id{
    .id = "RL305",
    .name = "console-role-requires-external-id",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Console role requires an ExternalId the console cannot send",
    .fix = "Remove the sts:ExternalId condition, or use a separate role for programmatic access",
    .doc = kDoc,
    .source = "rules/rl305_console_role_requires_external_id.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
