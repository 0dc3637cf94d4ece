#include <optional>
#include <unordered_map>

#include "linter/base/str_cat.hpp"
#include "linter/base/text.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags an identity policy of a user, group or role that allows `sts:AssumeRole` on a role
defined in the linted files (by `!GetAtt Role.Arn`, a reference, or the role's ARN) whose trust
policy trusts neither the caller's ARN nor the caller's account. The files are cross-referenced:
the user may be in one template and the role in another. A role's ARN with a literal account id
names a role of another file when the configuration's `deploy-accounts` says that file deploys
to that account; the same mapping tells the caller's account, so a trust of another account's
root or of a same-named user in another account does not count as trusting the caller.

A principal that may be the caller (an account root the caller may belong to, an ARN that
is not fully known, a parameter) counts as trusting: the rule reports only what it can prove,
for example a role trusted only by an AWS service, or only by other named users or roles.

## Why is this bad?
Assuming a role needs two grants: the caller's own policy must allow `sts:AssumeRole` on the
role, and the role's trust policy must trust the caller. With only the first, every
`AssumeRole` call fails with `AccessDenied`, usually discovered after the deployment, when
someone first tries to use the role.

## Example
```yaml
Resources:
  Alice:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: assume-deploy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: !GetAtt Deploy.Arn
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
```

## Use instead
```yaml
Resources:
  Alice:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: assume-deploy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: !GetAtt Deploy.Arn
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
          - Effect: Allow
            Principal: { AWS: !GetAtt Alice.Arn }
            Action: sts:AssumeRole
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
)md";

// Who calls AssumeRole: the entity that owns (or is attached to) the granting policy.
struct Caller {
  const model::Origin* origin;
  model::EntityKind kind;  // User, Group or Role
  std::string_view name;     // its known name, or empty (views of the model)
  std::string_view account;  // the account its file deploys to (configuration), or empty
  FileId unit;             // its template or module: where its references resolve
};

// Whether an ARN (or account id) is in the caller's account, when both accounts are known.
Tri in_callers_account(const model::Template& arn, const Caller& caller) {
  const model::PrincipalAccount account = model::principal_account(arn);
  if (account.kind != model::PrincipalAccount::Kind::Literal || caller.account.empty()) return Tri::Unknown;
  return account.id == caller.account ? Tri::True : Tri::False;
}

std::string_view known_name(const model::Value& name) { return name.known().value_or(""); }

// Resources by (unit, id): a reference resolves within its template or module only. Hashed: a
// large model has thousands of entities, and a tree of them was half of this rule's time.
using Key = std::pair<FileId, std::string_view>;
struct KeyHash {
  std::size_t operator()(const Key& k) const {
    return std::hash<std::string_view>{}(k.second) ^ (static_cast<std::size_t>(k.first) * 0x9E3779B97F4A7C15ULL);
  }
};

// Whether an ARN's text names the caller (Tri): literal user/role ARNs and account roots.
Tri arn_names(const model::Template& arn, const Caller& caller, FileId role_unit) {
  if (!arn.known_prefix().starts_with("arn:")) {
    return in_callers_account(arn, caller);  // an account id, or an unknown value
  }
  // The resource part after the last ':' (IAM user and role names hold no ':'); a hole there
  // (`user/${Name}`) leaves it unknown.
  const std::string suffix = arn.known_suffix();
  const auto colon = suffix.rfind(':');
  if (colon == std::string::npos) return Tri::Unknown;
  const std::string resource = suffix.substr(colon + 1);
  if (resource == "root") {
    // The caller's account: certain only for the template's own account and a caller in the
    // same template or module; a literal account id compared with a template's own account is
    // unknown.
    for (const model::Part& p : arn.parts()) {
      if (p.is_hole() && p.hole().kind == model::HoleKind::OwnAccount && caller.unit == role_unit) {
        return Tri::True;
      }
    }
    return in_callers_account(arn, caller);
  }
  const bool user = resource.starts_with("user/");
  const bool role = resource.starts_with("role/");
  if (!user && !role) return resource.starts_with("assumed-role/") ? Tri::False : Tri::Unknown;
  if (caller.kind == model::EntityKind::Group) return Tri::Unknown;  // a member user may be named
  if ((user && caller.kind != model::EntityKind::User) || (role && caller.kind != model::EntityKind::Role)) {
    return Tri::False;
  }
  if (caller.name.empty()) return Tri::Unknown;
  const std::string name = resource.substr(resource.rfind('/') + 1);
  return name == caller.name ? in_callers_account(arn, caller) : Tri::False;  // same name: the account decides
}

Tri id_names(const model::Value& id, const Caller& caller, FileId role_unit) {
  if (id.is_unknown()) return Tri::Unknown;
  Tri any = Tri::False;
  for (const model::Template& t : id.options()) {
    Tri this_option = Tri::Unknown;
    bool reference = false;
    for (const model::Part& p : t.parts()) {
      if (p.is_hole() && p.hole().kind == model::HoleKind::Resource) {
        reference = true;
        // A reference resolves in the role's template or module.
        this_option = p.hole().target == caller.origin->source_id && caller.unit == role_unit ? Tri::True : Tri::False;
      }
    }
    if (!reference) this_option = t.known() == "*" ? Tri::True : arn_names(t, caller, role_unit);
    any = model::tri_or(any, this_option);
  }
  return any;
}

// Whether the role's trust policy may let the caller in.
Tri trusts(const model::Role& role, FileId role_unit, const Caller& caller) {
  if (!role.trust.present || role.trust.statements_unknown) return Tri::Unknown;
  Tri result = Tri::False;
  for (const model::Statement& s : role.trust.statements) {
    const Tri allow = s.is_allow();
    if (allow == Tri::False || s.not_principal) continue;
    const Tri action = s.covers_action("sts:AssumeRole");
    if (action == Tri::False) continue;
    if (s.principals_unknown) return Tri::Unknown;
    for (const model::Principal& p : s.principals) {
      if (p.type == model::PrincipalType::Star) result = model::tri_or(result, Tri::True);
      if (p.type != model::PrincipalType::AWS) continue;
      if (p.ids.unknown_items) result = model::tri_or(result, Tri::Unknown);
      for (const model::Value& id : p.ids.values) {
        result = model::tri_or(result, model::tri_and(model::tri_and(allow, action), id_names(id, caller, role_unit)));
      }
    }
  }
  return result;
}

void check(const model::Model& model, Reporter& report) {
  auto key = [&](const model::Origin& o, std::string_view id) { return Key{model.unit_of(o.file), id}; };
  std::unordered_map<Key, const model::Role*, KeyHash> roles;
  for (const model::Role& r : model.roles) roles.emplace(key(r.origin, r.origin.source_id), &r);
  auto account_of = [&](const model::Origin& o) -> std::string_view { return model.accounts_of(o.file).deploy_account; };
  std::unordered_map<Key, Caller, KeyHash> entities;  // callers
  for (const model::User& u : model.users) entities.emplace(key(u.origin, u.origin.source_id), Caller{&u.origin, model::EntityKind::User, known_name(u.name), account_of(u.origin), model.unit_of(u.origin.file)});
  for (const model::Group& g : model.groups) entities.emplace(key(g.origin, g.origin.source_id), Caller{&g.origin, model::EntityKind::Group, known_name(g.name), account_of(g.origin), model.unit_of(g.origin.file)});
  for (const model::Role& r : model.roles) entities.emplace(key(r.origin, r.origin.source_id), Caller{&r.origin, model::EntityKind::Role, known_name(r.name), account_of(r.origin), model.unit_of(r.origin.file)});

  // "role/<path><name>" of roles whose path and name are known.
  std::unordered_multimap<std::string, const model::Role*> by_arn_resource;
  for (const model::Role& r : model.roles) {
    const auto name = r.name.known();
    const auto path = r.path.present() ? r.path.known() : std::optional<std::string_view>("/");
    if (name && path) by_arn_resource.emplace(str_cat("role", *path, *name), &r);
  }
  // The role of the model a Resource entry certainly names: a reference to its ARN, an ARN in
  // the template's own account written in the role's own file, or an ARN with a literal account
  // naming a role of a file that deploys to that account.
  auto granted_role = [&](const model::Value& resource, const model::Origin& grant) -> const model::Role* {
    if (resource.options().size() != 1) return nullptr;
    const model::Template& t = resource.options().front();
    bool own_account = false;
    for (const model::Part& p : t.parts()) {
      if (p.is_hole() && p.hole().kind == model::HoleKind::Resource && model::iequals(p.hole().attribute, "arn")) {
        auto it = roles.find(key(grant, p.hole().target));
        return it == roles.end() ? nullptr : it->second;
      }
      own_account = own_account || (p.is_hole() && p.hole().kind == model::HoleKind::OwnAccount);
    }
    const std::string suffix = t.known_suffix();
    const auto colon = suffix.rfind(':');
    if (colon == std::string::npos || has_wildcard(suffix)) return nullptr;
    // A literal account: a role of a file the configuration says deploys to that account.
    const model::PrincipalAccount account = model::principal_account(t);
    const bool literal = account.kind == model::PrincipalAccount::Kind::Literal;
    const model::Role* found = nullptr;
    const auto [first, last] = by_arn_resource.equal_range(suffix.substr(colon + 1));
    for (auto it = first; it != last; ++it) {
      const bool same_unit = own_account && model.unit_of(it->second->origin.file) == model.unit_of(grant.file);
      const bool that_account = literal && account_of(it->second->origin) == account.id;
      if (!same_unit && !that_account) continue;
      if (found) return nullptr;  // two roles of that name in that account: not proven
      found = it->second;
    }
    return found;
  };

  // `where` is the entity defining the policy (the caller itself, or a managed policy).
  auto check_grants = [&](const model::PolicyDocument& doc, const model::Origin& where, const Caller& caller) {
    for (const model::Statement& s : doc.statements) {
      if (s.is_allow() != Tri::True || s.not_resource || s.covers_action("sts:AssumeRole") != Tri::True) continue;
      for (const model::Value& resource : s.resources.values) {
        const model::Role* role = granted_role(resource, where);
        if (!role || trusts(*role, model.unit_of(role->origin.file), caller) != Tri::False) continue;  // unknown: not reported
        const char* kind = caller.kind == model::EntityKind::User    ? "user"
                           : caller.kind == model::EntityKind::Group ? "group"
                                                                     : "role";
        report.report(resource.span(), where,
                      str_cat(kind, " '", caller.origin->source_id, "' is allowed sts:AssumeRole on role '",
                              role->origin.source_id, "', but the role's trust policy trusts neither ",
                              caller.kind == model::EntityKind::Group ? "the group's members" : str_cat("'", caller.origin->source_id, "'"),
                              " nor their account"),
                      {RelatedLocation{role->trust.span, str_cat("trust policy of '", role->origin.source_id, "'")}});
      }
    }
  };
  for (const model::User& u : model.users) {
    for (const model::InlinePolicy& p : u.policies) check_grants(p.document, u.origin, entities.at(key(u.origin, u.origin.source_id)));
  }
  for (const model::Group& g : model.groups) {
    for (const model::InlinePolicy& p : g.policies) check_grants(p.document, g.origin, entities.at(key(g.origin, g.origin.source_id)));
  }
  for (const model::Role& r : model.roles) {
    for (const model::InlinePolicy& p : r.policies) check_grants(p.document, r.origin, entities.at(key(r.origin, r.origin.source_id)));
  }
  // Attached policies: each attachment that references an entity of the model is a caller.
  auto attached = [&](const model::PolicyDocument& doc, const model::Origin& where,
                      std::initializer_list<const model::ValueList*> lists) {
    for (const model::ValueList* list : lists) {
      for (const model::Value& v : list->values) {
        if (v.options().size() != 1) continue;
        for (const model::Part& p : v.options().front().parts()) {
          if (!p.is_hole() || p.hole().kind != model::HoleKind::Resource) continue;
          if (auto it = entities.find(key(where, p.hole().target)); it != entities.end()) check_grants(doc, where, it->second);
        }
      }
    }
  };
  for (const model::ManagedPolicy& m : model.managed_policies) attached(m.document, m.origin, {&m.users, &m.groups, &m.roles});
  for (const model::StandalonePolicy& p : model.policies) attached(p.document, p.origin, {&p.users, &p.groups, &p.roles});
}

}  // namespace

constexpr Rule assume_target_does_not_trust_caller{
    .id = "RL401",
    .name = "assume-target-does-not-trust-caller",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Caller is allowed to assume a role whose trust policy does not trust it",
    .fix = "Add the caller's ARN (or its account) to the role's trust policy, or remove the grant",
    .doc = kDoc,
    .source = "rules/rl401_assume_target_does_not_trust_caller.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
