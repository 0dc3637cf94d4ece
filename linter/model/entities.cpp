#include "linter/model/entities.hpp"

#include <algorithm>
#include <utility>

#include "linter/base/str_cat.hpp"
#include "linter/base/text.hpp"
#include "linter/model/queries.hpp"

namespace rolelint::model {

Identity Identity::of(const User& user) {
  return {EntityKind::User,          &user.origin, &user.name, &user.path, &user.policies,
          &user.managed_policy_arns, &user,        nullptr};
}
Identity Identity::of(const Group& group) {
  return {EntityKind::Group,          &group.origin, &group.name, &group.path, &group.policies,
          &group.managed_policy_arns, nullptr,       nullptr};
}
Identity Identity::of(const Role& role) {
  return {EntityKind::Role,          &role.origin, &role.name, &role.path.get(), &role.policies,
          &role.managed_policy_arns, nullptr,      &role};
}
Identity Identity::of(const PermissionSet& set) {
  static const Value kNoPath;
  return {EntityKind::PermissionSet, &set.origin, &set.name, &kNoPath, &set.policies,
          &set.managed_policy_arns,  nullptr,     nullptr,   &set};
}

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Whether two partitions are both known ("" is not) and not the same.
bool partitions_differ(std::string_view a, std::string_view b) {
  return !a.empty() && !b.empty() && a != b;
}

const Hole* single_reference(const Template& t) {
  const auto parts = t.parts();
  if (parts.size() != 1 || !parts[0].is_hole() || parts[0].hole().kind != HoleKind::Resource)
    return nullptr;
  return &parts[0].hole();
}

// The name an ARN option in the deploying account names ("Name" of "policy/path/Name"), when
// its account is the template's own (a hole) or literal digits and the resource is known.
std::optional<std::string> own_account_arn_name(const Template& t) {
  const std::optional<Arn> arn = parse_arn(t);
  if (!arn || !arn->complete()) return std::nullopt;
  const PrincipalAccount account = principal_account(t);
  if (account.kind == PrincipalAccount::Kind::Unknown) return std::nullopt;
  const auto path_and_name = arn->resource_path_and_name();
  if (!path_and_name || has_wildcard(*path_and_name)) return std::nullopt;
  return path_and_name->substr(path_and_name->rfind('/') + 1);
}

// How an attachment entry (a name, an ARN or a reference) can name an entity: the index keys
// of each option, or nullopt when an option is not known. A reference resolves within the
// entry's unit (its template or module).
std::optional<std::vector<std::string>> entry_keys(const Value& entry, FileId unit) {
  if (entry.is_unknown()) return std::nullopt;
  std::vector<std::string> keys;
  for (const Template& t : entry.options()) {
    if (const Hole* ref = single_reference(t)) {
      keys.push_back(str_cat("ref:", unit, ":", ref->target));
      continue;
    }
    const auto text = t.known();
    if (text) {
      keys.push_back("name:" + lower(text->substr(text->rfind('/') +
                                                  1)));  // a name, or the last part of an ARN
    } else if (const auto name = own_account_arn_name(t)) {
      keys.push_back("name:" + lower(*name));
    } else {
      return std::nullopt;
    }
  }
  return keys;
}

std::vector<std::string> entity_keys(const Origin& origin, const Value& name, FileId unit) {
  std::vector<std::string> keys{str_cat("ref:", unit, ":", origin.source_id)};
  if (auto known = name.known()) keys.push_back("name:" + lower(*known));
  return keys;
}

char kind_letter(EntityKind kind) {
  switch (kind) {
    case EntityKind::User:
      return 'U';
    case EntityKind::Role:
      return 'R';
    case EntityKind::PermissionSet:
      return 'P';
    default:
      return 'G';
  }
}

// `scope`: a literal account id, or unit_scope() for the principals of one template or module.
std::string principal_key(std::string_view type, std::string_view scope, std::string_view name) {
  return lower(str_cat(type, ":", scope, ":", name));
}

std::string unit_scope(FileId unit) { return str_cat("unit", unit); }

// An ARN's resource part ("user/path/Bob") as the principal key in `scope` and its path and name
// ("/path/Bob"); nullopt without a type.
std::optional<std::pair<std::string, std::string_view>> principal_lookup(
    std::string_view scope, std::string_view resource) {
  const auto slash = resource.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view path_and_name = resource.substr(slash);
  return std::pair{principal_key(resource.substr(0, slash), scope,
                                 path_and_name.substr(path_and_name.rfind('/') + 1)),
                   path_and_name};
}

}  // namespace

Entities::Entities(const Model& model, const AwsManagedDocuments* aws) : model_(model), aws_(aws) {
  for (const ManagedPolicy& mp : model.managed_policies) {
    for (std::string& key : entity_keys(mp.origin, mp.name, unit_of(mp.origin)))
      policies_by_key_.emplace(std::move(key), &mp);
    add_lists(mp.origin, &mp.document, mp.users, mp.roles, mp.groups);
  }
  for (const StandalonePolicy& p : model.policies)
    add_lists(p.origin, &p.document, p.users, p.roles, p.groups);
  for (const PolicyAttachment& a : model.attachments) {
    add_entry(kind_letter(a.target_kind), a.origin, a.target, aws_document(a.policy_arn));
  }
  for (const Group& g : model.groups) add_named('g', g.origin, g.name, &g);
  for (const GroupMembership& m : model.memberships) {
    if (m.users.unknown_items) note(unknown_, 'U', m.origin);
    for (const Value& u : m.users.values) add_entry('M', m.origin, u, &m.group);
  }
  for (const Role& r : model.roles) {
    add_named('r', r.origin, Value(), &r);
    const auto name = r.name.known();
    const auto path = r.path.present() ? r.path.known() : std::optional<std::string_view>("/");
    if (name && path) roles_by_arn_resource_.emplace(str_cat("role", *path, *name), &r);
  }
  auto add_principal = [&](std::string_view type, const Identity& id) {
    const auto name = id.name->known();
    if (!name) return;
    std::optional<std::string> known_path;
    if (!id.path->present()) {
      known_path = "/";
    } else if (const auto text = id.path->known()) {
      known_path = std::string(*text);
    }
    principals_.emplace(principal_key(type, unit_scope(unit_of(*id.origin)), *name),
                        std::pair{id, known_path});
    const std::string& account = account_of(*id.origin);
    if (!account.empty())
      principals_.emplace(principal_key(type, account, *name), std::pair{id, known_path});
  };
  for (const User& u : model.users) {
    add_named('u', u.origin, Value(), &u);
    add_principal("user", Identity::of(u));
  }
  for (const Role& r : model.roles) add_principal("role", Identity::of(r));
}

const std::string& Entities::account_of(const Origin& origin) const {
  static const std::string kNotKnown;
  const AccountFacts& facts = model_.accounts_of(origin.file);
  return facts.several_accounts ? kNotKnown : facts.deploy_account;
}

const std::string& Entities::partition_of(const Origin& origin) const {
  return model_.accounts_of(origin.file).deploy_partition;
}

EntityAccount Entities::account(const Origin& origin) const {
  const AccountFacts& facts = model_.accounts_of(origin.file);
  if (facts.several_accounts) return {};  // which one is not known
  const std::string& id = facts.deploy_account;
  return {id.empty() ? EntityAccount::Kind::Own : EntityAccount::Kind::Literal, id, unit_of(origin),
          facts.deploy_partition};
}

bool Entities::in_other_partitions(const Origin& a, const Origin& b) const {
  return partitions_differ(partition_of(a), partition_of(b));
}

bool Entities::other_partition(const Template& partition, const Origin& entity) const {
  const std::string& own = partition_of(entity);
  if (own.empty()) return false;
  const auto text = partition.known();
  return text && !glob_match(*text, own);
}

EntityAccount Entities::account(const Identity& identity) const {
  if (identity.kind == EntityKind::PermissionSet) return {};  // each account it is assigned to
  return account(*identity.origin);
}

Tri same_account(const EntityAccount& a, const EntityAccount& b) {
  using Kind = EntityAccount::Kind;
  if (a.kind == Kind::Unknown || b.kind == Kind::Unknown) return Tri::Unknown;
  if (a.unit == b.unit) return Tri::True;  // a template or module deploys to one account
  if (partitions_differ(a.partition, b.partition)) return Tri::False;
  if (a.kind == Kind::Literal && b.kind == Kind::Literal)
    return a.id == b.id ? Tri::True : Tri::False;
  return Tri::Unknown;
}

bool Entities::same_account(const Origin& origin, const std::string& account) const {
  const std::string& own = account_of(origin);
  return own.empty() || account.empty() || own == account;
}

void Entities::note(std::set<std::string>& set, char letter, const Origin& where) {
  set.insert(letter + account_of(where));
}

void Entities::add_lists(const Origin& where, const PolicyDocument* doc, const ValueList& users,
                         const ValueList& roles, const ValueList& groups) {
  for (const auto& [letter, list] :
       {std::pair{'U', &users}, std::pair{'R', &roles}, std::pair{'G', &groups}}) {
    if (list->unknown_items) note(unknown_, letter, where);
    for (const Value& v : list->values) add_entry(letter, where, v, doc);
  }
}

void Entities::add_entry(char letter, const Origin& where, const Value& entry, const void* what) {
  const auto keys = entry_keys(entry, unit_of(where));
  if (!keys) {
    note(unknown_, letter, where);
    return;
  }
  for (const std::string& key : *keys) {
    const bool by_name = key.starts_with("name:");
    by_key_.emplace(std::string(1, letter) + key, Hit{&where, what, by_name});
    if (by_name) note(named_, letter, where);
  }
}

void Entities::add_named(char letter, const Origin& origin, const Value& name, const void* what) {
  for (const std::string& key : entity_keys(origin, name, unit_of(origin))) {
    by_key_.emplace(std::string(1, letter) + key, Hit{&origin, what, key.starts_with("name:")});
  }
}

// What is keyed under `letter` and any of `keys`, in `account`, each once.
std::vector<Entities::Hit> Entities::lookup(char letter, const std::vector<std::string>& keys,
                                            const std::string& account) const {
  std::vector<Hit> hits;
  for (const std::string& key : keys) {
    const auto [first, last] = by_key_.equal_range(std::string(1, letter) + key);
    for (auto it = first; it != last; ++it) {
      if (!same_account(*it->second.where, account)) continue;
      if (std::none_of(hits.begin(), hits.end(),
                       [&](const Hit& h) { return h.what == it->second.what; })) {
        hits.push_back(it->second);
      }
    }
  }
  return hits;
}

// What is keyed under `letter` for an identity, in `account`; `complete` turns false when an
// entry may name it without saying so.
std::vector<Entities::Hit> Entities::find(char letter, const Identity& identity,
                                          const std::string& account, bool& complete) const {
  std::vector<Hit> hits = lookup(
      letter, entity_keys(*identity.origin, *identity.name, unit_of(*identity.origin)), account);
  const auto in = [&](const std::set<std::string>& set) {
    return set.count(std::string(1, letter)) > 0 ||
           (!account.empty() && set.count(letter + account) > 0);
  };
  complete = complete && !in(unknown_);
  // An identity whose name is not known may be what any name entry names.
  if (!identity.name->known()) complete = complete && !in(named_);
  return hits;
}

std::vector<const ManagedPolicy*> Entities::managed_policies_named(const Value& arn,
                                                                   const Origin& where) const {
  std::vector<const ManagedPolicy*> out;
  const FileId unit = unit_of(where);
  for (const Template& t : arn.options()) {
    std::string key;
    std::optional<Arn> parsed;
    if (const Hole* ref = single_reference(t)) {
      key = str_cat("ref:", unit, ":", ref->target);
    } else if (const auto name = own_account_arn_name(t)) {
      key = "name:" + lower(*name);
      parsed = parse_arn(t);
    } else {
      return {};  // unknown: names nothing for certain
    }
    const ManagedPolicy* found = nullptr;
    const auto [first, last] = policies_by_key_.equal_range(key);
    for (auto it = first; it != last; ++it) {
      if (unit_of(it->second->origin) != unit) continue;
      if (found) return {};  // two candidates: not certain
      found = it->second;
    }
    if (!found || (parsed && other_partition(parsed->partition, found->origin))) return {};
    if (std::find(out.begin(), out.end(), found) == out.end()) out.push_back(found);
  }
  return out;
}

// The document of the one attachable AWS managed policy an ARN names in every option, when known.
const PolicyDocument* Entities::aws_document(const Value& arn) const {
  if (!aws_ || arn.is_unknown() || arn.options().size() != 1) return nullptr;
  const std::optional<AwsPolicyRef> ref = aws_policy_ref(arn.options().front());
  return ref && ref->policy && ref->policy->attachable() ? &aws_->document(*ref->policy) : nullptr;
}

std::optional<Entities::NamedPolicy> Entities::boundary_policy(const Value& arn,
                                                               const Origin& where) const {
  if (const PolicyDocument* doc = aws_document(arn)) {
    return NamedPolicy{doc, nullptr, aws_policy_ref(arn.options().front())->policy};
  }
  const std::vector<const ManagedPolicy*> named = managed_policies_named(arn, where);
  if (named.size() != 1) return std::nullopt;
  return NamedPolicy{&named.front()->document, &named.front()->origin, nullptr};
}

// An entry of ManagedPolicyArns that is an AWS managed policy's ARN in every option: each
// option's document, or an incomplete list when one is not known. False for any other entry.
bool Entities::add_aws_managed(const Value& arn, const Identity& identity, const Group* group,
                               IdentityPolicies& out) const {
  if (arn.is_unknown() || arn.options().empty()) return false;
  std::vector<const catalog::AwsManagedPolicy*> policies;
  for (const Template& t : arn.options()) {
    const std::optional<AwsPolicyRef> ref = aws_policy_ref(t);
    if (!ref) return false;
    if (!aws_ || !ref->policy || !ref->policy->attachable()) {
      out.complete = false;
      return true;
    }
    if (std::find(policies.begin(), policies.end(), ref->policy) == policies.end())
      policies.push_back(ref->policy);
  }
  for (const catalog::AwsManagedPolicy* p : policies) {
    out.policies.push_back({&aws_->document(*p), identity.origin, group, true, p});
  }
  return true;
}

void Entities::collect(const Identity& identity, const std::string& account, const Group* group,
                       IdentityPolicies& out) const {
  const FileId unit = unit_of(*identity.origin);
  const auto certain = [&](const Hit& h) {
    return !h.by_name || unit_of(*h.where) == unit ||
           (!account.empty() && account_of(*h.where) == account);
  };
  for (const InlinePolicy& p : *identity.policies)
    out.policies.push_back({&p.document, identity.origin, group, true});
  // ManagedPolicyArns: each must be a customer managed policy of the model.
  if (identity.managed_policy_arns->unknown_items) out.complete = false;
  for (const Value& arn : identity.managed_policy_arns->values) {
    if (add_aws_managed(arn, identity, group, out)) continue;
    bool found = false;
    const auto keys = entry_keys(arn, unit).value_or(std::vector<std::string>{});
    const std::vector<const ManagedPolicy*> sure = managed_policies_named(arn, *identity.origin);
    std::vector<const ManagedPolicy*> seen;
    for (const std::string& key : keys) {
      const auto [first, last] = policies_by_key_.equal_range(key);
      for (auto it = first; it != last; ++it) {
        const ManagedPolicy* mp = it->second;
        if (!same_account(mp->origin, account) ||
            std::find(seen.begin(), seen.end(), mp) != seen.end())
          continue;
        seen.push_back(mp);
        const bool certain_match = std::find(sure.begin(), sure.end(), mp) != sure.end();
        out.policies.push_back({&mp->document, &mp->origin, group, certain_match});
        found = true;
      }
    }
    if (!found) out.complete = false;  // a policy outside the linted files
  }
  for (const Hit& h : find(kind_letter(identity.kind), identity, account, out.complete)) {
    if (h.what) {
      out.policies.push_back(
          {static_cast<const PolicyDocument*>(h.what), h.where, group, certain(h)});
    } else {
      out.complete = false;  // an attachment of a policy the model does not show
    }
  }
}

void Entities::groups_of(const User& user, const std::string& account,
                         IdentityPolicies& out) const {
  // Each group entry with where it is written (the user, or a membership resource).
  std::vector<std::pair<const Value*, const Origin*>> groups;
  if (user.groups.unknown_items) out.complete = false;
  for (const Value& g : user.groups.values) groups.emplace_back(&g, &user.origin);
  for (const Hit& h : find('M', Identity::of(user), account, out.complete)) {
    groups.emplace_back(static_cast<const Value*>(h.what), h.where);
  }
  for (const auto& [g, where] : groups) {
    const auto keys = entry_keys(*g, unit_of(*where)).value_or(std::vector<std::string>{});
    const std::vector<Hit> found = lookup('g', keys, account);
    if (found.size() != 1) {
      out.complete = false;  // a group outside the linted files, or two candidates
      continue;
    }
    const auto& group = *static_cast<const Group*>(found.front().what);
    collect(Identity::of(group), account, &group, out);
  }
}

IdentityPolicies Entities::policies_of(const Identity& identity) const {
  IdentityPolicies out;
  const std::string& account = account_of(*identity.origin);
  collect(identity, account, nullptr, out);
  if (identity.user) groups_of(*identity.user, account, out);
  if (identity.role && identity.role->permissions_boundary.present()) {
    out.permissions_boundary = &identity.role->permissions_boundary.get();
  }
  if (identity.user && identity.user->permissions_boundary.present()) {
    out.permissions_boundary = &identity.user->permissions_boundary;
  }
  if (const PermissionSet* set = identity.permission_set) {
    const ValueList& customer = set->customer_managed_policies;
    if (customer.unknown_items || !customer.values.empty()) out.complete = false;
    if (set->permissions_boundary.present()) out.permissions_boundary = &set->permissions_boundary;
  }
  return out;
}

const Role* Entities::role_with_id(std::string_view id, FileId unit) const {
  const auto [first, last] = by_key_.equal_range(str_cat("rref:", unit, ":", id));
  return first == last ? nullptr : static_cast<const Role*>(first->second.what);
}

const Role* Entities::role_named(const Value& resource, const Origin& where) const {
  if (resource.options().size() != 1) return nullptr;
  const Template& t = resource.options().front();
  bool own_account = false;
  for (const Part& p : t.parts()) {
    if (p.is_hole() && p.hole().kind == HoleKind::Resource && iequals(p.hole().attribute, "arn")) {
      return role_with_id(p.hole().target, unit_of(where));
    }
    own_account = own_account || (p.is_hole() && p.hole().kind == HoleKind::OwnAccount);
  }
  if (const Role* role = role_by_name_reference(resource, where)) return role;
  const std::string suffix = t.known_suffix();
  const auto colon = suffix.rfind(':');
  if (colon == std::string::npos || has_wildcard(suffix)) return nullptr;
  // A literal account: a role of a file the configuration says deploys to that account.
  const PrincipalAccount account = principal_account(t);
  const bool literal = account.kind == PrincipalAccount::Kind::Literal;
  const Role* found = nullptr;
  const auto [first, last] = roles_by_arn_resource_.equal_range(suffix.substr(colon + 1));
  for (auto it = first; it != last; ++it) {
    const bool same_unit = own_account && unit_of(it->second->origin) == unit_of(where);
    const bool that_account = literal && account_of(it->second->origin) == account.id;
    if (!same_unit && !that_account) continue;
    if (found) return nullptr;  // two roles of that name in that account: not proven
    found = it->second;
  }
  if (!found) return nullptr;
  const std::optional<Arn> arn = parse_arn(t);
  return arn && other_partition(arn->partition, found->origin) ? nullptr : found;
}

// `arn:...:role/<path>${Role}` (Terraform's "${aws_iam_role.x.name}"): the role the name
// reference points at, when the ARN's path is that role's and its account is the role's.
const Role* Entities::role_by_name_reference(const Value& resource, const Origin& where) const {
  const std::span<const Part> parts = resource.options().front().parts();
  const Part& last = parts.back();
  if (!last.is_hole() || last.hole().kind != HoleKind::Resource || !last.hole().attribute.empty())
    return nullptr;
  const Role* role = role_with_id(last.hole().target, unit_of(where));
  if (!role || !names_role(resource, *role)) return nullptr;
  const PrincipalAccount account = principal_account(resource.options().front());
  const bool in_account =
      account.kind == PrincipalAccount::Kind::Own ||
      (account.kind == PrincipalAccount::Kind::Literal && account.id == account_of(role->origin));
  const std::optional<Arn> arn = parse_arn(resource.options().front());
  return in_account && !(arn && other_partition(arn->partition, role->origin)) ? role : nullptr;
}

std::vector<const Role*> Entities::roles_matching(const Value& pattern, const Origin& where) const {
  std::vector<const Role*> out;
  bool first = true;
  for (const Template& t : pattern.options()) {
    std::vector<const Role*> option;
    if (t.known() == "*") {
      for (const Role& r : model_.roles) option.push_back(&r);
    } else if (const Hole* ref = single_reference(t); ref && iequals(ref->attribute, "arn")) {
      if (const Role* r = role_with_id(ref->target, unit_of(where))) option.push_back(r);
    } else if (const std::optional<Arn> arn = parse_arn(t); arn && arn->complete()) {
      const auto service = arn->service.known();
      const auto region = arn->region.known();
      const auto resource = arn->resource.known();
      const auto account = arn->account.known();
      const bool own =
          arn->account.parts().size() == 1 && has_hole(arn->account, HoleKind::OwnAccount);
      const bool iam =
          service && glob_match(*service, "iam") && region && (region->empty() || *region == "*");
      if (iam && resource && (own || account)) {
        for (const Role& r : model_.roles) {
          const auto name = r.name.known();
          const auto path =
              r.path.present() ? r.path.known() : std::optional<std::string_view>("/");
          if (!name || !path || !glob_match(*resource, str_cat("role", *path, *name)) ||
              other_partition(arn->partition, r.origin))
            continue;
          const bool in_account =
              own ? unit_of(r.origin) == unit_of(where)
                  : glob_match(*account, account_of(r.origin)) && !account_of(r.origin).empty();
          if (in_account || (account && *account == "*")) option.push_back(&r);
        }
      }
    }
    if (first) {
      out = std::move(option);
      first = false;
    } else {
      std::erase_if(out, [&](const Role* r) {
        return std::find(option.begin(), option.end(), r) == option.end();
      });
    }
  }
  return out;
}

std::optional<Identity> Entities::principal_named(std::string_view account,
                                                  std::string_view resource) const {
  if (account.empty()) return std::nullopt;
  const auto lookup = principal_lookup(account, resource);
  return lookup ? principal_by_key(lookup->first, lookup->second) : std::nullopt;
}

std::optional<Identity> Entities::principal_by_key(const std::string& key,
                                                   std::string_view path_and_name) const {
  const auto [first, last] = principals_.equal_range(key);
  std::optional<Identity> found;
  int candidates = 0;
  for (auto it = first; it != last; ++it) {
    const auto& [identity, path] = it->second;
    if (!path) {
      ++candidates;  // the path is not known: it may be this one
    } else if (iequals(str_cat(*path, identity.name->known().value_or("")), path_and_name)) {
      ++candidates;
      found = identity;
    }
  }
  if (candidates != 1) return std::nullopt;
  return found;
}

std::optional<Identity> Entities::principal_of(const Template& t, const Origin& where) const {
  if (const Hole* ref = single_reference(t)) {
    if (!iequals(ref->attribute, "arn")) return std::nullopt;  // a name or an id is not a principal
    if (const Role* role = role_with_id(ref->target, unit_of(where))) return Identity::of(*role);
    // Users are keyed as roles are (role_with_id), under 'u'.
    const auto user = by_key_.equal_range(str_cat("uref:", unit_of(where), ":", ref->target));
    if (user.first == user.second) return std::nullopt;
    return Identity::of(*static_cast<const User*>(user.first->second.what));
  }
  const std::optional<Arn> arn = parse_arn(t);
  if (!arn || !arn->complete() || arn->service.known() != "iam") return std::nullopt;
  const auto resource = arn->resource.known();
  if (!resource || has_wildcard(*resource)) return std::nullopt;
  const PrincipalAccount account = principal_account(t);
  std::optional<Identity> found;
  if (account.kind == PrincipalAccount::Kind::Literal) {
    found = principal_named(account.id, *resource);
  } else if (account.kind != PrincipalAccount::Kind::Own ||
             !has_hole(arn->account, HoleKind::OwnAccount)) {
    return std::nullopt;
  } else if (const std::string& own = account_of(where); !own.empty()) {
    // The template's own account: a user or role of the unit's literal account, or of the unit.
    found = principal_named(own, *resource);
  } else if (const auto lookup = principal_lookup(unit_scope(unit_of(where)), *resource)) {
    found = principal_by_key(lookup->first, lookup->second);
  }
  if (found && other_partition(arn->partition, *found->origin)) return std::nullopt;
  return found;
}

std::optional<Identity> Entities::principal_of(const Value& entry, const Origin& where) const {
  if (entry.is_unknown() || entry.options().empty()) return std::nullopt;
  std::optional<Identity> found;
  for (const Template& t : entry.options()) {
    const std::optional<Identity> named = principal_of(t, where);
    if (!named || (found && found->origin != named->origin)) return std::nullopt;
    found = named;
  }
  return found;
}

bool Entities::trust_statement_names(const Statement& stmt, const Role& role,
                                     const Identity& caller) const {
  if (stmt.is_allow() != Tri::True || stmt.not_principal) return false;
  for (const Principal& p : stmt.principals) {
    if (p.type != PrincipalType::AWS) continue;
    for (const Value& id : p.ids.values) {
      const std::optional<Identity> named = principal_of(id, role.origin);
      if (named && named->origin == caller.origin) return true;
    }
  }
  return false;
}

}  // namespace rolelint::model
