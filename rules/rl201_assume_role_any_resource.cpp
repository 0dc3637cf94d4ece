#include <optional>
#include <string>

#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags an identity policy (of a role, user or group, or a managed policy) that allows
`sts:AssumeRole`, directly or through a wildcard action, on `Resource: "*"` or on an ARN pattern
that covers roles in every account, such as `arn:aws:iam::*:role/*`. A pattern limited to one
account (`arn:aws:iam::111122223333:role/Test*`) is not reported.

## Why is this bad?
An identity policy is only half of a role assumption, but it is the half you control. With
`sts:AssumeRole` on `*`, the principal can assume every role in any account whose trust policy
trusts the principal's account, including roles created later by other teams and roles in
partner accounts that trust your account root. Least privilege names the role ARNs.

## Example
```yaml
Resources:
  Developers:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: assume-roles
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: "*"
```

## Use instead
```yaml
Resources:
  Developers:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: assume-roles
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource:
                  - arn:aws:iam::111122223333:role/developer
                  - arn:aws:iam::444455556666:role/read-only
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
)md";

bool all_wildcard(std::string_view s) { return !s.empty() && s.find_first_not_of('*') == std::string_view::npos; }

// What a fully known resource pattern opens up, or empty when it is narrower than every
// account's roles.
std::string opens_up(std::string_view resource) {
  if (all_wildcard(resource)) return "every role in every account that trusts this account";
  const std::optional<model::Arn> arn = model::parse_arn(resource);
  if (!arn || !arn->complete()) return {};
  // Fully known: every field is.
  const std::string_view service = *arn->service.known(), account = *arn->account.known(), rest = *arn->resource.known();
  if (!(service == "iam" || all_wildcard(service)) || !all_wildcard(account)) return {};
  // The resource part must cover arbitrary role names: "*", "role/*", "ro*", "role/team/*" is
  // narrower (a path), and so is a name pattern like "role/Admin*".
  const auto star = rest.find('*');
  if (star == std::string_view::npos || star + 1 != rest.size()) return {};
  const std::string_view prefix = rest.substr(0, star);
  if (!std::string_view("role/").starts_with(prefix)) return {};
  return "every role in every account that trusts this account";
}

// The text of a resource pattern whose only holes are the partition, the region or the deploying
// account: those never turn a pattern into one that covers every account (the account one names
// a single account), so a stand-in value decides the question. Anything else is unknown.
std::optional<std::string> with_environment(const model::Template& t) {
  std::string text;
  for (const model::Part& part : t.parts()) {
    if (!part.is_hole()) {
      text += part.text;
      continue;
    }
    switch (part.hole().kind) {
      case model::HoleKind::Partition: text += "aws"; break;
      case model::HoleKind::Region: text += "us-east-1"; break;
      case model::HoleKind::OwnAccount: text += "000000000000"; break;
      default: return std::nullopt;
    }
  }
  return text;
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::IdentityPolicyRef& ref : model.identity_policies()) {
    for (const model::Statement& stmt : ref.document->statements) {
      if (stmt.is_allow() != Tri::True || !stmt.has_resource || stmt.not_resource) continue;
      if (stmt.covers_action("sts:AssumeRole") != Tri::True) continue;  // unknown: not reported
      for (const model::Value& r : stmt.resources.values) {
        for (const model::Template& option : r.options()) {  // every branch of an If
          const auto text = with_environment(option);
          if (!text) continue;  // unknown: not reported
          const std::string what = opens_up(*text);
          if (what.empty()) continue;
          report.report(r.span(), *ref.origin,
                        str_cat("sts:AssumeRole on Resource '", option.display(), "' lets '", ref.origin->source_id,
                                "' assume ", what, "; name the role ARNs instead"));
          break;
        }
      }
    }
  }
}

}  // namespace

constexpr Rule assume_role_any_resource{
    .id = "RL201",
    .name = "assume-role-any-resource",
    .severity = Severity::Warning,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "sts:AssumeRole allowed on every role in every account",
    .fix = "List the ARNs of the roles the principal needs to assume",
    .doc = kDoc,
    .source = "rules/rl201_assume_role_any_resource.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
