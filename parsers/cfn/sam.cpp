#include "parsers/cfn/sam.hpp"

#include <string>
#include <utility>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "linter/catalog/managed_policies.hpp"
#include "parsers/policy/policy_builder.hpp"

namespace rolelint::cfn {
namespace {

using model::HoleKind;
using model::Template;
using model::Value;
using tree::Kind;
using tree::NodeId;

constexpr std::string_view kTransform = "AWS::Serverless-2016-10-31";
constexpr std::string_view kFunction = "AWS::Serverless::Function";
constexpr std::string_view kStateMachine = "AWS::Serverless::StateMachine";

bool names_transform(const tree::Tree& t, NodeId node) {
  if (node == tree::kNoNode) return false;
  const tree::Node& n = t.at(node);
  if (n.kind == Kind::Scalar) return n.text() == kTransform;
  if (n.kind != Kind::Seq) return false;
  for (NodeId item : t.items(node)) {
    if (t.at(item).kind == Kind::Scalar && t.at(item).text() == kTransform) return true;
  }
  return false;
}

NodeId mapping(const tree::Tree& t, NodeId node) {
  return node != tree::kNoNode && t.at(node).kind == Kind::Map ? node : tree::kNoNode;
}

// `arn:${AWS::Partition}:iam::aws:policy/<path><name>`: the AWS managed policy SAM attaches for a
// policy given by name. SAM looks the name up among the AWS managed policies, so the ARN has the
// policy's own path (`service-role/`); a name that is none of them keeps the root path, and
// RL210 says it does not exist.
Value aws_managed_policy(std::string_view name, Span span) {
  Template arn(std::string("arn:"));
  arn.append_hole({HoleKind::Partition, "AWS::Partition", {}});
  const catalog::AwsManagedPolicy* known = catalog::find_aws_managed_policy(name);
  const std::string_view path =
      known ? known->path.substr(1) : std::string_view();  // no leading '/'
  arn.append_literal(str_cat(":iam::aws:policy/", path, known ? known->name : name));
  return Value::of_template(std::move(arn), span);
}

// The trust policy SAM writes for a role it generates: the service may assume it.
model::PolicyDocument service_trust(std::string_view service, Span span) {
  model::Statement s;
  s.span = span;
  s.effect = Value::known("Allow", span);
  s.has_action = true;
  s.actions.span = span;
  s.actions.values.push_back(Value::known("sts:AssumeRole", span));
  s.has_principal = true;
  s.principal_span = span;
  model::Principal p;
  p.type = model::PrincipalType::Service;
  p.type_name = "Service";
  p.type_span = span;
  p.ids.span = span;
  p.ids.values.push_back(Value::known(std::string(service), span));
  s.principals.push_back(std::move(p));
  s.finish();
  model::PolicyDocument doc;
  doc.present = true;
  doc.span = span;
  doc.version = Value::known("2012-10-17", span);
  doc.statement_span = span;
  doc.statements.push_back(std::move(s));
  return doc;
}

class RoleBuilder {
 public:
  RoleBuilder(tree::Tree& t, Intrinsics& eval, NodeId props, NodeId globals)
      : t_(t), eval_(eval), props_(props), globals_(globals) {}

  // A property of the resource, else of Globals: the mapping it is in and its value.
  std::pair<NodeId, NodeId> property(std::string_view key) const {
    if (const NodeId v = t_.get(props_, key); v != tree::kNoNode) return {props_, v};
    if (const NodeId v = t_.get(globals_, key); v != tree::kNoNode) return {globals_, v};
    return {tree::kNoNode, tree::kNoNode};
  }

  Value str(std::string_view key) {
    const NodeId v = property(key).second;
    return v == tree::kNoNode ? Value() : eval_.str(v);
  }

  model::PolicyDocument policy(std::string_view key) {
    const auto [in, v] = property(key);
    if (v == tree::kNoNode) return {};
    model::PolicyDocument doc = policy::build_policy(t_, v, eval_);
    doc.span = t_.key_span(in, key);
    return doc;
  }

  // Policies, in each of its forms, into the role (the resource's own: SAM takes none from
  // Globals).
  void policies(model::Role& role) {
    const NodeId list = t_.get(props_, "Policies");
    if (list == tree::kNoNode) return;
    for (NodeId b : eval_.branches(list)) {
      if (t_.at(b).kind != Kind::Seq) {
        entry(b, role);
        continue;
      }
      // A copy: building a policy may parse embedded JSON into the tree.
      const std::span<const NodeId> in_tree = t_.items(b);
      const std::vector<NodeId> items(in_tree.begin(), in_tree.end());
      for (NodeId item : items) {
        for (NodeId p : eval_.branches(item)) entry(p, role);
      }
    }
  }

 private:
  void entry(NodeId node, model::Role& role) {
    const tree::Node& n = t_.at(node);
    Intrinsic fn;
    if (n.kind == Kind::Scalar || eval_.intrinsic(node, fn)) {
      managed(node, role);
    } else if (n.kind == Kind::Map && t_.get(node, "Statement") != tree::kNoNode) {
      model::InlinePolicy p;
      p.span = n.span;
      p.name = Value::known(str_cat(role.origin.source_id, "Policy", ++count_), n.span);
      p.document = policy::build_policy(t_, node, eval_);
      role.policies.push_back(std::move(p));
    } else if (n.kind == Kind::Map && n.count() == 1) {
      // A SAM policy template: known by name; its statements are SAM's, not in the template.
      model::InlinePolicy p;
      p.span = n.span;
      p.name = Value::known(std::string(t_.key(node, 0)), t_.key_span(node, 0));
      p.document.present = true;
      p.document.span = t_.key_span(node, 0);
      p.document.statements_unknown = true;
      role.policies.push_back(std::move(p));
      ++count_;
    } else {
      role.managed_policy_arns.unknown_items = true;  // unknown: what SAM makes of it is not known
    }
  }

  // A managed policy: an ARN (or a reference) as it is, a name as the AWS managed policy of
  // that name.
  void managed(NodeId node, model::Role& role) {
    Value v = eval_.str(node);
    const auto text = v.known();
    if (text && !text->starts_with("arn:")) v = aws_managed_policy(*text, v.span());
    role.managed_policy_arns.values.push_back(std::move(v));
  }

  tree::Tree& t_;
  Intrinsics& eval_;
  NodeId props_;
  NodeId globals_;
  int count_ = -1;  // SAM numbers the policies it writes from 0
};

}  // namespace

SamTemplate read_sam(const tree::Tree& t, NodeId root) {
  SamTemplate sam;
  sam.transform = names_transform(t, t.get(root, "Transform"));
  if (!sam.transform) return sam;
  const NodeId globals = mapping(t, t.get(root, "Globals"));
  sam.function_globals = mapping(t, t.get(globals, "Function"));
  sam.state_machine_globals = mapping(t, t.get(globals, "StateMachine"));
  return sam;
}

bool sam_generates_role(const SamTemplate& sam, std::string_view type) {
  return sam.transform && (type == kFunction || type == kStateMachine);
}

std::optional<model::Role> sam_role(tree::Tree& t, Intrinsics& eval, const SamTemplate& sam,
                                    std::string_view id, std::string_view type, Span key_span,
                                    NodeId props) {
  if (t.get(props, "Role") != tree::kNoNode) return std::nullopt;  // SAM then ignores Policies
  const bool function = type == kFunction;
  RoleBuilder b(t, eval, props, function ? sam.function_globals : sam.state_machine_globals);
  model::Role role;
  role.origin = model::Origin{str_cat(id, "Role"), std::string(type), key_span.file, key_span,
                              str_cat(function ? "function '" : "state machine '", id, "'")};
  role.path = b.str("RolePath");
  role.permissions_boundary = b.str("PermissionsBoundary");
  role.trust = function ? b.policy("AssumeRolePolicyDocument") : model::PolicyDocument();
  if (!role.trust.present) {
    role.trust =
        service_trust(function ? "lambda.amazonaws.com" : "states.amazonaws.com", key_span);
  }
  // SAM attaches the basic execution policy (CloudWatch Logs) to every function's role.
  if (function)
    role.managed_policy_arns.values.push_back(
        aws_managed_policy("AWSLambdaBasicExecutionRole", key_span));
  b.policies(role);
  return role;
}

}  // namespace rolelint::cfn
