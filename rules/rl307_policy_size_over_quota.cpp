#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "linter/model/policy_size.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags IAM policies and attachments over IAM's default quotas, counted as IAM counts them (the
characters of the policy's JSON without white space):

| what | quota | raised up to | `quotas:` key |
|---|---|---|---|
| a role's trust policy | 2,048 characters | 4,096 | `trust-policy-size` |
| a role's inline policies, together | 10,240 characters | fixed | `role-inline-policies-size` |
| a user's inline policies, together | 2,048 characters | fixed | `user-inline-policies-size` |
| a group's inline policies, together | 5,120 characters | fixed | `group-inline-policies-size` |
| a customer managed policy | 6,144 characters | fixed | `managed-policy-size` |
| managed policies attached to one role | 10 | 20 | `managed-policies-per-role` |
| managed policies attached to one user | 10 | 20 | `managed-policies-per-user` |
| managed policies attached to one group | 10 | fixed | `managed-policies-per-group` |

An account that had AWS raise a quota says so in `.rolelint.yaml`; a value below AWS's default or
above its maximum is a configuration error:

```yaml
quotas:
  trust-policy-size: 4096
  managed-policies-per-role: 20
```

Only what is known counts: an unknown value (a parameter, a Terraform variable) counts as the
least it can be, and a list with unknown items counts the items that are known. So a finding
means the policy is over the quota whatever the unknown parts turn out to be. The inline
policies counted are those written on the role, user or group itself (`Policies`,
`inline_policy`); policies added by separate resources (`AWS::IAM::Policy`,
`aws_iam_role_policy`) and attachments by separate resources are not counted yet.

## Why is this bad?
IAM refuses the request: `CreateRole`, `UpdateAssumeRolePolicy`, `PutRolePolicy`,
`CreatePolicy` or `AttachRolePolicy` fails with `LimitExceeded` ("Cannot exceed quota for
ACLSizePerRole", "Maximum policy size of 10240 bytes exceeded"), and the stack or
`terraform apply` fails at that resource. The trust policy and the number of attached managed
policies can be raised by a Service Quotas request (to 4,096 characters and 20 policies); the
others cannot.

## Example
```yaml
Resources:
  Analyst:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::111122223333:root }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonAthenaFullAccess
        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
        - arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess
        - arn:aws:iam::aws:policy/AmazonQuickSightAthenaAccess
        - arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonRedshiftReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonKinesisReadOnlyAccess
        - arn:aws:iam::aws:policy/AWSLakeFormationDataAdmin
        - arn:aws:iam::aws:policy/AmazonSageMakerReadOnly
        - arn:aws:iam::aws:policy/AmazonEMRReadOnlyAccessPolicy_v2
```

## Use instead
Attach at most 10 managed policies (group them into customer managed policies, or attach some
to a group), trust a condition instead of listing every principal (`aws:PrincipalOrgID`,
`aws:PrincipalTag/...`), move permissions into customer managed policies (each has its own
6,144 characters), or ask for a raised quota where IAM allows one.

```yaml
Resources:
  Analyst:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::111122223333:root }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonAthenaFullAccess
        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
        - arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess
        - arn:aws:iam::aws:policy/AmazonQuickSightAthenaAccess
        - arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonRedshiftReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonKinesisReadOnlyAccess
        - arn:aws:iam::aws:policy/AWSLakeFormationDataAdmin
        - arn:aws:iam::aws:policy/AmazonSageMakerReadOnly
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
- https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html (AssumeRolePolicySizeQuota, RolePolicySizeQuota, ...: "in non-whitespace characters")
- https://repost.aws/knowledge-center/iam-increase-policy-size
)md";

// "2,048"
std::string with_commas(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string size_text(std::size_t size) {
  return str_cat("at least ", with_commas(size), " characters without white space");
}

// The inline policies of one identity, together; reported at the policy that passes the quota.
void check_inline(const std::vector<model::InlinePolicy>& policies, const model::Origin& origin,
                  std::string_view kind, std::size_t quota, Reporter& report) {
  std::size_t total = 0;
  for (const model::InlinePolicy& p : policies) {
    total += model::policy_size_at_least(p.document);
    if (total <= quota) continue;
    std::size_t all = total;
    for (const model::InlinePolicy* q = &p + 1; q != policies.data() + policies.size(); ++q) {
      all += model::policy_size_at_least(q->document);
    }
    report.report(p.span, origin,
                  str_cat("the inline policies of ", kind, " '", origin.source_id, "' are ",
                          size_text(all), ", over IAM's quota of ", with_commas(quota), " for a ",
                          kind, ": IAM refuses the policy that passes it (this one)"));
    return;
  }
}

// " (4,096 with a raised quota)" while the quota is AWS's default and AWS raises it; "" once
// .rolelint.yaml raised it, or when AWS does not.
std::string raised_note(std::size_t quota, std::size_t by_default, std::size_t maximum) {
  return quota == by_default && maximum > by_default
             ? str_cat(" (", with_commas(maximum), " with a raised quota)")
             : "";
}

// "IAM's quota of 2,048", or "the raised quota of 4,096" when .rolelint.yaml raised it.
std::string quota_text(std::size_t quota, std::size_t by_default) {
  return str_cat(quota == by_default ? "IAM's quota of " : "the raised quota of ",
                 with_commas(quota));
}

// The attached managed policies, each counted once (attaching one twice attaches it once).
void check_attached(const model::ValueList& arns, const model::Origin& origin,
                    std::string_view kind, std::size_t quota, std::size_t maximum,
                    Reporter& report) {
  if (arns.values.size() <= quota) return;
  std::set<std::string> distinct;
  for (const model::Value& arn : arns.values) distinct.insert(arn.display());
  if (distinct.size() <= quota) return;
  constexpr std::size_t kByDefault = model::Quotas{}.role_attached;
  report.report(
      arns.span, origin,
      str_cat(kind, " '", origin.source_id, "' has ", arns.unknown_items ? "at least " : "",
              distinct.size(), " managed policies attached, over ", quota_text(quota, kByDefault),
              raised_note(quota, kByDefault, maximum), ", so the attachment past it fails"));
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  constexpr model::Quotas kDefaults;
  for (const model::Role& role : model.roles) {
    const model::Quotas& quotas = model.settings_of(role.origin.file).quotas;
    if (const std::size_t size = model::policy_size_at_least(role.trust);
        size > quotas.trust_policy) {
      report.report(role.trust.span, role.origin,
                    str_cat("trust policy is ", size_text(size), ", over ",
                            quota_text(quotas.trust_policy, kDefaults.trust_policy),
                            raised_note(quotas.trust_policy, kDefaults.trust_policy,
                                        model::kQuotaMaxima.trust_policy),
                            ": IAM refuses to create or update the role"));
    }
    check_inline(role.policies, role.origin, "role", quotas.role_inline, report);
    check_attached(role.managed_policy_arns, role.origin, "role", quotas.role_attached,
                   model::kQuotaMaxima.role_attached, report);
  }
  for (const model::User& user : model.users) {
    const model::Quotas& quotas = model.settings_of(user.origin.file).quotas;
    check_inline(user.policies, user.origin, "user", quotas.user_inline, report);
    check_attached(user.managed_policy_arns, user.origin, "user", quotas.user_attached,
                   model::kQuotaMaxima.user_attached, report);
  }
  for (const model::Group& group : model.groups) {
    const model::Quotas& quotas = model.settings_of(group.origin.file).quotas;
    check_inline(group.policies, group.origin, "group", quotas.group_inline, report);
    check_attached(group.managed_policy_arns, group.origin, "group", quotas.group_attached,
                   model::kQuotaMaxima.group_attached, report);
  }
  for (const model::ManagedPolicy& policy : model.managed_policies) {
    const std::size_t quota = model.settings_of(policy.origin.file).quotas.managed_policy;
    if (const std::size_t size = model::policy_size_at_least(policy.document); size > quota) {
      report.report(policy.document.span, policy.origin,
                    str_cat("managed policy is ", size_text(size), ", over IAM's quota of ",
                            with_commas(quota), ": IAM refuses to create it"));
    }
  }
}

}  // namespace

constexpr Rule policy_size_over_quota{
    .id = "RL307",
    .name = "policy-size-over-quota",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Policy or attachments over IAM's size or count quota",
    .fix = "Split the policy, trust a condition instead of listing principals, or raise the quota",
    .doc = kDoc,
    .source = "rules/rl307_policy_size_over_quota.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
