#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a role name with characters outside `A-Z a-z 0-9 + = , . @ _ -`, and a role path that does
not start and end with `/` or has characters outside the printable ASCII range `!` to `~`.
Parts of a name or path that are not known (a parameter, `!Sub` variables) are not checked; the
characters that are known are. A `${...}` written outside `Fn::Sub` (`RoleName: app-${AWS::Region}`)
is literal text, which CloudFormation does not substitute: the message says so.

## Why is this bad?
IAM rejects such a name or path, so the deployment fails at the role. Spaces, slashes and
colons in role names are the usual culprits, often from a stack name or an environment name
spliced into the name; a path such as `teams/platform` without the slashes is another.

## Example
```yaml
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: "deploy role:prod"
      Path: teams/platform
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
```

## Use instead
```yaml
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: deploy-role-prod
      Path: /teams/platform/
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
```

## References
- https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-friendly-names
)md";

bool name_char_ok(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '=' || c == ',' || c == '.' || c == '@' || c == '_' || c == '-';
}

bool path_char_ok(char c) { return c >= '!' && c <= '~'; }

std::string shown(char c) {
  if (c == ' ') return "a space";
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
    return "a non-ASCII or control character";
  }
  return str_cat("'", c, "'");
}

// The first literal character of `t` rejected by `ok`, or 0.
char first_bad(const model::Template& t, bool (*ok)(char)) {
  for (const model::Part& part : t.parts()) {
    if (part.is_hole()) continue;
    for (char c : part.text) {
      if (!ok(c)) return c;
    }
  }
  return 0;
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::Role& role : model.roles) {
    for (const model::Template& name : role.name.options()) {
      if (const std::string sub = model::literal_substitution(name); !sub.empty()) {
        report.report(role.name.span(), role.origin,
                      str_cat("role name '", name.display(), "' ", sub));
        break;
      }
      if (char c = first_bad(name, name_char_ok)) {
        report.report(role.name.span(), role.origin,
                      str_cat("role name '", name.display(), "' contains ", shown(c),
                              "; IAM allows letters, digits and + = , . @ _ -"));
        break;
      }
    }
    for (const model::Template& path : role.path.options()) {
      std::string problem;
      const bool starts_known = !path.parts().empty() && !path.parts().front().is_hole();
      const bool ends_known = !path.parts().empty() && !path.parts().back().is_hole();
      if (starts_known && !path.known_prefix().starts_with('/')) {
        problem = "does not start with '/'";
      } else if (ends_known && !path.known_suffix().ends_with('/')) {
        problem = "does not end with '/'";
      } else if (const std::string sub = model::literal_substitution(path); !sub.empty()) {
        problem = sub;
      } else if (char c = first_bad(path, path_char_ok)) {
        problem = str_cat("contains ", shown(c));
      }
      if (problem.empty()) continue;  // unknown parts: not reported
      report.report(role.path.span(), role.origin,
                    str_cat("path '", path.display(), "' ", problem));
      break;
    }
  }
}

}  // namespace

constexpr Rule invalid_role_name_or_path{
    .id = "RL303",
    .name = "invalid-role-name-or-path",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Role name or path with characters IAM rejects",
    .fix = "Use only letters, digits and + = , . @ _ - in role names, and paths like /team/app/",
    .doc = kDoc,
    .source = "rules/rl303_invalid_role_name_or_path.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
