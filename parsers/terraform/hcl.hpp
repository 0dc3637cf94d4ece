#pragma once
// HCL (Terraform's configuration language) parsed by tree-sitter into a small syntax tree with
// exact spans. Only this file's implementation includes tree-sitter; everything after it works
// on the structures below.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "linter/base/piece_cache.hpp"
#include "linter/base/result.hpp"
#include "linter/diagnostics/source.hpp"

namespace rolelint::tf {

using ExprId = std::uint32_t;
inline constexpr ExprId kNoExpr = 0xffffffffu;

enum class ExprKind : std::uint8_t {
  Unsupported,  // for expressions, operators, template directives: evaluates to unknown
  Null,
  Bool,         // text: "true" / "false"
  Number,       // text as written
  String,       // a template: `parts` (Literal and interpolated expressions)
  Literal,      // a literal piece of a template: `text` unescaped
  Tuple,        // args: the elements
  Object,       // args: key, value, key, value, ...
  Variable,     // text: the root name (`var`, `aws_iam_role`, `local`, `data`, ...)
  GetAttr,      // args[0] . text
  Index,        // args[0] [ args[1] ]
  Splat,        // args[0] [*] or .*: a list of unknown length
  Call,         // text( args... ); `expand` when the last argument is followed by `...`
  Conditional,  // args[0] ? args[1] : args[2]
};

// 28 bytes: a file has one per 14 bytes of HCL, so their size is most of a parsed file's
// memory. Positions are offsets into the file (File::span), text is a range of the source or of
// the file's unescaped copies (File::text), and what few expressions have (a heredoc's body, an
// interpolation's `${ ... }`) is kept by the file (File::heredoc_body, File::interpolation).
struct Expr {
  ExprKind kind = ExprKind::Unsupported;
  // String: a heredoc (`<<EOF` or `<<-EOF`); its text is the source of its content lines.
  bool heredoc : 1 = false;
  bool expand : 1 = false;
  // Literal: the source bytes of the span are exactly the text (no escape sequences, no stripped
  // indentation), so offsets inside the text map 1:1 to file offsets.
  bool verbatim : 1 = false;
  bool unescaped : 1 = false;  // the text is in File::unescaped, not in the source
  std::uint32_t begin = 0;     // the span, in the file
  std::uint32_t end = 0;
  std::uint32_t text_begin = 0;
  std::uint32_t text_size = 0;
  // The arguments (see ExprKind): File::args(expr), a range of the file's shared array.
  std::uint32_t first_arg = 0;
  std::uint32_t arg_count = 0;

  friend bool operator==(const Expr&, const Expr&) = default;
};
static_assert(sizeof(Expr) == 28);

// Names and block types are identifiers, never escaped: views of the source.
struct Attribute {
  std::string_view name;
  Span name_span;
  ExprId value = kNoExpr;
  Span span;

  friend bool operator==(const Attribute&, const Attribute&) = default;
};

struct Body;

struct Block {
  std::string_view type;  // "resource", "data", "variable", "locals", "statement", ...
  std::vector<std::string> labels;
  std::vector<Span> label_spans;
  Span span;                     // the whole block
  Span header_span;              // from the type through the last label
  std::uint32_t body_index = 0;  // into File::bodies

  friend bool operator==(const Block&, const Block&) = default;
};

struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;

  const Attribute* attribute(std::string_view name) const;

  friend bool operator==(const Body&, const Body&) = default;
};

// One parsed .tf file. Bodies and expressions live in arenas and refer to each other by index.
// Expression text is in the source text given to parse(), which must outlive the File, or in
// the File's own unescaped copies.
struct File {
  FileId id = kNoFile;
  std::string path;
  std::string_view source;
  std::vector<Expr> exprs;
  std::vector<ExprId> arg_ids;  // every expression's arguments, each one's contiguous
  std::vector<Body> bodies;     // bodies[0] is the file's top-level body
  std::string unescaped;        // expression text that is not in the source, back to back
  // The `${ ... }` of each expression interpolated into a template, by increasing ExprId.
  std::vector<std::pair<ExprId, Span>> interpolations;

  const Expr& at(ExprId expr) const { return exprs[expr]; }
  std::span<const ExprId> args(const Expr& e) const {
    return {arg_ids.data() + e.first_arg, e.arg_count};
  }
  const Body& body(const Block& b) const { return bodies[b.body_index]; }
  const Body& top() const { return bodies.front(); }
  Span span(const Expr& e) const { return Span{id, e.begin, e.end}; }
  Span span(ExprId expr) const { return span(at(expr)); }
  std::string_view text(const Expr& e) const {
    return std::string_view(e.unescaped ? unescaped : source).substr(e.text_begin, e.text_size);
  }
  // A heredoc's content lines.
  Span heredoc_body(const Expr& e) const {
    return Span{id, e.text_begin, e.text_begin + e.text_size};
  }
  // The `${ ... }` that `expr` is interpolated by, or an invalid span.
  Span interpolation(ExprId expr) const;

  friend bool operator==(const File& a, const File& b) {
    return a.id == b.id && a.path == b.path && a.exprs == b.exprs && a.arg_ids == b.arg_ids &&
           a.bodies == b.bodies && a.unescaped == b.unescaped &&
           a.interpolations == b.interpolations;
  }
};

// tree-sitter needs about 110 bytes of memory per byte of HCL while its tree is alive
// (measured: 1 MB of resources, 116 MB resident). A file larger than `piece_bytes` is therefore
// parsed a piece at a time, cut between top-level blocks (hcl_split.hpp), so the peak is set by
// the largest piece. The result is the same as one parse of the whole file; a file that cannot
// be cut safely, or whose pieces do not parse on their own, is parsed whole. Files over
// `max_bytes` are refused with an error.
inline constexpr std::size_t kHclPieceBytes = 64u << 10;

// The pieces of files parse_parts read before, each parsed on its own with positions from 0 in
// its piece (nullopt: the piece does not parse on its own). See ParseOptions::cache.
using HclPieceCache = PieceCache<std::optional<File>>;
inline constexpr std::size_t kMaxHclBytes = 8u << 20;

struct ParseOptions {
  unsigned max_depth = 200;              // nesting levels
  std::size_t max_bytes = kMaxHclBytes;  // larger files are an error
  std::size_t piece_bytes = kHclPieceBytes;
  // For tests: when the file is cut but a piece fails on its own (a syntax error, nesting too
  // deep), fail with an error saying so instead of parsing the whole file.
  bool pieces_only = false;
  // For the language server: parse_parts cuts the file between every two top-level items and
  // takes each piece it has parsed before from here, moved to where it is now, so an edit costs
  // the parse of the pieces it touched. A file that cannot be cut, or with a piece that does not
  // parse on its own, is parsed as without a cache.
  HclPieceCache* cache = nullptr;
  // For tests: the bytes tree-sitter may hold while it parses this file (ts_budget.hpp); 0 for
  // the budget of the file's size, parse_memory_budget().
  std::size_t memory_budget = 0;
};

// Parses `text`. On a syntax error returns the offset of the first ERROR or MISSING node (in
// document order) with a message; a file over `max_depth` nesting levels or over `max_bytes`,
// or with templates nested deeper than tree-sitter-hcl can follow (hcl_split.hpp), is also an
// error.
Result<File> parse(std::string_view text, FileId id, const ParseOptions& options = {});

// The same syntax as parse(), as one File per piece the file was parsed in (one when it was
// parsed whole), in order: each part's top-level body has the items of its piece, and its
// expressions, bodies and copies are its own. Positions are the file's, as in parse(). A reader
// of a large module frees each part once nothing can refer to it any more (module.cpp), so the
// whole syntax is not alive at once with the model built from it.
Result<std::vector<File>> parse_parts(std::string_view text, FileId id,
                                      const ParseOptions& options = {});

}  // namespace rolelint::tf
