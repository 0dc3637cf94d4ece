#include "parsers/policy/policy_builder.hpp"

#include <span>
#include <string_view>
#include <utility>

namespace rolelint::policy {
namespace {

using model::PolicyDocument;
using model::Principal;
using model::PrincipalType;
using model::Statement;
using tree::Kind;
using tree::NodeId;
using tree::Tree;

class Builder {
 public:
  Builder(const Tree& tree, Evaluator& eval) : t_(tree), eval_(eval) {}

  PolicyDocument document(NodeId node) {
    PolicyDocument doc;
    doc.present = true;
    doc.span = t_.at(node).span;
    for (NodeId b : eval_.branches(node)) {
      if (eval_.opaque(b)) {
        doc.statements_unknown = true;
        continue;
      }
      if (t_.at(b).kind == Kind::Scalar) {
        NodeId parsed = eval_.parse_embedded_json(b);
        if (parsed == tree::kNoNode) {
          doc.statements_unknown = true;
          continue;
        }
        b = parsed;
      }
      if (t_.at(b).kind != Kind::Map) {
        doc.statements_unknown = true;
        continue;
      }
      if (NodeId v = t_.get(b, "Version"); v != tree::kNoNode) doc.version = eval_.str(v);
      NodeId statements = t_.get(b, "Statement");
      if (statements == tree::kNoNode) continue;
      doc.statement_span = t_.key_span(b, "Statement");
      add_statements(doc, statements);
    }
    return doc;
  }

 private:
  void add_statements(PolicyDocument& doc, NodeId node) {
    for (NodeId b : eval_.branches(node)) {
      if (eval_.opaque(b)) {
        doc.statements_unknown = true;
        continue;
      }
      if (t_.at(b).kind == Kind::Seq) {
        // Statements are large: a vector grown by doubling would leave up to half unused.
        doc.statements.reserve(doc.statements.size() + t_.items(b).size());
        for (NodeId item : t_.items(b)) {
          for (NodeId s : eval_.branches(item)) add_statement(doc, s);
        }
      } else {
        add_statement(doc, b);
      }
    }
  }

  void add_statement(PolicyDocument& doc, NodeId node) {
    const tree::Node& n = t_.at(node);
    if (n.kind != Kind::Map || eval_.opaque(node)) {
      doc.statements_unknown = true;
      return;
    }
    Statement s;
    s.span = n.span;
    const std::span<const NodeId> values = t_.items(node);
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string_view key = t_.key(node, i);
      NodeId v = values[i];
      Span key_span = t_.key_span(node, i);
      if (key == "Sid") {
        s.sid = eval_.str(v);
      } else if (key == "Effect") {
        s.effect = eval_.str(v);
      } else if (key == "Action" || key == "NotAction") {
        s.has_action = true;
        s.not_action = key == "NotAction";
        s.actions = eval_.list(v);
        s.actions.span = key_span;
      } else if (key == "Resource" || key == "NotResource") {
        s.has_resource = true;
        s.not_resource = key == "NotResource";
        s.resources = eval_.list(v);
        s.resources.span = key_span;
      } else if (key == "Principal" || key == "NotPrincipal") {
        s.has_principal = true;
        s.not_principal = key == "NotPrincipal";
        s.principal_span = key_span;
        principals(s, v);
      } else if (key == "Condition") {
        s.has_condition = true;
        s.condition_span = key_span;
        conditions(s, v);
      }
    }
    s.finish();
    doc.statements.push_back(std::move(s));
  }

  static PrincipalType principal_type(std::string_view name) {
    if (name == "AWS") return PrincipalType::AWS;
    if (name == "Service") return PrincipalType::Service;
    if (name == "Federated") return PrincipalType::Federated;
    if (name == "CanonicalUser") return PrincipalType::CanonicalUser;
    return PrincipalType::Other;
  }

  void principals(Statement& s, NodeId node) {
    for (NodeId b : eval_.branches(node)) {
      if (eval_.opaque(b)) {
        s.principals_unknown = true;
        continue;
      }
      const tree::Node& n = t_.at(b);
      if (n.kind == Kind::Scalar) {
        model::Value v = eval_.str(b);
        if (v.known() == "*") {
          Principal p;
          p.type = PrincipalType::Star;
          p.type_name = "*";
          p.type_span = n.span;
          p.ids.values.push_back(std::move(v));
          p.ids.span = n.span;
          s.principals.push_back(std::move(p));
        } else {
          s.principals_unknown = true;
        }
        continue;
      }
      if (n.kind != Kind::Map) {
        s.principals_unknown = true;
        continue;
      }
      const std::span<const NodeId> values = t_.items(b);
      for (std::size_t i = 0; i < values.size(); ++i) {
        Principal p;
        p.type_name = t_.key(b, i);
        p.type = principal_type(p.type_name);
        p.type_span = t_.key_span(b, i);
        p.ids = eval_.list(values[i]);
        p.ids.span = p.type_span;
        s.principals.push_back(std::move(p));
      }
    }
  }

  void conditions(Statement& s, NodeId node) {
    for (NodeId b : eval_.branches(node)) {
      const tree::Node& ops = t_.at(b);
      if (ops.kind != Kind::Map || eval_.opaque(b)) {
        s.conditions_unknown = true;
        continue;
      }
      for (std::size_t i = 0; i < ops.count; ++i) {
        for (NodeId kb : eval_.branches(t_.items(b)[i])) {
          if (t_.at(kb).kind != Kind::Map || eval_.opaque(kb)) {
            s.conditions_unknown = true;
            continue;
          }
          const std::span<const NodeId> values = t_.items(kb);
          for (std::size_t k = 0; k < values.size(); ++k) {
            model::ConditionEntry c;
            c.op = t_.key(b, i);
            c.op_span = t_.key_span(b, i);
            c.key = t_.key(kb, k);
            c.key_span = t_.key_span(kb, k);
            c.values = eval_.list(values[k]);
            c.values.span = c.key_span;
            s.conditions.push_back(std::move(c));
          }
        }
      }
    }
  }

  const Tree& t_;
  Evaluator& eval_;
};

}  // namespace

model::PolicyDocument build_policy(const tree::Tree& tree, tree::NodeId node, Evaluator& eval) {
  return Builder(tree, eval).document(node);
}

}  // namespace rolelint::policy
