#include "linter/base/comment_directives.hpp"

#include <algorithm>

#include "linter/base/text.hpp"

namespace rolelint {
namespace {

constexpr std::string_view kMarker = "rolelint:";

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// Where the first comment on the line opens, before `limit`; npos when none does.
std::size_t comment_opener(std::string_view line, std::size_t limit, CommentSyntax syntax) {
  limit = std::min(limit, line.size());
  switch (syntax) {
    case CommentSyntax::None:
      return std::string_view::npos;
    case CommentSyntax::Hash:
      for (std::size_t i = 0; i < limit; ++i) {
        if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return i;
      }
      return std::string_view::npos;
    case CommentSyntax::HashAndC: {
      const std::size_t first = line.find_first_not_of(" \t");
      // A ` * ` line inside a block comment.
      if (first != std::string_view::npos && first < limit && line[first] == '*' &&
          !line.substr(first).starts_with("*/")) {
        return first;
      }
      for (std::size_t i = 0; i < limit; ++i) {
        if (line[i] == '#') return i;
        if (line[i] == '/' && i + 1 < line.size() && (line[i + 1] == '/' || line[i + 1] == '*'))
          return i;
      }
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<CommentDirective> find_directive(std::string_view line, CommentSyntax syntax) {
  if (syntax == CommentSyntax::None) return std::nullopt;
  for (std::size_t at = line.find(kMarker); at != std::string_view::npos;
       at = line.find(kMarker, at + 1)) {
    const std::size_t opener = comment_opener(line, at, syntax);
    if (opener == std::string_view::npos) continue;
    CommentDirective d;
    d.comment = opener;
    d.marker = at;
    std::string_view body = line.substr(at + kMarker.size());
    const std::size_t b = body.find_first_not_of(" \t");
    body = b == std::string_view::npos ? std::string_view{} : body.substr(b);
    std::size_t n = 0;
    while (n < body.size() && is_name_char(body[n])) ++n;
    d.name = body.substr(0, n);
    body.remove_prefix(n);
    if (body.starts_with('[')) {
      const std::size_t close = body.find(']');
      if (close != std::string_view::npos) {
        d.has_list = true;
        d.list = body.substr(1, close - 1);
        body.remove_prefix(close + 1);
      }
    }
    std::string_view rest = trim_blank(body);
    if (rest.ends_with("*/")) rest = trim_blank(rest.substr(0, rest.size() - 2));
    d.rest = rest;
    return d;
  }
  return std::nullopt;
}

bool is_comment_line(std::string_view line, CommentSyntax syntax) {
  const std::string_view t = trim_blank(line);
  switch (syntax) {
    case CommentSyntax::None:
      return false;
    case CommentSyntax::Hash:
      return t.starts_with('#');
    case CommentSyntax::HashAndC:
      return t.starts_with('#') || t.starts_with("//") || t.starts_with("/*") ||
             t.starts_with('*') || t.ends_with("*/");
  }
  return false;
}

}  // namespace rolelint
