#include <vector>

#include "linter/base/str_cat.hpp"
#include "linter/base/text.hpp"
#include "linter/catalog/partitions.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags ARNs that AWS would reject or that can never match, in the AWS principals of trust
policies and in the `Resource` of statements that allow `sts:AssumeRole`:

- an account that is not 12 digits, such as the documentation placeholders `Account_Alice` or
  `ACCOUNT-ID-WITHOUT-HYPHENS`;
- an IAM ARN with a region (`arn:aws:iam:us-east-1:...`): IAM is global;
- an unknown partition (`arn:amazon:...`): one the pinned AWS endpoint data (`@aws-sdk/core`)
  does not list;
- another partition than the account's own: `arn:aws:...` in a Terraform module whose `aws`
  providers deploy to the China Regions (`region = "cn-north-1"`: partition `aws-cn`), or to
  another partition by the role they assume;
- an IAM group as a principal: groups cannot be principals;
- a role ARN without `role/` in the `Resource` of an `sts:AssumeRole` grant;
- an AWS principal that is neither an ARN nor a 12-digit account id;
- a `${...}` written outside `Fn::Sub` (`"arn:aws:iam::${AWS::AccountId}:root"` as a plain
  string), which CloudFormation keeps as literal text.

Only the parts of an ARN that are known are checked: `${AWS::AccountId}` or a variable in the
account field is never reported.

## Why is this bad?
In a trust policy, IAM rejects an invalid principal (`MalformedPolicyDocument: Invalid principal
in policy`) and the deployment fails. In an identity policy, a malformed resource ARN is accepted
but matches no role, so `AssumeRole` fails with `AccessDenied` at run time. Placeholders copied
from documentation examples are the usual cause.

Partitions (`aws`, `aws-cn`, `aws-us-gov`, ...) have separate instances of IAM: every account is
in one partition, and AssumeRole does not work across partitions. An ARN of another partition
names no principal the role's account can trust, and no role its caller can assume. Code copied
from a commercial-Region module into a China or GovCloud one is the usual cause; write
`data.aws_partition.current.partition` (or `${AWS::Partition}`) instead of a literal partition.

## Example
```yaml
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::Account_Alice:root" }
            Action: sts:AssumeRole
```

## Use instead
```yaml
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111122223333:root" }
            Action: sts:AssumeRole
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_outbound_cross_partition.html
- https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
)md";

bool is_unique_id(std::string_view s) {  // AIDA..., AROA...: what IAM shows for deleted principals
  if (s.size() < 16 || !(s.starts_with("AIDA") || s.starts_with("AROA") || s.starts_with("AIPA")))
    return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

enum class Place { Principal, AssumeResource };

// What is wrong with a value that does not start with "arn:", or empty.
std::string non_arn_problem(const model::Template& t, Place place) {
  const auto text = t.known();
  if (!text || *text == "*") return {};  // unknown: not reported
  if (place == Place::AssumeResource) return "is not an ARN";
  if (model::is_account_id(*text) || is_unique_id(*text)) return {};
  return "is neither an ARN nor a 12-digit account id";
}

// The problem with one ARN option written in a file of the partition `own` ("": not known), or
// empty.
std::string problem(const model::Template& t, Place place, std::string_view own) {
  if (t.parts().empty() || t.parts().front().is_hole()) return {};  // unknown: not reported
  if (std::string sub = model::literal_substitution(t); !sub.empty()) return sub;
  const std::string prefix = t.known_prefix();
  if (!prefix.starts_with("arn:"))
    return prefix.size() < 4 && !t.is_known() ? std::string() : non_arn_problem(t, place);
  const std::optional<model::Arn> arn = model::parse_arn(t);
  if (!arn || !arn->complete())
    return t.is_known() ? "has fewer than six ':'-separated fields" : std::string();
  const auto partition = arn->partition.known();
  if (partition && !has_wildcard(*partition)) {
    if (!catalog::is_aws_partition(*partition))
      return str_cat("has an unknown partition '", *partition, "'");
    if (!own.empty() && *partition != own) {
      return str_cat("is in the partition '", *partition, "', but its module deploys to '", own,
                     "' (its aws provider's region or role), and AssumeRole does not work across "
                     "partitions; write data.aws_partition.current.partition");
    }
  }
  const bool iam = arn->service.known() == "iam";
  const auto region = arn->region.known();
  if (iam && region && !region->empty())
    return str_cat("has the region '", *region, "', but IAM ARNs have none");
  if (iam && model::has_hole(arn->region, model::HoleKind::Region))
    return "has a region, but IAM ARNs have none";
  const auto account = arn->account.known();
  if (account && !has_wildcard(*account) && !model::is_account_id(*account)) {
    return str_cat("has the account '", *account, "', which is not a 12-digit account id");
  }
  const auto resource = arn->resource.known();
  if (!iam || !resource) return {};
  if (place == Place::Principal && resource->starts_with("group/")) {
    return "names an IAM group, and groups cannot be principals";
  }
  if (place == Place::AssumeResource && !resource->starts_with("role/") &&
      !has_wildcard(*resource)) {
    return "does not name a role ('role/' is missing)";
  }
  return {};
}

void check_values(const Context& context, const std::vector<model::Value>& values, Place place,
                  const model::Origin& origin, Reporter& report) {
  const std::string& own = context.entities().partition_of(origin);
  for (const model::Value& v : values) {
    for (const model::Template& option : v.options()) {
      std::string p = problem(option, place, own);
      if (p.empty()) continue;  // unknown parts: not reported
      report.report(v.span(), origin,
                    str_cat(place == Place::Principal ? "principal ARN '" : "role ARN '",
                            option.display(), "' ", p));
      break;
    }
  }
}

void check(const Context& context, Reporter& report) {
  context.for_each_trust_statement([&](const model::Role& role, const model::Statement& stmt) {
    for (const model::Principal& p : stmt.principals) {
      if (p.type == model::PrincipalType::AWS)
        check_values(context, p.ids.values, Place::Principal, role.origin, report);
    }
  });
  context.for_each_identity_statement([&](const model::IdentityPolicyRef& ref,
                                          const model::Statement& stmt) {
    if (stmt.is_allow() != Tri::True || !stmt.has_resource || stmt.not_resource) return;
    if (stmt.covers_action("sts:AssumeRole") != Tri::True) return;
    // A statement granting more than sts actions may list other resources: check only when
    // every action is an sts action.
    bool sts_only = !stmt.not_action && !stmt.actions.unknown_items;
    for (const model::Value& a : stmt.actions.values) {
      const auto text = a.known();
      sts_only = sts_only && text && text->size() > 4 && model::iequals(text->substr(0, 4), "sts:");
    }
    if (sts_only)
      check_values(context, stmt.resources.values, Place::AssumeResource, *ref.origin, report);
  });
}

}  // namespace

constexpr Rule malformed_arn{
    .id = "RL403",
    .name = "malformed-arn",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Principal or role ARN that AWS rejects or that can never match",
    .fix = "Write ARNs as arn:PARTITION:iam::ACCOUNT-ID:role/NAME with a 12-digit account id",
    .doc = kDoc,
    .source = "rules/rl403_malformed_arn.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
