#pragma once
// How far an identity policy statement reaches: which resources a Resource entry covers (a
// wildcard ARN is as wide as `*` for its service), and which Condition entries narrow the
// resources or requests an action applies to. RL201 to RL204 ask these questions; they share
// the answers so that they agree on what counts as "every resource".
#include <string>
#include <string_view>

#include "linter/catalog/action_catalog.hpp"
#include "linter/model/policy.hpp"
#include "linter/model/tri.hpp"
#include "linter/model/value.hpp"

namespace rolelint::model {

// How much of a service one option of a Resource entry covers.
enum class Reach : std::uint8_t {
  Narrower,    // some resources only (a named bucket, a path of roles), or not an ARN
  Unknown,     // a hole in the service, account or resource field could decide
  OneAccount,  // every resource of the service in one account: `arn:aws:logs:*:${AWS::AccountId}:*`
  Everywhere,  // in every account: `*`, `arn:*:*:*:*:*`, `arn:aws:logs:*:*:*`, `arn:aws:s3:::*`
};

// How much of `service` ("s3"; empty: of every service at once) a Resource option covers. It is
// read with the one ARN parser (linter/model/arn.hpp): the service field must be `service` or
// all '*'; the account field all '*' (Everywhere, as is an empty one: S3 ARNs name no account)
// or one account (a literal id or a hole); the resource field all '*', or the start of
// `whole_type` followed by '*' only (`whole_type` "role/" makes `role/*` and `ro*` cover every
// role, for iam:PassRole and sts:AssumeRole). The partition and region fields never decide:
// whatever they hold, holes included, the ARN covers every resource of that partition or region.
Reach resource_reach(const Template& option, std::string_view service,
                     std::string_view whole_type = {});

// The widest reach over a Resource entry's options (every branch of an If): Everywhere over
// OneAccount over Unknown over Narrower. An unknown entry is Unknown.
Reach resource_reach(const Value& entry, std::string_view service,
                     std::string_view whole_type = {});

inline bool covers_all(Reach r) { return r == Reach::OneAccount || r == Reach::Everywhere; }

// The Condition entry of `stmt` that limits which resources or requests `action` (of `service`)
// applies to, or nullptr. An entry limits when it must hold for the request (not an `...IfExists`
// or `ForAllValues:` operator, which a request without the key passes; not `Null`; not a negated
// operator such as `StringNotEquals`, which still admits everything but the values listed), its
// values are not all '*', and its key is one of:
//  - a service-specific key the action catalog lists for the action or its resource types
//    (`ec2:ResourceTag/team`, `iam:PassedToService`, `kms:ViaService`);
//  - `aws:ResourceTag/*`, `aws:RequestTag/*`, `aws:SourceArn`, `aws:SourceAccount`,
//    `aws:SourceOrgID`, `aws:SourceOrgPaths`, `aws:ResourceAccount`, `aws:ResourceOrgID`,
//    `aws:ResourceOrgPaths`, `aws:CalledVia`, `aws:CalledViaFirst`, `aws:CalledViaLast`.
// Request-context keys (`aws:SourceIp`, `aws:MultiFactorAuthPresent`, `aws:RequestedRegion`)
// and unknown keys never limit. An entry whose values are unknown (a parameter) limits: unknown is
// never reported. `action` null: only the global keys above count. A statement whose Condition
// could not be fully evaluated (Statement::conditions_unknown) may be limited in ways the model
// cannot see: callers treat it as limited.
const ConditionEntry* limiting_condition(const Statement& stmt, const catalog::Action* action);

// For the message of a finding a limiting condition does not clear (RL203, RL204): ", limited
// only by its condition on 'aws:CalledVia'", or empty without one.
std::string limited_only_by(const ConditionEntry* entry);

}  // namespace rolelint::model
