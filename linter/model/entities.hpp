#pragma once
// The semantic layer: which entity of the model a reference, a name or an ARN names, the account
// of each entity, and every policy that applies to a user, group or role. Built once per lint
// (rules reach it through their Context), in time linear in the size of the model, so that no
// rule keeps an index of its own. The model must not change while this is alive.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "linter/model/arn.hpp"
#include "linter/model/aws_managed.hpp"
#include "linter/model/model.hpp"
#include "linter/model/tri.hpp"

namespace rolelint::model {

// A user, group, role or permission set of the model: what every identity has, whatever its kind.
struct Identity {
  EntityKind kind = EntityKind::User;  // User, Group, Role or PermissionSet
  const Origin* origin = nullptr;
  const Value* name = nullptr;
  const Value* path = nullptr;
  const std::vector<InlinePolicy>* policies = nullptr;
  const ValueList* managed_policy_arns = nullptr;
  const User* user = nullptr;                     // users only: their groups
  const Role* role = nullptr;                     // roles only: their permissions boundary
  const PermissionSet* permission_set = nullptr;  // permission sets only

  static Identity of(const User& user);
  static Identity of(const Group& group);
  static Identity of(const Role& role);
  static Identity of(const PermissionSet& set);  // its path: absent
};

// One policy that applies to an identity.
struct AppliedPolicy {
  const PolicyDocument* document = nullptr;
  const Origin* defined_by = nullptr;  // the identity or its group (inline), or the policy resource
  const Group* group = nullptr;        // the group it applies through, for a user; else nullptr
  bool certain = true;  // false: attached by a name that may be an entity of another account
  // An AWS managed policy: which one (`defined_by` is then the identity or group attaching it).
  const catalog::AwsManagedPolicy* aws = nullptr;
};

// Every policy that applies to one identity (policies_of).
struct IdentityPolicies {
  std::vector<AppliedPolicy>
      policies;  // own inline, attached managed, naming it; then each group's
  // Roles, users, permission sets: as written (absent: none); kept apart.
  const Value* permissions_boundary = nullptr;
  // False when a policy may apply that the model does not show: one outside the linted files, an
  // AWS managed policy whose document is not known (no AwsManagedDocuments, a service-linked
  // role's policy, one that does not exist), an unknown attachment or group. A rule that needs
  // the whole list stays silent then.
  bool complete = true;
};

// One caller -> role pair the model defines, found from one side and with the other side worked
// out (never a pair across two known partitions, where AssumeRole does not work): `granted`,
// whether the caller's policies allow sts:AssumeRole on the role, and `trusted`, whether the role's
// trust policy lets the caller in (True: allowed, False: missing, Unknown).
//  - From a grant: an Allow of sts:AssumeRole in one of the caller's own policies (inline, attached
//    for certain, or naming it; a group's grant is the group's edge) whose Resource entry names
//    a role of the model (role_named). `grant` is that entry, `grant_origin` the resource
//    defining the policy; `granted` is True.
//  - From a trust: an AWS principal of an Allow of sts:AssumeRole in a role's trust policy that
//    names a user or role of the model (principal_of: an ARN of a literal account or of the
//    template's own, or a reference to its ARN). `trust` is that entry; `trusted` is True;
//    `granted` is what grants() says.
// A pair the model defines from both sides has an edge for each.
struct AssumeEdge {
  Identity caller;
  const Role* role = nullptr;
  Tri granted = Tri::Unknown;
  Tri trusted = Tri::Unknown;
  const Value* grant = nullptr;          // from a grant: the Resource entry
  const Origin* grant_origin = nullptr;  // from a grant: the entity or policy defining it
  const Value* trust = nullptr;          // from a trust: the principal entry
};

// The account an entity deploys to, as far as the files say: a literal id (the configuration's
// `deploy-accounts`, or a Terraform module's provider), the one account its template or module
// deploys to without saying which (every entity of a unit is in the same account), or not known
// at all (a permission set is in each account it is assigned to; an entity of a Terraform module
// whose providers may sign in to several accounts). Its partition is known only
// when a Terraform module's providers say it (by region or by the role they assume).
struct EntityAccount {
  enum class Kind : std::uint8_t { Literal, Own, Unknown };
  Kind kind = Kind::Unknown;
  std::string_view id;         // Literal: the 12-digit id
  FileId unit = kNoFile;       // Literal and Own: the template or module
  std::string_view partition;  // Literal and Own: "aws-cn", or "" when not known

  // Whether two entities are certainly in one account (True), certainly not (False: two literal
  // ids, or two known partitions, that differ), or either.
  friend Tri same_account(const EntityAccount& a, const EntityAccount& b);
};

class Entities {
 public:
  // `aws`, when given, makes attached AWS managed policies known policies; it must outlive this.
  explicit Entities(const Model& model, const AwsManagedDocuments* aws = nullptr);
  const Model& model() const { return model_; }

  // The account an entity's file deploys to (configuration `deploy-accounts`, or a Terraform
  // module's provider): "" when not known, as in a module of several accounts.
  const std::string& account_of(const Origin& origin) const;
  // The partition of that account (a Terraform module's providers): "" when not known.
  const std::string& partition_of(const Origin& origin) const;
  // An entity's account as a kind (see EntityAccount): of its origin, and of an identity, which
  // for a permission set is never known.
  EntityAccount account(const Origin& origin) const;
  EntityAccount account(const Identity& identity) const;
  // Whether two entities are certainly in different partitions: both are known and differ.
  // AssumeRole does not work across partitions, so no caller -> role pair spans two.
  bool in_other_partitions(const Origin& a, const Origin& b) const;
  // Its template or module: where its references resolve.
  FileId unit_of(const Origin& origin) const { return model_.unit_of(origin.file); }

  // Every policy that applies to `identity`: inline; AWS managed ones (with `aws`); managed ones
  // attached by ARN, `!Ref`, `!GetAtt`, name or Terraform reference; standalone policies and
  // attachments naming it; for a user, the same for each of its groups (by the user's Groups and
  // by membership resources).
  IdentityPolicies policies_of(const Identity& identity) const;
  IdentityPolicies policies_of(const User& user) const { return policies_of(Identity::of(user)); }
  IdentityPolicies policies_of(const Group& group) const {
    return policies_of(Identity::of(group));
  }
  IdentityPolicies policies_of(const Role& role) const { return policies_of(Identity::of(role)); }
  // A permission set's: inline, AWS managed (not in the model: incomplete), and customer
  // managed ones by name (their documents are each assigned account's: incomplete).
  IdentityPolicies policies_of(const PermissionSet& set) const {
    return policies_of(Identity::of(set));
  }

  // The managed policies of the model an entry of ManagedPolicyArns (or a policy_arn), written
  // in `where`'s file, certainly names: a reference (`!Ref P`, `!GetAtt P.PolicyArn`,
  // `aws_iam_policy.p.arn`) in the same unit, or an ARN in the deploying account (an
  // `${AWS::AccountId}` hole or 12 literal digits) whose name is a policy's of the same unit,
  // and whose partition is not known to be another (other_partition).
  std::vector<const ManagedPolicy*> managed_policies_named(const Value& arn,
                                                           const Origin& where) const;

  // The one managed policy a permissions boundary written in `where`'s file names, with its
  // document: a customer managed policy of the model it certainly names (managed_policies_named),
  // or an attachable AWS managed policy (with `aws`). nullopt when not known.
  struct NamedPolicy {
    const PolicyDocument* document = nullptr;
    const Origin* origin = nullptr;                  // a policy of the model; else nullptr
    const catalog::AwsManagedPolicy* aws = nullptr;  // an AWS managed policy; else nullptr
  };
  std::optional<NamedPolicy> boundary_policy(const Value& arn, const Origin& where) const;

  // The role with this logical id or address in `unit`, if any.
  const Role* role_with_id(std::string_view id, FileId unit) const;

  // The role of the model a Resource entry (one option) certainly names: a reference to its
  // ARN in the same unit, an ARN in the template's own account naming a role of the same unit,
  // or an ARN with a literal account naming the one role of that path and name in a file that
  // deploys to that account, or an ARN of that account whose role path is followed by a
  // reference to the name of a role of the same unit (`role/${aws_iam_role.x.name}`). An ARN
  // names no role whose partition is known to be another (other_partition).
  const Role* role_named(const Value& resource, const Origin& where) const;

  // The roles of the model a Resource entry written in `where`'s file certainly covers, in model
  // order: a reference to a role's ARN; `*`; or, in every option, an IAM ARN pattern whose
  // resource part matches "role<path><name>" (case-sensitive, `*` and `?`) of roles whose path
  // and name are known and whose account the pattern's covers (a `*`, the template's own account
  // for a role of the same unit, or a literal account a role's file deploys to), unless the
  // pattern's partition does not cover the role's known partition. A pattern with a wildcard is
  // compared with every such role: linear in the roles.
  std::vector<const Role*> roles_matching(const Value& pattern, const Origin& where) const;

  // Every caller -> role pair of the model (see AssumeEdge): from grants in model order (users,
  // groups, roles, permission sets), then from trusts in role order. A permission set's account
  // is never known (it is each account it is assigned to), nor the name of its roles: a trust
  // lets it in (True) only by `*`, and never names it (False) but by a user ARN.
  std::vector<AssumeEdge> assume_edges() const;

  // Whether one statement of `role`'s trust policy lets `caller` in, as assume_edges() decides
  // the trust side (a Deny statement never lets anyone in: False).
  Tri trust_statement_admits(const Statement& stmt, const Role& role, const Identity& caller) const;
  // Whether the caller's policies allow sts:AssumeRole on `role`: True when a statement of a
  // policy certainly attached does (grant_statement_allows), False when the policies are complete
  // and none may, Unknown otherwise.
  Tri grants(const Identity& caller, const Role& role) const;
  // Whether one statement of a policy that applies to `caller`, defined by `where`, allows
  // sts:AssumeRole on `role`: a Resource entry names it (role_named), or, when the role's
  // account, path and name are known, an ARN pattern in the caller's account covers its ARN;
  // without them only a bare `*` is known to.
  Tri grant_statement_allows(const Statement& stmt, const Origin& where, const Identity& caller,
                             const Role& role) const;

  // The one user or role of `account` that an ARN's resource part ("user/path/Bob") names,
  // found by account, path and name; nullopt when none or more than one may be it.
  std::optional<Identity> principal_named(std::string_view account,
                                          std::string_view resource) const;
  // The one user or role of the model that an AWS principal entry of a trust policy, written in
  // `where`'s file, certainly names: an ARN with a literal account (principal_named); an ARN in
  // the template's own account (`${AWS::AccountId}`, `data.aws_caller_identity.x.account_id`)
  // naming a user or role of the same unit, or of the unit's account when that is literal; or a
  // reference to the ARN of a user or role of the same unit (`!GetAtt Bob.Arn`,
  // `aws_iam_user.bob.arn`). An ARN names no entity whose partition is known to be another
  // (other_partition). Every option must name the same one. nullopt otherwise.
  std::optional<Identity> principal_of(const Value& entry, const Origin& where) const;

  // Whether a statement of `role`'s trust policy names `caller` by its own ARN (principal_of),
  // as a user or role ARN and not through its account or `*`: within one account, such a trust
  // policy allows AssumeRole without any identity policy of the caller (AWS's policy
  // evaluation logic for a resource-based policy naming the principal).
  bool trust_statement_names(const Statement& stmt, const Role& role, const Identity& caller) const;

 private:
  const Role* role_by_name_reference(const Value& resource, const Origin& where) const;
  std::optional<Identity> principal_by_key(const std::string& key,
                                           std::string_view path_and_name) const;
  std::optional<Identity> principal_of(const Template& option, const Origin& where) const;
  // Whether an ARN's partition field rules out an entity defined at `entity`: the entity's
  // partition is known and the field, fully known (a pattern: what it matches), is not it. An
  // account, and so each of its entities, is in exactly one partition.
  bool other_partition(const Template& partition, const Origin& entity) const;
  struct Hit {
    const Origin* where;  // the entry's (or the named entity's) resource
    const void* what;  // a PolicyDocument (nullptr: a policy the model does not show), a Group, a
                       // group Value
    bool by_name;      // found through a name, not a reference
  };
  std::vector<Hit> lookup(char letter, const std::vector<std::string>& keys,
                          const std::string& account) const;
  std::vector<Hit> find(char letter, const Identity& identity, const std::string& account,
                        bool& complete) const;
  bool same_account(const Origin& origin, const std::string& account) const;
  void add_lists(const Origin& where, const PolicyDocument* doc, const ValueList& users,
                 const ValueList& roles, const ValueList& groups);
  void add_entry(char letter, const Origin& where, const Value& entry, const void* what);
  void add_named(char letter, const Origin& origin, const Value& name, const void* what);
  void note(std::set<std::string>& set, char letter, const Origin& where);
  const PolicyDocument* aws_document(const Value& arn) const;
  bool add_aws_managed(const Value& arn, const Identity& identity, const Group* group,
                       IdentityPolicies& out) const;
  void collect(const Identity& identity, const std::string& account, const Group* group,
               IdentityPolicies& out) const;
  void groups_of(const User& user, const std::string& account, IdentityPolicies& out) const;
  void grant_edges(const Identity& caller, std::vector<AssumeEdge>& out) const;
  // The (caller, role) pairs of the edges found from grants, each granted for certain.
  struct PairHash {
    std::size_t operator()(const std::pair<const Origin*, const Role*>& p) const {
      return std::hash<const void*>()(p.first) * 31 + std::hash<const void*>()(p.second);
    }
  };
  using GrantedPairs = std::unordered_set<std::pair<const Origin*, const Role*>, PairHash>;
  void trust_edges(const Role& role, const GrantedPairs& granted,
                   std::vector<AssumeEdge>& out) const;

  const Model& model_;
  const AwsManagedDocuments* aws_;
  // Letter (what kind of entry) + key ("ref:<unit>:<id>" or "name:<lower-case name>").
  std::unordered_multimap<std::string, Hit> by_key_;
  // Letter + the account of the file an entry is in ("" when not known: any account).
  std::set<std::string> unknown_;  // entries that may name anything
  std::set<std::string> named_;    // entries by name
  // Managed policies by "ref:<unit>:<id>" and "name:<lower-case name>".
  std::unordered_multimap<std::string, const ManagedPolicy*> policies_by_key_;
  // Roles by "role<path><name>"; users and roles by "<type>:<account>:<lower-case name>" (when
  // the account is literal) and by "<type>:unit<unit>:<lower-case name>".
  std::unordered_multimap<std::string, const Role*> roles_by_arn_resource_;
  std::unordered_multimap<std::string, std::pair<Identity, std::optional<std::string>>> principals_;
};

}  // namespace rolelint::model
