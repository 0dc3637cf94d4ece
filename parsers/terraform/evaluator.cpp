#include "parsers/terraform/evaluator.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <utility>

#include "linter/base/str_cat.hpp"
#include "parsers/terraform/evaluator_internal.hpp"

namespace rolelint::tf {
namespace {

using model::HoleKind;
using model::kEvaluationBudget;
using model::Template;
using model::Value;
using model::ValueList;

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
  std::string_view name;  // of the file being evaluated
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

bool is_identity_provider(std::string_view type) {
  return type == "aws_iam_openid_connect_provider" || type == "aws_iam_saml_provider";
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

Evaluator::Evaluator(std::span<const ModuleFile> files, std::string module_dir, ReadFile read_file,
                     const std::set<std::string>& skipped)
    : module_dir_(std::move(module_dir)),
      read_file_(std::move(read_file)),
      budget_(kEvaluationBudget) {
  for (const ModuleFile& mf : files) {
    texts_.emplace(mf.file->id, mf.text);
    for (const Block& b : mf.file->top().blocks) {
      if (b.type == "variable" && b.labels.size() == 1) {
        variables_.emplace(b.labels[0], declares_list(*mf.file, mf.file->body(b)));
      } else if (b.type == "locals") {
        for (const Attribute& a : mf.file->body(b).attributes) {
          if (locals_.emplace(a.name, std::make_pair(mf.file, a.value)).second) {
            definitions_[mf.file].push_back(
                {&Evaluator::local_values_, local_key(a.name), a.name.size()});
          }
        }
      } else if (b.type == "data" && b.labels.size() == 2 &&
                 b.labels[0] == "aws_iam_policy_document" &&
                 !skipped.contains(document_key(b.labels[1]))) {
        if (policy_documents_.emplace(b.labels[1], BlockRef{mf.file, &b}).second) {
          definitions_[mf.file].push_back(
              {&Evaluator::documents_, document_key(b.labels[1]), b.labels[1].size()});
        }
      }
    }
    count_references(*mf.file);
  }
  // Read once all references are counted: a provider's url or a for_each may use a local.
  for (const ModuleFile& mf : files) {
    for (const Block& b : mf.file->top().blocks) {
      if (b.type != "resource" || b.labels.size() != 2) continue;
      const std::string address = str_cat(b.labels[0], ".", b.labels[1]);
      if (skipped.contains(address)) continue;
      if (is_identity_provider(b.labels[0]))
        provider_arns_.emplace(address, provider_arn(*mf.file, b));
      if (!b.labels[0].starts_with("aws_iam_")) continue;
      if (auto expanded = expand(*mf.file, b)) instances_.emplace(address, std::move(*expanded));
    }
  }
}

const std::vector<Instance>* Evaluator::instances(std::string_view address) const {
  const auto it = instances_.find(address);
  return it == instances_.end() ? nullptr : &it->second;
}

// The instances a known `for_each` (a map, or a set of strings) or `count` makes. The block's
// other expressions are evaluated once per instance: their references are counted as often.
std::optional<std::vector<Instance>> Evaluator::expand(const File& file, const Block& b) {
  const Body& body = file.body(b);
  const Attribute* for_each = body.attribute("for_each");
  const Attribute* count = body.attribute("count");
  const Attribute* meta = for_each ? for_each : count;
  if (!meta || meta->value == kNoExpr || (for_each && count)) return std::nullopt;
  const Dyn d = eval(file, meta->value);
  std::vector<Instance> out;
  if (for_each && d.kind == Dyn::Kind::Object) {
    for (std::size_t i = 0; i < d.keys.size() && i <= kMaxInstances; ++i) {
      out.push_back({str_cat("[\"", d.keys[i], "\"]"),
                     true,
                     Dyn::of(Value::known(d.keys[i], d.key_spans[i])),
                     d.items[i],
                     {}});
    }
  } else if (for_each && d.kind == Dyn::Kind::List && !d.items_unknown) {
    std::set<std::string, std::less<>> seen;
    for (const Dyn& item : d.items) {
      const auto text = item.kind == Dyn::Kind::Str ? item.str.known() : std::nullopt;
      if (!text) return std::nullopt;
      if (!seen.emplace(*text).second) continue;
      out.push_back({str_cat("[\"", *text, "\"]"), true, item, item, {}});
    }
  } else if (count && d.kind == Dyn::Kind::Str) {
    const auto text = d.str.known();
    if (!text || text->empty() || text->size() > 3 || !std::ranges::all_of(*text, [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        }))
      return std::nullopt;
    const std::size_t n = std::stoul(std::string(*text));
    for (std::size_t i = 0; i < n && i <= kMaxInstances; ++i) {
      out.push_back(
          {str_cat("[", i, "]"), false, {}, {}, Dyn::of(Value::known(std::to_string(i), d.span))});
    }
  } else {
    return std::nullopt;
  }
  if (out.size() > kMaxInstances) return std::nullopt;
  if (out.size() > 1) {
    count_references(file, b.span, file.span(meta->value),
                     static_cast<std::uint32_t>(out.size() - 1));
  }
  return out;
}

// arn:${partition}:iam::${account}:oidc-provider/HOST (the url without its scheme) or
// :saml-provider/NAME, as AWS names the provider the block creates.
Dyn Evaluator::provider_arn(const File& file, const Block& b) {
  const bool oidc = b.labels[0] == "aws_iam_openid_connect_provider";
  const Span span = b.header_span;
  Value id = to_value(attr(file, file.body(b), oidc ? "url" : "name"));
  if (!id.present()) id = Value::unknown(span);
  if (oidc) {
    id = concat({id}, span);  // one template per option, so that the scheme can be cut
    std::vector<Value> hosts;
    for (const Template& t : id.options()) {
      Template host;
      std::string_view prefix = "https://";
      for (const model::Part& p : t.parts()) {
        if (p.is_hole()) {
          host.append_hole(p.hole());
        } else {
          std::string_view text = p.text;
          if (text.starts_with(prefix)) text.remove_prefix(prefix.size());
          host.append_literal(text);
        }
        prefix = {};
      }
      hosts.push_back(Value::of_template(std::move(host), span));
    }
    if (!hosts.empty()) id = Value::alternatives(std::move(hosts), span);
  }
  Template head("arn:");
  head.append_hole({HoleKind::Partition, "partition", {}});
  head.append_literal(":iam::");
  head.append_hole({HoleKind::OwnAccount, "account_id", {}});
  head.append_literal(oidc ? ":oidc-provider/" : ":saml-provider/");
  return Dyn::of(concat({Value::of_template(std::move(head), span), id}, span));
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

// The file's own definitions are exactly the entries of locals_ and policy_documents_ that
// point into it (a name defined twice keeps its first file): erased by name, not by a scan of
// every local and document for each file released.
void Evaluator::forget(const File& file) {
  const auto it = definitions_.find(&file);
  if (it == definitions_.end()) return;
  for (const Definition& definition : it->second) {
    const std::string_view name =
        std::string_view(definition.key).substr(definition.key.size() - definition.name_size);
    if (definition.memos == &Evaluator::local_values_) {
      if (const auto local = locals_.find(name); local != locals_.end()) locals_.erase(local);
    } else if (const auto document = policy_documents_.find(name);
               document != policy_documents_.end()) {
      policy_documents_.erase(document);
    }
  }
  definitions_.erase(it);
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
  if (it != memos.end() && it->second.references > 0)
    it->second.value = std::make_unique<Dyn>(value);
}

// Counts, for every local and policy document, the expressions of `file` that may refer to it:
// `local.NAME...` and `data.aws_iam_policy_document.NAME...`, the traversals that reach local()
// and policy_document().
void Evaluator::count_references(const File& file, Span within, Span except, std::uint32_t times) {
  for (const Expr& e : file.exprs) {
    if (e.kind != ExprKind::GetAttr) continue;
    if (within.valid() && (e.begin < within.begin || e.end > within.end)) continue;
    if (except.valid() && e.begin >= except.begin && e.end <= except.end) continue;
    const Expr& base = file.at(file.args(e)[0]);
    if (base.kind == ExprKind::Variable && file.text(base) == "local") {
      local_values_[local_key(file.text(e))].references += times;
    } else if (base.kind == ExprKind::GetAttr && file.text(base) == "aws_iam_policy_document") {
      const Expr& root = file.at(file.args(base)[0]);
      if (root.kind == ExprKind::Variable && file.text(root) == "data") {
        documents_[document_key(file.text(e))].references += times;
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
      d.items.reserve(args.size());
      for (ExprId item : args) d.items.push_back(eval_at(file, item, depth + 1));
      return d;
    }
    case ExprKind::Object: {
      Dyn d;
      d.kind = Dyn::Kind::Object;
      d.span = span;
      d.keys.reserve(args.size() / 2);
      d.key_spans.reserve(args.size() / 2);
      d.items.reserve(args.size() / 2);
      for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
        Dyn key = eval_at(file, args[i], depth + 1);
        std::optional<std::string> k =
            key.kind == Dyn::Kind::Str ? model::owned(key.str.known()) : std::nullopt;
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
  // Most strings are literal text only: their value is that text, as concat() would make it
  // from the pieces (within its cap), built without them.
  if (std::ranges::all_of(args,
                          [&](ExprId part) { return file.at(part).kind == ExprKind::Literal; })) {
    std::string text;
    for (ExprId part : args) {
      text += file.text(file.at(part));
      verbatim = verbatim && file.at(part).verbatim;
    }
    if (text.size() <= model::kMaxStringBytes) {
      return with_source(file, e, Dyn::of(Value::known(std::move(text), span)), verbatim, {});
    }
    verbatim = true;  // past the cap: concat() says so, as for any string
  }
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
  return with_source(file, e, Dyn::of(concat(pieces, span)), verbatim, std::move(interps));
}

// A string's value `d` with where its text is in the source (Dyn::raw), for exact positions
// inside it: a heredoc's body, or a quoted string's one verbatim literal.
Dyn Evaluator::with_source(const File& file, const Expr& e, Dyn d, bool verbatim,
                           std::vector<std::pair<Span, Value>> interpolations) {
  const std::span<const ExprId> args = file.args(e);
  const Span span = file.span(e);
  if (e.heredoc) {
    d.raw = file.heredoc_body(e);
    d.raw_is_heredoc = true;
    d.interpolations = std::move(interpolations);
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
  const Instance* bound = std::exchange(bound_, nullptr);  // a local sees no each.* or count
  Dyn d = eval_at(*it->second.first, it->second.second, depth + 1);
  bound_ = bound;
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
  // The data source's address, for the hole standing for its attribute.
  const auto address = [&] { return str_cat("data.", type, ".", name); };
  if (type == "aws_caller_identity" && attribute == "account_id") {
    return hole(account_ids_unknown_ ? HoleKind::Unknown : HoleKind::OwnAccount, address(),
                std::string(attribute), span);
  }
  if (type == "aws_partition" && attribute == "partition") {
    return hole(HoleKind::Partition, address(), std::string(attribute), span);
  }
  if ((type == "aws_region" && attribute == "name") ||
      (type == "aws_region" && attribute == "region")) {
    return hole(HoleKind::Region, address(), std::string(attribute), span);
  }
  if (type == "aws_iam_policy_document" && (attribute == "json" || attribute == "minified_json")) {
    // Served from the memo before the block is looked up: the file defining it may be gone.
    if (auto memo = recall(documents_, document_key(name))) return std::move(*memo);
    auto it = policy_documents_.find(name);
    if (it == policy_documents_.end()) return Dyn::unknown(span);
    // A document's each.* (its own for_each) is not the resource's that refers to it.
    const Instance* bound = std::exchange(bound_, nullptr);
    Dyn d = policy_document(it->second, depth + 1);
    bound_ = bound;
    return d;
  }
  return hole(HoleKind::Unknown, address(), std::string(attribute), span);
}

Dyn Evaluator::traversal(const File& file, const Expr& e, unsigned depth) {
  // Flatten `root.a.b[0].c` into the root and its steps.
  std::vector<Step> steps;
  steps.reserve(4);  // `type.name.attribute`, `data.type.name.attribute`: no growing
  const Expr* cur = &e;
  ExprId cur_id = kNoExpr;
  while (cur->kind == ExprKind::GetAttr || cur->kind == ExprKind::Index ||
         cur->kind == ExprKind::Splat) {
    Step s;
    s.is_index = cur->kind == ExprKind::Index;
    s.splat = cur->kind == ExprKind::Splat;
    if (cur->kind == ExprKind::GetAttr) s.name = file.text(*cur);
    if (s.is_index) s.index = file.args(*cur)[1];
    steps.push_back(s);
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
    return i < steps.size() && !steps[i].is_index && !steps[i].splat ? steps[i].name
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
  if (bound_ && bound_->is_each == (root == "each") && (root == "each" || root == "count")) {
    if (root == "each" && name_at(0) == "key") return apply(bound_->each_key, 1);
    if (root == "each" && name_at(0) == "value") return apply(bound_->each_value, 1);
    if (root == "count" && name_at(0) == "index") return apply(bound_->count_index, 1);
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
  std::string address = str_cat(root, ".", name);
  if (instances(address)) {
    // An instance of a resource with a known for_each or count: by its key.
    return i == 2 ? instance_reference(file, address, steps[1].index, attribute, root, span, depth)
                  : Dyn::unknown(span);
  }
  if (attribute == "arn") {
    if (const auto provider = provider_arns_.find(address); provider != provider_arns_.end()) {
      Dyn d = provider->second;
      d.span = span;
      d.str.set_span(span);
      return d;
    }
  }
  return hole(HoleKind::Resource, std::move(address), model_attribute(root, attribute), span);
}

Dyn Evaluator::instance_reference(const File& file, std::string_view address, ExprId index,
                                  std::string_view attribute, std::string_view type, Span span,
                                  unsigned depth) {
  const Dyn key = eval_at(file, index, depth + 1);
  const auto text = key.kind == Dyn::Kind::Str ? key.str.known() : std::nullopt;
  if (!text) return Dyn::unknown(span);
  for (const Instance& instance : *instances(address)) {
    const Dyn& own = instance.is_each ? instance.each_key : instance.count_index;
    if (own.str.known() == *text) {
      return hole(HoleKind::Resource, str_cat(address, instance.key),
                  model_attribute(type, attribute), span);
    }
  }
  return Dyn::unknown(span);
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
