#include "parsers/cfn/intrinsics.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <utility>

#include "linter/base/str_cat.hpp"
#include "parsers/json/json_reader.hpp"

namespace rolelint::cfn {
namespace {

using model::Hole;
using model::HoleKind;
using model::Template;
using model::Value;
using model::ValueList;
using tree::Kind;
using tree::NodeId;

constexpr unsigned kMaxDepth = model::kMaxEvaluationDepth;
// The evaluation steps of a template: model::kEvaluationBudget, and this many more per node of
// its document, since a template of 200,000 roles takes a few steps for each of its millions of
// nodes (aliases add no nodes: they share the nodes they name).
constexpr std::size_t kEvaluationStepsPerNode = 8;
using model::kMaxAlternatives;
// The policy values the builder may copy for per-branch statements (afford_copies).
constexpr std::size_t kCopyAllowance = 16'384;
constexpr std::size_t kCopiesPerNode = 2;
// The name of a YAML tag that is no intrinsic function: no handler knows it, so its value is
// unknown.
constexpr std::string_view kUnknownTag = "!unknown-tag";

// Canonical names: the YAML tag without "!" maps to "Fn::<tag>", except Ref and Condition.
constexpr std::array<std::string_view, 20> kFunctions = {
    "Ref",        "Condition",  "Fn::Sub",       "Fn::GetAtt",    "Fn::Join",
    "Fn::If",     "Fn::Select", "Fn::Split",     "Fn::FindInMap", "Fn::ImportValue",
    "Fn::Base64", "Fn::GetAZs", "Fn::Cidr",      "Fn::Equals",    "Fn::And",
    "Fn::Or",     "Fn::Not",    "Fn::Transform", "Fn::Length",    "Fn::ToJsonString"};

std::string_view canonical(std::string_view name) {
  for (std::string_view f : kFunctions) {
    if (f == name) return f;
  }
  return {};
}

Value pseudo(std::string_view name, Span span) {
  if (name == "AWS::AccountId")
    return Value::of_template(Template::of_hole({HoleKind::OwnAccount, std::string(name), {}}),
                              span);
  if (name == "AWS::Partition")
    return Value::of_template(Template::of_hole({HoleKind::Partition, std::string(name), {}}),
                              span);
  if (name == "AWS::Region")
    return Value::of_template(Template::of_hole({HoleKind::Region, std::string(name), {}}), span);
  if (name == "AWS::NoValue") return Value();
  return Value::of_template(Template::of_hole({HoleKind::Unknown, std::string(name), {}}), span);
}

}  // namespace

Intrinsics::Intrinsics(tree::Tree& tree, NodeId root, FileId file, std::string_view text)
    : tree_(tree),
      file_(file),
      text_(text),
      budget_(model::kEvaluationBudget + kEvaluationStepsPerNode * tree.size()),
      copy_budget_(kCopyAllowance + kCopiesPerNode * tree.size()) {
  if (NodeId params = tree_.get(root, "Parameters"); params != tree::kNoNode) {
    const std::span<const NodeId> values = tree_.items(params);
    for (std::size_t i = 0; i < tree_.keys(params).size(); ++i) {  // none unless a map
      Parameter param;
      param.node = values[i];
      NodeId type = tree_.get(param.node, "Type");
      if (type != tree::kNoNode && tree_.at(type).kind == Kind::Scalar) {
        std::string_view t = tree_.at(type).text();
        param.is_list = t.starts_with("List<") || t == "CommaDelimitedList" ||
                        (t.starts_with("AWS::SSM::Parameter::Value<List<"));
      }
      parameters_.emplace(tree_.key(params, i), param);
    }
  }
  if (NodeId resources = tree_.get(root, "Resources"); resources != tree::kNoNode) {
    const std::span<const NodeId> values = tree_.items(resources);
    const std::span<const NodeId> keys = tree_.keys(resources);  // none unless a map
    resources_.reserve(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
      NodeId type = tree_.get(values[i], "Type");
      resources_.push_back({keys[i], type != tree::kNoNode && tree_.at(type).kind == Kind::Scalar
                                         ? type
                                         : tree::kNoNode});
    }
    std::stable_sort(resources_.begin(), resources_.end(),
                     [this](const Resource& a, const Resource& b) {
                       return tree_.at(a.key).text() < tree_.at(b.key).text();
                     });
  }
  mappings_ = tree_.get(root, "Mappings");
  conditions_ = tree_.get(root, "Conditions");
}

std::vector<NodeId> Intrinsics::if_branches(NodeId arg, unsigned depth) {
  std::vector<NodeId> args = seq_items(arg);
  if (args.size() != 3) return {};
  const tree::Node& name = tree_.at(args[0]);
  const model::Tri truth =
      name.kind == Kind::Scalar ? named_condition(name.text(), depth) : model::Tri::Unknown;
  if (truth == model::Tri::True) return {args[1]};
  if (truth == model::Tri::False) return {args[2]};
  return {args[1], args[2]};
}

model::Tri Intrinsics::named_condition(std::string_view name, unsigned depth) {
  const NodeId node = conditions_ == tree::kNoNode ? tree::kNoNode : tree_.get(conditions_, name);
  return node == tree::kNoNode ? model::Tri::Unknown : condition(node, depth + 1);
}

// Whether a condition holds for every deployment (True), none (False), or it depends.
model::Tri Intrinsics::condition(NodeId node, unsigned depth) {
  using model::Tri;
  if (depth > kMaxDepth || !step()) return Tri::Unknown;
  const tree::Node& n = tree_.at(node);
  // `{Condition: Name}` is no intrinsic() (a resource's Condition key looks the same).
  if (n.kind == Kind::Map && n.count() == 1 && tree_.key(node, 0) == "Condition") {
    const tree::Node& name = tree_.at(tree_.items(node)[0]);
    return name.kind == Kind::Scalar ? named_condition(name.text(), depth) : Tri::Unknown;
  }
  Intrinsic fn;
  if (!intrinsic(node, fn)) return Tri::Unknown;
  if (fn.name == "Condition") {
    const tree::Node& name = tree_.at(fn.arg);
    return name.kind == Kind::Scalar ? named_condition(name.text(), depth) : Tri::Unknown;
  }
  const std::vector<NodeId> args = seq_items(fn.arg);
  if (fn.name == "Fn::Equals") {
    if (args.size() != 2) return Tri::Unknown;
    const Value a = str_at(args[0], false, depth + 1);
    const Value b = str_at(args[1], false, depth + 1);
    bool any_equal = false, any_different = false;
    for (const Template& x : a.options()) {
      for (const Template& y : b.options()) {
        if (!x.is_known() || !y.is_known()) return Tri::Unknown;
        (x == y ? any_equal : any_different) = true;
      }
    }
    if (any_equal == any_different) return Tri::Unknown;  // both, or no options (unknown)
    return any_equal ? Tri::True : Tri::False;
  }
  if (fn.name == "Fn::Not")
    return args.size() == 1 ? model::tri_not(condition(args[0], depth + 1)) : Tri::Unknown;
  if (fn.name == "Fn::And" || fn.name == "Fn::Or") {
    if (args.empty()) return Tri::Unknown;
    const bool all = fn.name == "Fn::And";
    Tri out = all ? Tri::True : Tri::False;
    for (NodeId a : args) {
      const Tri t = condition(a, depth + 1);
      out = all ? model::tri_and(out, t) : model::tri_or(out, t);
    }
    return out;
  }
  return Tri::Unknown;
}

const Intrinsics::Resource* Intrinsics::find_resource(std::string_view logical_id) const {
  const auto it = std::lower_bound(
      resources_.begin(), resources_.end(), logical_id,
      [this](const Resource& r, std::string_view id) { return tree_.at(r.key).text() < id; });
  return it != resources_.end() && tree_.at(it->key).text() == logical_id ? &*it : nullptr;
}

std::string_view Intrinsics::resource_type(std::string_view logical_id) const {
  const Resource* r = find_resource(logical_id);
  return r && r->type != tree::kNoNode ? tree_.at(r->type).text() : std::string_view();
}

bool Intrinsics::intrinsic(NodeId node, Intrinsic& out) const {
  const tree::Node& n = tree_.at(node);
  if (const std::string_view written = tree_.tag(n); !written.empty() && written[0] == '!') {
    std::string_view tag = written.substr(1);
    std::string_view name;
    if (tag == "Ref" || tag == "Condition") {
      name = canonical(tag);
    } else {
      std::string full = "Fn::" + std::string(tag);
      name = canonical(full);
    }
    // A local tag CloudFormation does not define belongs to a preprocessor (rain's
    // `!Rain::Embed`, ...) or is a mistake: what the value becomes is not known.
    if (name.empty()) name = kUnknownTag;
    out = Intrinsic{name, node, true};
    return true;
  }
  if (n.kind == Kind::Map && n.count() == 1) {
    std::string_view name = canonical(tree_.key(node, 0));
    if (name.empty() || name == "Condition") return false;
    out = Intrinsic{name, tree_.items(node)[0], false};
    return true;
  }
  return false;
}

std::vector<NodeId> Intrinsics::seq_items(NodeId node) const {
  if (tree_.at(node).kind != Kind::Seq) return {};
  const std::span<const NodeId> items = tree_.items(node);
  return {items.begin(), items.end()};
}

policy::Branches Intrinsics::branches(NodeId node) {
  policy::Branches out;
  branches_into(node, out, 0);
  return out;
}

void Intrinsics::branches_into(NodeId node, policy::Branches& out, unsigned depth) {
  Intrinsic fn;
  if (depth < kMaxDepth && intrinsic(node, fn)) {
    if (fn.name == "Fn::If") {
      const std::vector<NodeId> taken = if_branches(fn.arg, depth);
      for (NodeId branch : taken) branches_into(branch, out, depth + 1);
      if (!taken.empty()) return;
    } else if (fn.name == "Ref") {
      const tree::Node& a = tree_.at(fn.arg);
      if (a.kind == Kind::Scalar && a.text() == "AWS::NoValue") return;
    }
  }
  out.push_back(node);
}

std::vector<policy::Alternative> Intrinsics::alternatives(NodeId node) {
  std::vector<policy::Alternative> out;
  std::vector<policy::Choice> when;
  alternatives_into(node, when, out, 0);
  return out;
}

void Intrinsics::alternatives_into(NodeId node, std::vector<policy::Choice>& when,
                                   std::vector<policy::Alternative>& out, unsigned depth) {
  // Past the alternatives cap the caller has too many anyway: a tree of Fn::Ifs over YAML aliases
  // would otherwise list 2^depth of them.
  if (out.size() > kMaxAlternatives) return;
  Intrinsic fn;
  if (depth < kMaxDepth && intrinsic(node, fn)) {
    if (fn.name == "Fn::If") {
      const std::vector<NodeId> taken = if_branches(fn.arg, depth);
      if (taken.size() == 1) return alternatives_into(taken[0], when, out, depth + 1);
      if (taken.size() == 2) {
        const tree::Node& name = tree_.at(seq_items(fn.arg)[0]);
        for (std::size_t i = 0; i < 2; ++i) {
          when.push_back({name.kind == Kind::Scalar ? name.text() : std::string_view("?"), i == 0});
          alternatives_into(taken[i], when, out, depth + 1);
          when.pop_back();
        }
        return;
      }
    } else if (fn.name == "Ref") {
      const tree::Node& a = tree_.at(fn.arg);
      if (a.kind == Kind::Scalar && a.text() == "AWS::NoValue") {
        out.push_back({tree::kNoNode, when});
        return;
      }
    }
  }
  out.push_back({node, when});
}

bool Intrinsics::afford_copies(std::size_t values) {
  if (values > copy_budget_) return false;
  copy_budget_ -= values;
  return true;
}

bool Intrinsics::opaque(NodeId node) {
  Intrinsic fn;
  return intrinsic(node, fn);  // branches() has already resolved Fn::If and AWS::NoValue
}

Value Intrinsics::str(NodeId node) {
  Value v = str_at(node, false, 0);
  note_too_large(v);
  return v;
}

ValueList Intrinsics::list(NodeId node) {
  ValueList l = list_at(node, false, 0);
  for (const Value& v : l.values) note_too_large(v);
  return l;
}

void Intrinsics::note_too_large(const Value& value) {
  if (value.is_too_large() && !too_large_.valid()) too_large_ = value.span();
}

bool Intrinsics::step() {
  if (budget_ == 0) return false;
  --budget_;
  return true;
}

Value Intrinsics::charged(Value built) {
  budget_ -= std::min(budget_, model::evaluation_cost(built));
  return built;
}

Value Intrinsics::ref(std::string_view name, Span span) {
  if (name.starts_with("AWS::")) return pseudo(name, span);
  if (auto p = parameters_.find(name); p != parameters_.end()) {
    if (p->second.is_list) return Value::unknown(span);
    // AllowedValues bound the parameter: each allowed value is a possible deployment.
    NodeId allowed = tree_.get(p->second.node, "AllowedValues");
    if (allowed != tree::kNoNode && tree_.at(allowed).kind == Kind::Seq &&
        !tree_.items(allowed).empty() && tree_.items(allowed).size() <= kMaxAlternatives) {
      std::vector<Value> options;
      for (NodeId item : tree_.items(allowed)) {
        const tree::Node& a = tree_.at(item);
        if (a.kind != Kind::Scalar)
          return Value::of_template(Template::of_hole({HoleKind::Parameter, std::string(name), {}}),
                                    span);
        options.push_back(Value::known(std::string(a.text()), span));
      }
      return Value::alternatives(std::move(options), span);
    }
    // A default can be overridden at deploy time: never certain.
    return Value::of_template(Template::of_hole({HoleKind::Parameter, std::string(name), {}}),
                              span);
  }
  if (find_resource(name)) {
    return Value::of_template(Template::of_hole({HoleKind::Resource, std::string(name), {}}), span);
  }
  return Value::unknown(span);
}

Value Intrinsics::get_att(NodeId arg, bool bare, Span span, unsigned depth) {
  const tree::Node& a = tree_.at(arg);
  std::string resource, attribute;
  if (a.kind == Kind::Scalar) {
    std::string_view text = a.text();
    auto dot = text.find('.');
    if (dot == std::string_view::npos) return Value::unknown(span);
    resource = text.substr(0, dot);
    attribute = text.substr(dot + 1);
  } else if (a.kind == Kind::Seq && a.count() == 2) {
    Value r = str_at(tree_.items(arg)[0], false, depth + 1);
    Value at = str_at(tree_.items(arg)[1], false, depth + 1);
    auto rk = r.known();
    auto ak = at.known();
    if (!rk || !ak) return Value::unknown(span);
    resource = *rk;
    attribute = *ak;
  } else {
    (void)bare;
    return Value::unknown(span);
  }
  if (!find_resource(resource)) return Value::unknown(span);
  return Value::of_template(Template::of_hole({HoleKind::Resource, resource, attribute}), span);
}

Template Intrinsics::sub_variable(std::string_view name,
                                  const std::map<std::string, Value, std::less<>>& vars) {
  Value v;
  if (auto it = vars.find(name); it != vars.end()) {
    v = it->second;
  } else if (auto dot = name.find('.');
             dot != std::string_view::npos && !name.starts_with("AWS::")) {
    std::string resource(name.substr(0, dot));
    if (find_resource(resource)) {
      return Template::of_hole({HoleKind::Resource, resource, std::string(name.substr(dot + 1))});
    }
    return Template::of_hole({HoleKind::Unknown, std::string(name), {}});
  } else {
    v = ref(name, {});
  }
  if (v.is_too_large()) return Template::too_large();
  if (v.options().size() == 1) return v.options().front();
  return Template::of_hole(
      {v.options().empty() ? HoleKind::Unknown : HoleKind::Parameter, std::string(name), {}});
}

Value Intrinsics::sub(NodeId arg, bool bare, Span span, unsigned depth) {
  (void)bare;
  const tree::Node& a = tree_.at(arg);
  std::map<std::string, Value, std::less<>> vars;
  std::string_view format;
  if (a.kind == Kind::Scalar) {
    format = a.text();
  } else if (a.kind == Kind::Seq && a.count() == 2 &&
             tree_.at(tree_.items(arg)[0]).kind == Kind::Scalar) {
    format = tree_.at(tree_.items(arg)[0]).text();
    const NodeId m = tree_.items(arg)[1];
    if (tree_.at(m).kind != Kind::Map) return Value::unknown(span);
    const std::span<const NodeId> values = tree_.items(m);
    for (std::size_t i = 0; i < values.size(); ++i) {
      vars.emplace(tree_.key(m, i), str_at(values[i], false, depth + 1));
    }
  } else {
    return Value::unknown(span);
  }
  for (const auto& [name, value] : vars) {
    if (value.is_too_large()) return value;  // where it went over the cap
  }
  // Alternatives of a variable multiply; keep it simple: a variable with several options
  // becomes a hole (sub_variable), unless it is the only piece.
  Template out;
  std::size_t i = 0;
  while (i < format.size()) {
    auto open = format.find("${", i);
    if (open == std::string_view::npos) {
      out.append_literal(format.substr(i));
      break;
    }
    out.append_literal(format.substr(i, open - i));
    auto close = format.find('}', open);
    if (close == std::string_view::npos) {
      out.append_literal(format.substr(open));
      break;
    }
    std::string_view name = format.substr(open + 2, close - open - 2);
    if (!name.empty() && name[0] == '!') {
      out.append_literal("${");
      out.append_literal(name.substr(1));
      out.append_literal("}");
    } else {
      out.append(sub_variable(name, vars));
    }
    i = close + 1;
  }
  return Value::of_template(std::move(out), span);
}

Value Intrinsics::join(NodeId arg, Span span, unsigned depth) {
  std::vector<NodeId> args = seq_items(arg);
  if (args.size() != 2) return Value::unknown(span);
  Value delimiter = str_at(args[0], false, depth + 1);
  auto d = delimiter.known();
  if (!d && delimiter.present()) return Value::unknown(span);
  return join_items(args[1], d ? *d : std::string_view(), span, depth + 1);
}

// The joined list: a list that is an Fn::If is joined branch by branch, and an item that is
// one is its branches as alternatives, so that each condition joins to its own string.
Value Intrinsics::join_items(NodeId list, std::string_view delimiter, Span span, unsigned depth) {
  if (depth > kMaxDepth) return Value::unknown(span);
  if (!step()) return Value::too_large(span);
  Intrinsic fn;
  const bool is_intrinsic = intrinsic(list, fn);
  if (is_intrinsic && fn.name == "Fn::If") {
    std::vector<Value> options;
    for (NodeId branch : if_branches(fn.arg, depth))
      options.push_back(join_items(branch, delimiter, span, depth + 1));
    if (options.empty()) return Value::unknown(span);
    return Value::alternatives(std::move(options), span);
  }
  std::vector<Value> pieces;
  bool unknown_items = false;
  if (!is_intrinsic && tree_.at(list).kind == Kind::Seq) {
    for (NodeId item : tree_.items(list)) {
      Intrinsic inner;
      if (intrinsic(item, inner) && inner.name == "Fn::If") {
        Value v = str_at(item, false, depth + 1);
        if (v.present()) pieces.push_back(std::move(v));
        continue;
      }
      ValueList values = list_at(item, false, depth + 1);
      for (Value& v : values.values) pieces.push_back(std::move(v));
      unknown_items = unknown_items || values.unknown_items;
    }
  } else {
    ValueList values = list_at(list, false, depth + 1);
    pieces = std::move(values.values);
    unknown_items = values.unknown_items;
  }
  // A list with unknown items joins to an unknown string, unless an item is too large.
  for (const Value& piece : pieces) {
    if (piece.is_too_large()) return piece;
  }
  if (unknown_items) return Value::unknown(span);
  return model::concat(pieces, delimiter, span);
}

Value Intrinsics::select(NodeId arg, Span span, unsigned depth) {
  std::vector<NodeId> args = seq_items(arg);
  if (args.size() != 2) return Value::unknown(span);
  const Value index_value = str_at(args[0], false, depth + 1);
  auto index = index_value.known();
  ValueList items = list_at(args[1], false, depth + 1);
  if (!index || items.unknown_items) return Value::unknown(span);
  std::size_t i = 0;
  for (char c : *index) {
    if (c < '0' || c > '9') return Value::unknown(span);
    i = i * 10 + static_cast<std::size_t>(c - '0');
    if (i > 100000) return Value::unknown(span);
  }
  if (i >= items.values.size()) return Value::unknown(span);
  Value v = items.values[i];
  v.set_span(span);
  return v;
}

Value Intrinsics::find_in_map(NodeId arg, Span span, unsigned depth) {
  std::vector<NodeId> args = seq_items(arg);
  if (args.size() < 3 || mappings_ == tree::kNoNode) return Value::unknown(span);
  const Value map_value = str_at(args[0], false, depth + 1);
  auto map_name = map_value.known();
  if (!map_name) return Value::unknown(span);
  NodeId map = tree_.get(mappings_, *map_name);
  if (map == tree::kNoNode) return Value::unknown(span);
  Value top = str_at(args[1], false, depth + 1);
  Value second = str_at(args[2], false, depth + 1);
  auto second_key = second.known();
  if (!second_key) return Value::unknown(span);
  // A known top-level key selects one entry; an unknown one (e.g. the region) may be any.
  std::vector<NodeId> tops;
  if (auto top_key = top.known()) {
    NodeId entry = tree_.get(map, *top_key);
    if (entry == tree::kNoNode) return Value::unknown(span);
    tops.push_back(entry);
  } else {
    tops.assign(tree_.items(map).begin(), tree_.items(map).end());
  }
  std::vector<Value> options;
  for (NodeId entry : tops) {
    NodeId leaf = tree_.get(entry, *second_key);
    if (leaf == tree::kNoNode) continue;
    Value v = str_at(leaf, false, depth + 1);
    if (v.is_unknown()) return v.is_too_large() ? v : Value::unknown(span);
    options.push_back(std::move(v));
    if (options.size() > kMaxAlternatives) return Value::too_large(span);
  }
  if (options.empty()) return Value::unknown(span);
  return Value::alternatives(std::move(options), span);
}

// Every string a node yields costs its bytes as well as its step.
Value Intrinsics::str_at(NodeId node, bool bare, unsigned depth) {
  return charged(str_node(node, bare, depth));
}

Value Intrinsics::str_node(NodeId node, bool bare, unsigned depth) {
  const tree::Node& n = tree_.at(node);
  Span span = n.span;
  if (depth > kMaxDepth) return Value::unknown(span);
  if (!step()) return Value::too_large(span);
  Intrinsic fn;
  if (!bare && intrinsic(node, fn)) {
    const tree::Node& a = tree_.at(fn.arg);
    if (fn.name == "Ref") {
      if (a.kind != Kind::Scalar) return Value::unknown(span);
      return ref(a.text(), span);
    }
    if (fn.name == "Fn::GetAtt") return get_att(fn.arg, fn.bare, span, depth);
    if (fn.name == "Fn::Sub") return sub(fn.arg, fn.bare, span, depth);
    if (fn.name == "Fn::Join") return join(fn.arg, span, depth);
    if (fn.name == "Fn::Select") return select(fn.arg, span, depth);
    if (fn.name == "Fn::FindInMap") return find_in_map(fn.arg, span, depth);
    if (fn.name == "Fn::If") {
      std::vector<Value> options;
      for (NodeId branch : if_branches(fn.arg, depth))
        options.push_back(str_at(branch, false, depth + 1));
      if (options.empty()) return Value::unknown(span);
      return options.size() == 1 ? std::move(options.front())
                                 : Value::alternatives(std::move(options), span);
    }
    return Value::unknown(span);  // ImportValue, Base64, GetAZs, Cidr, Transform, ...
  }
  switch (n.kind) {
    case Kind::Null:
      return Value();
    case Kind::Scalar:
      return Value::known(std::string(n.text()), span);
    default:
      return Value::unknown(span);
  }
}

ValueList Intrinsics::list_at(NodeId node, bool bare, unsigned depth) {
  ValueList out;
  const tree::Node& n = tree_.at(node);
  out.span = n.span;
  if (depth > kMaxDepth) {
    out.unknown_items = true;
    return out;
  }
  if (!step()) {
    out.values.push_back(Value::too_large(n.span));  // told as too large, then unknown
    out.unknown_items = true;
    return out;
  }
  Intrinsic fn;
  if (!bare && intrinsic(node, fn)) {
    if (fn.name == "Fn::If") {
      const std::vector<NodeId> taken = if_branches(fn.arg, depth);
      if (taken.empty()) {
        out.unknown_items = true;
        return out;
      }
      for (NodeId node_of_branch : taken) {
        ValueList branch = list_at(node_of_branch, false, depth + 1);
        out.unknown_items = out.unknown_items || branch.unknown_items;
        for (Value& v : branch.values) out.values.push_back(std::move(v));
      }
      return out;
    }
    if (fn.name == "Fn::Split") {
      std::vector<NodeId> args = seq_items(fn.arg);
      if (args.size() == 2) {
        const Value delimiter_value = str_at(args[0], false, depth + 1);
        const Value source_value = str_at(args[1], false, depth + 1);
        auto delimiter = delimiter_value.known();
        auto source = source_value.known();
        if (delimiter && source && !delimiter->empty()) {
          std::size_t start = 0;
          while (true) {
            auto at = source->find(*delimiter, start);
            out.values.push_back(
                Value::known(std::string(source->substr(start, at - start)), n.span));
            if (at == std::string::npos) break;
            start = at + delimiter->size();
          }
          return out;
        }
      }
      out.unknown_items = true;
      return out;
    }
    if (fn.name == "Ref") {
      const tree::Node& a = tree_.at(fn.arg);
      if (a.kind == Kind::Scalar) {
        if (a.text() == "AWS::NoValue") return out;
        auto p = parameters_.find(a.text());
        if (p != parameters_.end() && p->second.is_list) {
          out.unknown_items = true;
          return out;
        }
      }
    }
    if (fn.name == "Fn::GetAZs" || fn.name == "Fn::Cidr" || fn.name == "Fn::ImportValue" ||
        fn.name == "Fn::Transform") {
      out.unknown_items = true;
      return out;
    }
    Value v = str_at(node, false, depth + 1);
    if (v.present()) out.values.push_back(std::move(v));
    return out;
  }
  if (n.kind == Kind::Seq) {
    out.values.reserve(tree_.items(node).size());  // values are large: no regrowth
    for (NodeId item : tree_.items(node)) {
      Intrinsic inner;
      if (intrinsic(item, inner) && (inner.name == "Fn::If" || inner.name == "Ref")) {
        // Conditional list items: each branch contributes (AWS::NoValue contributes nothing).
        ValueList sub = list_at(item, false, depth + 1);
        out.unknown_items = out.unknown_items || sub.unknown_items;
        for (Value& v : sub.values) out.values.push_back(std::move(v));
        continue;
      }
      Value v = str_at(item, false, depth + 1);
      if (v.present()) out.values.push_back(std::move(v));
    }
    return out;
  }
  if (n.kind == Kind::Null) return out;
  Value v = str_at(node, bare, depth + 1);
  if (v.present()) out.values.push_back(std::move(v));
  return out;
}

Intrinsics::EmbeddedJson Intrinsics::embedded_json(NodeId node) const {
  const tree::Node& n = tree_.at(node);
  // In the source text or stored by the tree: it lives as long as the embedded JSON's nodes.
  EmbeddedJson json{n.text(), n.span.begin + (n.quoted ? 1u : 0u), false, std::nullopt};
  // When the source bytes hold the text verbatim (after the opening quote), spans inside the
  // embedded JSON map to exact positions; otherwise every inner span is the string's span.
  json.verbatim = json.base + json.text.size() <= text_.size() &&
                  text_.substr(json.base, json.text.size()) == json.text;
  if (!json.verbatim && n.span.end == n.span.begin + 1)
    json.block = yaml::BlockScalarMap::of(text_, n.span.begin, n.text());
  return json;
}

NodeId Intrinsics::parse_embedded_json(NodeId node) {
  const tree::Node& n = tree_.at(node);
  if (n.kind != Kind::Scalar || n.tag != tree::kNoTag) return tree::kNoNode;
  const Span span = n.span;
  const EmbeddedJson json = embedded_json(node);
  const std::size_t first = tree_.size();
  auto parsed = json::read(json.text, file_, tree_, json.verbatim ? json.base : 0);
  if (!parsed.ok()) return tree::kNoNode;
  if (!json.verbatim) {
    for (std::size_t i = first; i < tree_.size(); ++i) {
      tree::Node& inner = tree_.at(static_cast<NodeId>(i));
      inner.span = json.block ? Span{file_, json.block->to_source(inner.span.begin),
                                     json.block->to_source(inner.span.end)}
                              : span;
    }
  }
  return parsed.value();
}

std::optional<model::PolicyProblem> Intrinsics::embedded_json_problem(NodeId node) {
  const tree::Node& n = tree_.at(node);
  if (n.kind != Kind::Scalar || n.tag != tree::kNoTag)
    return std::nullopt;  // unknown: not a problem
  const EmbeddedJson json = embedded_json(node);
  tree::Tree scratch;
  auto parsed = json::read(json.text, file_, scratch, json.verbatim ? json.base : 0);
  if (parsed.ok()) return std::nullopt;
  std::uint32_t offset = parsed.error().offset;
  if (json.block) offset = json.block->to_source(offset);
  const Span at = json.verbatim || json.block ? Span{file_, offset, offset + 1} : n.span;
  return model::PolicyProblem{
      at, str_cat("policy document is not valid JSON: ", parsed.error().message)};
}

}  // namespace rolelint::cfn
