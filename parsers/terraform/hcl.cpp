#include "parsers/terraform/hcl.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>

#include "linter/base/str_cat.hpp"
#include "linter/base/utf8.hpp"
#include "parsers/terraform/hcl_split.hpp"
#include "parsers/terraform/ts_budget.hpp"

extern "C" const TSLanguage* tree_sitter_hcl(void);

namespace rolelint::tf {

Span File::interpolation(ExprId expr) const {
  const auto it = std::lower_bound(
      interpolations.begin(), interpolations.end(), expr,
      [](const std::pair<ExprId, Span>& i, ExprId wanted) { return i.first < wanted; });
  return it != interpolations.end() && it->first == expr ? it->second : Span{};
}

const Attribute* Body::attribute(std::string_view name) const {
  for (const Attribute& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

namespace {

struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};

std::string_view type_of(TSNode n) { return ts_node_type(n); }

// The named children of a node. Through a cursor: ts_node_named_child(node, i) is linear in i,
// which makes an index loop quadratic on files with many top-level items.
std::vector<TSNode> named_children(TSNode node) {
  std::vector<TSNode> out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(child)) out.push_back(child);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

// Offset of the first byte that is not valid UTF-8, or npos. Runs of ASCII, most of a file,
// are stepped over eight bytes at a time (the language server checks the file on every edit).
std::size_t invalid_utf8(std::string_view s) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080u;
  for (std::size_t i = 0; i < s.size();) {
    if (i + 8 <= s.size()) {
      std::uint64_t eight = 0;
      std::memcpy(&eight, s.data() + i, 8);
      if ((eight & kHighBits) == 0) {
        i += 8;
        continue;
      }
    }
    const utf8::Decoded d = utf8::decode(s, i);
    if (!d.valid) return i;
    i += d.size;
  }
  return std::string_view::npos;
}

// Quoted-template escapes: \n \r \t \" \\ \uNNNN \UNNNNNNNN, and $${ / %%{ for literal ${ / %{.
std::string unescape(std::string_view s, bool quoted) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if ((c == '$' || c == '%') && i + 2 < s.size() && s[i + 1] == c && s[i + 2] == '{') {
      out += c;
      out += '{';
      i += 2;
      continue;
    }
    if (!quoted || c != '\\' || i + 1 >= s.size()) {
      out += c;
      continue;
    }
    const char e = s[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'u':
      case 'U': {
        const std::size_t digits = e == 'u' ? 4 : 8;
        std::uint32_t cp = 0;
        std::size_t k = 0;
        for (; k < digits && i + 1 + k < s.size(); ++k) {
          const char h = s[i + 1 + k];
          int d = h >= '0' && h <= '9'   ? h - '0'
                  : h >= 'a' && h <= 'f' ? h - 'a' + 10
                  : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                         : -1;
          if (d < 0) break;
          cp = cp * 16 + static_cast<std::uint32_t>(d);
        }
        i += k;
        append_utf8(out, cp);
        break;
      }
      default:
        out += '\\';
        out += e;
    }
  }
  return out;
}

class Converter {
 public:
  Converter(std::string_view text, File& file, unsigned max_depth)
      : text_(text), file_(file), max_depth_(max_depth) {}

  bool too_deep() const { return too_deep_; }
  std::uint32_t too_deep_at() const { return too_deep_at_; }

  std::uint32_t body(TSNode node, unsigned depth) {
    const auto index = static_cast<std::uint32_t>(file_.bodies.size());
    file_.bodies.emplace_back();
    if (depth > max_depth_) return fail(node, index);
    Body b;
    add_items(b, node, depth);
    file_.bodies[index] = exact(std::move(b));
    return index;
  }

  // A body whose vectors have no spare room: the file keeps tens of thousands of them.
  static Body exact(Body b) {
    b.attributes.shrink_to_fit();
    b.blocks.shrink_to_fit();
    return b;
  }

  // Adds the attributes and blocks of a body node to `b` (a body being built, not yet in the
  // file: converting them adds bodies).
  void add_items(Body& b, TSNode node, unsigned depth) {
    for (TSNode child : named_children(node)) {
      const std::string_view type = type_of(child);
      if (type == "attribute") {
        Attribute a;
        a.span = span(child);
        TSNode name = ts_node_named_child(child, 0);
        a.name = source(name);
        a.name_span = span(name);
        if (ts_node_named_child_count(child) > 1) {
          a.value = expr(ts_node_named_child(child, 1), depth + 1);
        }
        b.attributes.push_back(std::move(a));
      } else if (type == "block") {
        b.blocks.push_back(block(child, depth + 1));
      }
    }
  }

 private:
  std::uint32_t fail(TSNode node, std::uint32_t result) {
    if (!too_deep_) too_deep_at_ = ts_node_start_byte(node);
    too_deep_ = true;
    return result;
  }

  Span span(TSNode n) const { return Span{file_.id, ts_node_start_byte(n), ts_node_end_byte(n)}; }
  std::string_view source(TSNode n) const {
    const std::uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
    return text_.substr(b, e - b);
  }

  // An expression being converted: its arguments are collected here, and go to the file's
  // shared array (contiguous) when it is added.
  struct Draft : Expr {
    std::vector<ExprId> args;
  };

  // An expression spanning `n`.
  Draft draft(ExprKind kind, TSNode n) const {
    Draft e;
    e.kind = kind;
    e.begin = ts_node_start_byte(n);
    e.end = ts_node_end_byte(n);
    return e;
  }
  // Text that is source bytes: [begin, end).
  static void set_text(Expr& e, std::uint32_t begin, std::uint32_t end) {
    e.unescaped = false;
    e.text_begin = begin;
    e.text_size = end - begin;
  }
  static void set_text(Expr& e, TSNode n) {
    set_text(e, ts_node_start_byte(n), ts_node_end_byte(n));
  }
  // Text that is not in the source: copied to the file.
  void set_unescaped_text(Expr& e, std::string_view text) {
    e.unescaped = true;
    e.text_begin = static_cast<std::uint32_t>(file_.unescaped.size());
    e.text_size = static_cast<std::uint32_t>(text.size());
    file_.unescaped += text;
  }

  ExprId add(Draft d) {
    d.first_arg = static_cast<std::uint32_t>(file_.arg_ids.size());
    d.arg_count = static_cast<std::uint32_t>(d.args.size());
    file_.arg_ids.insert(file_.arg_ids.end(), d.args.begin(), d.args.end());
    file_.exprs.push_back(static_cast<const Expr&>(d));
    return static_cast<ExprId>(file_.exprs.size() - 1);
  }

  ExprId unsupported(TSNode n) { return add(draft(ExprKind::Unsupported, n)); }

  Block block(TSNode node, unsigned depth) {
    Block b;
    b.span = span(node);
    bool have_body = false;
    bool first = true;
    for (TSNode child : named_children(node)) {
      const std::string_view type = type_of(child);
      const bool is_first = first;
      first = false;
      if (type == "identifier") {
        if (b.type.empty() && is_first) {
          b.type = source(child);
          b.header_span = span(child);
        } else {
          b.labels.emplace_back(source(child));
          b.label_spans.push_back(span(child));
          b.header_span.end = ts_node_end_byte(child);
        }
      } else if (type == "string_lit") {
        std::string label;
        for (TSNode part : named_children(child)) {
          if (type_of(part) == "template_literal") label += unescape(source(part), true);
        }
        b.labels.push_back(std::move(label));
        b.label_spans.push_back(span(child));
        b.header_span.end = ts_node_end_byte(child);
      } else if (type == "body") {
        b.body_index = body(child, depth + 1);
        have_body = true;
      }
    }
    if (!have_body) {
      b.body_index = static_cast<std::uint32_t>(file_.bodies.size());
      file_.bodies.emplace_back();
    }
    return b;
  }

  ExprId expr(TSNode node, unsigned depth) {
    if (depth > max_depth_) return fail(node, unsupported(node));
    const std::string_view type = type_of(node);
    if (type == "expression") return expression(node, depth);
    if (type == "literal_value") return expr(ts_node_named_child(node, 0), depth + 1);
    if (type == "numeric_lit" || type == "bool_lit" || type == "null_lit") {
      Draft e = draft(type == "numeric_lit" ? ExprKind::Number
                      : type == "bool_lit"  ? ExprKind::Bool
                                            : ExprKind::Null,
                      node);
      set_text(e, node);
      return add(std::move(e));
    }
    if (type == "string_lit" || type == "quoted_template") return quoted(node, depth);
    if (type == "template_expr") return expr(ts_node_named_child(node, 0), depth + 1);
    if (type == "heredoc_template") return heredoc(node, depth);
    if (type == "collection_value") return expr(ts_node_named_child(node, 0), depth + 1);
    if (type == "tuple") {
      Draft e = draft(ExprKind::Tuple, node);
      for (TSNode child : named_children(node)) {
        if (type_of(child) == "expression") e.args.push_back(expr(child, depth + 1));
      }
      return add(std::move(e));
    }
    if (type == "object") {
      Draft e = draft(ExprKind::Object, node);
      for (TSNode child : named_children(node)) {
        if (type_of(child) != "object_elem") continue;
        TSNode key = ts_node_child_by_field_name(child, "key", 3);
        TSNode val = ts_node_child_by_field_name(child, "val", 3);
        if (ts_node_is_null(key) || ts_node_is_null(val)) continue;
        e.args.push_back(object_key(key, depth + 1));
        e.args.push_back(expr(val, depth + 1));
      }
      return add(std::move(e));
    }
    if (type == "variable_expr") {
      Draft e = draft(ExprKind::Variable, node);
      set_text(e, ts_node_named_child(node, 0));
      return add(std::move(e));
    }
    if (type == "function_call") {
      Draft e = draft(ExprKind::Call, node);
      set_text(e, ts_node_named_child(node, 0));
      if (ts_node_named_child_count(node) > 1) {
        TSNode args = ts_node_named_child(node, 1);
        for (TSNode a : named_children(args)) {
          if (type_of(a) == "expression") e.args.push_back(expr(a, depth + 1));
          if (type_of(a) == "ellipsis") e.expand = true;
        }
      }
      return add(std::move(e));
    }
    if (type == "conditional") {
      Draft e = draft(ExprKind::Conditional, node);
      for (TSNode child : named_children(node)) e.args.push_back(expr(child, depth + 1));
      if (e.args.size() != 3) e.kind = ExprKind::Unsupported;
      return add(std::move(e));
    }
    return unsupported(node);  // for expressions, operations, ...
  }

  // A bare identifier as an object key is the literal string; anything else is an expression.
  ExprId object_key(TSNode key, unsigned depth) {
    if (type_of(key) == "expression" && ts_node_named_child_count(key) == 1) {
      TSNode only = ts_node_named_child(key, 0);
      if (type_of(only) == "variable_expr") {
        Draft lit = draft(ExprKind::Literal, only);
        set_text(lit, only);
        lit.verbatim = true;
        Draft s = draft(ExprKind::String, only);
        s.args.push_back(add(std::move(lit)));
        return add(std::move(s));
      }
    }
    return expr(key, depth);
  }

  // expression: a term followed by postfix operators, a conditional, or a parenthesised
  // expression.
  ExprId expression(TSNode node, unsigned depth) {
    const std::vector<TSNode> children = named_children(node);
    if (children.empty()) return unsupported(node);
    ExprId current = expr(children[0], depth + 1);
    for (std::size_t i = 1; i < children.size(); ++i) {
      TSNode op = children[i];
      const std::string_view type = type_of(op);
      Draft e = draft(ExprKind::Unsupported, op);
      e.begin = file_.exprs[current].begin;
      e.args.push_back(current);
      if (type == "get_attr") {
        e.kind = ExprKind::GetAttr;
        set_text(e, ts_node_named_child(op, 0));
      } else if (type == "index") {
        TSNode inner = ts_node_named_child(op, 0);
        e.kind = ExprKind::Index;
        if (type_of(inner) == "new_index") {
          e.args.push_back(expr(ts_node_named_child(inner, 0), depth + 1));
        } else {  // legacy `.0`
          Draft num = draft(ExprKind::Number, inner);
          set_text(num, ts_node_start_byte(inner) + 1, ts_node_end_byte(inner));
          e.args.push_back(add(std::move(num)));
        }
      } else if (type == "splat") {
        e.kind = ExprKind::Splat;
      }
      current = add(std::move(e));
    }
    // Parenthesised: `( expression )` keeps the inner expression.
    return current;
  }

  ExprId quoted(TSNode node, unsigned depth) {
    Draft e = draft(ExprKind::String, node);
    for (TSNode part : named_children(node)) {
      template_part(part, true, e, depth);
    }
    return add(std::move(e));
  }

  void template_part(TSNode part, bool quoted_string, Draft& e, unsigned depth) {
    const std::string_view type = type_of(part);
    if (type == "template_literal") {
      Draft lit = draft(ExprKind::Literal, part);
      const std::string unescaped = unescape(source(part), quoted_string);
      lit.verbatim = unescaped == source(part);
      if (lit.verbatim) {
        set_text(lit, part);
      } else {
        set_unescaped_text(lit, unescaped);
      }
      e.args.push_back(add(std::move(lit)));
    } else if (type == "template_interpolation") {
      for (TSNode inner : named_children(part)) {
        if (type_of(inner) != "expression") continue;
        // The expression's id is the largest yet, which keeps File::interpolations sorted.
        const ExprId id = expr(inner, depth + 1);
        file_.interpolations.emplace_back(id, span(part));
        e.args.push_back(id);
      }
    } else if (type == "template_directive") {
      e.args.push_back(unsupported(part));
    }
  }

  ExprId heredoc(TSNode node, unsigned depth) {
    Draft e = draft(ExprKind::String, node);
    e.heredoc = true;
    bool strip = false;
    std::uint32_t idents = 0;
    std::uint32_t body_begin = 0, body_end = 0;
    for (TSNode part : named_children(node)) {
      const std::string_view type = type_of(part);
      if (type == "heredoc_start") {
        strip = source(part) == "<<-";
      } else if (type == "heredoc_identifier") {
        if (idents++ == 0) {
          // The body starts after the opening line.
          std::size_t nl = text_.find('\n', ts_node_end_byte(part));
          body_begin =
              static_cast<std::uint32_t>(nl == std::string_view::npos ? text_.size() : nl + 1);
        } else {
          // ... and ends at the start of the closing identifier's line.
          std::size_t nl = text_.rfind('\n', ts_node_start_byte(part));
          body_end = static_cast<std::uint32_t>(nl == std::string_view::npos ? 0 : nl + 1);
        }
      } else {
        template_part(part, false, e, depth);
      }
    }
    set_text(e, body_begin, std::max(body_begin, body_end));
    if (strip) strip_indentation(e);
    return add(std::move(e));
  }

  // `<<-EOF`: remove the common leading whitespace of the content lines from the literal parts.
  // The stripped literals no longer match the source bytes (verbatim = false) unless nothing
  // was stripped.
  void strip_indentation(Draft& e) {
    const std::string_view body = file_.text(e);
    std::size_t common = std::string_view::npos;
    std::size_t pos = 0;
    while (pos < body.size()) {
      std::size_t end = body.find('\n', pos);
      if (end == std::string_view::npos) end = body.size();
      std::string_view line = body.substr(pos, end - pos);
      std::size_t ws = line.find_first_not_of(" \t");
      if (ws != std::string_view::npos && ws < common) common = ws;
      pos = end + 1;
    }
    if (common == 0 || common == std::string_view::npos) return;
    for (ExprId id : e.args) {
      Expr& lit = file_.exprs[id];
      if (lit.kind != ExprKind::Literal) continue;
      // Strip at every line start inside this literal (a literal starting at the body's start
      // or after a newline begins a line).
      const std::string_view text = file_.text(lit);
      std::string out;
      std::size_t src = lit.begin;
      bool at_line_start = src == e.text_begin || (src > 0 && text_[src - 1] == '\n');
      std::size_t strip_left = at_line_start ? common : 0;
      for (char c : text) {
        if (strip_left > 0 && (c == ' ' || c == '\t')) {
          --strip_left;
          continue;
        }
        strip_left = 0;
        out += c;
        if (c == '\n') strip_left = common;
      }
      if (out == text) continue;
      lit.verbatim = false;
      set_unescaped_text(lit, out);
    }
  }

  std::string_view text_;
  File& file_;
  unsigned max_depth_;
  bool too_deep_ = false;
  std::uint32_t too_deep_at_ = 0;
};

// The first node in document order of `root`'s subtree for which `wanted` holds, descending
// only into subtrees that contain an error (iterative: deep input must not overflow the stack).
template <typename Wanted>
std::optional<TSNode> first_node(TSNode root, Wanted wanted) {
  if (!ts_node_has_error(root)) return std::nullopt;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  std::optional<TSNode> found;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&cursor);
    if (wanted(n)) {
      found = n;
      break;
    }
    if (ts_node_has_error(n) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    bool moved = false;
    while (!moved) {
      if (ts_tree_cursor_goto_next_sibling(&cursor)) {
        moved = true;
      } else if (!ts_tree_cursor_goto_parent(&cursor)) {
        break;
      }
    }
    if (!moved) break;
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

// The first ERROR or MISSING node in document order.
std::optional<TSNode> first_error(TSNode root) {
  return first_node(root, [](TSNode x) { return ts_node_is_error(x) || ts_node_is_missing(x); });
}

// An invalid escape in a quoted string (`"\q"`) is an ERROR node starting at the backslash,
// often inside one the parser's recovery made of everything before it: where it is, if any.
std::optional<std::uint32_t> invalid_escape(std::string_view text, TSNode error) {
  const std::optional<TSNode> n = first_node(error, [&](TSNode x) {
    const std::uint32_t at = ts_node_start_byte(x);
    return ts_node_is_error(x) && at < text.size() && text[at] == '\\';
  });
  if (!n) return std::nullopt;
  return ts_node_start_byte(*n);
}

// The syntax error of a parsed file, if it has one.
std::optional<ParseError> syntax_error(std::string_view text, TSNode root) {
  const std::optional<TSNode> error = first_error(root);
  if (!error) return std::nullopt;
  const std::uint32_t offset = ts_node_start_byte(*error);
  const bool missing = ts_node_is_missing(*error);
  const std::string near = missing ? std::string(ts_node_type(*error)) : std::string();
  std::string what;
  if (const auto escape = missing ? std::nullopt : invalid_escape(text, *error)) {
    // Quoting the escape alone: the line around it may be anything (a secret's neighbours).
    const char next = *escape + 1 < text.size() ? text[*escape + 1] : ' ';
    const bool printable = next > ' ' && next < 0x7f;
    return ParseError{*escape, str_cat("HCL syntax error: invalid escape sequence '\\",
                                       printable ? std::string(1, next) : std::string(), "'")};
  }
  if (missing && near == "heredoc_identifier") {
    what = "HCL syntax error: unterminated heredoc (its closing identifier is missing)";
  } else if (missing) {
    what = str_cat("HCL syntax error: missing '", near, "'");
    if (offset >= text.size()) what += " at end of file";
  } else if (offset < text.size()) {
    std::string_view rest = text.substr(offset, 20);
    rest = rest.substr(0, rest.find('\n'));
    what = str_cat("HCL syntax error: unexpected '", rest, "'");
  } else {
    what = "HCL syntax error: unexpected end of file";
  }
  if (text.substr(offset).starts_with("<<")) what += " (unterminated heredoc?)";
  return ParseError{offset, what};
}

// The body of a parsed file's root node (a file with no items has none). The grammar also takes
// a whole file that is one object (`{ name = "x" }`, HCL's JSON-like form), which Terraform
// rejects, a .tf file being arguments and blocks: an error at the object. (Read as an empty
// file, a piece of a broken file that happened to be one parsed where the whole file fails.)
Result<std::optional<TSNode>> root_body(TSNode root) {
  std::optional<TSNode> body;
  for (TSNode child : named_children(root)) {
    const std::string_view type = ts_node_type(child);
    if (type == "body") {
      body = child;
    } else if (type != "comment") {
      return ParseError{ts_node_start_byte(child),
                        "HCL syntax error: expected an argument or a block, not an object"};
    }
  }
  return body;
}

using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;

// tree-sitter reads the text through this: all of it from the offset asked for.
const char* read_text(void* payload, std::uint32_t byte, TSPoint, std::uint32_t* bytes_read) {
  const std::string_view& text = *static_cast<const std::string_view*>(payload);
  if (byte >= text.size()) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = static_cast<std::uint32_t>(text.size() - byte);
  return text.data() + byte;
}

// The parse of `text` (or of its `range`), none when the memory budget stopped it.
TreePtr parse_range(TSParser* parser, std::string_view text, const TSRange* range) {
  ts_parser_set_included_ranges(parser, range, range ? 1 : 0);
  const TSInput input{
      .payload = &text, .read = read_text, .encoding = TSInputEncodingUTF8, .decode = nullptr};
  const TSParseOptions options{.payload = nullptr, .progress_callback = cancel_over_budget};
  TreePtr tree(ts_parser_parse_with_options(parser, nullptr, input, options));
  // A stopped parse keeps its state to be resumed: free it now, before the error is made (when
  // malloc failed, nothing else can be allocated until then).
  if (!tree) ts_parser_reset(parser);
  return tree;
}

// The error of a parse the memory budget stopped.
ParseError over_budget(const ParseMemoryBudget& budget) {
  return ParseError{static_cast<std::uint32_t>(budget.stopped_at()),
                    str_cat("the HCL parser needs more than ", budget.limit() >> 20,
                            " MiB for this file (", kParseMemoryPerByte, " times its size plus ",
                            kParseMemoryFloor >> 20, " MiB): not parsed")};
}

// The error of a parse stopped because malloc failed (ts_budget.hpp).
ParseError out_of_memory(const ParseMemoryBudget& budget) {
  return ParseError{static_cast<std::uint32_t>(budget.stopped_at()),
                    "out of memory while the HCL parser read this file: not parsed"};
}

// A file, or a part of one, with no items yet: its top-level body is bodies[0], whatever its
// items add.
File empty_file(std::string_view text, FileId id) {
  File file;
  file.id = id;
  file.source = text;
  file.bodies.emplace_back();
  return file;
}

// Parses and converts the file a piece at a time, [cuts[k], cuts[k+1]) (hcl_split.hpp), so that
// only one piece's tree is alive at once; a single cut (at 0) parses the whole file. Every piece
// goes to a part of its own when `part_per_piece`, else all to one. The error of the first piece
// that does not parse, or of nesting too deep.
std::optional<ParseError> convert(TSParser* parser, std::string_view text, FileId id,
                                  const std::vector<std::uint32_t>& cuts, unsigned max_depth,
                                  bool part_per_piece, const ParseMemoryBudget& budget,
                                  std::vector<File>& parts) {
  std::optional<std::uint32_t> too_deep_at;
  TSPoint at{0, 0};
  std::size_t k = 0;
  while (k < cuts.size()) {
    File part = empty_file(text, id);
    Converter conv(text, part, max_depth);
    Body top;
    do {
      const std::uint32_t begin = cuts[k];
      const auto end = k + 1 < cuts.size() ? cuts[k + 1] : static_cast<std::uint32_t>(text.size());
      TSPoint to = at;  // every cut is at a line start
      for (std::uint32_t i = begin; i < end; ++i) {
        if (text[i] == '\n') ++to.row;
      }
      to.column = k + 1 < cuts.size()
                      ? 0
                      : static_cast<std::uint32_t>(end - (text.rfind('\n', end - 1) + 1));
      const TSRange range{at, to, begin, end};
      at = to;
      const TreePtr tree = parse_range(parser, text, cuts.size() == 1 ? nullptr : &range);
      if (budget.out_of_memory()) return out_of_memory(budget);
      if (!tree && budget.exceeded()) return over_budget(budget);
      if (!tree) return ParseError{0, "internal error: tree-sitter returned no tree"};
      const TSNode root = ts_tree_root_node(tree.get());
      if (auto error = syntax_error(text, root)) return error;
      auto body = root_body(root);
      if (!body.ok()) return body.error();
      if (body.value()) conv.add_items(top, *body.value(), 0);
      ++k;
    } while (k < cuts.size() && !part_per_piece);
    part.bodies[0] = Converter::exact(std::move(top));
    part.exprs.shrink_to_fit();
    part.arg_ids.shrink_to_fit();
    part.bodies.shrink_to_fit();
    part.unescaped.shrink_to_fit();
    part.interpolations.shrink_to_fit();
    if (conv.too_deep() && !too_deep_at) too_deep_at = conv.too_deep_at();
    parts.push_back(std::move(part));
  }
  // A syntax error anywhere comes first, as when the file is converted in one part.
  if (too_deep_at)
    return ParseError{*too_deep_at, str_cat("nesting deeper than ", max_depth, " levels")};
  return std::nullopt;
}

// parse() and parse_parts(): the file in one part, or in a part per piece.
Result<std::vector<File>> parse_file(std::string_view text, FileId id, const ParseOptions& options,
                                     bool part_per_piece) {
  if (text.size() > options.max_bytes || text.size() >= 0xffffffffu) {
    return ParseError{
        0, str_cat("file is ", text.size(), " bytes; Terraform files over ", options.max_bytes,
                   " bytes are not parsed (the HCL parser's memory grows with size)")};
  }
  if (std::size_t bad = invalid_utf8(text); bad != std::string_view::npos) {
    return ParseError{static_cast<std::uint32_t>(bad),
                      "invalid UTF-8: HCL files must be UTF-8 encoded"};
  }
  const HclScan scan = scan_hcl(text, options.piece_bytes);
  if (scan.too_deep) {
    return ParseError{*scan.too_deep,
                      str_cat("strings, heredocs and interpolations nested more than ",
                              kMaxTemplateNesting, " deep: the HCL parser cannot read this")};
  }
  // Counts what tree-sitter holds until the parser and every tree are freed (declared first).
  const ParseMemoryBudget budget(options.memory_budget ? options.memory_budget
                                                       : parse_memory_budget(text.size()));
  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!ts_parser_set_language(parser.get(), tree_sitter_hcl())) {
    return ParseError{0, "internal error: incompatible tree-sitter HCL grammar"};
  }
  std::vector<File> parts;
  if (!scan.cuts.empty()) {
    if (!convert(parser.get(), text, id, scan.cuts, options.max_depth, part_per_piece, budget,
                 parts))
      return parts;
    if (options.pieces_only) return ParseError{0, "a piece does not parse on its own"};
    // The whole file's parse reports the error, or parses what the cuts broke.
    parts.clear();
  }
  if (auto error = convert(parser.get(), text, id, {0}, options.max_depth, false, budget, parts))
    return *error;
  return parts;
}

// A piece parsed on its own (positions from 0 in `stored`) as a part of the file `text`, where
// the piece now starts at `at`: positions and views of the source move there.
File moved_piece(const File& piece, std::string_view text, FileId id, std::uint32_t at) {
  File part = piece;
  part.id = id;
  part.source = text;
  auto move = [&](Span& span) {
    span.file = id;
    span.begin += at;
    span.end += at;
  };
  auto move_view = [&](std::string_view& view) {
    view =
        text.substr(at + static_cast<std::size_t>(view.data() - piece.source.data()), view.size());
  };
  for (Expr& e : part.exprs) {
    e.begin += at;
    e.end += at;
    // An expression without text (an empty literal) has 0 for its text's place, wherever it is.
    if (!e.unescaped && (e.text_size > 0 || e.text_begin > 0)) e.text_begin += at;
  }
  for (Body& body : part.bodies) {
    for (Attribute& a : body.attributes) {
      move(a.name_span);
      move(a.span);
      move_view(a.name);
    }
    for (Block& b : body.blocks) {
      move(b.span);
      move(b.header_span);
      for (Span& label : b.label_spans) move(label);
      move_view(b.type);
    }
  }
  for (auto& interpolation : part.interpolations) move(interpolation.second);
  return part;
}

// parse_parts with ParseOptions::cache: a part per top-level item, each piece parsed before
// taken from the cache. Nothing when the file cannot be read that way (parse_file says why).
std::optional<std::vector<File>> cached_parts(std::string_view text, FileId id,
                                              const ParseOptions& options) {
  if (text.size() > options.max_bytes || text.size() >= 0xffffffffu ||
      invalid_utf8(text) != std::string_view::npos) {
    return std::nullopt;
  }
  const HclScan scan = scan_hcl(text, 1);
  if (scan.too_deep || scan.cuts.empty()) return std::nullopt;
  // As parse_file's (declared before the parser): a piece past it is read whole, which says so.
  const ParseMemoryBudget budget(options.memory_budget ? options.memory_budget
                                                       : parse_memory_budget(text.size()));
  std::unique_ptr<TSParser, ParserDeleter> parser;
  std::vector<File> parts;
  for (std::size_t k = 0; k < scan.cuts.size(); ++k) {
    const std::uint32_t begin = scan.cuts[k];
    const auto end =
        k + 1 < scan.cuts.size() ? scan.cuts[k + 1] : static_cast<std::uint32_t>(text.size());
    const std::optional<File>& piece =
        options.cache->get(text.substr(begin, end - begin), [&](std::string_view stored) {
          if (!parser) {
            parser.reset(ts_parser_new());
            if (!ts_parser_set_language(parser.get(), tree_sitter_hcl()))
              return std::optional<File>();
          }
          std::vector<File> whole;
          if (convert(parser.get(), stored, id, {0}, options.max_depth, false, budget, whole))
            return std::optional<File>();
          return std::optional<File>(std::move(whole.front()));
        });
    if (!piece) return std::nullopt;
    parts.push_back(moved_piece(*piece, text, id, begin));
  }
  return parts;
}

}  // namespace

Result<File> parse(std::string_view text, FileId id, const ParseOptions& options) {
  auto parts = parse_file(text, id, options, false);
  if (!parts.ok()) return parts.error();
  return std::move(parts.value().front());
}

Result<std::vector<File>> parse_parts(std::string_view text, FileId id,
                                      const ParseOptions& options) {
  if (options.cache) {
    if (auto parts = cached_parts(text, id, options)) return std::move(*parts);
  }
  return parse_file(text, id, options, true);
}

}  // namespace rolelint::tf
