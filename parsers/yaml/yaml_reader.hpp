#pragma once
// Reads YAML through yaml-cpp's event API into the document tree, with spans and tags.
// Aliases become shared references to the anchored node (no copies), and the expanded size of
// the document is bounded, so an alias bomb is an error instead of a memory blow-up.
#include <string_view>
#include <vector>

#include "linter/base/result.hpp"
#include "parsers/tree/tree.hpp"

namespace rolelint::yaml {

struct Limits {
  // Nodes the document may expand to when every alias is followed, beyond four times the
  // nodes it has: a large document is fine, a small one that explodes is an alias bomb.
  std::uint64_t max_expanded_nodes = 2'000'000;
  // The memory the tree may take (see tree::MemoryLimit).
  tree::MemoryLimit tree_memory;
};

// Parses every document of the stream `text` into `tree` (appending nodes) and returns their
// roots in order (an empty document's root is a null node); no document at all is an error.
// Scalar text is a view of `text` where the value is there verbatim: `text` must outlive the
// tree's use. A document's nodes are added before the next document's, its root last, so the
// nodes of document k are the ids after root k-1 up to root k.
//
// YAML 1.1 merge keys (`<<: *base`, `<<: [*a, *b]`) are applied as the AWS CLI's and cfn-lint's
// readers do: the keys of the merged mappings join the mapping unless it has them already, the
// keys written out winning, then the mappings listed first.
Result<std::vector<tree::NodeId>> read_all(std::string_view text, FileId file, tree::Tree& tree,
                                           Limits limits = {});

// The first document of `text` (see read_all).
Result<tree::NodeId> read(std::string_view text, FileId file, tree::Tree& tree, Limits limits = {});

}  // namespace rolelint::yaml
