#include <charconv>

#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a role with `MaxSessionDuration` above 3600 seconds that another role is trusted to
assume: its trust policy names a role ARN (`arn:aws:iam::111122223333:role/Pipeline`) or a role
of the linted files (`!GetAtt Pipeline.Arn`).

## Why is this bad?
Assuming a role with the credentials of another role is role chaining, and AWS caps a chained
session at one hour whatever the role's maximum: a `DurationSeconds` above 3600 fails with a
`ValidationError`. Callers that rely on the longer session (a long deployment, a batch job)
break after an hour.

## Example
```yaml
Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      MaxSessionDuration: 14400
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111122223333:role/Pipeline" }
            Action: sts:AssumeRole
```

## Use instead
```yaml
Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      MaxSessionDuration: 3600
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111122223333:role/Pipeline" }
            Action: sts:AssumeRole
```

## Exceptions
A role that people also assume directly (not chained) can use the longer sessions; the finding is
information only.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html#id_roles_use_view-role-max-session
)md";

constexpr long kChainedLimit = 3600;

// The role a principal identifier names, when it certainly names a role: a literal ARN with
// ":role/", or a reference to a role of the model.
std::string trusted_role(const model::Entities& entities, const model::Value& id) {
  for (const model::Template& t : id.options()) {
    for (const model::Part& part : t.parts()) {
      if (part.is_hole() && part.hole().kind == model::HoleKind::Resource &&
          part.hole().attribute == "Arn") {
        // A reference resolves within the template or module the identifier is written in.
        const model::Role* role =
            entities.role_with_id(part.hole().target, entities.model().unit_of(id.span().file));
        if (role) return role->origin.source_id;
      }
    }
    // A role ARN: its resource field starts with "role/".
    const std::optional<model::Arn> arn = model::parse_arn(t);
    if (arn && arn->complete() && arn->resource.known_prefix().starts_with("role/"))
      return t.display();
  }
  return {};
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::Role& role : model.roles) {
    const auto text = role.max_session_duration.known();
    long seconds = 0;
    if (!text ||
        std::from_chars(text->data(), text->data() + text->size(), seconds).ec != std::errc())
      continue;
    if (seconds <= kChainedLimit) continue;
    for (const model::Statement& stmt : role.trust.statements) {
      if (stmt.is_allow() != Tri::True) continue;
      std::string chained;
      for (const model::Principal& p : stmt.principals) {
        if (p.type != model::PrincipalType::AWS) continue;
        for (const model::Value& id : p.ids.values) {
          if (chained.empty()) chained = trusted_role(context.entities(), id);
        }
      }
      if (chained.empty()) continue;
      report.report(
          role.max_session_duration.span(), role.origin,
          str_cat("role '", role.origin.source_id, "' is assumed by role '", chained,
                  "' (role chaining): chained sessions last at most 3600 seconds, not the ",
                  seconds, " of MaxSessionDuration"));
      break;
    }
  }
}

}  // namespace

constexpr Rule chained_role_session_too_long{
    .id = "RL404",
    .name = "chained-role-session-too-long",
    .severity = Severity::Info,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Role chaining caps a session below the role's maximum session duration",
    .fix =
        "Keep MaxSessionDuration at 3600 for roles assumed by other roles, or assume it directly",
    .doc = kDoc,
    .source = "rules/rl404_chained_role_session_too_long.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
