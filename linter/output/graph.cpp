#include "linter/output/graph.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "linter/base/str_cat.hpp"
#include "linter/base/utf8.hpp"
#include "linter/output/json_text.hpp"

namespace rolelint::output {
namespace {

using model::AssumeCheck;
using model::AssumeGraph;
using model::GraphEdge;
using model::GraphNode;
using model::Verdict;

// "file:line:column" of a span; empty when it has none.
std::string position(const LintResult& result, const Span& span) {
  if (!span.valid() || span.file >= result.files.size()) return {};
  const ResolvedSpan at = resolve(result, span);
  return str_cat(result.files[span.file].path, ':', at.begin.line, ':', at.begin.column);
}

std::string node_label(const GraphNode& node) {
  std::string label = str_cat(model::node_kind_name(node.kind), ' ', node.name);
  if (!node.console.empty()) label += " (console)";
  return label;
}

std::string cluster_label(const std::string& account) { return "account " + account; }

// Why the edge has its state: the deciding step's detail; empty when it works.
std::string why(const AssumeCheck& check) {
  const model::AssumeStep* step = check.deciding();
  return step ? step->detail : std::string();
}

// A DOT double-quoted string's content: the visible text with `\` and `"` escaped, so that no
// escape sequence of Graphviz's (`\N`, `\l`) or end of string comes from a name.
std::string dot_escape(std::string_view text) {
  std::string out;
  for (const char c : utf8::visible(text)) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out;
}

// A Mermaid quoted label's content: letters, digits and a few punctuation marks as they are,
// every other character as its entity code (`#35;`), so that no quote, bracket, `#` or `;`
// ends the label.
std::string mermaid_escape(std::string_view text) {
  const std::string shown = utf8::visible(text);
  std::string out;
  for (std::size_t at = 0; at < shown.size();) {
    const utf8::Decoded d = utf8::decode(shown, at);
    const char32_t cp = d.valid ? d.code_point : 0xFFFD;
    const bool plain =
        (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
        (cp < 0x80 &&
         std::string_view(" .-_:/@,+=*()'").find(static_cast<char>(cp)) != std::string_view::npos);
    if (plain) {
      out += static_cast<char>(cp);
    } else {
      out += str_cat('#', static_cast<std::uint32_t>(cp), ';');
    }
    at += d.size;
  }
  return out;
}

// Calls cluster(account, first, end) for each run of nodes of one known account, and
// alone(index) for each node of no known account (nodes are sorted by account).
template <typename Cluster, typename Alone>
void by_account(const AssumeGraph& graph, Cluster&& cluster, Alone&& alone) {
  for (std::size_t i = 0; i < graph.nodes.size();) {
    std::size_t end = i + 1;
    while (end < graph.nodes.size() && graph.nodes[end].account == graph.nodes[i].account) ++end;
    if (graph.nodes[i].account.empty()) {
      for (std::size_t k = i; k < end; ++k) alone(k);
    } else {
      cluster(graph.nodes[i].account, i, end);
    }
    i = end;
  }
}

bool is_role(const GraphNode& node) { return node.kind == GraphNode::Kind::Role; }
bool is_outside(const GraphNode& node) { return node.origin == nullptr; }

}  // namespace

void write_graph_dot(std::ostream& out, const LintResult&, const AssumeGraph& graph) {
  out << "digraph rolelint {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n"
         "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  auto node = [&](std::size_t i, std::string_view indent) {
    const GraphNode& n = graph.nodes[i];
    out << indent << 'n' << i << " [label=\"" << dot_escape(node_label(n)) << '"';
    if (is_role(n)) out << ", style=rounded";
    if (!n.console.empty()) out << ", peripheries=2";
    if (is_outside(n)) out << ", shape=ellipse";
    out << "];\n";
  };
  std::size_t clusters = 0;
  by_account(
      graph,
      [&](const std::string& account, std::size_t first, std::size_t end) {
        out << "  subgraph cluster_" << clusters++ << " {\n    label=\""
            << dot_escape(cluster_label(account)) << "\";\n";
        for (std::size_t k = first; k < end; ++k) node(k, "    ");
        out << "  }\n";
      },
      [&](std::size_t i) { node(i, "  "); });
  for (const GraphEdge& e : graph.edges) {
    out << "  n" << e.from << " -> n" << e.to << " [label=\""
        << dot_escape(model::edge_state(e.check)) << '"';
    if (e.check.verdict == Verdict::Denied) out << ", color=red, fontcolor=red, style=dashed";
    if (e.check.verdict == Verdict::Unknown)
      out << ", color=gray50, fontcolor=gray50, style=dotted";
    if (const std::string w = why(e.check); !w.empty())
      out << ", tooltip=\"" << dot_escape(w) << '"';
    out << "];\n";
  }
  out << "}\n";
}

void write_graph_mermaid(std::ostream& out, const LintResult&, const AssumeGraph& graph) {
  out << "flowchart LR\n";
  auto node = [&](std::size_t i, std::string_view indent) {
    const GraphNode& n = graph.nodes[i];
    const std::string label = mermaid_escape(node_label(n));
    out << indent << 'n' << i;
    if (is_outside(n)) {
      out << "([\"" << label << "\"])\n";
    } else if (is_role(n)) {
      out << "(\"" << label << "\")\n";
    } else {
      out << "[\"" << label << "\"]\n";
    }
  };
  std::size_t clusters = 0;
  by_account(
      graph,
      [&](const std::string& account, std::size_t first, std::size_t end) {
        out << "  subgraph a" << clusters++ << "[\"" << mermaid_escape(cluster_label(account))
            << "\"]\n";
        for (std::size_t k = first; k < end; ++k) node(k, "    ");
        out << "  end\n";
      },
      [&](std::size_t i) { node(i, "  "); });
  for (const GraphEdge& e : graph.edges) {
    const char* arrow = e.check.verdict == Verdict::Allowed ? " -->" : " -.->";
    out << "  n" << e.from << arrow << "|\"" << mermaid_escape(model::edge_state(e.check))
        << "\"| n" << e.to << '\n';
  }
  for (std::size_t i = 0; i < graph.edges.size(); ++i) {
    const Verdict v = graph.edges[i].check.verdict;
    if (v == Verdict::Denied) out << "  linkStyle " << i << " stroke:red,color:red\n";
    if (v == Verdict::Unknown) out << "  linkStyle " << i << " stroke:gray,color:gray\n";
  }
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    if (!graph.nodes[i].console.empty()) out << "  style n" << i << " stroke-width:3px\n";
  }
}

namespace {

using Json = nlohmann::ordered_json;

Json json_position(const LintResult& result, const Span& span) {
  if (!span.valid() || span.file >= result.files.size()) return nullptr;
  const ResolvedSpan at = resolve(result, span);
  return Json{
      {"file", result.files[span.file].path}, {"line", at.begin.line}, {"column", at.begin.column}};
}

Json or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

// `"name": [...]` as a member of the top-level object, laid out as json_text lays out a whole
// document, one element(i) at a time: a graph of 20,000 roles is never one JSON value in memory.
template <typename Element>
void write_array(std::ostream& out, std::string_view name, std::size_t n, bool last,
                 Element&& element) {
  out << "  \"" << name << "\": [";
  for (std::size_t i = 0; i < n; ++i) {
    const std::string text = json_text(element(i));
    std::string indented = i == 0 ? "\n    " : ",\n    ";
    for (std::size_t k = 0; k + 1 < text.size(); ++k) {  // without its final newline
      indented += text[k];
      if (text[k] == '\n')
        indented += "    ";  // outside strings only: json_text escapes newlines in them
    }
    out << indented;
  }
  out << (n == 0 ? "]" : "\n  ]") << (last ? "\n" : ",\n");
}

}  // namespace

void write_graph_json(std::ostream& out, const LintResult& result, const AssumeGraph& graph) {
  out << "{\n";
  write_array(out, "nodes", graph.nodes.size(), false, [&](std::size_t i) {
    const GraphNode& n = graph.nodes[i];
    return Json{{"id", str_cat('n', i)},
                {"kind", model::node_kind_name(n.kind)},
                {"name", n.name},
                {"account", or_null(n.account)},
                {"resource", n.origin ? Json(n.origin->source_id) : Json(nullptr)},
                {"at", n.origin ? json_position(result, n.origin->span) : Json(nullptr)},
                {"console", or_null(n.console)}};
  });
  write_array(out, "edges", graph.edges.size(), true, [&](std::size_t i) {
    const GraphEdge& e = graph.edges[i];
    Json steps = Json::array();
    for (const model::AssumeStep& s : e.check.steps) {
      steps.push_back(Json{{"step", model::step_name(s.kind)},
                           {"verdict", model::verdict_name(s.verdict)},
                           {"at", json_position(result, s.at)},
                           {"detail", s.detail}});
    }
    return Json{{"from", str_cat('n', e.from)},
                {"to", str_cat('n', e.to)},
                {"state", model::edge_state(e.check)},
                {"verdict", model::verdict_name(e.check.verdict)},
                {"why", or_null(why(e.check))},
                {"grant", json_position(result, e.grant)},
                {"trust", json_position(result, e.trust)},
                {"steps", std::move(steps)}};
  });
  out << "}\n";
}

void write_why(std::ostream& out, const LintResult& result, std::string_view caller,
               std::string_view role, const AssumeCheck& check) {
  out << "can " << utf8::visible(caller) << " assume " << utf8::visible(role) << "?\n";
  if (!check.console.empty())
    out << "the role is meant for console use: " << utf8::visible(check.console) << '\n';
  std::string not_evaluated;
  for (std::size_t i = 0; i < check.steps.size(); ++i) {
    const model::AssumeStep& s = check.steps[i];
    out << "  " << i + 1 << ". " << model::step_name(s.kind) << ": "
        << model::verdict_name(s.verdict);
    if (const std::string at = position(result, s.at); !at.empty())
      out << " at " << utf8::visible(at);
    out << ": " << utf8::visible(s.detail) << '\n';
    if (s.verdict == Verdict::NotEvaluated) {
      not_evaluated += str_cat(not_evaluated.empty() ? "" : ", ", model::step_name(s.kind));
    }
  }
  out << "verdict: " << model::verdict_name(check.verdict);
  if (const model::AssumeStep* s = check.deciding()) {
    out << " at step " << (s - check.steps.data()) + 1 << " (" << model::step_name(s->kind)
        << "): " << utf8::visible(s->detail);
  }
  if (!not_evaluated.empty()) out << " (not evaluated: " << not_evaluated << ')';
  out << '\n';
}

}  // namespace rolelint::output
