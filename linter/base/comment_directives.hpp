#pragma once
// `rolelint:` directives in comments: the one reader for suppressions
// (`# rolelint: ignore[RL201,RL202] reason`) and markers (`# rolelint: console-role`) in every
// format. What counts as a comment is the format's own:
//   - YAML: `#` at the start of a line or after white space (YAML 1.2, 6.6: `a#b` is text);
//   - HCL: `#` and `//` line comments, `/* ... */` block comments, and the ` * ` lines inside a
//     block comment;
//   - JSON: none.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace rolelint {

enum class CommentSyntax : std::uint8_t { None, Hash, HashAndC };

// `rolelint: NAME[LIST] REST` in a comment of one line. Offsets are into that line.
struct CommentDirective {
  std::size_t comment = 0;  // the comment's opener: `#`, `//`, `/*`, or a block comment's `*`
  std::size_t marker = 0;   // `rolelint:`
  std::string_view name;    // `ignore`, `console-role`, ...: letters, digits, `-` and `_`
  bool has_list = false;    // NAME was directly followed by a closed `[...]`
  std::string_view list;    // what the brackets hold
  std::string_view rest;    // the text after the name or the `]`, trimmed, without a closing `*/`
};

// The first directive in a comment on `line` (one line, without its newline), if any.
std::optional<CommentDirective> find_directive(std::string_view line, CommentSyntax syntax);

// Whether `line` holds nothing but a comment (after white space).
bool is_comment_line(std::string_view line, CommentSyntax syntax);

// Splits a directive's list at commas and white space: `RL201, RL202` -> RL201, RL202.
template <class Visit>
void for_each_list_item(std::string_view list, Visit&& visit) {
  while (!list.empty()) {
    const std::size_t sep = list.find_first_of(", \t");
    const std::string_view item = list.substr(0, sep);
    if (!item.empty()) visit(item);
    if (sep == std::string_view::npos) break;
    list.remove_prefix(sep + 1);
  }
}

// The line of `text` that holds `offset`, then each line directly above it that holds only a
// comment, nearest first: calls visit(line, offset of the line's first byte) until it returns
// true. Lines are given without their `\n`.
template <class Visit>
void visit_line_and_comments_above(std::string_view text, std::size_t offset, CommentSyntax syntax,
                                   Visit&& visit) {
  if (offset > text.size()) return;
  const std::size_t nl_before = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  std::size_t begin = nl_before == std::string_view::npos ? 0 : nl_before + 1;
  const std::size_t end = text.find('\n', offset);
  if (visit(
          text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin),
          begin)) {
    return;
  }
  while (begin > 0) {
    const std::size_t prev_end = begin - 1;  // the `\n` that ends the line above
    const std::size_t nl = prev_end == 0 ? std::string_view::npos : text.rfind('\n', prev_end - 1);
    const std::size_t prev_begin = nl == std::string_view::npos ? 0 : nl + 1;
    const std::string_view line = text.substr(prev_begin, prev_end - prev_begin);
    if (!is_comment_line(line, syntax) || visit(line, prev_begin)) return;
    begin = prev_begin;
  }
}

}  // namespace rolelint
