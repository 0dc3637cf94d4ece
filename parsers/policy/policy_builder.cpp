#include "parsers/policy/policy_builder.hpp"

#include <algorithm>
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
          if (auto problem = eval_.embedded_json_problem(b))
            doc.problems.push_back(std::move(*problem));
          continue;
        }
        b = parsed;
      }
      if (t_.at(b).kind != Kind::Map) {
        doc.statements_unknown = true;
        if (!eval_.opaque(b)) {
          doc.problems.push_back(
              {t_.at(b).span, str_cat("policy document is ", describe(b), ", not a JSON object")});
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
        doc.problems.push_back({t_.at(b).span, str_cat("Statement is ", describe(b),
                                                       ", not an object or a list of objects")});
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
    NodeId condition_node = tree::kNoNode;
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
        condition_node = v;
      }
    }
    if (condition_node == tree::kNoNode) {
      s.finish();
      doc.statements.push_back(std::move(s));
      return;
    }
    push_variants(doc, s, conditions(condition_node));
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
    if (n.text().size() <= kShown) return str_cat("'", n.text(), "'");
    std::size_t cut = kShown;
    while (cut > 0 && (static_cast<unsigned char>(n.text()[cut]) & 0xC0) == 0x80)
      --cut;  // not inside a character
    return str_cat("'", n.text().substr(0, cut), "...'");
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

  // The conditions of one combination of the branches of the conditionals in a Condition.
  struct Variant {
    std::vector<Choice> when;
    std::vector<model::ConditionEntry> entries;
    bool unknown = false;
    bool present = true;  // false when the whole Condition is absent (AWS::NoValue)
  };
  using Variants = std::vector<Variant>;
  // Past this many combinations the Condition is unknown: few templates nest conditionals in a
  // Condition at all.
  static constexpr std::size_t kMaxVariants = 16;

  // Every variant `then` makes of `v` extended by each alternative of `node`, except those that
  // would take one named condition both ways.
  template <class Then>
  Variants over(const Variant& v, NodeId node, Then&& then) {
    std::vector<Alternative> alts = eval_.alternatives(node);
    if (alts.size() > 1 && std::all_of(alts.begin(), alts.end(),
                                       [](const Alternative& a) { return a.when.empty(); })) {
      // Branches no choice names (a Terraform conditional): one variant with what each has.
      Variant merged = v;
      for (const Alternative& alt : alts) {
        for (Variant& x : then(Variant(v), alt.node)) {
          merged.entries.insert(merged.entries.end(),
                                std::make_move_iterator(x.entries.begin() + v.entries.size()),
                                std::make_move_iterator(x.entries.end()));
          merged.unknown = merged.unknown || x.unknown;
        }
      }
      return {std::move(merged)};
    }
    Variants out;
    for (Alternative& alt : alts) {
      Variant w = v;
      bool consistent = true;
      for (const Choice& c : alt.when) {
        const auto same = std::find_if(w.when.begin(), w.when.end(),
                                       [&](const Choice& x) { return x.condition == c.condition; });
        if (same == w.when.end()) {
          w.when.push_back(c);
        } else if (same->value != c.value) {
          consistent = false;
        }
      }
      if (!consistent) continue;
      for (Variant& x : then(std::move(w), alt.node)) {
        if (out.size() < kMaxVariants)
          out.push_back(std::move(x));
        else
          too_many_ = true;
      }
    }
    return out;
  }

  // Each variant of `vs` through `then`, concatenated.
  template <class Then>
  static Variants flat_map(Variants vs, Then&& then) {
    Variants out;
    for (Variant& v : vs) {
      for (Variant& x : then(std::move(v))) out.push_back(std::move(x));
    }
    return out;
  }

  // Whether `node` is a map the builder can read; otherwise the variant's Condition is unknown.
  bool readable_map(Variant& v, NodeId node) {
    if (t_.at(node).kind == Kind::Map && !eval_.opaque(node)) return true;
    v.unknown = true;
    return false;
  }

  // `v` extended by each alternative of every one of `items` in turn (the product of their
  // branches), each through then(variant, index, alternative).
  template <class Then>
  Variants product(Variant v, std::span<const NodeId> items, Then&& then) {
    Variants vs{std::move(v)};
    for (std::size_t i = 0; i < items.size(); ++i) {
      vs = flat_map(std::move(vs), [&](Variant x) {
        return over(x, items[i],
                    [&](Variant y, NodeId node) { return then(std::move(y), i, node); });
      });
    }
    return vs;
  }

  // A condition operator's map of keys to values.
  Variants condition_keys(Variant v, NodeId ops, std::size_t i, NodeId keys) {
    if (keys == tree::kNoNode || !readable_map(v, keys))
      return {std::move(v)};  // absent in this branch, or unknown
    return product(std::move(v), t_.items(keys),
                   [&](Variant y, std::size_t k, NodeId value) -> Variants {
                     if (value == tree::kNoNode)
                       return {std::move(y)};  // the key is absent in this branch
                     model::ConditionEntry c;
                     c.op = t_.key(ops, i);
                     c.op_span = t_.key_span(ops, i);
                     c.key = t_.key(keys, k);
                     c.key_span = t_.key_span(keys, k);
                     c.values = eval_.list(value);
                     c.values.span = c.key_span;
                     y.entries.push_back(std::move(c));
                     return {std::move(y)};
                   });
  }

  // The whole Condition element: a map of operators.
  Variants condition_ops(Variant v, NodeId ops) {
    if (ops == tree::kNoNode) {
      v.present = false;
      return {std::move(v)};
    }
    if (!readable_map(v, ops)) return {std::move(v)};
    return product(std::move(v), t_.items(ops), [&](Variant y, std::size_t i, NodeId keys) {
      return condition_keys(std::move(y), ops, i, keys);
    });
  }

  // The Condition's variants: one unless a conditional in it is undecided.
  Variants conditions(NodeId node) {
    too_many_ = false;
    Variants vs = over(Variant{}, node,
                       [&](Variant v, NodeId ops) { return condition_ops(std::move(v), ops); });
    if (!too_many_ && !vs.empty()) return vs;
    return unknown_union(std::move(vs));
  }

  // Every entry of the variants, as one Condition not fully known: for too many combinations.
  static Variants unknown_union(Variants vs) {
    Variant all;
    all.unknown = true;
    for (Variant& v : vs) {
      for (model::ConditionEntry& e : v.entries) all.entries.push_back(std::move(e));
    }
    return {std::move(all)};
  }

  // `s` once per variant of its Condition (once, its Condition unknown, when the copies would
  // cost more than the input allows).
  void push_variants(PolicyDocument& doc, Statement& s, Variants variants) {
    if (variants.size() > 1) {
      std::size_t values = 1 + s.actions.values.size() + s.resources.values.size();
      for (const model::Principal& p : s.principals) values += p.ids.values.size();
      if (!eval_.afford_copies(values * (variants.size() - 1)))
        variants = unknown_union(std::move(variants));
    }
    for (std::size_t i = 0; i < variants.size(); ++i) {
      Variant& v = variants[i];
      Statement copy = i + 1 < variants.size() ? s : std::move(s);
      copy.has_condition = v.present;
      copy.conditions = std::move(v.entries);
      copy.conditions_unknown = v.unknown;
      copy.variant = static_cast<std::uint8_t>(i);
      if (variants.size() > 1) copy.when = describe_choices(v.when);
      copy.finish();
      doc.statements.push_back(std::move(copy));
    }
  }

  // "condition 'IsProd' is false and condition 'UseOrg' is true"
  static std::string describe_choices(const std::vector<Choice>& when) {
    std::string out;
    for (const Choice& c : when) {
      if (!out.empty()) out += " and ";
      out += str_cat("condition '", c.condition, "' is ", c.value ? "true" : "false");
    }
    return out.empty() ? std::string("every branch") : out;
  }

  bool too_many_ = false;
  const Tree& t_;
  Evaluator& eval_;
};

}  // namespace

std::vector<Alternative> Evaluator::alternatives(NodeId node) {
  std::vector<Alternative> out;
  for (NodeId b : branches(node)) out.push_back({b, {}});
  if (out.empty()) out.push_back({});
  return out;
}

model::PolicyDocument build_policy(const tree::Tree& tree, tree::NodeId node, Evaluator& eval) {
  return Builder(tree, eval).document(node);
}

}  // namespace rolelint::policy
