#pragma once
// The document tree both CloudFormation readers (YAML, JSON) produce: maps, sequences and
// scalars with exact spans and YAML tags. Nodes live in one arena and refer to each other by
// index, so a YAML alias is a second reference to the same node, never a copy.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostics/source.hpp"

namespace rolelint::tree {

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = 0xffffffffu;

enum class Kind : std::uint8_t { Null, Scalar, Map, Seq };

struct Node {
  Kind kind = Kind::Null;
  bool quoted = false;  // a quoted scalar: never a number, bool or null
  Span span;            // the node's text (for a scalar: without the tag)
  std::string tag;      // YAML tag as written ("!Ref"), empty if none
  std::string text;     // scalar value
  std::vector<NodeId> items;         // Seq: elements; Map: values
  std::vector<std::string> keys;     // Map: keys, parallel to items
  std::vector<Span> key_spans;       // Map: key spans, parallel to items
};

class Tree {
 public:
  NodeId add(Node node) {
    nodes_.push_back(std::move(node));
    return static_cast<NodeId>(nodes_.size() - 1);
  }
  Node& at(NodeId id) { return nodes_[id]; }
  const Node& at(NodeId id) const { return nodes_[id]; }
  std::size_t size() const { return nodes_.size(); }
  // Drops the nodes from `size` on (a failed parse's partial tree).
  void truncate(std::size_t size) { nodes_.resize(std::min(size, nodes_.size())); }

  NodeId root = kNoNode;

  // Map lookup by exact key; kNoNode when absent or not a map.
  NodeId get(NodeId map, std::string_view key) const;
  // The key's span of `key` in `map`, or the map's span.
  Span key_span(NodeId map, std::string_view key) const;

 private:
  std::vector<Node> nodes_;
};

}  // namespace rolelint::tree
