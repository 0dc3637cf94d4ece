#include "parsers/cfn/template.hpp"

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "parsers/cfn/intrinsics.hpp"
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
      : t_(tree), root_(root), file_(file), text_(text), syntax_(syntax), out_(out),
        errors_(errors), eval_(tree, root, file, text) {}

  void run() {
    NodeId resources = t_.get(root_, "Resources");
    if (resources == tree::kNoNode) return;
    if (t_.at(resources).kind != Kind::Map) {
      error(t_.key_span(root_, "Resources"), "'Resources' must be a mapping of logical ids to resources");
      return;
    }
    // Indexed, not a range: building a policy may parse embedded JSON into the tree, which
    // moves its child arrays.
    const std::size_t count = t_.items(resources).size();
    for (std::size_t i = 0; i < count; ++i) {
      resource(t_.key(resources, i), t_.key_span(resources, i), t_.items(resources)[i]);
    }
    if (eval_.too_large().valid()) out_.too_large.push_back(eval_.too_large());
  }

 private:
  void error(Span span, std::string message) { errors_.push_back(ParseError{span.begin, std::move(message)}); }

  Origin origin(std::string_view id, Span key_span, std::string_view type) const {
    return Origin{std::string(id), std::string(type), file_, key_span};
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

  // `# rolelint: NAME` comments on the resource's line or in the comment lines directly above.
  void comment_markers(Span key_span, std::vector<model::Marker>& markers) const {
    if (syntax_ != Syntax::Yaml) return;
    std::size_t line_begin = text_.rfind('\n', key_span.begin == 0 ? 0 : key_span.begin - 1);
    line_begin = line_begin == std::string_view::npos ? 0 : line_begin + 1;
    // The resource line itself.
    std::size_t line_end = text_.find('\n', key_span.begin);
    scan_marker_line(text_.substr(line_begin, line_end == std::string_view::npos ? std::string_view::npos : line_end - line_begin), line_begin, markers);
    // Comment-only lines above.
    while (line_begin > 0) {
      std::size_t prev_end = line_begin - 1;
      std::size_t prev_begin = text_.rfind('\n', prev_end == 0 ? 0 : prev_end - 1);
      prev_begin = (prev_begin == std::string_view::npos || prev_end == 0) ? 0 : prev_begin + 1;
      std::string_view line = text_.substr(prev_begin, prev_end - prev_begin);
      std::size_t first = line.find_first_not_of(" \t\r");
      if (first == std::string_view::npos || line[first] != '#') break;
      scan_marker_line(line, prev_begin, markers);
      line_begin = prev_begin;
    }
  }

  void scan_marker_line(std::string_view line, std::size_t offset, std::vector<model::Marker>& markers) const {
    std::size_t hash = line.find('#');
    while (hash != std::string_view::npos) {
      std::string_view rest = line.substr(hash + 1);
      std::size_t s = rest.find_first_not_of(" \t");
      if (s != std::string_view::npos && rest.substr(s).starts_with("rolelint:")) {
        std::string_view body = rest.substr(s + 9);
        std::size_t b = body.find_first_not_of(" \t");
        if (b != std::string_view::npos) {
          body = body.substr(b);
          std::size_t e = body.find_first_of(" \t\r[");
          std::string name(body.substr(0, e));
          auto begin = static_cast<std::uint32_t>(offset + hash);
          markers.push_back({name, Span{file_, begin, static_cast<std::uint32_t>(offset + line.size())}, {}});
        }
        return;
      }
      hash = line.find('#', hash + 1);
    }
  }

  // Metadata: {rolelint: {console-role: true}}
  void metadata_markers(NodeId resource, std::vector<model::Marker>& markers) const {
    NodeId meta = t_.get(t_.get(resource, "Metadata"), "rolelint");
    if (meta == tree::kNoNode || t_.at(meta).kind != Kind::Map) return;
    const std::span<const NodeId> values = t_.items(meta);
    for (std::size_t i = 0; i < values.size(); ++i) {
      const tree::Node& v = t_.at(values[i]);
      if (v.kind == Kind::Scalar && (v.text == "true" || v.text == "True")) {
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
    if (n.kind == Kind::Scalar) r.rules.emplace_back(n.text);
    if (n.kind == Kind::Seq) {
      for (NodeId item : t_.items(ignore)) {
        if (t_.at(item).kind == Kind::Scalar) r.rules.emplace_back(t_.at(item).text);
      }
    }
    if (!r.rules.empty()) out_.ignores.push_back(std::move(r));
  }

  void resource(std::string_view id, Span key_span, NodeId node) {
    if (t_.at(node).kind != Kind::Map) return;
    NodeId type_node = t_.get(node, "Type");
    if (type_node == tree::kNoNode || t_.at(type_node).kind != Kind::Scalar) return;
    const std::string_view type = t_.at(type_node).text;
    if (!type.starts_with("AWS::IAM::")) return;
    NodeId props = t_.get(node, "Properties");
    if (props != tree::kNoNode && t_.at(props).kind != Kind::Map) {
      error(t_.key_span(node, "Properties"), str_cat("'Properties' of '", id, "' must be a mapping"));
      return;
    }
    Origin o = origin(id, key_span, type);
    metadata_ignores(node, key_span);
    if (type == "AWS::IAM::Role") {
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
  return r.count == 0;
}

}  // namespace

bool looks_like_template(std::string_view text) {
  return text.find("AWSTemplateFormatVersion") != std::string_view::npos ||
         text.find("AWS::IAM::") != std::string_view::npos ||
         (text.find("Resources") != std::string_view::npos &&
          text.find("AWS::") != std::string_view::npos);
}

Outcome read_template(std::string_view text, FileId file, Syntax syntax, model::Model& out,
                      LineIndex* index) {
  Outcome outcome;
  tree::Tree t;
  std::vector<std::uint32_t> line_starts;
  auto root = syntax == Syntax::Json ? json::read(text, file, t, 0, {}, index ? &line_starts : nullptr)
                                     : yaml::read(text, file, t);
  if (index) *index = syntax == Syntax::Json && root.ok() ? LineIndex::of_line_starts(std::move(line_starts)) : LineIndex(text);
  if (!root.ok()) {
    outcome.is_template = looks_like_template(text);
    outcome.errors.push_back(root.error());
    return outcome;
  }
  return extract_template(t, root.value(), text, file, syntax, out);
}

Outcome extract_template(tree::Tree& t, tree::NodeId root, std::string_view text, FileId file,
                         Syntax syntax, model::Model& out) {
  Outcome outcome;
  if (!is_template_root(t, root)) return outcome;
  outcome.is_template = true;
  Extractor(t, root, file, text, syntax, out, outcome.errors).run();
  return outcome;
}

}  // namespace rolelint::cfn
