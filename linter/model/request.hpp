#pragma once
// One request, `sts:AssumeRole` by a caller on a role, as far as the model knows it, and whether
// a policy statement applies to it: the one evaluator RL405, RL406 and the assumption views use,
// so that they agree on what a statement does to a request. Three-valued throughout: a statement
// applies (True), certainly does not (False), or the model cannot tell (Unknown), and a rule
// reports only on True.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/model/entities.hpp"
#include "linter/model/policy.hpp"
#include "linter/model/tri.hpp"

namespace rolelint::model {

// What is known of one AssumeRole request. Every text is owned here; "" or nullopt: not known.
struct AssumeRequest {
  EntityKind caller_kind = EntityKind::User;  // a Group caller is some member user of the group
  std::string caller_account;
  // The caller's and the role's partitions when the layer knows them ("aws-cn"); "" when not,
  // and the ARNs below are then written in the partition "aws".
  std::string_view caller_partition, role_partition;
  // aws:PrincipalArn: "arn:aws:iam::111122223333:user/people/Bob", or for a role (its sessions
  // call with it) the role's ARN "arn:aws:iam::111122223333:role/Deploy".
  std::optional<std::string> caller_arn;
  // The same ARN's resource part ("user/people/Bob") when the path and name are known, even if
  // the account is not: a pattern with `*` for the account still decides.
  std::optional<std::string> caller_resource;
  std::optional<std::string> principal_org_id;  // aws:PrincipalOrgID: never known yet

  // The role assumed: its account and its path and name ("teams/Admin"), and the resource that
  // defines it (a reference `!GetAtt Admin.Arn` in its own unit names it).
  std::string role_account;
  std::optional<std::string> role_path_and_name;
  std::string_view role_id;  // its Origin::source_id (owned by the model)
  FileId role_unit = kNoFile;

  // "arn:<partition>:iam::<account>:role/<path and name>" when the account and the path and
  // name are known.
  std::optional<std::string> role_arn() const;
};

// The request `caller` assuming `role` makes, with the accounts the layer knows.
AssumeRequest assume_request(const Entities& entities, const Identity& caller, const Role& role);

// Where a policy is written, for what its holes and references stand for: the account its file
// deploys to ("" when not known: `${AWS::AccountId}` is then unknown), its unit, and its
// partition ("" when not known: `${AWS::Partition}` is then the request's).
struct PolicySite {
  std::string_view account;
  FileId unit = kNoFile;
  std::string_view partition;
};

// Whether a statement's effect is certainly Deny (True), certainly Allow or absent (False).
Tri is_deny(const Statement& stmt);

// Whether `stmt` applies to the request, whatever its effect: Action/NotAction covers
// sts:AssumeRole, Resource/NotResource the role's ARN, Principal/NotPrincipal (where written)
// the caller, and every Condition entry holds. Unknown when any part cannot be decided (an
// unknown value, a condition key or operator the evaluator does not model).
Tri statement_applies(const Statement& stmt, const AssumeRequest& request, const PolicySite& site);

// What one policy document does to the request: whether an Allow and whether a Deny statement
// applies (a document whose statements are not all known: at least Unknown), with the first
// statement of each that certainly does.
struct DocumentVerdict {
  Tri allows = Tri::False;
  Tri denies = Tri::False;
  const Statement* allow = nullptr;
  const Statement* deny = nullptr;
};
DocumentVerdict evaluate(const PolicyDocument& doc, const AssumeRequest& request,
                         const PolicySite& site);

// What removes a caller's grant to assume a role, as AWS evaluates it for the caller's side
// (RL406, the assumption views): a Deny in a policy that certainly applies to the caller
// (policies_of: inline, managed, through its groups) that certainly applies to the request, or
// the caller's permissions boundary (a managed policy of the model or an AWS managed policy)
// when it certainly does not allow the request. Whether the boundary decides at all (a trust
// policy may grant a user of the same account directly) is the caller's question.
struct GrantBlock {
  enum class Kind : std::uint8_t { None, Deny, Boundary };
  Kind kind = Kind::None;
  const Statement* deny = nullptr;  // Deny: the statement (in the boundary too, if it is one)
  AppliedPolicy policy;             // Deny: the policy holding it
  const Value* boundary = nullptr;  // the caller's PermissionsBoundary as written; else nullptr
  std::optional<Entities::NamedPolicy> boundary_policy;  // what it names, when known
  // Looked at (`with_boundary`) and not blocking: whether the boundary allows the request, True
  // or Unknown (what it names, or what its statements do, is not known).
  Tri boundary_allows = Tri::Unknown;
};
// The Deny is looked for first; the boundary only when `with_boundary`.
GrantBlock grant_block(const Entities& entities, const Identity& caller,
                       const AssumeRequest& request, bool with_boundary);

// Where a Deny the block found is shown: the statement, or for an AWS managed policy (whose
// statements are in no file) what attaches it.
Span deny_span(const GrantBlock& block);

// How messages name a policy a boundary names: "AWS managed policy 'X'", "managed policy 'X'".
std::string named_policy_label(const Entities::NamedPolicy& named);

// Whether the caller's permissions boundary takes part in the request: a role's always; a
// user's only across accounts (both known), since within one account a trust policy that names
// the user grants it directly, and a boundary does not limit that.
bool boundary_applies(const Identity& caller, const AssumeRequest& request);

// The organisation policies of `type` ("SERVICE_CONTROL_POLICY") the files attach to `account`
// for certain: by a target that is the account's id. A root or an organizational unit is never
// known to hold the account (an account the files create gets its id when it is created), and
// the account the organisation's files deploy to may be the management account, which neither
// SCPs nor RCPs affect: neither counts. Linear in the organisation policies.
std::vector<const OrganizationPolicy*> organization_policies_of(const Entities& entities,
                                                                std::string_view account,
                                                                std::string_view type);

// What an organisation takes away from a request: the first Deny that certainly applies to it in a
// service control policy of the caller's account (SCPs govern the principals of the accounts
// they apply to) or a resource control policy of the role's account (RCPs govern their
// resources, and the role is the resource of sts:AssumeRole).
struct OrganizationBlock {
  const OrganizationPolicy* policy = nullptr;  // nullptr: none found
  const Statement* deny = nullptr;
  bool resource_control = false;  // an RCP (of the role's account), else an SCP (of the caller's)
};
OrganizationBlock organization_block(const Entities& entities, const AssumeRequest& request);

// Whether a Resource entry (one value, every option) names the request's role: True when every
// option does, False when none may, else Unknown.
Tri resource_names_role(const Value& resource, const AssumeRequest& request,
                        const PolicySite& site);

// One Condition entry against the request. Modelled keys: aws:PrincipalArn,
// aws:PrincipalAccount, aws:ResourceAccount, aws:PrincipalType, aws:PrincipalOrgID (when known);
// each is present in every AssumeRole request. Operators: String(Not)Equals(IgnoreCase),
// String(Not)Like, Arn(Not)Equals, Arn(Not)Like, with IfExists and ForAnyValue/ForAllValues
// (the same for a single-valued key that is present), and Null. Any other key or operator, a
// policy variable or an unknown value in the entry: Unknown.
Tri condition_holds(const ConditionEntry& entry, const AssumeRequest& request,
                    const PolicySite& site);

// The text of a template written at `site`, when its only holes are the partition (filled with
// `partition`, "aws" when empty) and the site's own account (when known); nullopt otherwise.
std::optional<std::string> concrete_text(const Template& t, std::string_view own_account,
                                         std::string_view partition = {});

// Whether one option of a Resource entry, not a reference, written in a file of `own_account`
// and `own_partition` covers the ARN of the role of `role_account` and `path_and_name` (both
// known) in `role_partition`: its text with the partition and account holes filled in, matched
// as an IAM pattern (`*` and `?`). A partition not known ("") does not decide: the role's ARN is
// then taken in the partition the pattern names, and a partition hole is the role's. Unknown
// when another hole remains.
Tri option_names_role(const Template& option, std::string_view role_account,
                      std::string_view path_and_name, std::string_view own_account,
                      std::string_view role_partition = {}, std::string_view own_partition = {});

}  // namespace rolelint::model
