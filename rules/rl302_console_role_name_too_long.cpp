#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a role meant for console use whose path (without its leading `/`) plus role name is
longer than 64 characters. A role is meant for console use when it is marked so
(`# rolelint: console-role` on or above the resource, or
`Metadata: {rolelint: {console-role: true}}`), when a user or group of the linted files is
allowed `sts:AssumeRole` on it, or when its trust policy requires
`aws:MultiFactorAuthPresent` or `aws:MultiFactorAuthAge`. Roles trusted only by Service or
Federated principals never are. When the name is generated or only partly known, the rule
reports only when the known characters already exceed 64.

## Why is this bad?
The console's Switch Role page takes the role's path and name, and cannot reach a role whose
path plus name is longer than 64 characters, although IAM accepts such a role (a name up to 64
and a path up to 512 characters). People who are meant to switch to the role cannot; only the
CLI and SDKs can assume it.

## Example
```yaml
Resources:
  # rolelint: console-role
  Admin:
    Type: AWS::IAM::Role
    Properties:
      Path: /organization/platform-engineering/
      RoleName: production-break-glass-administrator
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111122223333:root" }
            Action: sts:AssumeRole
```

## Use instead
```yaml
Resources:
  # rolelint: console-role
  Admin:
    Type: AWS::IAM::Role
    Properties:
      Path: /platform/
      RoleName: prod-break-glass-admin
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111122223333:root" }
            Action: sts:AssumeRole
```

## Exceptions
A role name longer than 64 characters is RL301's finding (IAM rejects it), not this rule's.

## Known limits
A user or group counts only when it is in the linted files (or a policy names it), and it must
be allowed `sts:AssumeRole` on this role by its ARN or a reference: a `Resource: "*"` does not
make every role a console role.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-console.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
)md";

constexpr std::size_t kSwitchRoleLimit = 64;

// The known characters of a path option without its leading '/'.
std::size_t path_length(const model::Template& path) {
  const std::size_t n = path.known_length();
  return path.known_prefix().starts_with('/') ? n - 1 : n;
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  // An absent path is "/"; an absent name is generated (no known characters).
  const model::Template empty;
  const std::span<const model::Template> none(&empty, 1);
  for (const model::Role& role : model.roles) {
    const std::span<const model::Template> paths = role.path.present() ? role.path.options() : none;
    const std::span<const model::Template> names = role.name.present() ? role.name.options() : none;
    const model::Value& where = role.name.present() ? role.name : role.path.get();
    if (!where.present()) continue;  // "/" and a generated name: nothing is known
    bool reported = false;
    for (const model::Template& path : paths) {
      for (const model::Template& name : names) {
        const std::size_t known = path_length(path) + name.known_length();
        // Holes (and a generated name) only add characters. unknown: not reported.
        if (reported || known <= kSwitchRoleLimit) continue;
        const model::ConsoleIntent intent = context.console_intents().of(role);
        if (!intent) continue;
        const bool exact = role.name.present() && path.is_known() && name.is_known();
        const std::string shown_path = role.path.present() ? path.display() : "/";
        const std::string shown_name = role.name.present() ? name.display() : "(generated)";
        report.report(where.span(), role.origin,
                      str_cat("role '", role.origin.source_id, "' is meant for console use (",
                              intent.reason, ") but path '", shown_path, "' plus role name '",
                              shown_name, "' is ", exact ? "" : "at least ", known,
                              " characters; Switch Role allows ", kSwitchRoleLimit),
                      {{intent.span, "console use: " + intent.reason}});
        reported = true;
      }
    }
  }
}

}  // namespace

constexpr Rule console_role_name_too_long{
    .id = "RL302",
    .name = "console-role-name-too-long",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Role path plus name too long for console Switch Role",
    .fix = "Shorten the path and role name of a console role to 64 characters in total",
    .doc = kDoc,
    .source = "rules/rl302_console_role_name_too_long.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
