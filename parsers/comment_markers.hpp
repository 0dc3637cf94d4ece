#pragma once
// Markers a role carries in comments (`# rolelint: console-role`): on the line where its
// resource or block starts, or in the comment lines directly above it. Read with the same
// directive reader as suppressions (linter/base/comment_directives.hpp).
#include <cstddef>
#include <string_view>
#include <vector>

#include "linter/base/comment_directives.hpp"
#include "linter/diagnostics/source.hpp"
#include "linter/model/model.hpp"

namespace rolelint {

// Adds every marker of the definition that starts at offset `at` of `text`. `rolelint: ignore`
// is a suppression, not a marker.
void add_comment_markers(std::string_view text, FileId file, std::size_t at, CommentSyntax syntax,
                         std::vector<model::Marker>& markers);

}  // namespace rolelint
