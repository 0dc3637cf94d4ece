#include "parsers/terraform/evaluator.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "linter/base/str_cat.hpp"
#include "parsers/json/json_reader.hpp"
#include "parsers/policy/policy_builder.hpp"
#include "parsers/terraform/template_file.hpp"

namespace rolelint::tf {
namespace {

using model::Hole;
using model::HoleKind;
using model::Template;
using model::Value;
using model::ValueList;

constexpr unsigned kMaxDepth = 64;
using model::kEvaluationBudget;
constexpr std::size_t kMaxValueNodes = 20'000;        // a local or document larger is unknown

// The size of a value in nodes (a string counts one node per 256 bytes), counting up to `limit`.
std::size_t value_nodes(const Dyn& d, std::size_t limit) {
  std::size_t n = 1;
  for (const Template& t : d.str.options()) n += t.known_length() / 256 + t.parts().size();
  for (const Dyn& item : d.items) {
    if (n > limit) break;
    n += value_nodes(item, limit - n);
  }
  return n;
}

Dyn null_at(Span span) {
  Dyn d;
  d.kind = Dyn::Kind::Null;
  d.span = span;
  return d;
}

Dyn hole(HoleKind kind, std::string target, std::string attribute, Span span) {
  return Dyn::of(
      Value::of_template(Template::of_hole({kind, std::move(target), std::move(attribute)}), span));
}

Value concat(const std::vector<Value>& pieces, Span span) { return model::concat(pieces, {}, span); }

// Applies `f` to the literal text of every option (holes are left alone).
template <typename F>
Value map_literals(const Value& v, Span span, F f) {
  if (!v.present() || v.is_unknown()) return v.present() ? Value::unknown(span) : v;
  std::vector<Value> options;
  for (const Template& t : v.options()) {
    Template out;
    for (const model::Part& p : t.parts()) {
      if (p.is_hole()) {
        out.append_hole(p.hole());
      } else {
        out.append_literal(f(p.text));
      }
    }
    options.push_back(Value::of_template(std::move(out), span));
  }
  return options.size() == 1 ? options.front() : Value::alternatives(std::move(options), span);
}

// HCL's template escapes in raw heredoc text: `$${` is a literal `${`, `%%{` a literal `%{`.
std::string unescape_template(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if ((s[i] == '$' || s[i] == '%') && i + 2 < s.size() && s[i + 1] == s[i] && s[i + 2] == '{')
      ++i;
  }
  return out;
}

// A JSON tree (from the JSON reader) as a Dyn. Scalars overlapping a heredoc interpolation are
// rebuilt from the source text around the interpolated values.
Dyn from_tree(const tree::Tree& t, tree::NodeId id, std::string_view file_text,
              const std::vector<std::pair<Span, Value>>& interps, bool heredoc, unsigned depth) {
  const tree::Node& n = t.at(id);
  if (depth > kMaxDepth) return Dyn::unknown(n.span);
  switch (n.kind) {
    case tree::Kind::Null:
      return null_at(n.span);
    case tree::Kind::Scalar: {
      std::vector<Value> pieces;
      std::uint32_t pos = n.span.begin + (n.quoted ? 1 : 0);
      const std::uint32_t end = n.span.end - (n.quoted ? 1 : 0);
      bool overlaps = false;
      for (const auto& [span, value] : interps) {
        if (span.begin < pos || span.end > end) continue;
        overlaps = true;
        pieces.push_back(
            Value::known(std::string(file_text.substr(pos, span.begin - pos)), n.span));
        pieces.push_back(value);
        pos = span.end;
      }
      if (!overlaps)
        return Dyn::of(Value::known(heredoc ? unescape_template(n.text) : std::string(n.text), n.span));
      pieces.push_back(Value::known(std::string(file_text.substr(pos, end - pos)), n.span));
      for (Value& piece : pieces) {
        if (auto k = piece.known(); k && heredoc)
          piece = Value::known(unescape_template(*k), n.span);
      }
      return Dyn::of(concat(pieces, n.span));
    }
    case tree::Kind::Seq: {
      Dyn d;
      d.kind = Dyn::Kind::List;
      d.span = n.span;
      for (tree::NodeId item : t.items(id))
        d.items.push_back(from_tree(t, item, file_text, interps, heredoc, depth + 1));
      return d;
    }
    case tree::Kind::Map: {
      Dyn d;
      d.kind = Dyn::Kind::Object;
      d.span = n.span;
      for (tree::NodeId key : t.keys(id)) {
        d.keys.push_back(heredoc ? unescape_template(t.at(key).text) : std::string(t.at(key).text));
        d.key_spans.push_back(t.at(key).span);
      }
      for (tree::NodeId item : t.items(id))
        d.items.push_back(from_tree(t, item, file_text, interps, heredoc, depth + 1));
      return d;
    }
  }
  return Dyn::unknown(n.span);
}

void respan(Dyn& d, Span span) {
  d.span = span;
  d.str.set_span(span);
  for (Span& k : d.key_spans) k = span;
  for (Dyn& item : d.items) respan(item, span);
}

// The policy builder's view of a Dyn: a document tree plus a side table of symbolic values.
class DynTree : public policy::Evaluator {
 public:
  tree::NodeId build(const Dyn& d) {
    tree::Node n;
    n.span = d.span;
    std::vector<tree::NodeId> children, keys;
    for (const Dyn& item : d.items) children.push_back(build(item));
    switch (d.kind) {
      case Dyn::Kind::Str:
        n.kind = tree::Kind::Scalar;
        n.quoted = true;
        n.text = tree.store(d.str.known().value_or(""));
        break;
      case Dyn::Kind::List:
        n.kind = tree::Kind::Seq;
        break;
      case Dyn::Kind::Object:
        n.kind = tree::Kind::Map;
        for (std::size_t i = 0; i < d.keys.size(); ++i) {
          tree::Node key;
          key.kind = tree::Kind::Scalar;
          key.quoted = true;
          key.text = tree.store(d.keys[i]);
          key.span = d.key_spans[i];
          keys.push_back(tree.add(key));
        }
        break;
      case Dyn::Kind::Alternatives:
        n.tag = tree.tag_id("!alt");
        break;
      case Dyn::Kind::Null:
        n.tag = tree.tag_id("!null");
        break;
      case Dyn::Kind::Unknown:
        n.tag = tree.tag_id("!unknown");
        break;
    }
    const tree::NodeId id = tree.add(n, children, keys);
    dyns.resize(id + 1);
    dyns[id] = &d;
    return id;
  }

  policy::Branches branches(tree::NodeId node) override {
    const tree::Node& n = tree.at(node);
    policy::Branches out;
    if (tree.tag(n) == "!null") return out;
    if (tree.tag(n) != "!alt") {
      out.push_back(node);
      return out;
    }
    for (tree::NodeId item : tree.items(node)) {
      for (tree::NodeId b : branches(item)) out.push_back(b);
    }
    return out;
  }
  Value str(tree::NodeId node) override { return tf::Evaluator::to_value(*dyns[node]); }
  ValueList list(tree::NodeId node) override { return tf::Evaluator::to_list(*dyns[node]); }
  tree::NodeId parse_embedded_json(tree::NodeId) override { return tree::kNoNode; }

  tree::Tree tree;
  std::vector<const Dyn*> dyns;  // by NodeId; point into the Dyn being built (outlives this)
};

// A Terraform attribute of an IAM resource in the model's source-independent vocabulary (the
// CloudFormation one): `arn` -> "Arn", `unique_id` -> "RoleId"/"UserId"/"GroupId", and what
// CloudFormation's Ref returns (a role's name, a managed policy's ARN) -> "". Other attributes
// and other resource types keep their Terraform names.
std::string model_attribute(std::string_view type, std::string_view attribute) {
  const bool named = type == "aws_iam_role" || type == "aws_iam_user" || type == "aws_iam_group";
  if (named) {
    if (attribute == "name" || attribute == "id") return {};
    if (attribute == "arn") return "Arn";
    if (attribute == "unique_id") {
      return type == "aws_iam_role" ? "RoleId" : type == "aws_iam_user" ? "UserId" : "GroupId";
    }
  }
  if (type == "aws_iam_policy") {
    if (attribute == "arn" || attribute == "id") return {};
    if (attribute == "policy_id") return "PolicyId";
  }
  return std::string(attribute);
}

// The address steps after a root variable: `.name` attributes and `[index]`es.
struct Step {
  bool is_index = false;
  bool splat = false;
  std::string name;
  ExprId index = kNoExpr;
};

// Whether a `variable` block declares a list: by its type (list, set, tuple), or without one by
// its default.
bool declares_list(const File& file, const Body& body) {
  if (const Attribute* type = body.attribute("type"); type && type->value != kNoExpr) {
    const Expr& t = file.at(type->value);
    if (t.kind != ExprKind::Call) return false;
    const std::string_view f = file.text(t);
    return f == "list" || f == "set" || f == "tuple";
  }
  const Attribute* def = body.attribute("default");
  return def && def->value != kNoExpr && file.at(def->value).kind == ExprKind::Tuple;
}

// The keys of the memoized locals and policy documents: one spelling for counting the
// references and for serving them, so the two cannot drift apart.
std::string local_key(std::string_view name) { return str_cat("local.", name); }
std::string document_key(std::string_view name) { return str_cat("data.aws_iam_policy_document.", name); }

}  // namespace

const Dyn* Dyn::field(std::string_view key) const {
  if (kind != Kind::Object) return nullptr;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &items[i];
  }
  return nullptr;
}

Evaluator::Evaluator(std::span<const ModuleFile> files, std::string module_dir, ReadFile read_file)
    : module_dir_(std::move(module_dir)), read_file_(std::move(read_file)), budget_(kEvaluationBudget) {
  for (const ModuleFile& mf : files) {
    texts_.emplace(mf.file->id, mf.text);
    for (const Block& b : mf.file->top().blocks) {
      if (b.type == "variable" && b.labels.size() == 1) {
        variables_.emplace(b.labels[0], declares_list(*mf.file, mf.file->body(b)));
      } else if (b.type == "locals") {
        for (const Attribute& a : mf.file->body(b).attributes) {
          if (locals_.emplace(a.name, std::make_pair(mf.file, a.value)).second) {
            definitions_[mf.file].push_back({&Evaluator::local_values_, local_key(a.name)});
          }
        }
      } else if (b.type == "data" && b.labels.size() == 2 && b.labels[0] == "aws_iam_policy_document") {
        if (policy_documents_.emplace(b.labels[1], BlockRef{mf.file, &b}).second) {
          definitions_[mf.file].push_back({&Evaluator::documents_, document_key(b.labels[1])});
        }
      }
    }
    count_references(*mf.file);
  }
}

bool Evaluator::reads(const File& file) const {
  const auto it = definitions_.find(&file);
  if (it == definitions_.end()) return false;
  for (const Definition& definition : it->second) {
    const Memos& memos = this->*definition.memos;
    const auto memo = memos.find(definition.key);
    if (memo != memos.end() && memo->second.references > 0 && !memo->second.value) return true;
  }
  return false;
}

void Evaluator::forget(const File& file) {
  std::erase_if(locals_, [&](const auto& local) { return local.second.first == &file; });
  std::erase_if(policy_documents_, [&](const auto& document) { return document.second.file == &file; });
  definitions_.erase(&file);
}

std::optional<Dyn> Evaluator::recall(Memos& memos, std::string_view key) {
  const auto it = memos.find(key);
  if (it == memos.end()) return std::nullopt;
  Memo& memo = it->second;
  if (memo.references > 0) --memo.references;
  if (!memo.value) return std::nullopt;
  if (memo.references > 0) return *memo.value;
  std::optional<Dyn> last = std::move(*memo.value);
  memos.erase(it);
  return last;
}

void Evaluator::remember(Memos& memos, std::string_view key, const Dyn& value) {
  const auto it = memos.find(key);
  if (it != memos.end() && it->second.references > 0) it->second.value = std::make_unique<Dyn>(value);
}

// Counts, for every local and policy document, the expressions of `file` that may refer to it:
// `local.NAME...` and `data.aws_iam_policy_document.NAME...`, the traversals that reach local()
// and policy_document().
void Evaluator::count_references(const File& file) {
  for (const Expr& e : file.exprs) {
    if (e.kind != ExprKind::GetAttr) continue;
    const Expr& base = file.at(file.args(e)[0]);
    if (base.kind == ExprKind::Variable && file.text(base) == "local") {
      ++local_values_[local_key(file.text(e))].references;
    } else if (base.kind == ExprKind::GetAttr && file.text(base) == "aws_iam_policy_document") {
      const Expr& root = file.at(file.args(base)[0]);
      if (root.kind == ExprKind::Variable && file.text(root) == "data") {
        ++documents_[document_key(file.text(e))].references;
      }
    }
  }
}

Dyn Evaluator::eval(const File& file, ExprId expr) {
  Dyn d = eval_at(file, expr, 0);
  note_too_large_in(d, 0);
  return d;
}

void Evaluator::note_too_large(Span span) {
  if (span.valid()) too_large_.emplace(span.file, span);  // the first in each file stays
}

void Evaluator::note_too_large_in(const Dyn& d, unsigned depth) {
  if (d.str.is_too_large()) note_too_large(d.str.span());
  if (depth > kMaxDepth) return;
  for (const Dyn& item : d.items) note_too_large_in(item, depth + 1);
}

Dyn Evaluator::attr(const File& file, const Body& body, std::string_view name) {
  const Attribute* a = body.attribute(name);
  if (!a || a->value == kNoExpr) return null_at(Span{});
  return eval(file, a->value);
}

// Every string an expression yields, built or copied from a memo, costs its bytes as well.
Dyn Evaluator::eval_at(const File& file, ExprId id, unsigned depth) {
  Dyn d = eval_expr(file, id, depth);
  if (d.kind == Dyn::Kind::Str) budget_ -= std::min(budget_, model::evaluation_cost(d.str));
  return d;
}

Dyn Evaluator::eval_expr(const File& file, ExprId id, unsigned depth) {
  const Expr& e = file.at(id);
  const std::span<const ExprId> args = file.args(e);
  const Span span = file.span(e);
  if (depth > kMaxDepth) return Dyn::unknown(span);
  if (budget_ == 0) {
    note_too_large(span);
    return Dyn::unknown(span);
  }
  --budget_;
  switch (e.kind) {
    case ExprKind::Unsupported:
      return Dyn::unknown(span);
    case ExprKind::Null:
      return null_at(span);
    case ExprKind::Bool:
    case ExprKind::Number:
    case ExprKind::Literal:
      return Dyn::of(Value::known(std::string(file.text(e)), span));
    case ExprKind::String:
      return string(file, e, depth);
    case ExprKind::Tuple: {
      Dyn d;
      d.kind = Dyn::Kind::List;
      d.span = span;
      for (ExprId item : args) d.items.push_back(eval_at(file, item, depth + 1));
      return d;
    }
    case ExprKind::Object: {
      Dyn d;
      d.kind = Dyn::Kind::Object;
      d.span = span;
      for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
        Dyn key = eval_at(file, args[i], depth + 1);
        std::optional<std::string> k = key.kind == Dyn::Kind::Str ? model::owned(key.str.known()) : std::nullopt;
        if (!k) return Dyn::unknown(span);  // a computed key: the object's shape is unknown
        d.keys.push_back(*k);
        d.key_spans.push_back(file.span(args[i]));
        d.items.push_back(eval_at(file, args[i + 1], depth + 1));
      }
      return d;
    }
    case ExprKind::Variable:
    case ExprKind::GetAttr:
    case ExprKind::Index:
    case ExprKind::Splat:
      return traversal(file, e, depth);
    case ExprKind::Call:
      return call(file, e, depth);
    case ExprKind::Conditional: {
      Dyn a = eval_at(file, args[1], depth + 1);
      Dyn b = eval_at(file, args[2], depth + 1);
      if (a.kind == Dyn::Kind::Str && b.kind == Dyn::Kind::Str) {
        return Dyn::of(Value::alternatives({a.str, b.str}, span));
      }
      if (a.kind == Dyn::Kind::Unknown || b.kind == Dyn::Kind::Unknown) return Dyn::unknown(span);
      Dyn d;
      d.kind = Dyn::Kind::Alternatives;
      d.span = span;
      d.items.push_back(std::move(a));
      d.items.push_back(std::move(b));
      return d;
    }
  }
  return Dyn::unknown(span);
}

Dyn Evaluator::string(const File& file, const Expr& e, unsigned depth) {
  const std::span<const ExprId> args = file.args(e);
  const Span span = file.span(e);
  // "${x}" alone is x itself (a list stays a list).
  if (args.size() == 1 && file.at(args[0]).kind != ExprKind::Literal && !e.heredoc) {
    Dyn d = eval_at(file, args[0], depth + 1);
    d.span = span;
    if (d.kind == Dyn::Kind::Str) d.str.set_span(span);
    return d;
  }
  std::vector<Value> pieces;
  std::vector<std::pair<Span, Value>> interps;
  bool verbatim = true;
  for (ExprId part : args) {
    const Expr& p = file.at(part);
    if (p.kind == ExprKind::Literal) {
      pieces.push_back(Value::known(std::string(file.text(p)), span));
      verbatim = verbatim && p.verbatim;
      continue;
    }
    Dyn v = eval_at(file, part, depth + 1);
    Value s = to_value(v);
    if (!s.present()) s = Value::known("", span);
    s.set_span(span);
    const Span interpolation = file.interpolation(part);
    interps.emplace_back(interpolation.valid() ? interpolation : file.span(p), s);
    pieces.push_back(std::move(s));
  }
  Dyn d = Dyn::of(concat(pieces, span));
  if (e.heredoc) {
    d.raw = file.heredoc_body(e);
    d.raw_is_heredoc = true;
    d.interpolations = std::move(interps);
  } else if (verbatim && args.size() == 1) {
    d.raw = file.span(args[0]);
  } else if (args.empty()) {
    d.raw = Span{span.file, span.begin + 1, span.begin + 1};
  }
  return d;
}

Dyn Evaluator::variable(std::string_view name, Span span) {
  auto it = variables_.find(name);
  const std::string target = "var." + std::string(name);
  if (it != variables_.end()) {
    if (it->second) {
      // A list the deployer chooses: its elements are unknown.
      Dyn d;
      d.kind = Dyn::Kind::List;
      d.span = span;
      d.items_unknown = true;
      return d;
    }
  }
  // Overridable: the default is never certain.
  return hole(HoleKind::Parameter, target, {}, span);
}

Dyn Evaluator::local(std::string_view name, Span span, unsigned depth) {
  auto it = locals_.find(name);
  const std::string key = local_key(name);
  if (auto memo = recall(local_values_, key)) return std::move(*memo);
  if (it == locals_.end() || evaluating_.count(key)) return Dyn::unknown(span);
  evaluating_.insert(key);
  Dyn d = eval_at(*it->second.first, it->second.second, depth + 1);
  evaluating_.erase(key);
  if (value_nodes(d, kMaxValueNodes) > kMaxValueNodes) {
    note_too_large(d.span);
    d = Dyn::unknown(d.span);
  }
  remember(local_values_, key, d);
  return d;
}

Dyn Evaluator::data_source(std::string_view type, std::string_view name, std::string_view attribute,
                           Span span, unsigned depth) {
  const std::string address = "data." + std::string(type) + "." + std::string(name);
  if (type == "aws_caller_identity" && attribute == "account_id") {
    return hole(HoleKind::OwnAccount, address, std::string(attribute), span);
  }
  if (type == "aws_partition" && attribute == "partition") {
    return hole(HoleKind::Partition, address, std::string(attribute), span);
  }
  if ((type == "aws_region" && attribute == "name") ||
      (type == "aws_region" && attribute == "region")) {
    return hole(HoleKind::Region, address, std::string(attribute), span);
  }
  if (type == "aws_iam_policy_document" && (attribute == "json" || attribute == "minified_json")) {
    // Served from the memo before the block is looked up: the file defining it may be gone.
    if (auto memo = recall(documents_, document_key(name))) return std::move(*memo);
    auto it = policy_documents_.find(name);
    if (it == policy_documents_.end()) return Dyn::unknown(span);
    return policy_document(it->second, depth + 1);
  }
  return hole(HoleKind::Unknown, address, std::string(attribute), span);
}

Dyn Evaluator::traversal(const File& file, const Expr& e, unsigned depth) {
  // Flatten `root.a.b[0].c` into the root and its steps.
  std::vector<Step> steps;
  const Expr* cur = &e;
  ExprId cur_id = kNoExpr;
  while (cur->kind == ExprKind::GetAttr || cur->kind == ExprKind::Index ||
         cur->kind == ExprKind::Splat) {
    Step s;
    s.is_index = cur->kind == ExprKind::Index;
    s.splat = cur->kind == ExprKind::Splat;
    if (cur->kind == ExprKind::GetAttr) s.name = file.text(*cur);
    if (s.is_index) s.index = file.args(*cur)[1];
    steps.push_back(std::move(s));
    cur_id = file.args(*cur)[0];
    cur = &file.at(cur_id);
  }
  std::reverse(steps.begin(), steps.end());
  const Span span = file.span(e);
  bool splat = false;
  for (const Step& s : steps) splat = splat || s.splat;

  // Applies the remaining steps to an evaluated value.
  auto apply = [&](Dyn d, std::size_t from) {
    for (std::size_t i = from; i < steps.size(); ++i) {
      const Step& s = steps[i];
      if (s.splat) return Dyn::unknown(span);
      if (s.is_index) {
        Dyn key = eval_at(file, s.index, depth + 1);
        auto k = key.kind == Dyn::Kind::Str ? key.str.known() : std::nullopt;
        if (!k) return Dyn::unknown(span);
        if (d.kind == Dyn::Kind::Object) {
          const Dyn* f = d.field(*k);
          if (!f) return Dyn::unknown(span);
          Dyn next = *f;
          d = std::move(next);
        } else if (d.kind == Dyn::Kind::List && !d.items_unknown) {
          std::size_t idx = 0;
          for (char c : *k) {
            if (!std::isdigit(static_cast<unsigned char>(c))) return Dyn::unknown(span);
            idx = idx * 10 + static_cast<std::size_t>(c - '0');
          }
          if (idx >= d.items.size()) return Dyn::unknown(span);
          Dyn next = d.items[idx];
          d = std::move(next);
        } else {
          return Dyn::unknown(span);
        }
      } else {
        const Dyn* f = d.field(s.name);
        if (!f) return Dyn::unknown(span);
        Dyn next = *f;
        d = std::move(next);
      }
    }
    return d;
  };

  if (cur->kind != ExprKind::Variable) {
    // A traversal of a computed value: `jsondecode(x).Statement`, `{ a = 1 }["a"]`.
    if (cur_id == kNoExpr) return Dyn::unknown(span);
    return apply(eval_at(file, cur_id, depth + 1), 0);
  }
  const std::string_view root = file.text(*cur);
  auto name_at = [&](std::size_t i) -> std::string_view {
    return i < steps.size() && !steps[i].is_index && !steps[i].splat
               ? std::string_view(steps[i].name)
               : std::string_view();
  };
  if (root == "var") {
    if (name_at(0).empty()) return Dyn::unknown(span);
    Dyn v = variable(name_at(0), span);
    return steps.size() == 1 ? v : Dyn::unknown(span);
  }
  if (root == "local") {
    if (name_at(0).empty()) return Dyn::unknown(span);
    return apply(local(name_at(0), span, depth), 1);
  }
  if (root == "path") {
    if (name_at(0) == "module" || name_at(0) == "root") {
      return steps.size() == 1 ? Dyn::of(Value::known(module_dir_, span)) : Dyn::unknown(span);
    }
    return Dyn::unknown(span);
  }
  if (root == "data") {
    std::string_view type = name_at(0), name = name_at(1);
    if (type.empty() || name.empty()) return Dyn::unknown(span);
    std::size_t i = 2;
    if (i < steps.size() && steps[i].is_index) ++i;  // count / for_each instance
    if (splat) return Dyn::unknown(span);
    std::string_view attribute = name_at(i);
    if (attribute.empty()) return Dyn::unknown(span);
    return apply(data_source(type, name, attribute, span, depth), i + 1);
  }
  if (root == "each" || root == "count" || root == "self" || root == "module" ||
      root == "terraform") {
    return Dyn::unknown(span);
  }
  // A resource: TYPE.NAME[.index].attribute
  std::string_view name = name_at(0);
  if (name.empty()) return Dyn::unknown(span);
  if (splat) {
    Dyn d;
    d.kind = Dyn::Kind::List;
    d.span = span;
    d.items_unknown = true;
    return d;
  }
  std::size_t i = 1;
  if (i < steps.size() && steps[i].is_index) ++i;
  std::string_view attribute = name_at(i);
  if (attribute.empty() || i + 1 != steps.size()) return Dyn::unknown(span);
  return hole(HoleKind::Resource, str_cat(root, ".", name), model_attribute(root, attribute),
              span);
}

Dyn Evaluator::call(const File& file, const Expr& e, unsigned depth) {
  const std::string_view f = file.text(e);
  const Span span = file.span(e);
  if (e.expand) return Dyn::unknown(span);
  std::vector<Dyn> args;
  // try() must not give up on its first unknown argument: evaluate lazily below.
  if (f != "try") {
    for (ExprId a : file.args(e)) args.push_back(eval_at(file, a, depth + 1));
  }
  // A function of a value too large to evaluate is too large: the value, with its span.
  for (const Dyn& a : args) {
    if (a.str.is_too_large()) return a;
  }
  auto str_arg = [&](std::size_t i) { return i < args.size() ? to_value(args[i]) : Value(); };
  auto known_arg = [&](std::size_t i) {
    const Value v = str_arg(i);
    return model::owned(v.known());
  };

  if (f == "jsonencode") {
    if (args.size() != 1) return Dyn::unknown(span);
    Dyn d = std::move(args[0]);
    if (d.kind == Dyn::Kind::Str) {
      // jsonencode("x") is the JSON string "\"x\"": not a policy structure.
      return Dyn::unknown(span);
    }
    return d;
  }
  if (f == "jsondecode") {
    if (args.size() != 1) return Dyn::unknown(span);
    return parse_json(args[0]);
  }
  if (f == "file" || f == "templatefile") {
    // What the reader serves is all that is read: it decides which paths are allowed.
    auto path = known_arg(0);
    if (!path || !read_file_ || args.size() != (f == "file" ? 1u : 2u)) return Dyn::unknown(span);
    FileId id = kNoFile;
    std::string text;
    // Terraform reads a relative path from the directory it runs in, usually the root module:
    // try that, then the module's own directory (where `terraform` would run for it).
    const bool relative = !path->empty() && path->front() != '/';
    if (!read_file_(*path, id, text) &&
        !(relative && read_file_(module_dir_ + "/" + *path, id, text))) {
      return Dyn::unknown(span);
    }
    if (f == "templatefile") {
      const Dyn& vars = args[1];
      std::optional<std::string> rendered = render_template(text, [&vars](std::string_view name) {
        const Dyn* v = vars.field(name);
        return v && v->kind == Dyn::Kind::Str ? v->str.known() : std::nullopt;
      });
      if (!rendered) return Dyn::unknown(span);
      // Unchanged text is the file's own bytes: positions inside it stay exact.
      if (*rendered != text) id = kNoFile;
      text = std::move(*rendered);
    }
    Dyn d = Dyn::of(Value::known(std::move(text), span));
    if (id != kNoFile) d.raw = Span{id, 0, static_cast<std::uint32_t>(d.str.known()->size())};
    return d;
  }
  if (f == "tostring" || f == "tolist" || f == "toset" || f == "sensitive" || f == "nonsensitive") {
    return args.size() == 1 ? args[0] : Dyn::unknown(span);
  }
  if (f == "lower" || f == "upper") {
    if (args.size() != 1 || args[0].kind != Dyn::Kind::Str) return Dyn::unknown(span);
    const bool up = f == "upper";
    return Dyn::of(map_literals(args[0].str, span, [up](const std::string& s) {
      std::string out = s;
      for (char& c : out) {
        c = static_cast<char>(up ? std::toupper(static_cast<unsigned char>(c))
                                 : std::tolower(static_cast<unsigned char>(c)));
      }
      return out;
    }));
  }
  if (f == "replace") {
    if (args.size() != 3) return Dyn::unknown(span);
    auto s = known_arg(0), from = known_arg(1), to = known_arg(2);
    if (!s || !from || !to || from->empty() ||
        (from->size() > 1 && from->front() == '/' && from->back() == '/')) {
      return Dyn::unknown(span);  // unknown, or a regular expression
    }
    Template out;
    std::size_t pos = 0;
    for (std::size_t hit; (hit = s->find(*from, pos)) != std::string::npos && !out.is_too_large();
         pos = hit + from->size()) {
      out.append_literal(std::string_view(*s).substr(pos, hit - pos));
      out.append_literal(*to);
    }
    out.append_literal(std::string_view(*s).substr(pos));
    return Dyn::of(Value::of_template(std::move(out), span));
  }
  if (f == "format") {
    auto fmt = known_arg(0);
    if (!fmt) return Dyn::unknown(span);
    std::vector<Value> pieces;
    std::string lit;
    std::size_t next_arg = 1;
    for (std::size_t i = 0; i < fmt->size(); ++i) {
      char c = (*fmt)[i];
      if (c != '%') {
        lit += c;
        continue;
      }
      if (i + 1 < fmt->size() && (*fmt)[i + 1] == '%') {
        lit += '%';
        ++i;
        continue;
      }
      // %s, %d, %v (flags and widths make the result unknown).
      if (i + 1 >= fmt->size() ||
          std::string_view("sdvq").find((*fmt)[i + 1]) == std::string_view::npos) {
        return Dyn::unknown(span);
      }
      const char verb = (*fmt)[++i];
      pieces.push_back(Value::known(lit, span));
      lit.clear();
      Value v = str_arg(next_arg++);
      if (verb == 'q') v = concat({Value::known("\"", span), v, Value::known("\"", span)}, span);
      pieces.push_back(v.present() ? v : Value::unknown(span));
    }
    pieces.push_back(Value::known(lit, span));
    return Dyn::of(concat(pieces, span));
  }
  if (f == "join") {
    if (args.size() != 2 || args[1].kind != Dyn::Kind::List) return Dyn::unknown(span);
    Value sep = str_arg(0);
    std::vector<Value> pieces;
    for (std::size_t i = 0; i < args[1].items.size(); ++i) {
      if (i) pieces.push_back(sep);
      pieces.push_back(to_value(args[1].items[i]));
    }
    if (args[1].items_unknown) {
      if (!args[1].items.empty()) pieces.push_back(sep);
      pieces.push_back(Value::unknown(span));
    }
    return Dyn::of(concat(pieces, span));
  }
  if (f == "concat" || f == "flatten" || f == "distinct" || f == "compact") {
    Dyn d;
    d.kind = Dyn::Kind::List;
    d.span = span;
    for (const Dyn& a : args) {
      if (a.kind != Dyn::Kind::List) {
        d.items_unknown = true;
        continue;
      }
      for (const Dyn& item : a.items) {
        if (f == "flatten" && item.kind == Dyn::Kind::List) {
          d.items.insert(d.items.end(), item.items.begin(), item.items.end());
          d.items_unknown = d.items_unknown || item.items_unknown;
        } else {
          d.items.push_back(item);
        }
      }
      d.items_unknown = d.items_unknown || a.items_unknown;
    }
    return d;
  }
  if (f == "coalesce") {
    // The first non-null, non-empty argument: a known one ends the search, else every
    // candidate so far is possible.
    std::vector<Value> options;
    for (const Dyn& a : args) {
      if (a.kind == Dyn::Kind::Null) continue;
      Value v = to_value(a);
      if (v.known() && v.known()->empty()) continue;
      options.push_back(v);
      if (v.known()) break;
    }
    if (options.empty()) return Dyn::unknown(span);
    return Dyn::of(options.size() == 1 ? options.front()
                                       : Value::alternatives(std::move(options), span));
  }
  if (f == "try") {
    for (ExprId a : file.args(e)) {
      Dyn d = eval_at(file, a, depth + 1);
      if (d.kind != Dyn::Kind::Unknown) return d;
    }
    return Dyn::unknown(span);
  }
  if (f == "merge") {
    Dyn d;
    d.kind = Dyn::Kind::Object;
    d.span = span;
    for (const Dyn& a : args) {
      if (a.kind == Dyn::Kind::Null) continue;
      if (a.kind != Dyn::Kind::Object) return Dyn::unknown(span);
      for (std::size_t i = 0; i < a.keys.size(); ++i) {
        auto at = std::find(d.keys.begin(), d.keys.end(), a.keys[i]);
        if (at != d.keys.end()) {
          const auto k = static_cast<std::size_t>(at - d.keys.begin());
          d.items[k] = a.items[i];
          d.key_spans[k] = a.key_spans[i];
        } else {
          d.keys.push_back(a.keys[i]);
          d.key_spans.push_back(a.key_spans[i]);
          d.items.push_back(a.items[i]);
        }
      }
    }
    return d;
  }
  return Dyn::unknown(span);
}

namespace {

// Where the JSON text of a string value is read from: its bytes in the source when they hold it
// (positions inside it are then exact; a heredoc's `${...}` are kept there and rebuilt around
// the interpolated values), else the value itself; nothing when the text is not known.
struct JsonText {
  enum class Kind : std::uint8_t { Unknown, Source, Interpolated, Value };
  Kind kind = Kind::Unknown;
  std::string_view text;       // what the JSON reader reads
  std::string_view file_text;  // Interpolated: the whole file
  FileId file = kNoFile;
  std::uint32_t base = 0;      // offset of `text` in `file` (Value: 0)
};

JsonText json_text(const Dyn& text, const std::map<FileId, std::string_view>& texts) {
  JsonText j;
  if (text.kind != Dyn::Kind::Str) return j;
  const auto known = text.str.known();
  const bool has_raw = text.raw.file != kNoFile;
  const auto file = has_raw ? texts.find(text.raw.file) : texts.end();
  const std::string_view raw =
      file != texts.end() ? file->second.substr(text.raw.begin, text.raw.end - text.raw.begin) : std::string_view();
  if (known && has_raw && text.interpolations.empty()) {
    // (For `<<-` heredocs the raw bytes differ from the value only by indentation, which JSON
    // ignores.)
    j = {JsonText::Kind::Source, file != texts.end() ? raw : *known, {}, text.raw.file, text.raw.begin};
  } else if (has_raw && !text.interpolations.empty()) {
    if (file != texts.end()) j = {JsonText::Kind::Interpolated, raw, file->second, text.raw.file, text.raw.begin};
  } else if (known) {
    // Text with escapes (or from a file outside the inputs): every inner position is the string's.
    j = {JsonText::Kind::Value, *known, {}, text.span.file, 0};
  }
  return j;
}

// Where and why a string given as a policy is not JSON (RL211), when its text is known. An
// interpolation in a heredoc stands for text not known: blanked to letters, it reads as text
// inside a JSON string and as an error outside one, where the error is then not a problem.
std::optional<model::PolicyProblem> json_problem(const Dyn& text, const std::map<FileId, std::string_view>& texts) {
  const JsonText j = json_text(text, texts);
  if (j.kind == JsonText::Kind::Unknown) return std::nullopt;
  std::string blanked;
  std::string_view source = j.text;
  if (j.kind == JsonText::Kind::Interpolated) {
    blanked.assign(j.text);
    for (const auto& [span, value] : text.interpolations) {
      if (span.begin < j.base || span.end > j.base + blanked.size()) continue;
      std::fill(blanked.begin() + (span.begin - j.base), blanked.begin() + (span.end - j.base), 'x');
    }
    source = blanked;
  }
  tree::Tree t;
  const auto root = json::read(source, j.file, t, j.base);
  if (root.ok()) return std::nullopt;
  const std::uint32_t offset = root.error().offset;
  for (const auto& [span, value] : text.interpolations) {
    if (offset >= span.begin && offset <= span.end) return std::nullopt;  // unknown: not reported
  }
  const Span at = j.kind == JsonText::Kind::Value ? text.span : Span{j.file, offset, offset + 1};
  return model::PolicyProblem{at, str_cat("policy document is not valid JSON: ", root.error().message)};
}

// The policy builder's view of a policy's structure, to which an unknown value is opaque: an
// element whose structure is not known, never one of the wrong type.
class PolicyTree : public DynTree {
 public:
  bool opaque(tree::NodeId node) override {
    const Dyn* d = node < dyns.size() ? dyns[node] : nullptr;
    return d && (d->kind == Dyn::Kind::Unknown || (d->kind == Dyn::Kind::Str && !d->str.known()));
  }
};

}  // namespace

Dyn Evaluator::parse_json(const Dyn& text) {
  const JsonText j = json_text(text, texts_);
  if (j.kind == JsonText::Kind::Unknown) return Dyn::unknown(text.span);
  tree::Tree t;
  auto root = json::read(j.text, j.file, t, j.base);
  if (!root.ok()) return Dyn::unknown(text.span);
  switch (j.kind) {
    case JsonText::Kind::Source:
      return from_tree(t, root.value(), {}, {}, text.raw_is_heredoc, 0);
    case JsonText::Kind::Interpolated:
      // Strings holding an interpolation are rebuilt around the interpolated values.
      return from_tree(t, root.value(), j.file_text, text.interpolations, true, 0);
    default: {
      Dyn d = from_tree(t, root.value(), {}, {}, false, 0);
      respan(d, text.span);
      return d;
    }
  }
}

Dyn Evaluator::policy_structure(const Dyn& d) {
  switch (d.kind) {
    case Dyn::Kind::Object:
      return d;
    case Dyn::Kind::Str:
      if (d.str.kind() == Value::Kind::Alternatives) return Dyn::unknown(d.span);
      return parse_json(d);
    case Dyn::Kind::Alternatives: {
      Dyn out = d;
      for (Dyn& option : out.items) option = policy_structure(option);
      return out;
    }
    case Dyn::Kind::Null:
    case Dyn::Kind::List:  // not a policy: the policy builder says so
      return d;
    default:
      return Dyn::unknown(d.span);
  }
}

model::PolicyDocument Evaluator::policy(const Dyn& d, Span span) {
  if (d.kind == Dyn::Kind::Null) return {};
  Dyn structure = policy_structure(d);
  PolicyTree dt;
  tree::NodeId root = dt.build(structure);
  model::PolicyDocument doc = policy::build_policy(dt.tree, root, dt);
  doc.span = span;
  // Known text that is not JSON has an unknown structure: where it breaks is a problem.
  const auto text_problem = [&](const Dyn& text, const Dyn& parsed) {
    if (text.kind != Dyn::Kind::Str || parsed.kind != Dyn::Kind::Unknown) return;
    if (auto problem = json_problem(text, texts_)) doc.problems.push_back(std::move(*problem));
  };
  if (d.kind == Dyn::Kind::Alternatives && structure.items.size() == d.items.size()) {
    for (std::size_t i = 0; i < d.items.size(); ++i) text_problem(d.items[i], structure.items[i]);
  } else {
    text_problem(d, structure);
  }
  return doc;
}

// `data "aws_iam_policy_document"` as the JSON structure Terraform renders: Version, Statement.
Dyn Evaluator::policy_document(const BlockRef& ref, unsigned depth) {
  const std::string key = document_key(ref.block->labels[1]);
  if (evaluating_.count(key) || depth > kMaxDepth) return Dyn::unknown(ref.block->span);
  evaluating_.insert(key);
  const File& file = *ref.file;
  const Body& body = file.body(*ref.block);

  Dyn statements;
  statements.kind = Dyn::Kind::List;
  statements.span = ref.block->span;
  auto sid_of = [](const Dyn& s) -> std::optional<std::string> {
    const Dyn* sid = s.field("Sid");
    return sid && sid->kind == Dyn::Kind::Str ? model::owned(sid->str.known()) : std::nullopt;
  };
  // Terraform's merge: statements with the same Sid replace earlier ones.
  auto merge_in = [&](const Dyn& s) {
    if (auto sid = sid_of(s); sid && !sid->empty()) {
      for (Dyn& have : statements.items) {
        if (sid_of(have) == sid) {
          have = s;
          return;
        }
      }
    }
    statements.items.push_back(s);
  };
  auto merge_documents = [&](std::string_view attribute) {
    Dyn docs = attr(file, body, attribute);
    if (docs.kind == Dyn::Kind::Null) return;
    if (docs.kind == Dyn::Kind::Str) {  // the older source_json / override_json: one document
      Dyn list;
      list.kind = Dyn::Kind::List;
      list.span = docs.span;
      list.items.push_back(std::move(docs));
      docs = std::move(list);
    }
    if (docs.kind != Dyn::Kind::List) {
      statements.items.push_back(Dyn::unknown(docs.span));
      return;
    }
    if (docs.items_unknown) statements.items.push_back(Dyn::unknown(docs.span));
    for (const Dyn& item : docs.items) {
      Dyn doc = policy_structure(item);
      const Dyn* st = doc.field("Statement");
      if (!st) {
        statements.items.push_back(Dyn::unknown(item.span));
      } else if (st->kind == Dyn::Kind::List) {
        for (const Dyn& s : st->items) merge_in(s);
        if (st->items_unknown) statements.items.push_back(Dyn::unknown(item.span));
      } else {
        merge_in(*st);
      }
    }
  };
  merge_documents("source_json");
  merge_documents("source_policy_documents");
  for (const Block& b : body.blocks) {
    if (b.type == "statement") {
      merge_in(document_statement(file, b, depth + 1));
    } else if (b.type == "dynamic") {
      statements.items.push_back(Dyn::unknown(b.span));  // partly unknown
    }
  }
  merge_documents("override_policy_documents");
  merge_documents("override_json");

  Dyn doc;
  doc.kind = Dyn::Kind::Object;
  doc.span = ref.block->span;
  // Terraform renders "Version": "2012-10-17" unless `version` says otherwise.
  Dyn version = attr(file, body, "version");
  doc.keys.push_back("Version");
  if (version.kind != Dyn::Kind::Null) {
    doc.key_spans.push_back(body.attribute("version")->name_span);
    doc.items.push_back(std::move(version));
  } else {
    doc.key_spans.push_back(ref.block->header_span);
    doc.items.push_back(Dyn::of(Value::known("2012-10-17", ref.block->header_span)));
  }
  doc.keys.push_back("Statement");
  doc.key_spans.push_back(ref.block->header_span);
  doc.items.push_back(std::move(statements));
  evaluating_.erase(key);
  if (value_nodes(doc, kMaxValueNodes) > kMaxValueNodes) {
    note_too_large(ref.block->span);
    doc = Dyn::unknown(ref.block->span);
  }
  remember(documents_, key, doc);
  return doc;
}

Dyn Evaluator::document_statement(const File& file, const Block& block, unsigned depth) {
  const Body& body = file.body(block);
  Dyn s;
  s.kind = Dyn::Kind::Object;
  s.span = block.span;
  auto add = [&](std::string key, Span key_span, Dyn value) {
    s.keys.push_back(std::move(key));
    s.key_spans.push_back(key_span);
    s.items.push_back(std::move(value));
  };
  auto add_attr = [&](std::string_view attribute, std::string key) {
    const Attribute* a = body.attribute(attribute);
    if (!a || a->value == kNoExpr) return;
    add(std::move(key), a->name_span, eval_at(file, a->value, depth + 1));
  };
  add_attr("sid", "Sid");
  if (body.attribute("effect")) {
    add_attr("effect", "Effect");
  } else {
    add("Effect", block.header_span,
        Dyn::of(Value::known("Allow", block.header_span)));  // the default
  }
  add_attr("actions", "Action");
  add_attr("not_actions", "NotAction");
  add_attr("resources", "Resource");
  add_attr("not_resources", "NotResource");
  for (std::string_view kind : {"principals", "not_principals"}) {
    Dyn principals;
    principals.kind = Dyn::Kind::Object;
    Span first_span, star_span;
    bool any = false, star = false;
    for (const Block& p : body.blocks) {
      const bool dynamic = p.type == "dynamic" && !p.labels.empty() && p.labels[0] == kind;
      if (p.type != kind && !dynamic) continue;
      if (!any) first_span = p.header_span;
      any = true;
      if (dynamic) {
        principals.kind = Dyn::Kind::Unknown;
        continue;
      }
      const Body& pb = file.body(p);
      Dyn type = attr(file, pb, "type");
      Dyn ids = attr(file, pb, "identifiers");
      auto t = type.kind == Dyn::Kind::Str ? type.str.known() : std::nullopt;
      if (!t) {
        principals.kind = Dyn::Kind::Unknown;
        continue;
      }
      if (*t == "*") {
        star = true;
        star_span = ids.kind == Dyn::Kind::List && ids.items.size() == 1 ? ids.items[0].span
                                                                         : p.header_span;
        continue;
      }
      const Attribute* ta = pb.attribute("type");
      auto at = std::find(principals.keys.begin(), principals.keys.end(), *t);
      if (at == principals.keys.end()) {
        principals.keys.emplace_back(*t);
        principals.key_spans.push_back(ta->value != kNoExpr ? file.span(ta->value) : ta->span);
        principals.items.push_back(std::move(ids));
      } else {
        // Several blocks of one type: their identifiers add up.
        Dyn& have = principals.items[static_cast<std::size_t>(at - principals.keys.begin())];
        Dyn merged;
        merged.kind = Dyn::Kind::List;
        merged.span = have.span;
        for (const Dyn* part : {&have, &ids}) {
          if (part->kind == Dyn::Kind::List) {
            merged.items.insert(merged.items.end(), part->items.begin(), part->items.end());
            merged.items_unknown = merged.items_unknown || part->items_unknown;
          } else {
            merged.items.push_back(*part);
          }
        }
        have = std::move(merged);
      }
    }
    if (!any) continue;
    principals.span = first_span;
    const std::string key = kind == "principals" ? "Principal" : "NotPrincipal";
    if (star && principals.kind == Dyn::Kind::Object && principals.keys.empty()) {
      add(key, first_span, Dyn::of(Value::known("*", star_span)));
    } else {
      add(key, first_span, std::move(principals));
    }
  }
  Dyn conditions;
  conditions.kind = Dyn::Kind::Object;
  bool any_condition = false;
  Span condition_span;
  for (const Block& c : body.blocks) {
    const bool dynamic = c.type == "dynamic" && !c.labels.empty() && c.labels[0] == "condition";
    if (c.type != "condition" && !dynamic) continue;
    if (!any_condition) condition_span = c.header_span;
    any_condition = true;
    if (dynamic) {
      conditions.kind = Dyn::Kind::Unknown;
      continue;
    }
    const Body& cb = file.body(c);
    Dyn test = attr(file, cb, "test");
    Dyn variable = attr(file, cb, "variable");
    auto t = test.kind == Dyn::Kind::Str ? test.str.known() : std::nullopt;
    auto v = variable.kind == Dyn::Kind::Str ? variable.str.known() : std::nullopt;
    if (!t || !v || conditions.kind != Dyn::Kind::Object) {
      conditions.kind = Dyn::Kind::Unknown;
      continue;
    }
    const Attribute* ta = cb.attribute("test");
    const Attribute* va = cb.attribute("variable");
    auto at = std::find(conditions.keys.begin(), conditions.keys.end(), *t);
    std::size_t op_index;
    if (at == conditions.keys.end()) {
      Dyn op;
      op.kind = Dyn::Kind::Object;
      op.span = c.span;
      conditions.keys.emplace_back(*t);
      conditions.key_spans.push_back(file.span(ta->value));
      conditions.items.push_back(std::move(op));
      op_index = conditions.keys.size() - 1;
    } else {
      op_index = static_cast<std::size_t>(at - conditions.keys.begin());
    }
    Dyn& op = conditions.items[op_index];
    op.keys.emplace_back(*v);
    op.key_spans.push_back(file.span(va->value));
    op.items.push_back(attr(file, cb, "values"));
  }
  if (any_condition) {
    conditions.span = condition_span;
    add("Condition", condition_span, std::move(conditions));
  }
  return s;
}

Value Evaluator::to_value(const Dyn& d) {
  switch (d.kind) {
    case Dyn::Kind::Str:
      return d.str;
    case Dyn::Kind::Null:
      return Value();
    case Dyn::Kind::Alternatives: {
      std::vector<Value> options;
      for (const Dyn& o : d.items) {
        if (o.kind != Dyn::Kind::Str && o.kind != Dyn::Kind::Null) return Value::unknown(d.span);
        options.push_back(to_value(o));
      }
      return Value::alternatives(std::move(options), d.span);
    }
    default:
      return Value::unknown(d.span);
  }
}

ValueList Evaluator::to_list(const Dyn& d) {
  ValueList out;
  out.span = d.span;
  switch (d.kind) {
    case Dyn::Kind::Null:
      break;
    case Dyn::Kind::Str:
      // A conditional's branches are listed one by one, as CloudFormation's Fn::If is.
      if (d.str.kind() == Value::Kind::Alternatives) {
        for (const Template& t : d.str.options())
          out.values.push_back(Value::of_template(t, d.str.span()));
      } else {
        out.values.push_back(d.str);
      }
      break;
    case Dyn::Kind::List:
      // The model keeps the list: no spare room for the usual one value per item.
      out.values.reserve(d.items.size());
      for (const Dyn& item : d.items) {
        if (item.kind == Dyn::Kind::List || item.kind == Dyn::Kind::Alternatives) {
          ValueList inner = to_list(item);
          out.values.insert(out.values.end(), inner.values.begin(), inner.values.end());
          out.unknown_items = out.unknown_items || inner.unknown_items;
        } else if (item.kind == Dyn::Kind::Str) {
          ValueList inner = to_list(item);
          out.values.insert(out.values.end(), inner.values.begin(), inner.values.end());
        } else if (item.kind != Dyn::Kind::Null) {
          out.unknown_items = true;
        }
      }
      out.unknown_items = out.unknown_items || d.items_unknown;
      break;
    case Dyn::Kind::Alternatives:
      for (const Dyn& option : d.items) {
        ValueList inner = to_list(option);
        out.values.insert(out.values.end(), inner.values.begin(), inner.values.end());
        out.unknown_items = out.unknown_items || inner.unknown_items;
      }
      break;
    default:
      out.unknown_items = true;
  }
  return out;
}

}  // namespace rolelint::tf
