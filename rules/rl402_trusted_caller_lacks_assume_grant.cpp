#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "linter/base/text.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a trust policy that names a user or role of another account, defined in the linted files,
when none of that principal's own policies allows `sts:AssumeRole` on the role. The accounts
come from the configuration's `deploy-accounts` (which account each path deploys to) or, for a
Terraform module, from its `provider "aws"` blocks when they all name one account
(`allowed_account_ids` with one id, or the account of `assume_role`'s `role_arn`); the
configuration wins. The principal is found by the account, path and name in its ARN. Its policies are all the rule
looks at: inline policies, attached managed policies, policies that name it, and for a user,
its groups' policies.

The rule reports only what it can prove: when the role's or the principal's account is not
known, when the principal is not found (or found twice), when any policy that may apply to it
cannot be evaluated (an AWS managed policy, a policy outside the linted files, a parameter, a
group that is not defined) or when a statement may allow `sts:AssumeRole` on the role, it stays
silent.

## Why is this bad?
Across accounts, `AssumeRole` needs two grants: the role's trust policy must trust the caller,
and the caller's identity policy in its own account must allow `sts:AssumeRole` on the role's
ARN. A trust policy alone admits nobody from another account: every call is denied with
`AccessDenied`, found only when someone first uses the role.

## Configuration
```yaml
deploy-accounts:
  "identity/**": "111111111111"
  "workloads/**": "222222222222"
```

## Example
```yaml
# file: identity/users.yaml
Resources:
  Bob:
    Type: AWS::IAM::User
    Properties:
      UserName: Bob
# file: workloads/roles.yaml
Resources:
  Alice:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Alice
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111111111111:user/Bob" }
            Action: sts:AssumeRole
```

## Use instead
```yaml
# file: identity/users.yaml
Resources:
  Bob:
    Type: AWS::IAM::User
    Properties:
      UserName: Bob
      Policies:
        - PolicyName: assume-alice
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: arn:aws:iam::222222222222:role/Alice
# file: workloads/roles.yaml
Resources:
  Alice:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Alice
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111111111111:user/Bob" }
            Action: sts:AssumeRole
```

## Known limits
A Terraform module without a provider block (a child module) deploys wherever its caller's
provider does; that is not followed, so such a module's account comes only from the
configuration. Permissions boundaries and service control policies can only
remove a grant, so they cannot make a finding wrong; they are not looked at.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html
)md";

using model::EntityKind;

// The role being assumed, with everything its ARN needs.
struct Target {
  const model::Role* role;
  std::string account;        // the account it deploys to
  std::string path_and_name;  // "teams/Admin"
};

// A user or role of the model that a trust policy names.
struct Principal {
  const model::Origin* origin;
  EntityKind kind;
  const model::Value* name;
  const std::vector<model::InlinePolicy>* policies;
  const model::ValueList* managed_policy_arns;
  const model::ValueList* groups;  // users only
  std::string account;
  const model::User* user;  // users only
};

// The text of a Resource option in the granting account (`own`), when only the partition and the
// account are holes; nullopt otherwise.
std::optional<std::string> concrete(const model::Template& t, std::string_view own) {
  std::string text;
  for (const model::Part& p : t.parts()) {
    if (!p.is_hole()) {
      text += p.text;
    } else if (p.hole().kind == model::HoleKind::Partition) {
      text += "aws";
    } else if (p.hole().kind == model::HoleKind::OwnAccount) {
      text += own;
    } else {
      return std::nullopt;
    }
  }
  return text;
}

// Whether a Resource entry of the principal's policy may name the target role.
Tri may_name(const model::Value& resource, const Target& target, std::string_view own_account) {
  if (resource.is_unknown()) return Tri::Unknown;
  Tri any = Tri::False;
  for (const model::Template& t : resource.options()) {
    const auto& parts = t.parts();
    if (parts.size() == 1 && parts[0].is_hole() && parts[0].hole().kind == model::HoleKind::Resource) {
      // A reference: to a resource of the principal's own template or module.
      any = model::tri_or(any, parts[0].hole().target == target.role->origin.source_id ? Tri::Unknown : Tri::False);
      continue;
    }
    const auto text = concrete(t, own_account);
    if (!text) return Tri::Unknown;
    // The partition the pattern names, so that only the account, path and name decide.
    std::string partition = "aws";
    if (text->starts_with("arn:")) {
      const std::string rest = text->substr(4, text->find(':', 4) - 4);
      if (!has_wildcard(rest)) partition = rest;
    }
    const std::string arn = str_cat("arn:", partition, ":iam::", target.account, ":role/", target.path_and_name);
    if (glob_match_icase(*text, arn)) return Tri::True;
  }
  return any;
}

// Whether a policy document may allow sts:AssumeRole on the target.
Tri may_allow(const model::PolicyDocument& doc, const Target& target, std::string_view own_account) {
  if (!doc.present) return Tri::False;
  if (doc.statements_unknown) return Tri::Unknown;
  Tri result = Tri::False;
  for (const model::Statement& s : doc.statements) {
    const Tri allow = model::tri_and(s.is_allow(), s.covers_action("sts:AssumeRole"));
    if (allow == Tri::False) continue;
    Tri resource = s.resources.unknown_items ? Tri::Unknown : Tri::False;
    if (s.not_resource || !s.has_resource) {
      resource = Tri::Unknown;
    } else {
      for (const model::Value& r : s.resources.values) resource = model::tri_or(resource, may_name(r, target, own_account));
    }
    result = model::tri_or(result, model::tri_and(allow, resource));
  }
  return result;
}

// How an attachment entry (a name, an ARN or a reference) can name an entity: the index keys
// of each option, or nullopt when an option is not known. A reference resolves within the
// entry's unit (its template or module).
std::optional<std::vector<std::string>> entry_keys(const model::Value& entry, FileId unit) {
  if (entry.is_unknown()) return std::nullopt;
  std::vector<std::string> keys;
  for (const model::Template& t : entry.options()) {
    const auto& parts = t.parts();
    if (parts.size() == 1 && parts[0].is_hole() && parts[0].hole().kind == model::HoleKind::Resource) {
      keys.push_back(str_cat("ref:", unit, ":", parts[0].hole().target));
      continue;
    }
    const auto text = t.known();
    if (!text) return std::nullopt;
    std::string name(text->substr(text->rfind('/') + 1));  // a name, or the last part of an ARN
    for (char& c : name) c = ascii_lower(c);                 // IAM names are unique ignoring case
    keys.push_back("name:" + name);
  }
  return keys;
}

std::vector<std::string> entity_keys(const model::Origin& origin, const model::Value& name, FileId unit) {
  std::vector<std::string> keys{str_cat("ref:", unit, ":", origin.source_id)};
  if (auto known = name.known()) {
    std::string lowered = str_cat("name:", *known);
    for (char& c : lowered) c = ascii_lower(c);
    keys.push_back(std::move(lowered));
  }
  return keys;
}

char kind_letter(EntityKind kind) { return kind == EntityKind::User ? 'U' : kind == EntityKind::Role ? 'R' : 'G'; }

// Built once per model: what names or refers to each entity, so that finding every policy of a
// principal costs a few lookups, not a scan of the model.
class Index {
 public:
  explicit Index(const model::Model& model) : model_(model) {
    for (const model::ManagedPolicy& mp : model.managed_policies) {
      add_named('P', mp.origin, mp.name, &mp.document);
      add_lists(mp.origin, &mp.document, mp.users, mp.roles, mp.groups);
    }
    for (const model::StandalonePolicy& p : model.policies) add_lists(p.origin, &p.document, p.users, p.roles, p.groups);
    for (const model::PolicyAttachment& a : model.attachments) add_entry(kind_letter(a.target_kind), a.origin, a.target, nullptr);
    for (const model::Group& g : model.groups) add_named('g', g.origin, g.name, &g);
    for (const model::GroupMembership& m : model.memberships) {
      if (m.users.unknown_items) note(unknown_, 'U', m.origin);
      for (const model::Value& u : m.users.values) add_entry('M', m.origin, u, &m.group);
    }
  }

  struct Hit {
    const model::Origin* where;
    const void* what;  // a PolicyDocument (nullptr: a policy the model does not show), a Group, a group Value
  };

  // What is keyed under `letter` and any of `keys`, in `account`, each once.
  std::vector<Hit> lookup(char letter, const std::vector<std::string>& keys, const std::string& account) const {
    std::vector<Hit> hits;
    for (const std::string& key : keys) {
      const auto [first, last] = by_key_.equal_range(std::string(1, letter) + key);
      for (auto it = first; it != last; ++it) {
        if (!same_account(*it->second.where, account)) continue;
        if (std::find_if(hits.begin(), hits.end(), [&](const Hit& h) { return h.what == it->second.what; }) == hits.end()) {
          hits.push_back(it->second);
        }
      }
    }
    return hits;
  }

  // What is keyed under `letter` for an entity, in `account`; `complete` turns false when an
  // entry may name it without saying so.
  std::vector<Hit> find(char letter, const model::Origin& origin, const model::Value& name, const std::string& account,
                        bool& complete) const {
    std::vector<Hit> hits = lookup(letter, entity_keys(origin, name, unit_of(origin)), account);
    complete = complete && !in(unknown_, letter, account);
    // An entity whose name is not known may be what any name entry names.
    if (!name.known()) complete = complete && !in(named_, letter, account);
    return hits;
  }

  FileId unit_of(const model::Origin& origin) const { return model_.unit_of(origin.file); }

  bool same_account(const model::Origin& origin, const std::string& account) const {
    const std::string& own = model_.accounts_of(origin.file).deploy_account;
    return own.empty() || own == account;
  }

 private:
  void add_lists(const model::Origin& where, const model::PolicyDocument* doc, const model::ValueList& users,
                 const model::ValueList& roles, const model::ValueList& groups) {
    for (const auto& [letter, list] : {std::pair{'U', &users}, std::pair{'R', &roles}, std::pair{'G', &groups}}) {
      if (list->unknown_items) note(unknown_, letter, where);
      for (const model::Value& v : list->values) add_entry(letter, where, v, doc);
    }
  }
  void add_entry(char letter, const model::Origin& where, const model::Value& entry, const void* what) {
    const auto keys = entry_keys(entry, unit_of(where));
    if (!keys) {
      note(unknown_, letter, where);
      return;
    }
    for (const std::string& key : *keys) {
      by_key_.emplace(std::string(1, letter) + key, Hit{&where, what});
      if (key.starts_with("name:")) note(named_, letter, where);
    }
  }
  void add_named(char letter, const model::Origin& origin, const model::Value& name, const void* what) {
    for (const std::string& key : entity_keys(origin, name, unit_of(origin))) by_key_.emplace(std::string(1, letter) + key, Hit{&origin, what});
  }

  const model::Model& model_;
  std::unordered_multimap<std::string, Hit> by_key_;
  // Letter + the account of the file an entry is in ("" when not known: any account).
  using Accounts = std::set<std::string>;
  void note(Accounts& set, char letter, const model::Origin& where) {
    set.insert(letter + model_.accounts_of(where.file).deploy_account);
  }
  static bool in(const Accounts& set, char letter, const std::string& account) {
    return set.count(std::string(1, letter)) > 0 || set.count(letter + account) > 0;
  }
  Accounts unknown_;  // entries that may name anything
  Accounts named_;    // entries by name
};

// Every policy document that applies to one principal of `account`, or `complete = false` when
// one may apply that the model does not show.
class PolicyCollector {
 public:
  PolicyCollector(const Index& index, std::string account) : index_(index), account_(std::move(account)) {}

  bool complete = true;
  std::vector<const model::PolicyDocument*> docs;

  void entity(const model::Origin& origin, EntityKind kind, const model::Value& name,
              const std::vector<model::InlinePolicy>& inline_policies, const model::ValueList& managed_arns) {
    for (const model::InlinePolicy& p : inline_policies) docs.push_back(&p.document);
    // ManagedPolicyArns: each must be a customer managed policy of the model.
    if (managed_arns.unknown_items) complete = false;
    for (const model::Value& arn : managed_arns.values) {
      bool found = false;
      for (const Index::Hit& h : index_.lookup('P', entry_keys(arn, index_.unit_of(origin)).value_or(std::vector<std::string>{}), account_)) {
        docs.push_back(static_cast<const model::PolicyDocument*>(h.what));
        found = true;
      }
      if (!found) complete = false;  // an AWS managed policy, or one outside the linted files
    }
    for (const Index::Hit& h : index_.find(kind_letter(kind), origin, name, account_, complete)) {
      if (h.what) {
        docs.push_back(static_cast<const model::PolicyDocument*>(h.what));
      } else {
        complete = false;  // an attachment of a policy the model does not show
      }
    }
  }

  void groups_of(const model::User& user) {
    // Each group entry with where it is written (the user, or a membership resource).
    std::vector<std::pair<const model::Value*, const model::Origin*>> groups;
    if (user.groups.unknown_items) complete = false;
    for (const model::Value& g : user.groups.values) groups.emplace_back(&g, &user.origin);
    for (const Index::Hit& h : index_.find('M', user.origin, user.name, account_, complete)) {
      groups.emplace_back(static_cast<const model::Value*>(h.what), h.where);
    }
    for (const auto& [g, where] : groups) {
      const auto keys = entry_keys(*g, index_.unit_of(*where)).value_or(std::vector<std::string>{});
      const std::vector<Index::Hit> found = index_.lookup('g', keys, account_);
      if (found.size() != 1) {
        complete = false;  // a group outside the linted files, or two candidates
        continue;
      }
      const auto& group = *static_cast<const model::Group*>(found.front().what);
      entity(group.origin, EntityKind::Group, group.name, group.policies, group.managed_policy_arns);
    }
  }

 private:
  const Index& index_;
  std::string account_;
};

// Users and roles by account and lower-case name, for the ARNs in trust policies.
class Principals {
 public:
  explicit Principals(const model::Model& model) {
    for (const model::User& u : model.users) {
      add("user", {&u.origin, EntityKind::User, &u.name, &u.policies, &u.managed_policy_arns, &u.groups,
                   model.accounts_of(u.origin.file).deploy_account, &u}, u.path);
    }
    for (const model::Role& r : model.roles) {
      add("role", {&r.origin, EntityKind::Role, &r.name, &r.policies, &r.managed_policy_arns, nullptr,
                   model.accounts_of(r.origin.file).deploy_account, nullptr}, r.path);
    }
  }

  // The one user or role of `account` an ARN's resource part ("user/path/Bob") names, if found.
  std::optional<Principal> find(std::string_view account, std::string_view resource) const {
    const auto slash = resource.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const std::string_view type = resource.substr(0, slash);
    const std::string_view path_and_name = resource.substr(slash);  // "/path/Bob"
    const auto [first, last] = by_name_.equal_range(key(type, account, path_and_name.substr(path_and_name.rfind('/') + 1)));
    std::optional<Principal> found;
    int candidates = 0;
    for (auto it = first; it != last; ++it) {
      const auto& [principal, path] = it->second;
      if (!path) {
        ++candidates;  // the path is not known: it may be this one
      } else if (iequals(str_cat(*path, principal.name->known().value_or("")), path_and_name)) {
        ++candidates;
        found = principal;
      }
    }
    if (candidates != 1) return std::nullopt;
    return found;
  }

 private:
  static std::string key(std::string_view type, std::string_view account, std::string_view name) {
    std::string k = str_cat(type, ":", account, ":", name);
    for (char& c : k) c = ascii_lower(c);
    return k;
  }
  void add(std::string_view type, Principal p, const model::Value& path) {
    const auto name = p.name->known();
    if (!name || p.account.empty()) return;
    std::optional<std::string> known_path;
    if (!path.present()) known_path = "/";
    else if (const auto text = path.known()) known_path = std::string(*text);
    by_name_.emplace(key(type, p.account, *name), std::pair{p, known_path});
  }

  std::unordered_multimap<std::string, std::pair<Principal, std::optional<std::string>>> by_name_;
};

void check(const model::Model& model, Reporter& report) {
  if (model.accounts.empty()) return;
  std::optional<Principals> principals;  // built on the first role with a known account
  std::optional<Index> index;
  for (const model::Role& role : model.roles) {
    const std::string& role_account = model.accounts_of(role.origin.file).deploy_account;
    const auto path_and_name = model::known_path_and_name(role);
    if (role_account.empty() || !path_and_name) continue;
    const Target target{&role, role_account, *path_and_name};
    for (const model::Statement& stmt : role.trust.statements) {
      if (stmt.is_allow() != Tri::True || stmt.not_principal || stmt.covers_action("sts:AssumeRole") != Tri::True) continue;
      for (const model::Principal& p : stmt.principals) {
        if (p.type != model::PrincipalType::AWS) continue;
        for (const model::Value& id : p.ids.values) {
          const auto text = id.known();
          if (!text) continue;
          const model::PrincipalAccount account = model::principal_account(model::Template(std::string(*text)));
          if (account.kind != model::PrincipalAccount::Kind::Literal || account.id == role_account) continue;
          if (!principals) principals.emplace(model);
          const std::optional<Principal> caller = principals->find(account.id, text->substr(text->rfind(':') + 1));
          if (!caller) continue;
          if (!index) index.emplace(model);
          PolicyCollector policies(*index, caller->account);
          policies.entity(*caller->origin, caller->kind, *caller->name, *caller->policies, *caller->managed_policy_arns);
          if (caller->user) policies.groups_of(*caller->user);
          if (!policies.complete) continue;
          Tri granted = Tri::False;
          for (const model::PolicyDocument* doc : policies.docs) granted = model::tri_or(granted, may_allow(*doc, target, caller->account));
          if (granted != Tri::False) continue;
          const char* kind = caller->kind == EntityKind::User ? "user" : "role";
          report.report(id.span(), role.origin,
                        str_cat("role '", role.origin.source_id, "' (account ", role_account, ") trusts ", kind, " '",
                                caller->origin->source_id, "' of account ", account.id, ", but no policy of '",
                                caller->origin->source_id,
                                "' allows sts:AssumeRole on the role: across accounts both grants are needed, so "
                                "AssumeRole is denied"),
                        {RelatedLocation{caller->origin->span, str_cat(kind, " '", caller->origin->source_id, "'")}});
        }
      }
    }
  }
}

}  // namespace

constexpr Rule trusted_caller_lacks_assume_grant{
    .id = "RL402",
    .name = "trusted-caller-lacks-assume-grant",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Role trusts a principal of another account that has no grant to assume it",
    .fix = "Allow sts:AssumeRole on the role's ARN in a policy of the trusted user or role (or its group)",
    .doc = kDoc,
    .source = "rules/rl402_trusted_caller_lacks_assume_grant.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
