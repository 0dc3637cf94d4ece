#pragma once
// A strict JSON (RFC 8259) reader that keeps the exact span of every key and value, which
// nlohmann::json does not record. Used for JSON templates and for policies given as JSON text.
#include <cstdint>
#include <string_view>
#include <vector>

#include "linter/base/result.hpp"
#include "parsers/tree/tree.hpp"

namespace rolelint::json {

struct Limits {
  unsigned max_depth = 256;
  // The memory the tree may take (see tree::MemoryLimit): past it the text is an error.
  tree::MemoryLimit tree_memory;
};

// Parses `text` into `tree` (appending nodes) and returns the root node. Spans refer to `file`
// with offsets shifted by `base` (for JSON embedded in another file). Scalar text is a view of
// `text` where it has no escape sequence: `text` must outlive the tree's use.
//
// When `line_starts` is given and the text parses, it is set to the offset of every line's first
// byte, from 0 (in `text`, not shifted by `base`): a valid document has newlines only between
// tokens, where the reader passes them anyway, so a caller needs no second scan of the text.
// After an error its content is unspecified.
Result<tree::NodeId> read(std::string_view text, FileId file, tree::Tree& tree,
                          std::uint32_t base = 0, Limits limits = {},
                          std::vector<std::uint32_t>* line_starts = nullptr);

}  // namespace rolelint::json
