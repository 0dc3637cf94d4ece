#include "parsers/tree/tree.hpp"

namespace rolelint::tree {

NodeId Tree::get(NodeId map, std::string_view key) const {
  if (map == kNoNode) return kNoNode;
  const Node& n = nodes_[map];
  if (n.kind != Kind::Map) return kNoNode;
  for (std::size_t i = 0; i < n.keys.size(); ++i) {
    if (n.keys[i] == key) return n.items[i];
  }
  return kNoNode;
}

Span Tree::key_span(NodeId map, std::string_view key) const {
  const Node& n = nodes_[map];
  for (std::size_t i = 0; i < n.keys.size(); ++i) {
    if (n.keys[i] == key) return n.key_spans[i];
  }
  return n.span;
}

}  // namespace rolelint::tree
