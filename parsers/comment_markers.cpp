#include "parsers/comment_markers.hpp"

#include <optional>
#include <string>

namespace rolelint {

void add_comment_markers(std::string_view text, FileId file, std::size_t at, CommentSyntax syntax,
                         std::vector<model::Marker>& markers) {
  visit_line_and_comments_above(text, at, syntax, [&](std::string_view line, std::size_t offset) {
    const std::optional<CommentDirective> d = find_directive(line, syntax);
    if (d && !d->name.empty() && d->name != "ignore") {
      const std::size_t end = line.find_last_not_of(" \t\r") + 1;
      markers.push_back({std::string(d->name),
                         Span{file, static_cast<std::uint32_t>(offset + d->comment),
                              static_cast<std::uint32_t>(offset + end)},
                         {}});
    }
    return false;  // a definition may carry several markers
  });
}

}  // namespace rolelint
