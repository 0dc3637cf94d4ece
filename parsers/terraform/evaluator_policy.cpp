// The evaluator's policies: JSON policy text (jsonencode, heredocs), `aws_iam_policy_document`
// data sources, and their conversion to model policy documents.
#include <algorithm>
#include <optional>

#include "linter/base/str_cat.hpp"
#include "parsers/json/json_reader.hpp"
#include "parsers/policy/policy_builder.hpp"
#include "parsers/terraform/evaluator.hpp"
#include "parsers/terraform/evaluator_internal.hpp"

namespace rolelint::tf {

using model::Value;
using model::ValueList;

namespace {

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
        return Dyn::of(
            Value::known(heredoc ? unescape_template(n.text()) : std::string(n.text()), n.span));
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
        d.keys.push_back(heredoc ? unescape_template(t.at(key).text())
                                 : std::string(t.at(key).text()));
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
// The tree's texts are views of the Dyn's strings, which outlive it.
class DynTree : public policy::Evaluator {
 public:
  DynTree() { dyns.reserve(64); }  // a policy's nodes, usually, without growing one by one

  tree::NodeId build(const Dyn& d) {
    tree::Node n;
    n.span = d.span;
    // The children's ids, then the keys', at the end of `ids_` (shared by the nested calls).
    const std::size_t base = ids_.size();
    for (const Dyn& item : d.items) {
      const tree::NodeId child = build(item);
      ids_.push_back(child);
    }
    switch (d.kind) {
      case Dyn::Kind::Str:
        n.kind = tree::Kind::Scalar;
        n.quoted = true;
        n.set_text(d.str.known().value_or(""));
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
          key.set_text(d.keys[i]);
          key.span = d.key_spans[i];
          ids_.push_back(tree.add(key));
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
    const std::span<const tree::NodeId> ids(ids_.data() + base, ids_.size() - base);
    const tree::NodeId id = tree.add(n, ids.first(d.items.size()), ids.subspan(d.items.size()));
    ids_.resize(base);
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

 private:
  std::vector<tree::NodeId> ids_;
};

}  // namespace

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
  std::uint32_t base = 0;  // offset of `text` in `file` (Value: 0)
};

JsonText json_text(const Dyn& text, const std::map<FileId, std::string_view>& texts) {
  JsonText j;
  if (text.kind != Dyn::Kind::Str) return j;
  const auto known = text.str.known();
  const bool has_raw = text.raw.file != kNoFile;
  const auto file = has_raw ? texts.find(text.raw.file) : texts.end();
  const std::string_view raw =
      file != texts.end() ? file->second.substr(text.raw.begin, text.raw.end - text.raw.begin)
                          : std::string_view();
  if (known && has_raw && text.interpolations.empty()) {
    // (For `<<-` heredocs the raw bytes differ from the value only by indentation, which JSON
    // ignores.)
    j = {JsonText::Kind::Source,
         file != texts.end() ? raw : *known,
         {},
         text.raw.file,
         text.raw.begin};
  } else if (has_raw && !text.interpolations.empty()) {
    if (file != texts.end())
      j = {JsonText::Kind::Interpolated, raw, file->second, text.raw.file, text.raw.begin};
  } else if (known) {
    // Text with escapes (or from a file outside the inputs): every inner position is the string's.
    j = {JsonText::Kind::Value, *known, {}, text.span.file, 0};
  }
  return j;
}

// Where and why a string given as a policy is not JSON (RL211), when its text is known. An
// interpolation in a heredoc stands for text not known: blanked to letters, it reads as text
// inside a JSON string and as an error outside one, where the error is then not a problem.
std::optional<model::PolicyProblem> json_problem(const Dyn& text,
                                                 const std::map<FileId, std::string_view>& texts) {
  const JsonText j = json_text(text, texts);
  if (j.kind == JsonText::Kind::Unknown) return std::nullopt;
  std::string blanked;
  std::string_view source = j.text;
  if (j.kind == JsonText::Kind::Interpolated) {
    blanked.assign(j.text);
    for (const auto& [span, value] : text.interpolations) {
      if (span.begin < j.base || span.end > j.base + blanked.size()) continue;
      std::fill(blanked.begin() + (span.begin - j.base), blanked.begin() + (span.end - j.base),
                'x');
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
  return model::PolicyProblem{at,
                              str_cat("policy document is not valid JSON: ", root.error().message)};
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
  // An object or a list is its own structure (policy_structure): read in place, not copied.
  const bool own_structure = d.kind == Dyn::Kind::Object || d.kind == Dyn::Kind::List;
  const Dyn read = own_structure ? Dyn() : policy_structure(d);
  const Dyn& structure = own_structure ? d : read;
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
Dyn Evaluator::document_named(std::string_view name, Span span) {
  const auto memo = documents_.find(document_key(name));
  if (memo != documents_.end() && memo->second.value) return *memo->second.value;
  const auto it = policy_documents_.find(name);
  return it == policy_documents_.end() ? Dyn::unknown(span) : policy_document(it->second, 0);
}

bool Evaluator::document_referenced(std::string_view name) const {
  return referenced_documents_.count(document_key(name)) > 0;
}

bool Evaluator::document_pending(std::string_view name) const {
  const auto memo = documents_.find(document_key(name));
  return memo != documents_.end() && memo->second.references > 0;
}

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
  auto merge_in = [&](Dyn s) {
    if (auto sid = sid_of(s); sid && !sid->empty()) {
      for (Dyn& have : statements.items) {
        if (sid_of(have) == sid) {
          have = std::move(s);
          return;
        }
      }
    }
    statements.items.push_back(std::move(s));
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
  // Room for the usual keys (Effect, Action, Resource and one more) without growing.
  s.keys.reserve(4);
  s.key_spans.reserve(4);
  s.items.reserve(4);
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

}  // namespace rolelint::tf
