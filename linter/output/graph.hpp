#pragma once
// Writers for the assumption views: `--graph dot|mermaid|json` and `--why CALLER ROLE`. Every
// name from a linted file is escaped for the target syntax (node ids are generated: n0, n1, ...),
// so no name can break the syntax or inject statements.
#include <ostream>
#include <string_view>

#include "linter/engine.hpp"
#include "linter/model/assume_graph.hpp"

namespace rolelint::output {

// Graphviz DOT: accounts as clusters, works solid, denied edges red and dashed, unknown grey and
// dotted; each edge labelled with model::edge_state and its deciding detail as tooltip.
void write_graph_dot(std::ostream& out, const LintResult& result, const model::AssumeGraph& graph);
// A Mermaid flowchart (renders in GitHub Markdown), styled as the DOT.
void write_graph_mermaid(std::ostream& out, const LintResult& result,
                         const model::AssumeGraph& graph);
// {"nodes": [...], "edges": [...]}: each edge with its state, the file:line:column of its grant
// and trust, and every step of its evaluation.
void write_graph_json(std::ostream& out, const LintResult& result, const model::AssumeGraph& graph);

// `--why`: the question, the numbered steps with verdict, position and detail, and the verdict.
void write_why(std::ostream& out, const LintResult& result, std::string_view caller,
               std::string_view role, const model::AssumeCheck& check);

}  // namespace rolelint::output
