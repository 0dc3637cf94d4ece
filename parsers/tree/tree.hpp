#pragma once
// The document tree both CloudFormation readers (YAML, JSON) produce: maps, sequences and
// scalars with exact spans and YAML tags. Nodes live in one arena and refer to each other by
// index, so a YAML alias is a second reference to the same node, never a copy.
//
// Memory: a template's tree is alive while its model is built, so nodes are small and own no
// heap memory of their own. A scalar's text is a view of the source text when the value is
// there verbatim (most scalars) and otherwise of a copy the tree keeps; children are ranges of
// two arrays the tree keeps; a tag is a small number for one of the tree's distinct tags. A node
// is 32 bytes. The source text given to a reader must outlive the tree.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "linter/base/text_arena.hpp"
#include "linter/diagnostics/source.hpp"

namespace rolelint::tree {

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = 0xffffffffu;

enum class Kind : std::uint8_t { Null, Scalar, Map, Seq };

// A YAML tag as the tree numbers it (Tree::tag_id); 0 is no tag.
using TagId = std::uint16_t;
inline constexpr TagId kNoTag = 0;
// Returned by Tree::tag_id when a tree already has 65,534 distinct tags: a reader reports it.
inline constexpr TagId kTooManyTags = 0xffff;

struct Node {
  Kind kind = Kind::Null;
  bool quoted = false;  // a quoted scalar: never a number, bool or null
  TagId tag = kNoTag;   // YAML tag as written ("!Ref"): Tree::tag(node) has its text
  Span span;            // the node's text (for a scalar: without the tag)

  // A scalar's value: into the source text or the tree (see Tree::store). Empty for a node with
  // children.
  std::string_view text() const {
    return text_ ? std::string_view(text_, length_) : std::string_view();
  }
  // Text of less than 4 GiB: from a file below that size (every reader's limit), or evaluated
  // (at most model::kMaxStringBytes).
  void set_text(std::string_view text) {
    text_ = text.data();
    length_ = static_cast<std::uint32_t>(text.size());
  }
  // Seq: its elements; Map: its entries; any node the tree was given children for: those.
  std::uint32_t count() const { return text_ ? 0 : length_; }

 private:
  friend class Tree;
  // A node has text or children, never both: text_ (null without text) tells which length_
  // counts, the text's bytes or the children, [first_, first_ + length_) of the tree's arrays.
  const char* text_ = nullptr;
  std::uint32_t first_ = 0;
  std::uint32_t length_ = 0;
};

static_assert(sizeof(Node) <= 32,
              "a node per 10 to 15 bytes of a template: its size is most of a tree's memory");

// The memory a reader may give a tree (its nodes and child arrays): `per_byte` bytes per byte of
// the text read, plus `floor`. One limit for the YAML and the JSON reader. A template has a node
// per 10 to 15 bytes, about 4 bytes of tree per byte; text of a node every 2 or 3 bytes
// (`[a, a, a, ...]`, `[[1],[1],...]`) would take 20 and more, and with the model, the text and the
// parser's own, the run would pass 10 times the input's size.
struct MemoryLimit {
  std::uint64_t per_byte = 6;
  std::uint64_t floor = 8u << 20;
};

// Counts the memory of the nodes a reader adds against a MemoryLimit for a text of `text_size`
// bytes. Each child counts an item and a key slot, in the tree and in a reader's staging arrays.
class MemoryBudget {
 public:
  MemoryBudget(MemoryLimit limit, std::size_t text_size)
      : limit_(limit), bytes_allowed_(limit.per_byte * text_size + limit.floor) {}
  // Counts a node with `children`; false once the tree is past the limit.
  bool add(std::size_t children);
  // The error past the limit, naming it: "the `format` tree would need more than ...".
  std::string message(std::string_view format) const;

 private:
  MemoryLimit limit_;
  std::uint64_t bytes_allowed_;
  std::uint64_t bytes_ = 0;
  std::uint64_t nodes_ = 0;
};

class Tree {
 public:
  // Adds a leaf (a scalar, null or empty collection).
  NodeId add(const Node& node);
  // Adds a collection with its children (a node given children loses its text). A Seq has
  // `items` and no keys; a Map has a key node
  // (a scalar; another kind reads as the empty key) for each value, `keys` parallel to `items`.
  // A scalar key given twice keeps its later key and value, at the place of the first (as the
  // YAML and JSON readers CloudFormation uses do), and is recorded in duplicates().
  NodeId add(Node node, std::span<const NodeId> items, std::span<const NodeId> keys = {});

  // A scalar key a map was given more than once: the first key node and a later one (a key
  // given n times makes n - 1 of these, each against the first).
  struct DuplicateKey {
    NodeId first = kNoNode;
    NodeId later = kNoNode;
  };
  // Every duplicate key of the maps added so far, in the order they were added.
  std::span<const DuplicateKey> duplicates() const { return duplicates_; }

  Node& at(NodeId id) { return chunks_[chunk_of(id)][id - chunk_start(chunk_of(id))]; }
  const Node& at(NodeId id) const { return chunks_[chunk_of(id)][id - chunk_start(chunk_of(id))]; }
  std::size_t size() const { return size_; }

  // A copy of `text` the tree owns, for scalar text that is not in the source text.
  std::string_view store(std::string_view text);

  // The number of a tag ("!Ref"; "" is kNoTag), the same for the same text. kTooManyTags once
  // the tree has as many distinct tags as a TagId can count.
  TagId tag_id(std::string_view tag);
  // A node's tag as written, empty if none.
  std::string_view tag(const Node& node) const {
    return node.tag == kTooManyTags ? "!" : tags_[node.tag];
  }
  std::string_view tag(NodeId id) const { return tag(at(id)); }

  // The elements of a Seq, the values of a Map (empty for other nodes).
  std::span<const NodeId> items(NodeId id) const {
    const Node& n = at(id);
    return {items_.data() + n.first_, n.count()};
  }
  // The key nodes of a Map, parallel to items() (empty for other nodes).
  std::span<const NodeId> keys(NodeId id) const {
    const Node& n = at(id);
    return n.kind == Kind::Map ? std::span<const NodeId>(keys_.data() + n.first_, n.count())
                               : std::span<const NodeId>();
  }
  // The text and span of the i-th key of a Map.
  std::string_view key(NodeId map, std::size_t i) const { return at(keys(map)[i]).text(); }
  Span key_span(NodeId map, std::size_t i) const { return at(keys(map)[i]).span; }

  // Map lookup by exact key; kNoNode when absent or not a map.
  NodeId get(NodeId map, std::string_view key) const;
  // The key's span of `key` in `map`, or the map's span.
  Span key_span(NodeId map, std::string_view key) const;

  // A point to go back to: truncate() drops every node (and child) added after it, for a
  // failed parse's partial tree. Text the tree stored is kept.
  struct Mark {
    std::size_t nodes = 0, children = 0;
  };
  Mark mark() const { return {size_, items_.size()}; }
  void truncate(Mark mark);

  NodeId root = kNoNode;

 private:
  // Nodes live in chunks that double in size (64, 128, 256, ... nodes): growing never copies or
  // moves a node, so a large tree never briefly exists twice and references stay valid, while a
  // small tree (an embedded policy, a config file) allocates little.
  static constexpr std::size_t kFirstChunk = 64;
  // Chunk k holds kFirstChunk << k nodes, from id kFirstChunk * (2^k - 1) on.
  static std::size_t chunk_of(std::size_t id) { return std::bit_width(id / kFirstChunk + 1) - 1; }
  static std::size_t chunk_start(std::size_t k) {
    return kFirstChunk * ((std::size_t{1} << k) - 1);
  }
  // A chunk's memory is not initialised until a node is added there, so the part of the last
  // chunk not yet used costs address space, not resident memory. Nodes are trivially
  // destructible: freeing the memory is enough.
  static_assert(std::is_trivially_destructible_v<Node>);
  struct FreeChunk {
    void operator()(Node* chunk) const { ::operator delete(chunk); }
  };
  std::vector<std::unique_ptr<Node[], FreeChunk>> chunks_;
  std::size_t size_ = 0;
  std::vector<NodeId> items_;  // children of every collection, each one's contiguous
  std::vector<NodeId> keys_;   // parallel to items_: the key node of a Map entry, else kNoNode
  std::vector<DuplicateKey> duplicates_;
  // Folds each entry of the map `n` (just added) whose key an earlier entry has into that
  // earlier entry (see add()).
  void merge_duplicate_keys(Node& n);

  TextArena text_;                                          // text the tree owns
  std::vector<std::string_view> tags_{std::string_view()};  // by TagId, stored text
  std::unordered_map<std::string_view, TagId> tag_index_;   // once there are many tags
};

}  // namespace rolelint::tree
