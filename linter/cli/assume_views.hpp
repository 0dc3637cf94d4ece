#pragma once
// `--graph dot|mermaid|json` and `--why CALLER ROLE`: views of the assumption paths of the linted
// files instead of a lint report.
#include <ostream>
#include <string>

#include "linter/engine.hpp"

namespace rolelint::cli {

enum class GraphFormat { Dot, Mermaid, Json };
bool parse_graph_format(std::string_view text, GraphFormat& out);

struct AssumeView {
  enum class Kind { None, Graph, Why };
  Kind kind = Kind::None;
  GraphFormat format = GraphFormat::Dot;
  std::string caller, role;  // --why: as given (logical id, address, name or ARN)
};

// Writes the view of `result`'s model to `out` (problems to `err`) and returns the exit status:
// --graph 0, or 2 with input errors; --why 0 allowed, 1 denied, 2 unknown, input errors, or a
// CALLER or ROLE that names nothing, not a role, or more than one identity (listed on `err`).
int write_assume_view(const AssumeView& view, const LintResult& result, std::ostream& out,
                      std::ostream& err);

}  // namespace rolelint::cli
