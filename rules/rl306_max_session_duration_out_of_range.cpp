#include <charconv>

#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a role whose maximum session duration is outside the range IAM accepts: 3600 to 43200
seconds (one to twelve hours), or is not a whole number of seconds.

## Why is this bad?
IAM rejects the value, so the stack update or `terraform apply` fails at the role. A common
cause is writing hours or minutes (`12`, `720`) where seconds are expected.

## Example
```yaml
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      MaxSessionDuration: 86400
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
  Role:
    Type: AWS::IAM::Role
    Properties:
      MaxSessionDuration: 43200
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111122223333:root" }
            Action: sts:AssumeRole
```

## References
- https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html
)md";

constexpr long kMin = 3600;
constexpr long kMax = 43200;

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::Role& role : model.roles) {
    for (const model::Template& option : role.max_session_duration.options()) {
      const auto text = option.known();
      if (!text) continue;  // unknown: not reported
      long seconds = 0;
      const char* end = text->data() + text->size();
      const auto [ptr, ec] = std::from_chars(text->data(), end, seconds);
      if (ec != std::errc() || ptr != end) {
        report.report(
            role.max_session_duration.span(), role.origin,
            str_cat("maximum session duration '", *text, "' is not a whole number of seconds"));
        break;
      }
      if (seconds >= kMin && seconds <= kMax) continue;
      report.report(
          role.max_session_duration.span(), role.origin,
          str_cat("maximum session duration ", seconds, " seconds is outside ", kMin, "..", kMax));
      break;
    }
  }
}

}  // namespace

constexpr Rule max_session_duration_out_of_range{
    .id = "RL306",
    .name = "max-session-duration-out-of-range",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Maximum session duration outside 3600 to 43200 seconds",
    .fix = "Set MaxSessionDuration in seconds, between 3600 (1 hour) and 43200 (12 hours)",
    .doc = kDoc,
    .source = "rules/rl306_max_session_duration_out_of_range.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
