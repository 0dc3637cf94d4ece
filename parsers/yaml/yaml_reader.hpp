#pragma once
// Reads YAML through yaml-cpp's event API into the document tree, with spans and tags.
// Aliases become shared references to the anchored node (no copies), and the expanded size of
// the document is bounded, so an alias bomb is an error instead of a memory blow-up.
#include <string_view>

#include "linter/base/result.hpp"
#include "parsers/tree/tree.hpp"

namespace rolelint::yaml {

struct Limits {
  // Nodes the document may expand to when every alias is followed, beyond four times the
  // nodes it has: a large document is fine, a small one that explodes is an alias bomb.
  std::uint64_t max_expanded_nodes = 2'000'000;
};

// Parses `text` into `tree` (appending nodes) and returns the root node. Scalar text is a view of
// `text` where the value is there verbatim: `text` must outlive the tree's use.
Result<tree::NodeId> read(std::string_view text, FileId file, tree::Tree& tree, Limits limits = {});

}  // namespace rolelint::yaml
