#include "parsers/policy/policy_builder.hpp"

#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "linter/base/str_cat.hpp"

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
          if (auto problem = eval_.embedded_json_problem(b)) doc.problems.push_back(std::move(*problem));
          continue;
        }
        b = parsed;
      }
      if (t_.at(b).kind != Kind::Map) {
        doc.statements_unknown = true;
        if (!eval_.opaque(b)) {
          doc.problems.push_back({t_.at(b).span, str_cat("policy document is ", describe(b), ", not a JSON object")});
        }
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
      const Kind kind = t_.at(b).kind;
      if (kind == Kind::Seq) {
        // Statements are large: a vector grown by doubling would leave up to half unused.
        doc.statements.reserve(doc.statements.size() + t_.items(b).size());
        for (NodeId item : t_.items(b)) {
          for (NodeId s : eval_.branches(item)) add_statement(doc, s, "a statement of the list");
        }
      } else if (kind == Kind::Map) {
        add_statement(doc, b, {});
      } else {
        doc.statements_unknown = true;
        doc.problems.push_back({t_.at(b).span, str_cat("Statement is ", describe(b), ", not an object or a list of objects")});
      }
    }
  }

  // `what` names a statement that is not an object in a problem (a list's element).
  void add_statement(PolicyDocument& doc, NodeId node, std::string_view what) {
    const tree::Node& n = t_.at(node);
    if (n.kind != Kind::Map || eval_.opaque(node)) {
      doc.statements_unknown = true;
      if (n.kind != Kind::Map && !eval_.opaque(node)) {
        doc.problems.push_back({n.span, str_cat(what, " is ", describe(node), ", not an object")});
      }
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
        if (s.has_action && s.not_action != (key == "NotAction")) s.both_actions = key_span;
        s.has_action = true;
        s.not_action = key == "NotAction";
        s.actions = eval_.list(v);
        s.actions.span = key_span;
      } else if (key == "Resource" || key == "NotResource") {
        if (s.has_resource && s.not_resource != (key == "NotResource")) s.both_resources = key_span;
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

  // What a node that is not what IAM wants is: "a list", "null", or a scalar's value in quotes
  // (a YAML or Terraform scalar may be a number or a string: the value says which).
  std::string describe(NodeId node) const {
    const tree::Node& n = t_.at(node);
    switch (n.kind) {
      case Kind::Null:
        return "null";
      case Kind::Seq:
        return "a list";
      case Kind::Map:
        return "an object";
      case Kind::Scalar:
        break;
    }
    constexpr std::size_t kShown = 40;
    if (n.text.size() <= kShown) return str_cat("'", n.text, "'");
    std::size_t cut = kShown;
    while (cut > 0 && (static_cast<unsigned char>(n.text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    return str_cat("'", n.text.substr(0, cut), "...'");
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
