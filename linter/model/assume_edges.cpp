// Entities::assume_edges: every caller -> role pair, with the grant side and the trust side.
#include <optional>
#include <string>
#include <string_view>

#include "linter/base/text.hpp"
#include "linter/model/entities.hpp"
#include "linter/model/queries.hpp"
#include "linter/model/request.hpp"

namespace rolelint::model {
namespace {

// --- the trust side: whether a role's trust policy lets a caller of the model in

struct Caller {
  const Identity& identity;
  std::string_view name;     // its known name, or empty
  std::string_view account;  // the account its file deploys to, or empty
  FileId unit;               // where its references resolve
};

// Whether an ARN (or account id) written in the role's unit is in the caller's account: when
// both accounts are known, or when the ARN's account is the template's own and the caller is of
// the same template or module.
Tri in_callers_account(const Template& arn, const Caller& caller, FileId role_unit) {
  const PrincipalAccount account = principal_account(arn);
  if (account.kind == PrincipalAccount::Kind::Own && caller.unit == role_unit &&
      caller.identity.kind != EntityKind::PermissionSet) {
    // Own: an account field of `${AWS::AccountId}` (not a reference to a resource's ARN).
    if (has_hole(arn, HoleKind::OwnAccount)) return Tri::True;
  }
  if (account.kind != PrincipalAccount::Kind::Literal || caller.account.empty())
    return Tri::Unknown;
  return account.id == caller.account ? Tri::True : Tri::False;
}

// Whether an ARN's text names the caller: literal user/role ARNs and account roots.
Tri arn_names(const Template& text, const Caller& caller, FileId role_unit) {
  const std::optional<Arn> arn = parse_arn(text);
  if (!arn)
    return in_callers_account(text, caller, role_unit);  // an account id, or an unknown value
  const auto known = arn->resource.known();
  if (!arn->complete() || !known) return Tri::Unknown;  // `user/${Name}`: not known
  const std::string_view resource = *known;
  if (resource == "root") {
    if (caller.identity.kind == EntityKind::PermissionSet)
      return Tri::Unknown;  // its accounts are not known
    // The caller's account: certain only for the template's own account and a caller in the
    // same template or module; a literal account id compared with a template's own account is
    // unknown.
    return in_callers_account(text, caller, role_unit);
  }
  const bool user = resource.starts_with("user/");
  const bool role = resource.starts_with("role/");
  if (!user && !role) return resource.starts_with("assumed-role/") ? Tri::False : Tri::Unknown;
  const EntityKind kind = caller.identity.kind;
  // A permission set's roles are named by Identity Center, in accounts the files do not show.
  if (kind == EntityKind::PermissionSet) return user ? Tri::False : Tri::Unknown;
  if (kind == EntityKind::Group) return Tri::Unknown;  // a member user may be named
  if ((user && kind != EntityKind::User) || (role && kind != EntityKind::Role)) return Tri::False;
  if (caller.name.empty()) return Tri::Unknown;
  const std::string_view name = resource.substr(resource.rfind('/') + 1);
  return name == caller.name ? in_callers_account(text, caller, role_unit)
                             : Tri::False;  // same name: the account decides
}

Tri id_names(const Value& id, const Caller& caller, FileId role_unit) {
  if (id.is_unknown()) return Tri::Unknown;
  Tri any = Tri::False;
  for (const Template& t : id.options()) {
    Tri this_option = Tri::Unknown;
    bool reference = false;
    for (const Part& p : t.parts()) {
      if (p.is_hole() && p.hole().kind == HoleKind::Resource) {
        reference = true;
        // A reference resolves in the role's template or module.
        this_option =
            p.hole().target == caller.identity.origin->source_id && caller.unit == role_unit
                ? Tri::True
                : Tri::False;
      }
    }
    if (!reference) this_option = t.known() == "*" ? Tri::True : arn_names(t, caller, role_unit);
    any = tri_or(any, this_option);
  }
  return any;
}

// Whether one statement of a trust policy lets the caller in.
Tri statement_trusts(const Statement& s, FileId role_unit, const Caller& caller) {
  const Tri allow = s.is_allow();
  if (allow == Tri::False || s.not_principal) return Tri::False;
  const Tri action = s.covers_action("sts:AssumeRole");
  if (action == Tri::False) return Tri::False;
  if (s.principals_unknown) return Tri::Unknown;
  Tri result = Tri::False;
  for (const Principal& p : s.principals) {
    if (p.type == PrincipalType::Star) result = tri_or(result, Tri::True);
    if (p.type != PrincipalType::AWS) continue;
    if (p.ids.unknown_items) result = tri_or(result, Tri::Unknown);
    for (const Value& id : p.ids.values) {
      result = tri_or(result, tri_and(tri_and(allow, action), id_names(id, caller, role_unit)));
    }
  }
  return result;
}

Tri trusts(const Role& role, FileId role_unit, const Caller& caller) {
  if (!role.trust.present || role.trust.statements_unknown) return Tri::Unknown;
  Tri result = Tri::False;
  for (const Statement& s : role.trust.statements) {
    const Tri t = statement_trusts(s, role_unit, caller);
    if (t == Tri::Unknown && s.principals_unknown) return Tri::Unknown;
    result = tri_or(result, t);
  }
  return result;
}

// --- the grant side: whether a caller's policies may allow sts:AssumeRole on a role

// The role being assumed, with everything its ARN needs.
struct Target {
  const Role* role;
  std::string_view account;    // the account it deploys to
  std::string path_and_name;   // "teams/Admin"
  std::string_view partition;  // its partition, or "" when not known
};

// Whether a Resource entry of the caller's policy may name the target role.
// `own_account`, `own_partition`: the caller's ("" when not known).
Tri may_name(const Value& resource, const Target& target, std::string_view own_account,
             std::string_view own_partition) {
  if (resource.is_unknown()) return Tri::Unknown;
  Tri any = Tri::False;
  for (const Template& t : resource.options()) {
    const auto& parts = t.parts();
    if (parts.size() == 1 && parts[0].is_hole() && parts[0].hole().kind == HoleKind::Resource) {
      // A reference: to a resource of the caller's own template or module.
      any = tri_or(
          any, parts[0].hole().target == target.role->origin.source_id ? Tri::Unknown : Tri::False);
      continue;
    }
    const Tri names = option_names_role(t, target.account, target.path_and_name, own_account,
                                        target.partition, own_partition);
    if (names != Tri::False) return names;
  }
  return any;
}

// Whether one statement of a caller's policy may allow sts:AssumeRole on the target.
Tri statement_may_allow(const Statement& s, const Target& target, std::string_view own_account,
                        std::string_view own_partition) {
  const Tri allow = tri_and(s.is_allow(), s.covers_action("sts:AssumeRole"));
  if (allow == Tri::False) return Tri::False;
  Tri resource = s.resources.unknown_items ? Tri::Unknown : Tri::False;
  if (s.not_resource || !s.has_resource) {
    resource = Tri::Unknown;
  } else {
    for (const Value& r : s.resources.values)
      resource = tri_or(resource, may_name(r, target, own_account, own_partition));
  }
  return tri_and(allow, resource);
}

// The caller as the trust side sees it.
Caller caller_of(const Identity& identity, const std::string& account, FileId unit) {
  // A permission set is in every account it is assigned to, which the files do not say.
  const bool anywhere = identity.kind == EntityKind::PermissionSet;
  return {identity, identity.name->known().value_or(""),
          anywhere ? std::string_view() : std::string_view(account), unit};
}

}  // namespace

void Entities::grant_edges(const Identity& identity, std::vector<AssumeEdge>& out) const {
  const Caller caller =
      caller_of(identity, account_of(*identity.origin), unit_of(*identity.origin));
  for (const AppliedPolicy& policy : policies_of(identity).policies) {
    if (policy.group || !policy.certain) continue;  // a group's grant is the group's edge
    for (const Statement& s : policy.document->statements) {
      if (s.is_allow() != Tri::True || s.not_resource ||
          s.covers_action("sts:AssumeRole") != Tri::True)
        continue;
      for (const Value& resource : s.resources.values) {
        const Role* role = role_named(resource, *policy.defined_by);
        if (!role || in_other_partitions(*identity.origin, role->origin)) continue;
        out.push_back({identity, role, Tri::True, trusts(*role, unit_of(role->origin), caller),
                       &resource, policy.defined_by, nullptr});
      }
    }
  }
}

void Entities::trust_edges(const Role& role, const GrantedPairs& granted,
                           std::vector<AssumeEdge>& out) const {
  for (const Statement& stmt : role.trust.statements) {
    if (stmt.is_allow() != Tri::True || stmt.not_principal ||
        stmt.covers_action("sts:AssumeRole") != Tri::True)
      continue;
    for (const Principal& p : stmt.principals) {
      if (p.type != PrincipalType::AWS) continue;
      for (const Value& id : p.ids.values) {
        const std::optional<Identity> caller = principal_of(id, role.origin);
        if (!caller || in_other_partitions(*caller->origin, role.origin)) continue;
        // A pair with an edge from a grant is granted: its policies need no second look.
        const Tri grant =
            granted.contains({caller->origin, &role}) ? Tri::True : grants(*caller, role);
        out.push_back({*caller, &role, grant, Tri::True, nullptr, nullptr, &id});
      }
    }
  }
}

Tri Entities::grants(const Identity& caller, const Role& role) const {
  const IdentityPolicies policies = policies_of(caller);
  if (!policies.complete) return Tri::Unknown;
  Tri granted = Tri::False;
  for (const AppliedPolicy& applied : policies.policies) {
    if (applied.document->statements_unknown) granted = tri_or(granted, Tri::Unknown);
    for (const Statement& s : applied.document->statements) {
      const Tri allows = grant_statement_allows(s, *applied.defined_by, caller, role);
      granted = tri_or(granted, allows == Tri::True && !applied.certain ? Tri::Unknown : allows);
    }
  }
  return granted;
}

std::vector<AssumeEdge> Entities::assume_edges() const {
  std::vector<AssumeEdge> out;
  for (const User& u : model_.users) grant_edges(Identity::of(u), out);
  for (const Group& g : model_.groups) grant_edges(Identity::of(g), out);
  for (const Role& r : model_.roles) grant_edges(Identity::of(r), out);
  for (const PermissionSet& p : model_.permission_sets) grant_edges(Identity::of(p), out);
  if (principals_.empty()) return out;  // no user or role of a known account: no trust names one
  GrantedPairs granted;
  for (const AssumeEdge& edge : out) granted.emplace(edge.caller.origin, edge.role);
  for (const Role& r : model_.roles) trust_edges(r, granted, out);
  return out;
}

Tri Entities::trust_statement_admits(const Statement& stmt, const Role& role,
                                     const Identity& caller) const {
  return statement_trusts(stmt, unit_of(role.origin),
                          caller_of(caller, account_of(*caller.origin), unit_of(*caller.origin)));
}

Tri Entities::grant_statement_allows(const Statement& stmt, const Origin& where,
                                     const Identity& caller, const Role& role) const {
  if (stmt.is_allow() == Tri::False || stmt.covers_action("sts:AssumeRole") == Tri::False)
    return Tri::False;
  if (stmt.is_allow() == Tri::True && !stmt.not_resource &&
      stmt.covers_action("sts:AssumeRole") == Tri::True) {
    for (const Value& resource : stmt.resources.values) {
      if (role_named(resource, where) == &role) return Tri::True;
    }
  }
  const std::string& role_account = account_of(role.origin);
  const auto path_and_name = known_path_and_name(role);
  if (role_account.empty() || !path_and_name) {
    // Without the role's ARN only a bare `*` is known to cover it, and an entry naming another
    // role known not to.
    Tri any = Tri::False;
    for (const Value& resource : stmt.resources.values) {
      const Role* other = role_named(resource, where);
      any = tri_or(any, resource.known() == "*"   ? Tri::True
                        : other && other != &role ? Tri::False
                                                  : Tri::Unknown);
    }
    if (stmt.not_resource || !stmt.has_resource || stmt.resources.unknown_items)
      any = tri_or(any, Tri::Unknown);
    return tri_and(tri_and(stmt.is_allow(), stmt.covers_action("sts:AssumeRole")), any);
  }
  const Target target{&role, role_account, *path_and_name, partition_of(role.origin)};
  return statement_may_allow(stmt, target, account_of(*caller.origin),
                             partition_of(*caller.origin));
}

}  // namespace rolelint::model
