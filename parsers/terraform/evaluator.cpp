#include "parsers/terraform/evaluator.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "linter/base/str_cat.hpp"
#include "parsers/terraform/evaluator_internal.hpp"

namespace rolelint::tf {
namespace {

using model::HoleKind;
using model::Template;
using model::Value;
using model::ValueList;
using model::kEvaluationBudget;


Dyn hole(HoleKind kind, std::string target, std::string attribute, Span span) {
  return Dyn::of(
      Value::of_template(Template::of_hole({kind, std::move(target), std::move(attribute)}), span));
}

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

// The key of a memoized local (document_key: of a policy document).
std::string local_key(std::string_view name) { return str_cat("local.", name); }

}  // namespace

std::size_t value_nodes(const Dyn& d, std::size_t limit) {
  std::size_t n = 1;
  for (const Template& t : d.str.options()) n += t.known_length() / 256 + t.parts().size();
  for (const Dyn& item : d.items) {
    if (n > limit) break;
    n += value_nodes(item, limit - n);
  }
  return n;
}

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
        referenced_documents_.insert(document_key(file.text(e)));
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
