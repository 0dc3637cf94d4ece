#include "parsers/cfn/template.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "parsers/cfn/intrinsics.hpp"
#include "parsers/cfn/sam.hpp"
#include "parsers/comment_markers.hpp"
#include "parsers/json/json_reader.hpp"
#include "parsers/policy/policy_builder.hpp"
#include "parsers/yaml/yaml_reader.hpp"

namespace rolelint::cfn {
namespace {

using model::Origin;
using model::Value;
using model::ValueList;
using tree::Kind;
using tree::NodeId;

class Extractor {
 public:
  Extractor(tree::Tree& tree, NodeId root, FileId file, std::string_view text, Syntax syntax,
            model::Model& out, std::vector<ParseError>& errors)
      : t_(tree),
        root_(root),
        file_(file),
        text_(text),
        syntax_(syntax),
        out_(out),
        errors_(errors),
        eval_(tree, root, file, text),
        sam_(read_sam(tree, root)) {}

  // The template's duplicate keys, each with the resource it is in: the last resource whose key
  // starts before it, within Resources (a resource given twice: the first one's too).
  void duplicate_keys(std::span<const tree::Tree::DuplicateKey> duplicates) {
    if (duplicates.empty()) return;
    std::vector<std::pair<std::uint32_t, Origin>> starts;
    Span within;
    const NodeId resources = t_.get(root_, "Resources");
    if (resources != tree::kNoNode && t_.at(resources).kind == Kind::Map) {
      within = t_.at(resources).span;
      const std::span<const NodeId> keys = t_.keys(resources);
      for (std::size_t i = 0; i < keys.size(); ++i) {
        const NodeId type = t_.get(t_.items(resources)[i], "Type");
        const Span key = t_.key_span(resources, i);
        starts.emplace_back(
            key.begin, origin(t_.key(resources, i), key,
                              type == tree::kNoNode ? std::string_view() : t_.at(type).text()));
      }
      for (const tree::Tree::DuplicateKey& d : duplicates) {
        if (std::find(keys.begin(), keys.end(), d.later) == keys.end()) continue;
        const tree::Node& first = t_.at(d.first);
        starts.emplace_back(first.span.begin, origin(first.text(), first.span, {}));
      }
    }
    std::sort(starts.begin(), starts.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    const LineIndex lines(text_);
    for (const tree::Tree::DuplicateKey& d : duplicates) {
      model::DuplicateKey duplicate;
      duplicate.key = t_.at(d.first).text();
      duplicate.first = t_.at(d.first).span;
      duplicate.later = t_.at(d.later).span;
      duplicate.first_line = lines.position(text_, duplicate.first.begin).line;
      const std::uint32_t at = duplicate.later.begin;
      const auto after = std::upper_bound(
          starts.begin(), starts.end(), at,
          [](std::uint32_t offset, const auto& start) { return offset < start.first; });
      if (within.valid() && at >= within.begin && at < within.end && after != starts.begin()) {
        duplicate.origin = std::prev(after)->second;
      } else {
        duplicate.origin = Origin{{}, {}, file_, duplicate.later, {}};
      }
      out_.duplicate_keys.push_back(std::move(duplicate));
    }
  }

  void run() {
    NodeId resources = t_.get(root_, "Resources");
    if (resources == tree::kNoNode) return;
    if (t_.at(resources).kind != Kind::Map) {
      error(t_.key_span(root_, "Resources"),
            "'Resources' must be a mapping of logical ids to resources");
      return;
    }
    // Indexed, not a range: building a policy may parse embedded JSON into the tree, which
    // moves its child arrays.
    const std::size_t count = t_.items(resources).size();
    reserve_roles(resources);
    for (std::size_t i = 0; i < count; ++i) {
      resource(t_.key(resources, i), t_.key_span(resources, i), t_.items(resources)[i]);
    }
    if (eval_.too_large().valid()) out_.too_large.push_back(eval_.too_large());
  }

 private:
  // Roles are the model's largest entities: the vector growing by doubling would hold its old
  // and new storage at once (1.5 times the roles of a large template, the peak of its reading).
  void reserve_roles(NodeId resources) {
    std::size_t roles = 0;
    for (NodeId item : t_.items(resources)) {
      const NodeId type = t_.get(item, "Type");
      if (type != tree::kNoNode && t_.at(type).text() == "AWS::IAM::Role") ++roles;
    }
    const std::size_t needed = out_.roles.size() + roles;  // a later document adds to them
    if (needed > out_.roles.capacity())
      out_.roles.reserve(std::max(needed, 2 * out_.roles.capacity()));
  }

  void error(Span span, std::string message) {
    errors_.push_back(ParseError{span.begin, std::move(message)});
  }

  Origin origin(std::string_view id, Span key_span, std::string_view type) const {
    return Origin{std::string(id), std::string(type), file_, key_span, {}};
  }

  Value prop_str(NodeId props, std::string_view key) {
    NodeId v = t_.get(props, key);
    return v == tree::kNoNode ? Value() : eval_.str(v);
  }

  ValueList prop_list(NodeId props, std::string_view key) {
    NodeId v = t_.get(props, key);
    if (v == tree::kNoNode) return {};
    ValueList l = eval_.list(v);
    l.span = t_.key_span(props, key);
    return l;
  }

  model::PolicyDocument prop_policy(NodeId props, std::string_view key) {
    NodeId v = t_.get(props, key);
    if (v == tree::kNoNode) return {};
    model::PolicyDocument doc = policy::build_policy(t_, v, eval_);
    doc.span = t_.key_span(props, key);
    return doc;
  }

  std::vector<model::InlinePolicy> inline_policies(NodeId props) {
    std::vector<model::InlinePolicy> out;
    NodeId list = t_.get(props, "Policies");
    if (list == tree::kNoNode) return out;
    for (NodeId b : eval_.branches(list)) {
      if (t_.at(b).kind != Kind::Seq) continue;
      // A copy: building a policy may parse embedded JSON into the tree.
      const std::span<const NodeId> in_tree = t_.items(b);
      const std::vector<NodeId> items(in_tree.begin(), in_tree.end());
      for (NodeId item : items) {
        for (NodeId p : eval_.branches(item)) {
          if (t_.at(p).kind != Kind::Map) continue;
          model::InlinePolicy ip;
          ip.span = t_.at(p).span;
          ip.name = prop_str(p, "PolicyName");
          ip.document = prop_policy(p, "PolicyDocument");
          out.push_back(std::move(ip));
        }
      }
    }
    return out;
  }

  // AWS::SSO::PermissionSet: InlinePolicy (an object or JSON text), ManagedPolicies,
  // CustomerManagedPolicyReferences (by name) and PermissionsBoundary.
  model::PermissionSet permission_set(const Origin& o, NodeId props) {
    model::PermissionSet set;
    set.origin = o;
    set.name = prop_str(props, "Name");
    if (t_.get(props, "InlinePolicy") != tree::kNoNode) {
      model::InlinePolicy p;
      p.span = t_.key_span(props, "InlinePolicy");
      p.name = set.name;
      p.document = prop_policy(props, "InlinePolicy");
      set.policies.push_back(std::move(p));
    }
    set.managed_policy_arns = prop_list(props, "ManagedPolicies");
    if (const NodeId refs = t_.get(props, "CustomerManagedPolicyReferences");
        refs != tree::kNoNode) {
      set.customer_managed_policies.span = t_.key_span(props, "CustomerManagedPolicyReferences");
      for (NodeId b : eval_.branches(refs)) {
        if (t_.at(b).kind != Kind::Seq) {
          set.customer_managed_policies.unknown_items = true;
          continue;
        }
        for (NodeId item : t_.items(b)) {
          for (NodeId ref : eval_.branches(item)) {
            if (t_.at(ref).kind == Kind::Map) {
              set.customer_managed_policies.values.push_back(prop_str(ref, "Name"));
            } else {
              set.customer_managed_policies.unknown_items = true;
            }
          }
        }
      }
    }
    const NodeId boundary = t_.get(props, "PermissionsBoundary");
    set.permissions_boundary = prop_str(boundary, "ManagedPolicyArn");
    if (!set.permissions_boundary.present()) {
      set.permissions_boundary =
          prop_str(t_.get(boundary, "CustomerManagedPolicyReference"), "Name");
    }
    return set;
  }

  // `# rolelint: NAME` comments on the resource's line or in the comment lines directly above.
  void comment_markers(Span key_span, std::vector<model::Marker>& markers) const {
    if (syntax_ != Syntax::Yaml) return;
    add_comment_markers(text_, file_, key_span.begin, CommentSyntax::Hash, markers);
  }

  // Metadata: {rolelint: {console-role: true}}
  void metadata_markers(NodeId resource, std::vector<model::Marker>& markers) const {
    NodeId meta = t_.get(t_.get(resource, "Metadata"), "rolelint");
    if (meta == tree::kNoNode || t_.at(meta).kind != Kind::Map) return;
    const std::span<const NodeId> values = t_.items(meta);
    for (std::size_t i = 0; i < values.size(); ++i) {
      const tree::Node& v = t_.at(values[i]);
      if (v.kind == Kind::Scalar && (v.text() == "true" || v.text() == "True")) {
        markers.push_back({std::string(t_.key(meta, i)), t_.key_span(meta, i), {}});
      }
    }
  }

  // Metadata: {rolelint: {ignore: [RL201, ...]}} (or a single id)
  void metadata_ignores(NodeId resource, Span resource_span) {
    const NodeId ignore = t_.get(t_.get(t_.get(resource, "Metadata"), "rolelint"), "ignore");
    if (ignore == tree::kNoNode) return;
    model::ResourceIgnore r{resource_span, t_.at(ignore).span, {}};
    const tree::Node& n = t_.at(ignore);
    if (n.kind == Kind::Scalar) r.rules.emplace_back(n.text());
    if (n.kind == Kind::Seq) {
      for (NodeId item : t_.items(ignore)) {
        if (t_.at(item).kind == Kind::Scalar) r.rules.emplace_back(t_.at(item).text());
      }
    }
    if (!r.rules.empty()) out_.ignores.push_back(std::move(r));
  }

  void resource(std::string_view id, Span key_span, NodeId node) {
    if (t_.at(node).kind != Kind::Map) return;
    NodeId type_node = t_.get(node, "Type");
    if (type_node == tree::kNoNode || t_.at(type_node).kind != Kind::Scalar) return;
    const std::string_view type = t_.at(type_node).text();
    const bool sam = sam_generates_role(sam_, type);
    if (!type.starts_with("AWS::IAM::") && !sam && type != "AWS::SSO::PermissionSet" &&
        type != "AWS::Organizations::Policy")
      return;
    NodeId props = t_.get(node, "Properties");
    if (props != tree::kNoNode) {
      // `!Ref AWS::NoValue` is no properties; an Fn::If whose condition is decided, its branch.
      const policy::Branches taken = eval_.branches(props);
      if (taken.size() <= 1) props = taken.empty() ? tree::kNoNode : taken.items()[0];
    }
    if (props != tree::kNoNode && t_.at(props).kind != Kind::Map) {
      error(t_.key_span(node, "Properties"),
            str_cat("'Properties' of '", id, "' must be a mapping"));
      return;
    }
    Origin o = origin(id, key_span, type);
    metadata_ignores(node, key_span);
    if (sam) {
      std::optional<model::Role> role = sam_role(t_, eval_, sam_, id, type, key_span, props);
      if (!role) return;
      comment_markers(key_span, role->markers);
      metadata_markers(node, role->markers);
      out_.roles.push_back(std::move(*role));
    } else if (type == "AWS::IAM::Role") {
      model::Role role;
      role.origin = o;
      role.name = prop_str(props, "RoleName");
      role.path = prop_str(props, "Path");
      role.trust = prop_policy(props, "AssumeRolePolicyDocument");
      role.policies = inline_policies(props);
      role.managed_policy_arns = prop_list(props, "ManagedPolicyArns");
      role.permissions_boundary = prop_str(props, "PermissionsBoundary");
      role.max_session_duration = prop_str(props, "MaxSessionDuration");
      comment_markers(key_span, role.markers);
      metadata_markers(node, role.markers);
      out_.roles.push_back(std::move(role));
    } else if (type == "AWS::IAM::User") {
      model::User user;
      user.origin = o;
      user.name = prop_str(props, "UserName");
      user.path = prop_str(props, "Path");
      user.policies = inline_policies(props);
      user.managed_policy_arns = prop_list(props, "ManagedPolicyArns");
      user.groups = prop_list(props, "Groups");
      user.permissions_boundary = prop_str(props, "PermissionsBoundary");
      out_.users.push_back(std::move(user));
    } else if (type == "AWS::IAM::Group") {
      model::Group group;
      group.origin = o;
      group.name = prop_str(props, "GroupName");
      group.path = prop_str(props, "Path");
      group.policies = inline_policies(props);
      group.managed_policy_arns = prop_list(props, "ManagedPolicyArns");
      out_.groups.push_back(std::move(group));
    } else if (type == "AWS::IAM::ManagedPolicy") {
      model::ManagedPolicy mp;
      mp.origin = o;
      mp.name = prop_str(props, "ManagedPolicyName");
      mp.document = prop_policy(props, "PolicyDocument");
      mp.roles = prop_list(props, "Roles");
      mp.users = prop_list(props, "Users");
      mp.groups = prop_list(props, "Groups");
      out_.managed_policies.push_back(std::move(mp));
    } else if (type == "AWS::Organizations::Policy") {
      model::OrganizationPolicy op;
      op.origin = o;
      op.name = prop_str(props, "Name");
      op.type = prop_str(props, "Type");
      op.document = prop_policy(props, "Content");
      op.targets = prop_list(props, "TargetIds");
      out_.organization_policies.push_back(std::move(op));
    } else if (type == "AWS::IAM::Policy" || type == "AWS::IAM::RolePolicy" ||
               type == "AWS::IAM::UserPolicy" || type == "AWS::IAM::GroupPolicy") {
      model::StandalonePolicy p;
      p.origin = o;
      p.name = prop_str(props, "PolicyName");
      p.document = prop_policy(props, "PolicyDocument");
      if (type == "AWS::IAM::Policy") {
        p.roles = prop_list(props, "Roles");
        p.users = prop_list(props, "Users");
        p.groups = prop_list(props, "Groups");
      } else if (type == "AWS::IAM::RolePolicy") {
        p.roles = prop_list(props, "RoleName");
      } else if (type == "AWS::IAM::UserPolicy") {
        p.users = prop_list(props, "UserName");
      } else {
        p.groups = prop_list(props, "GroupName");
      }
      out_.policies.push_back(std::move(p));
    } else if (type == "AWS::SSO::PermissionSet") {
      out_.permission_sets.push_back(permission_set(o, props));
    } else if (type == "AWS::IAM::UserToGroupAddition") {
      model::GroupMembership m;
      m.origin = o;
      m.group = prop_str(props, "GroupName");
      m.users = prop_list(props, "Users");
      out_.memberships.push_back(std::move(m));
    }
  }

  tree::Tree& t_;
  NodeId root_;
  FileId file_;
  std::string_view text_;
  Syntax syntax_;
  model::Model& out_;
  std::vector<ParseError>& errors_;
  Intrinsics eval_;
  SamTemplate sam_;
};

bool is_template_root(const tree::Tree& t, NodeId root) {
  if (root == tree::kNoNode || t.at(root).kind != Kind::Map) return false;
  if (t.get(root, "AWSTemplateFormatVersion") != tree::kNoNode) return true;
  NodeId resources = t.get(root, "Resources");
  if (resources == tree::kNoNode) return false;
  // Other YAML may have a "Resources" key; a template's resources have a Type (or it is not a
  // mapping at all, which is an error worth reporting).
  const tree::Node& r = t.at(resources);
  if (r.kind != Kind::Map) return true;
  for (NodeId item : t.items(resources)) {
    if (t.get(item, "Type") != tree::kNoNode) return true;
  }
  return r.count() == 0;
}

// The documents of a YAML file. JSON is YAML, and a .yaml or .template file may hold a JSON
// template: the JSON reader reads it in a fraction of yaml-cpp's memory (which holds every token
// of a flow mapping that starts a line until its end, as it may be a key: about 25 bytes per
// byte) and time. Anything else, JSON with an error included, is yaml-cpp's to read.
Result<std::vector<NodeId>> read_yaml(std::string_view text, FileId file, tree::Tree& t) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') {
    const tree::Tree::Mark mark = t.mark();
    auto root = json::read(text, file, t);
    if (root.ok()) return std::vector<NodeId>{root.value()};
    t.truncate(mark);
  }
  return yaml::read_all(text, file, t);
}

}  // namespace

bool looks_like_template(std::string_view text) {
  return text.find("AWSTemplateFormatVersion") != std::string_view::npos ||
         text.find("AWS::IAM::") != std::string_view::npos ||
         (text.find("Resources") != std::string_view::npos &&
          text.find("AWS::") != std::string_view::npos);
}

Outcome read_template(std::string_view text, FileId file, Syntax syntax, model::Model& out,
                      LineIndex* index, YamlPieceCache* pieces) {
  Outcome outcome;
  tree::Tree t;
  std::vector<std::uint32_t> line_starts;
  Result<std::vector<NodeId>> roots = std::vector<NodeId>();
  if (syntax == Syntax::Json) {
    auto root = json::read(text, file, t, 0, {}, index ? &line_starts : nullptr);
    if (root.ok())
      roots.value().push_back(root.value());
    else
      roots = root.error();
  } else if (const auto root = pieces ? read_yaml_pieces(text, file, t, *pieces) : std::nullopt) {
    roots.value().push_back(*root);
  } else {
    roots = read_yaml(text, file, t);
  }
  if (index)
    *index = syntax == Syntax::Json && roots.ok()
                 ? LineIndex::of_line_starts(std::move(line_starts))
                 : LineIndex(text);
  if (!roots.ok()) {
    outcome.is_template = looks_like_template(text);
    outcome.errors.push_back(roots.error());
    return outcome;
  }
  // Each document is a template of its own; the duplicate keys of document k are those whose
  // later key is one of its nodes (see yaml::read_all), taken before extraction adds the nodes
  // of policies given as JSON text.
  const std::vector<tree::Tree::DuplicateKey> duplicates(t.duplicates().begin(),
                                                         t.duplicates().end());
  auto next = duplicates.begin();
  for (NodeId root : roots.value()) {
    const auto end =
        std::find_if(next, duplicates.end(),
                     [root](const tree::Tree::DuplicateKey& d) { return d.later > root; });
    Outcome document = extract_template(t, root, text, file, syntax, out, {next, end});
    next = end;
    outcome.is_template = outcome.is_template || document.is_template;
    outcome.errors.insert(outcome.errors.end(), document.errors.begin(), document.errors.end());
  }
  return outcome;
}

Outcome extract_template(tree::Tree& t, tree::NodeId root, std::string_view text, FileId file,
                         Syntax syntax, model::Model& out,
                         std::span<const tree::Tree::DuplicateKey> duplicates) {
  Outcome outcome;
  if (!is_template_root(t, root)) return outcome;
  outcome.is_template = true;
  Extractor extractor(t, root, file, text, syntax, out, outcome.errors);
  extractor.duplicate_keys(duplicates);
  extractor.run();
  return outcome;
}

}  // namespace rolelint::cfn
