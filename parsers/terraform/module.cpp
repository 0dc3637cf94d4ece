#include "parsers/terraform/module.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <utility>

#include "linter/base/str_cat.hpp"
#include "linter/base/text.hpp"
#include "linter/catalog/partitions.hpp"
#include "linter/model/arn.hpp"
#include "linter/model/queries.hpp"
#include "parsers/comment_markers.hpp"

namespace rolelint::tf {
namespace {

using model::Origin;
using model::Value;
using model::ValueList;

class Extractor {
 public:
  Extractor(Evaluator& eval, model::Model& out) : eval_(eval), out_(out) {}

  static Origin origin_of(const File& file, const Block& b, std::string_view instance = {}) {
    Origin o;
    o.source_id = str_cat(b.labels[0], ".", b.labels[1], instance);
    o.source_type = b.labels[0];
    o.file = file.id;
    o.span = b.header_span;
    return o;
  }

  // One entity per instance of a resource with a known for_each or count, else one.
  void block(const File& file, std::string_view text, const Block& b) {
    if ((b.type != "resource" && b.type != "data") || b.labels.size() != 2) return;
    const std::string& type = b.labels[0];
    if (b.type == "data" && type == "aws_iam_policy_document") {
      document(file, b);
      return;
    }
    if (b.type == "resource" && type.starts_with("aws_ssoadmin_")) {
      identity_center(file, b);
      return;
    }
    // Organisation policies and their attachments (RL405) as well; never expanded (count,
    // for_each): one instance each.
    if (b.type != "resource" ||
        !(type.starts_with("aws_iam_") || type.starts_with("aws_organizations_policy")))
      return;
    const std::vector<Instance>* instances =
        eval_.instances(str_cat(b.labels[0], ".", b.labels[1]));
    if (!instances) {
      instance(file, text, b, {});
      return;
    }
    for (const Instance& in : *instances) {
      eval_.bind(&in);
      instance(file, text, b, in.key);
    }
    eval_.bind(nullptr);
  }

  // Attachments and user group memberships refer to entities anywhere in the module: they are
  // read with their blocks (so that the syntax can be freed early) and resolved once every
  // entity is known. Neither changes what the other resolves to.
  void finish() {
    for (const Attachment& a : attachments_) attach(a.origin, a.policy_arn, a.kind, a.who);
    for (Membership& m : memberships_) membership(m);
    for (const ExclusiveNames& e : exclusive_names_) exclusive_policies(e);
    for (SetPart& p : set_parts_) attach_to_set(p);
    for (auto& [policy, target] : organization_attachments_) {
      if (model::OrganizationPolicy* op = find(out_.organization_policies, policy))
        op->targets.values.push_back(std::move(target));
    }
    unconsumed_documents();
  }

 private:
  void instance(const File& file, std::string_view text, const Block& b, std::string_view key) {
    const std::string& type = b.labels[0];
    const Body& body = file.body(b);
    const Origin o = origin_of(file, b, key);
    if (type == "aws_iam_role") {
      model::Role role;
      role.origin = o;
      role.name = str(file, body, "name");
      role.name_prefix = str(file, body, "name_prefix");
      role.path = str(file, body, "path");
      role.trust = policy(file, body, "assume_role_policy");
      for (const Block& ip : body.blocks) {
        if (ip.type == "dynamic" && !ip.labels.empty() && ip.labels[0] == "inline_policy") {
          // Partly unknown: policies we cannot see.
          model::InlinePolicy p;
          p.span = ip.span;
          p.document.present = true;
          p.document.span = ip.header_span;
          p.document.statements_unknown = true;
          role.policies.push_back(std::move(p));
        }
        if (ip.type != "inline_policy") continue;
        const Body& ib = file.body(ip);
        model::InlinePolicy p;
        p.span = ip.span;
        p.name = str(file, ib, "name");
        p.document = policy(file, ib, "policy");
        if (p.document.present || p.name.present()) role.policies.push_back(std::move(p));
      }
      role.managed_policy_arns = list(file, body, "managed_policy_arns");
      role.permissions_boundary = str(file, body, "permissions_boundary");
      role.max_session_duration = str(file, body, "max_session_duration");
      Dyn tags = eval_.attr(file, body, "tags");
      for (std::size_t i = 0; i < tags.keys.size(); ++i) {
        role.tags.push_back(
            {Value::known(tags.keys[i], tags.key_spans[i]), Evaluator::to_value(tags.items[i])});
      }
      add_comment_markers(text, file.id, b.span.begin, CommentSyntax::HashAndC, role.markers);
      out_.roles.push_back(std::move(role));
    } else if (type == "aws_iam_user") {
      model::User user;
      user.origin = o;
      user.name = str(file, body, "name");
      user.path = str(file, body, "path");
      user.permissions_boundary = str(file, body, "permissions_boundary");
      out_.users.push_back(std::move(user));
    } else if (type == "aws_iam_group") {
      model::Group group;
      group.origin = o;
      group.name = str(file, body, "name");
      group.path = str(file, body, "path");
      out_.groups.push_back(std::move(group));
    } else if (type == "aws_iam_policy") {
      model::ManagedPolicy mp;
      mp.origin = o;
      mp.name = str(file, body, "name");
      mp.document = policy(file, body, "policy");
      out_.managed_policies.push_back(std::move(mp));
    } else if (type == "aws_iam_role_policy" || type == "aws_iam_user_policy" ||
               type == "aws_iam_group_policy") {
      model::StandalonePolicy p;
      p.origin = o;
      p.name = str(file, body, "name");
      p.document = policy(file, body, "policy");
      if (type == "aws_iam_role_policy") p.roles = list(file, body, "role");
      if (type == "aws_iam_user_policy") p.users = list(file, body, "user");
      if (type == "aws_iam_group_policy") p.groups = list(file, body, "group");
      out_.policies.push_back(std::move(p));
    } else if (type == "aws_iam_group_membership") {
      model::GroupMembership m;
      m.origin = o;
      m.group = str(file, body, "group");
      m.users = list(file, body, "users");
      out_.memberships.push_back(std::move(m));
    } else if (type == "aws_iam_user_group_membership") {
      memberships_.push_back({o, str(file, body, "user"), list(file, body, "groups")});
    } else if (type == "aws_organizations_policy") {
      model::OrganizationPolicy op;
      op.origin = o;
      op.name = str(file, body, "name");
      op.type = str(file, body, "type");
      if (!op.type.present()) op.type = Value::known("SERVICE_CONTROL_POLICY", b.header_span);
      op.document = policy(file, body, "content");
      out_.organization_policies.push_back(std::move(op));
    } else if (type == "aws_organizations_policy_attachment") {
      organization_attachments_.emplace_back(str(file, body, "policy_id"),
                                             str(file, body, "target_id"));
    } else if (type.ends_with("_policy_attachment")) {
      attachments(file, b, o);
    } else if (type.ends_with("_policy_attachments_exclusive") ||
               type.ends_with("_policies_exclusive")) {
      exclusive(file, b, o);
    }
  }

  Value str(const File& file, const Body& body, std::string_view name) {
    const Attribute* a = body.attribute(name);
    if (!a || a->value == kNoExpr) return {};
    return Evaluator::to_value(eval_.eval(file, a->value));
  }
  ValueList list(const File& file, const Body& body, std::string_view name) {
    const Attribute* a = body.attribute(name);
    if (!a || a->value == kNoExpr) return {};
    ValueList l = Evaluator::to_list(eval_.eval(file, a->value));
    l.span = a->name_span;
    return l;
  }
  model::PolicyDocument policy(const File& file, const Body& body, std::string_view name) {
    const Attribute* a = body.attribute(name);
    if (!a || a->value == kNoExpr) return {};
    return eval_.policy(eval_.eval(file, a->value), a->name_span);
  }

  // The module resource a value refers to (`aws_iam_role.x.name` / `.arn` / `.id`), by address.
  static const model::Hole* reference(const Value& v) {
    if (v.options().size() != 1) return nullptr;
    const auto& parts = v.options().front().parts();
    if (parts.size() != 1 || !parts.front().is_hole() ||
        parts.front().hole().kind != model::HoleKind::Resource) {
      return nullptr;
    }
    return &parts.front().hole();
  }

  template <typename Entity>
  static Entity* find(std::vector<Entity>& entities, const Value& v) {
    const model::Hole* h = reference(v);
    for (Entity& e : entities) {
      if (h ? e.origin.source_id == h->target : (v.known() && e.name.known() == v.known()))
        return &e;
    }
    return nullptr;
  }

  void attach(const Origin& o, const Value& policy_arn, std::string_view kind, const Value& who) {
    model::ManagedPolicy* mp = find(out_.managed_policies, policy_arn);
    if (mp) {
      ValueList& to = kind == "role" ? mp->roles : kind == "user" ? mp->users : mp->groups;
      to.values.push_back(who);
      return;
    }
    ValueList* arns = nullptr;
    if (kind == "role") {
      if (model::Role* r = find(out_.roles, who)) arns = &r->managed_policy_arns;
    } else if (kind == "user") {
      if (model::User* u = find(out_.users, who)) arns = &u->managed_policy_arns;
    } else if (model::Group* g = find(out_.groups, who)) {
      arns = &g->managed_policy_arns;
    }
    if (arns) {
      arns->values.push_back(policy_arn);
      return;
    }
    // Neither the policy nor the entity is in the module: kept, so that rules proving that an
    // entity has no such policy know one may be attached to it.
    const auto target = kind == "role"   ? model::EntityKind::Role
                        : kind == "user" ? model::EntityKind::User
                                         : model::EntityKind::Group;
    out_.attachments.push_back({o, policy_arn, target, who});
  }

  // A `data "aws_iam_policy_document"` that nothing refers to is evaluated here, while its block
  // is there; one that is referred to is looked at once the module is extracted, and only when a
  // reference to it was not served by extraction (it goes to a module, an output, ...): one whose
  // references extraction served went into an entity's policy or another document.
  void document(const File& file, const Block& b) {
    Origin o = origin_of(file, b);
    o.source_id = "data." + o.source_id;
    if (eval_.document_referenced(b.labels[1])) {
      referenced_documents_.emplace_back(std::move(o), b.labels[1]);
    } else {
      candidate(std::move(o), eval_.document_named(b.labels[1], b.header_span));
    }
  }

  // A document is kept when no statement has a Principal: it is an identity policy unless it
  // turns out to be a policy of an entity of the module (unconsumed_documents). One with a
  // Principal is a trust policy or a resource policy (a bucket's): never linted on its own.
  void candidate(Origin o, const Dyn& value) {
    model::PolicyDocument doc = eval_.policy(value, o.span);
    if (doc.statements.empty()) return;
    for (const model::Statement& s : doc.statements) {
      if (s.has_principal || s.not_principal || s.principals_unknown) return;
    }
    documents_.push_back({std::move(o), std::move(doc)});
  }

  // The documents no entity of the model uses (they go to a module, an output or a resource of
  // another type), as policies of their own: identity policies, linted as any other. A document
  // is used when an entity's policy holds its first statement.
  void unconsumed_documents() {
    for (auto& [origin, name] : referenced_documents_) {
      if (!eval_.document_pending(name)) continue;
      const Span span = origin.span;
      candidate(std::move(origin), eval_.document_named(name, span));
    }
    if (documents_.empty()) return;
    std::set<std::pair<FileId, std::uint32_t>> used;
    out_.for_each_document([&](const model::PolicyDocument& doc, const Origin&) {
      for (const model::Statement& s : doc.statements) used.emplace(s.span.file, s.span.begin);
    });
    for (auto& [origin, doc] : documents_) {
      const Span first = doc.statements.front().span;
      if (used.count({first.file, first.begin})) continue;
      model::StandalonePolicy p;
      p.origin = std::move(origin);
      p.document = std::move(doc);
      out_.policies.push_back(std::move(p));
    }
  }

  // IAM Identity Center: a permission set, and what the aws_ssoadmin_* resources attach to one
  // (by its `permission_set_arn`, resolved in finish()).
  struct SetPart {
    Origin origin;
    Value set;  // permission_set_arn
    model::PolicyDocument inline_policy;
    Value managed_policy_arn;
    Value customer_policy;  // the name of a customer managed policy
    Value boundary;         // a permissions boundary: ARN or customer policy name
  };

  // The name of a customer_managed_policy_reference block of `body`, or absent.
  Value customer_reference(const File& file, const Body& body) {
    for (const Block& c : body.blocks) {
      if (c.type == "customer_managed_policy_reference") return str(file, file.body(c), "name");
    }
    return {};
  }

  void identity_center(const File& file, const Block& b) {
    const std::string& type = b.labels[0];
    const Body& body = file.body(b);
    const Origin o = origin_of(file, b);
    if (type == "aws_ssoadmin_permission_set") {
      model::PermissionSet set;
      set.origin = o;
      set.name = str(file, body, "name");
      out_.permission_sets.push_back(std::move(set));
      return;
    }
    SetPart part{o, str(file, body, "permission_set_arn"), {}, {}, {}, {}};
    if (type == "aws_ssoadmin_permission_set_inline_policy") {
      part.inline_policy = policy(file, body, "inline_policy");
    } else if (type == "aws_ssoadmin_managed_policy_attachment") {
      part.managed_policy_arn = str(file, body, "managed_policy_arn");
    } else if (type == "aws_ssoadmin_customer_managed_policy_attachment") {
      part.customer_policy = customer_reference(file, body);
    } else if (type == "aws_ssoadmin_permissions_boundary_attachment") {
      for (const Block& pb : body.blocks) {
        if (pb.type != "permissions_boundary") continue;
        const Body& boundary = file.body(pb);
        part.boundary = str(file, boundary, "managed_policy_arn");
        if (!part.boundary.present()) part.boundary = customer_reference(file, boundary);
      }
    } else {
      return;
    }
    set_parts_.push_back(std::move(part));
  }

  void attach_to_set(SetPart& p) {
    model::PermissionSet* set = find(out_.permission_sets, p.set);
    if (!set) {
      // A permission set outside the module: its inline policy is still an identity policy.
      if (!p.inline_policy.present) return;
      model::StandalonePolicy orphan;
      orphan.origin = p.origin;
      orphan.document = std::move(p.inline_policy);
      out_.policies.push_back(std::move(orphan));
      return;
    }
    if (p.inline_policy.present) {
      model::InlinePolicy ip;
      ip.span = p.origin.span;
      ip.name = set->name;
      ip.document = std::move(p.inline_policy);
      set->policies.push_back(std::move(ip));
    }
    if (p.managed_policy_arn.present())
      set->managed_policy_arns.values.push_back(std::move(p.managed_policy_arn));
    if (p.customer_policy.present())
      set->customer_managed_policies.values.push_back(std::move(p.customer_policy));
    if (p.boundary.present()) set->permissions_boundary = std::move(p.boundary);
  }

  // One `policy_arn` attached to one role, user or group.
  struct Attachment {
    Origin origin;
    Value policy_arn;
    std::string_view kind;  // "role", "user" or "group"
    Value who;
  };
  // aws_iam_*_policies_exclusive.
  struct ExclusiveNames {
    Origin origin;
    std::string_view kind;  // "role", "user" or "group"
    Value who;
    std::vector<Value> names;
  };
  // aws_iam_user_group_membership.
  struct Membership {
    Origin origin;
    Value user;
    ValueList groups;
  };

  void attachments(const File& file, const Block& b, const Origin& o) {
    const std::string& type = b.labels[0];
    const Body& body = file.body(b);
    Value arn = str(file, body, "policy_arn");
    for (const char* kind : {"role", "user", "group"}) {
      if (type == str_cat("aws_iam_", kind, "_policy_attachment")) {
        attachments_.push_back({o, arn, kind, str(file, body, kind)});
      }
    }
    if (type == "aws_iam_policy_attachment") {
      for (const char* kind : {"role", "user", "group"}) {
        ValueList who = list(file, body, std::string(kind) + "s");
        if (who.unknown_items) who.values.push_back(Value::unknown(who.span));
        for (Value& w : who.values) attachments_.push_back({o, arn, kind, std::move(w)});
      }
    }
  }

  // aws_iam_{role,user,group}_policy_attachments_exclusive: the managed policies attached to one
  // entity, each an attachment. aws_iam_{role,user,group}_policies_exclusive: the names of the
  // entity's inline policies; one the module does not define for that entity (as an
  // aws_iam_*_policy) is a policy the model does not show (resolved in finish()).
  void exclusive(const File& file, const Block& b, const Origin& o) {
    const std::string& type = b.labels[0];
    const Body& body = file.body(b);
    for (const char* kind : {"role", "user", "group"}) {
      if (type == str_cat("aws_iam_", kind, "_policy_attachments_exclusive")) {
        const Value who = str(file, body, str_cat(kind, "_name"));
        ValueList arns = list(file, body, "policy_arns");
        if (arns.unknown_items) arns.values.push_back(Value::unknown(arns.span));
        for (Value& arn : arns.values) attachments_.push_back({o, std::move(arn), kind, who});
      } else if (type == str_cat("aws_iam_", kind, "_policies_exclusive")) {
        ValueList names = list(file, body, "policy_names");
        if (names.unknown_items) names.values.push_back(Value::unknown(names.span));
        exclusive_names_.push_back(
            {o, kind, str(file, body, str_cat(kind, "_name")), std::move(names.values)});
      }
    }
  }

  // Whether two values certainly name the same entity: one reference, or one known name.
  static bool same_entity(const Value& a, const Value& b) {
    const model::Hole* ra = reference(a);
    const model::Hole* rb = reference(b);
    if (ra || rb) return ra && rb && ra->target == rb->target;
    return a.known() && a.known() == b.known();
  }

  void exclusive_policies(const ExclusiveNames& e) {
    for (const Value& name : e.names) {
      const bool defined = std::any_of(
          out_.policies.begin(), out_.policies.end(), [&](const model::StandalonePolicy& p) {
            const ValueList& to = e.kind == "role"   ? p.roles
                                  : e.kind == "user" ? p.users
                                                     : p.groups;
            return name.known() && p.name.known() == name.known() &&
                   std::any_of(to.values.begin(), to.values.end(),
                               [&](const Value& w) { return same_entity(w, e.who); });
          });
      if (!defined) attach(e.origin, Value::unknown(name.span()), e.kind, e.who);
    }
  }

  void membership(Membership& m) {
    if (model::User* u = find(out_.users, m.user)) {
      u->groups.values.insert(u->groups.values.end(), m.groups.values.begin(),
                              m.groups.values.end());
      u->groups.unknown_items = u->groups.unknown_items || m.groups.unknown_items;
      return;
    }
    // A user outside the module: one membership per group, as aws_iam_group_membership says it.
    if (m.groups.unknown_items) m.groups.values.push_back(Value::unknown(m.groups.span));
    for (Value& group : m.groups.values) {
      model::GroupMembership gm;
      gm.origin = m.origin;
      gm.group = std::move(group);
      gm.users.values.push_back(m.user);
      out_.memberships.push_back(std::move(gm));
    }
  }

  Evaluator& eval_;
  model::Model& out_;
  std::vector<Attachment> attachments_;
  std::vector<Membership> memberships_;
  // aws_organizations_policy_attachment: (policy_id, target_id), resolved in finish().
  std::vector<std::pair<Value, Value>> organization_attachments_;
  std::vector<SetPart> set_parts_;
  std::vector<ExclusiveNames> exclusive_names_;
  std::vector<std::pair<Origin, model::PolicyDocument>> documents_;   // candidates: no Principal
  std::vector<std::pair<Origin, std::string>> referenced_documents_;  // by name, for finish()
};

// Where an `aws` provider block deploys, each empty when it does not say one known value:
//  - its account: the one id of `allowed_account_ids`, or the account of the role it assumes
//    (`assume_role { role_arn }`);
//  - its partition: its `region`'s, as the pinned endpoint data lists it, or the role's (empty
//    when the two disagree).
struct ProviderFacts {
  std::string account, partition;
};

// Each attribute is evaluated once: an evaluated local's memo is dropped after the references
// counted to it, so a second evaluation could find it gone.
ProviderFacts provider_facts(Evaluator& eval, const File& file, const Body& body) {
  std::optional<model::Template> role;  // role_arn, when it has one option
  for (const Block& b : body.blocks) {
    const Attribute* arn = b.type == "assume_role" ? file.body(b).attribute("role_arn") : nullptr;
    if (!arn || arn->value == kNoExpr) continue;
    const Value v = Evaluator::to_value(eval.eval(file, arn->value));
    if (v.options().size() == 1) role = v.options()[0];
    break;
  }
  ProviderFacts out;
  if (const Attribute* ids = body.attribute("allowed_account_ids"); ids && ids->value != kNoExpr) {
    const ValueList list = Evaluator::to_list(eval.eval(file, ids->value));
    if (!list.unknown_items && list.values.size() == 1 && list.values[0].options().size() == 1) {
      const model::PrincipalAccount account = model::principal_account(list.values[0].options()[0]);
      if (account.kind == model::PrincipalAccount::Kind::Literal) out.account = account.id;
    }
  } else if (role) {
    const model::PrincipalAccount account = model::principal_account(*role);
    if (account.kind == model::PrincipalAccount::Kind::Literal) out.account = account.id;
  }
  if (const Attribute* region = body.attribute("region"); region && region->value != kNoExpr) {
    const Value v = Evaluator::to_value(eval.eval(file, region->value));
    const auto text = v.options().size() == 1 ? v.options()[0].known() : std::nullopt;
    if (text) out.partition = catalog::partition_of_region(*text);
  }
  if (role) {
    const std::optional<model::Arn> parsed = model::parse_arn(*role);
    const auto said = parsed ? parsed->partition.known() : std::nullopt;
    if (said && catalog::is_aws_partition(*said)) {
      if (!out.partition.empty() && out.partition != *said) return {out.account, {}};
      out.partition = std::string(*said);
    }
  }
  return out;
}

bool is_aws_provider(const Block& b) {
  return b.type == "provider" && b.labels.size() == 1 && b.labels[0] == "aws";
}

bool has_aws_provider(const File& file) {
  return std::ranges::any_of(file.top().blocks, is_aws_provider);
}

// The source text of a span of `text`, without blanks at either end; empty outside the text.
std::string_view source_of(std::string_view text, Span span) {
  if (span.begin > span.end || span.end > text.size()) return {};
  return trim_blank(text.substr(span.begin, span.end - span.begin));
}

// The provider configuration a resource or data block selects with its `provider`
// meta-argument, as written ("aws.audit"); "aws", the default one, without it.
std::string provider_selected(const File& file, std::string_view text, const Block& b) {
  const Attribute* provider = file.body(b).attribute("provider");
  if (!provider || provider->value == kNoExpr) return "aws";
  return std::string(source_of(text, file.span(provider->value)));
}

// The settings that choose which account an `aws` provider block signs in to, as written:
// profiles, keys, credential files and roles to assume. Two blocks with the same text sign in
// to the same account (`allowed_account_ids` only checks which one that is).
std::string provider_credentials(std::string_view text, const Body& body) {
  std::string out;
  for (const Attribute& a : body.attributes) {
    for (std::string_view name :
         {"access_key", "secret_key", "token", "profile", "shared_credentials_file",
          "shared_credentials_files", "shared_config_files"}) {
      if (a.name == name) out += str_cat(source_of(text, a.span), "\n");
    }
  }
  for (const Block& b : body.blocks) {
    if (b.type == "assume_role" || b.type == "assume_role_with_web_identity")
      out += str_cat(source_of(text, b.span), "\n");
  }
  return out;
}

// Whether the module's entities may be in more than one account: an IAM resource or an
// aws_caller_identity selects a provider configuration the module does not define (its caller
// passes it in), or one whose credentials are not the default provider's.
bool several_accounts(Evaluator& eval, std::span<const ModuleFile> files) {
  std::map<std::string, std::string, std::less<>> credentials;  // "aws", "aws.audit" -> text
  for (const ModuleFile& mf : files) {
    for (const Block& b : mf.file->top().blocks) {
      if (!is_aws_provider(b)) continue;
      const Body& body = mf.file->body(b);
      std::string name = "aws";
      if (const Attribute* alias = body.attribute("alias"); alias && alias->value != kNoExpr) {
        const Value v = Evaluator::to_value(eval.eval(*mf.file, alias->value));
        const auto written = v.options().size() == 1 ? v.options()[0].known() : std::nullopt;
        if (!written) continue;  // not a name a block can select
        name = str_cat("aws.", *written);
      }
      credentials.emplace(std::move(name), provider_credentials(mf.text, body));
    }
  }
  const auto default_provider = credentials.find("aws");
  for (const ModuleFile& mf : files) {
    for (const Block& b : mf.file->top().blocks) {
      if (b.labels.size() != 2) continue;
      const bool iam = b.type == "resource" && b.labels[0].starts_with("aws_iam_");
      const bool identity = b.type == "data" && b.labels[0] == "aws_caller_identity";
      if (!iam && !identity) continue;
      const std::string selected = provider_selected(*mf.file, mf.text, b);
      if (selected == "aws") continue;
      const auto it = credentials.find(selected);
      if (it == credentials.end() || default_provider == credentials.end() ||
          it->second != default_provider->second)
        return true;
    }
  }
  return false;
}

// Where every resource of the module deploys: the account and the partition that all its
// `provider "aws"` blocks (aliases included) agree on, each empty without such blocks (a child
// module deploys wherever its caller's provider does), or when one does not say or they
// disagree. `files`: the module's files, or at least those with an `aws` provider block.
ProviderFacts module_facts(Evaluator& eval, std::span<const File* const> files) {
  std::optional<ProviderFacts> agreed;
  for (const File* file : files) {
    for (const Block& b : file->top().blocks) {
      if (!is_aws_provider(b)) continue;
      const ProviderFacts said = provider_facts(eval, *file, file->body(b));
      if (!agreed) {
        agreed = said;
        continue;
      }
      if (said.account != agreed->account) agreed->account.clear();
      if (said.partition != agreed->partition) agreed->partition.clear();
    }
  }
  return agreed.value_or(ProviderFacts{});
}

// Reserves room for the entities of the module's resource blocks. Grown by doubling instead, the
// vectors of a large module would leave each outgrown buffer behind as a hole in the heap while
// the syntax is freed and the model grows around it.
void reserve_entities(std::span<const ModuleFile> files, model::Model& out) {
  std::size_t roles = 0, users = 0, groups = 0, managed_policies = 0, policies = 0, memberships = 0;
  for (const ModuleFile& mf : files) {
    for (const Block& b : mf.file->top().blocks) {
      if (b.type != "resource" || b.labels.size() != 2) continue;
      const std::string& type = b.labels[0];
      roles += type == "aws_iam_role";
      users += type == "aws_iam_user";
      groups += type == "aws_iam_group";
      managed_policies += type == "aws_iam_policy";
      policies += type == "aws_iam_role_policy" || type == "aws_iam_user_policy" ||
                  type == "aws_iam_group_policy";
      memberships += type == "aws_iam_group_membership";
    }
  }
  out.roles.reserve(out.roles.size() + roles);
  out.users.reserve(out.users.size() + users);
  out.groups.reserve(out.groups.size() + groups);
  out.managed_policies.reserve(out.managed_policies.size() + managed_policies);
  out.policies.reserve(out.policies.size() + policies);
  out.memberships.reserve(out.memberships.size() + memberships);
}

// The address of a `resource` or `data` block ("aws_iam_role.x", "data.aws_iam_policy_document.x"),
// or empty for any other block.
std::string block_address(const Block& b) {
  if (b.labels.size() != 2) return {};
  if (b.type == "resource") return str_cat(b.labels[0], ".", b.labels[1]);
  if (b.type == "data") return str_cat("data.", b.labels[0], ".", b.labels[1]);
  return {};
}

// Every block whose address an earlier block of the module has; `skipped` gets both addresses.
std::vector<DuplicateBlock> find_duplicates(std::span<const ModuleFile> files,
                                            std::set<std::string>& skipped) {
  std::vector<DuplicateBlock> out;
  std::map<std::string, const Block*> first;
  for (const ModuleFile& mf : files) {
    for (const Block& b : mf.file->top().blocks) {
      std::string address = block_address(b);
      if (address.empty()) continue;
      const auto [it, added] = first.emplace(address, &b);
      if (added) continue;
      out.push_back({b.type == "data" ? "data" : "resource", b.labels[0], b.labels[1],
                     it->second->header_span, b.header_span});
      skipped.insert(std::move(address));
    }
  }
  return out;
}

}  // namespace

std::string duplicate_message(const DuplicateBlock& d) {
  return str_cat("duplicate ", d.kind, " \"", d.type, "\" configuration: a ", d.type,
                 d.kind == "data" ? " data source" : " resource", " named \"", d.name,
                 "\" was already declared at ");
}

ModuleOutcome read_module(std::span<const ModuleInput> files, std::string_view dir,
                          const ReadFile& read_file, model::Model& out,
                          const ParseOptions& options) {
  ModuleOutcome outcome;
  // Each file in parts (parse_parts), each freed as soon as extraction is done with it.
  std::unordered_map<const File*, std::unique_ptr<File>>
      parts;  // by address: each released in O(1)
  std::vector<ModuleFile> module_files;
  for (const ModuleInput& in : files) {
    auto r = parse_parts(in.text, in.id, options);
    if (!r.ok()) {
      outcome.errors.emplace_back(in.id, r.error());
      continue;
    }
    for (File& part : r.value()) {
      auto owned = std::make_unique<File>(std::move(part));
      module_files.push_back({owned.get(), in.text});
      parts.emplace(owned.get(), std::move(owned));
    }
  }
  for (const ModuleInput& in : files) out.units[in.id] = files.front().id;
  outcome.duplicates = extract_module(module_files, dir, read_file, out,
                                      [&parts](const File& done) { parts.erase(&done); });
  return outcome;
}

std::vector<DuplicateBlock> extract_module(std::span<const ModuleFile> module_files,
                                           std::string_view dir, const ReadFile& read_file,
                                           model::Model& out, const ReleaseFile& release) {
  std::set<std::string> skipped;
  std::vector<DuplicateBlock> duplicates = find_duplicates(module_files, skipped);
  Evaluator eval(module_files, std::string(dir), read_file, skipped);
  const bool several = several_accounts(eval, module_files);
  if (several) eval.account_ids_unknown();
  Extractor extractor(eval, out);
  reserve_entities(module_files, out);
  std::vector<FileId> ids;
  // The files extracted and not released: those that may still be read by evaluation (a local
  // or document not yet evaluated) or for the module's account (provider blocks, read last).
  std::vector<const File*> kept;
  for (const ModuleFile& mf : module_files) {
    ids.push_back(mf.file->id);
    for (const Block& b : mf.file->top().blocks) {
      if (skipped.empty() || !skipped.contains(block_address(b)))
        extractor.block(*mf.file, mf.text, b);
    }
    kept.push_back(mf.file);
    if (!release) continue;
    std::erase_if(kept, [&](const File* file) {
      if (eval.reads(*file) || has_aws_provider(*file)) return false;
      eval.forget(*file);
      release(*file);
      return true;
    });
  }
  extractor.finish();
  if (several) {
    for (FileId id : ids) out.accounts[id].several_accounts = true;
  } else if (const ProviderFacts facts = module_facts(eval, kept);
             !facts.account.empty() || !facts.partition.empty()) {
    for (FileId id : ids) {
      out.accounts[id].deploy_account = facts.account;
      out.accounts[id].deploy_partition = facts.partition;
    }
  }
  for (const auto& [file, span] : eval.too_large()) out.too_large.push_back(span);
  return duplicates;
}

}  // namespace rolelint::tf
