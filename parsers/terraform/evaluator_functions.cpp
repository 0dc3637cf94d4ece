// The evaluator's function table: Terraform's built-in functions (Evaluator::call).
#include <algorithm>
#include <cctype>
#include <optional>

#include "linter/base/str_cat.hpp"
#include "parsers/terraform/evaluator.hpp"
#include "parsers/terraform/evaluator_internal.hpp"
#include "parsers/terraform/template_file.hpp"

namespace rolelint::tf {

using model::Template;
using model::Value;

namespace {

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

// Whether a known or partly known value may be the empty string (an unknown one may).
bool may_be_empty(const Value& v) {
  if (v.is_unknown()) return true;
  for (const Template& t : v.options()) {
    if (t.known_length() == 0 && !t.is_too_large()) return true;
  }
  return false;
}

// Whether every option of `v` is known text.
bool is_fully_known(const Value& v) {
  if (v.is_unknown()) return false;
  for (const Template& t : v.options()) {
    if (!t.is_known()) return false;
  }
  return true;
}

// `v` without its empty options: absent when it is only "" (an unknown value stays unknown).
Value without_empty(const Value& v, Span span) {
  if (!v.present() || v.is_unknown()) return v;
  std::vector<Value> options;
  for (const Template& t : v.options()) {
    if (t.known() != std::string_view()) options.push_back(Value::of_template(t, v.span()));
  }
  if (options.size() == v.options().size()) return v;
  if (options.empty()) return Value();
  return options.size() == 1 ? options.front() : Value::alternatives(std::move(options), span);
}

}  // namespace

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
  if (f == "concat" || f == "flatten" || f == "distinct") {
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
    // The first non-null, non-empty argument: one that cannot be empty ends the search, else
    // every candidate so far is possible. An argument not known that may be empty (a variable)
    // makes the result unknown: which later argument applies depends on what it is.
    std::vector<Value> options;
    for (const Dyn& a : args) {
      if (a.kind == Dyn::Kind::Null) continue;
      const Value whole = to_value(a);
      if (may_be_empty(whole) && !is_fully_known(whole)) return Dyn::unknown(span);
      Value v = without_empty(whole, span);
      if (!v.present()) continue;
      options.push_back(std::move(v));
      if (!may_be_empty(whole)) break;
    }
    if (options.empty()) return Dyn::unknown(span);
    return Dyn::of(options.size() == 1 ? options.front()
                                       : Value::alternatives(std::move(options), span));
  }
  if (f == "compact") {
    // The list without its null and empty strings; an element that may be empty is one of its
    // other values, as a conditional's branches in a list are.
    if (args.size() != 1 || args[0].kind != Dyn::Kind::List) return Dyn::unknown(span);
    Dyn d = std::move(args[0]);
    d.span = span;
    std::vector<Dyn> kept;
    for (Dyn& item : d.items) {
      if (item.kind == Dyn::Kind::Null) continue;
      if (item.kind == Dyn::Kind::Str) {
        item.str = without_empty(item.str, item.span);
        if (!item.str.present()) continue;
      }
      kept.push_back(std::move(item));
    }
    d.items = std::move(kept);
    return d;
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

}  // namespace rolelint::tf
