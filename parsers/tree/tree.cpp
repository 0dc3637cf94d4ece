#include "parsers/tree/tree.hpp"

#include <new>
#include <optional>

#include "linter/base/str_cat.hpp"

namespace rolelint::tree {

namespace {
constexpr std::size_t kLinearTags = 16;
}  // namespace

bool MemoryBudget::add(std::size_t children) {
  ++nodes_;
  bytes_ += sizeof(Node) + 4 * sizeof(NodeId) * children;
  return bytes_ <= bytes_allowed_;
}

std::string MemoryBudget::message(std::string_view format) const {
  return str_cat("the ", format, " tree would need more than ", bytes_allowed_ >> 20, " MiB (",
                 limit_.per_byte, " bytes per byte of the file plus ", limit_.floor >> 20,
                 " MiB): ", nodes_, " nodes up to here; not read");
}

NodeId Tree::add(const Node& node) {
  if (size_ == chunk_start(chunks_.size())) {
    const std::size_t capacity = kFirstChunk << chunks_.size();
    chunks_.emplace_back(static_cast<Node*>(::operator new(capacity * sizeof(Node))));
  }
  const auto id = static_cast<NodeId>(size_++);
  Node& n = *new (&chunks_[chunk_of(id)][id - chunk_start(chunk_of(id))]) Node(node);
  n.first_ = 0;
  if (!n.text_) n.length_ = 0;  // else the text's size
  return id;
}

NodeId Tree::add(Node node, std::span<const NodeId> items, std::span<const NodeId> keys) {
  const NodeId id = add(node);
  Node& n = at(id);
  if (!items.empty()) n.text_ = nullptr;
  n.first_ = static_cast<std::uint32_t>(items_.size());
  if (!n.text_) n.length_ = static_cast<std::uint32_t>(items.size());
  items_.insert(items_.end(), items.begin(), items.end());
  if (keys.size() == items.size()) {
    keys_.insert(keys_.end(), keys.begin(), keys.end());
  } else {
    keys_.resize(items_.size(), kNoNode);
  }
  if (n.kind == Kind::Map && n.count() > 1) merge_duplicate_keys(n);
  return id;
}

void Tree::merge_duplicate_keys(Node& n) {
  // A map has a few keys: a linear search for an earlier equal one, until a map with many
  // would make it quadratic.
  constexpr std::uint32_t kLinearKeys = 16;
  std::unordered_map<std::string_view, std::uint32_t> seen;  // key text -> its entry
  const auto key_text = [this](NodeId key) -> std::optional<std::string_view> {
    if (key == kNoNode || at(key).kind != Kind::Scalar) return std::nullopt;
    return at(key).text();
  };
  // The entries keep their first key until every later one has been told against it.
  struct Replacement {
    std::uint32_t entry;
    NodeId key, item;
  };
  std::vector<Replacement> replacements;
  std::uint32_t kept = 0;
  for (std::uint32_t i = 0; i < n.count(); ++i) {
    const NodeId key = keys_[n.first_ + i], item = items_[n.first_ + i];
    const std::optional<std::string_view> text = key_text(key);
    std::optional<std::uint32_t> earlier;
    if (text && n.count() <= kLinearKeys) {
      for (std::uint32_t j = 0; j < kept && !earlier; ++j) {
        if (key_text(keys_[n.first_ + j]) == text) earlier = j;
      }
    } else if (text) {
      if (auto [it, added] = seen.emplace(*text, kept); !added) earlier = it->second;
    }
    if (earlier) {
      duplicates_.push_back({keys_[n.first_ + *earlier], key});
      replacements.push_back({*earlier, key, item});
      continue;
    }
    keys_[n.first_ + kept] = key;
    items_[n.first_ + kept] = item;
    ++kept;
  }
  for (const Replacement& r : replacements) {
    keys_[n.first_ + r.entry] = r.key;
    items_[n.first_ + r.entry] = r.item;
  }
  n.length_ = kept;
  items_.resize(n.first_ + kept);
  keys_.resize(n.first_ + kept);
}

std::string_view Tree::store(std::string_view text) { return text_.store(text); }

TagId Tree::tag_id(std::string_view tag) {
  if (tag.empty()) return kNoTag;
  // A template uses a handful of distinct tags: a linear search beats hashing, until a file
  // with thousands of them would make it quadratic.
  if (tags_.size() <= kLinearTags) {
    for (std::size_t i = 1; i < tags_.size(); ++i) {
      if (tags_[i] == tag) return static_cast<TagId>(i);
    }
  } else if (auto it = tag_index_.find(tag); it != tag_index_.end()) {
    return it->second;
  }
  if (tags_.size() >= kTooManyTags) return kTooManyTags;
  const auto id = static_cast<TagId>(tags_.size());
  tags_.push_back(store(tag));
  if (tags_.size() == kLinearTags + 1) {
    for (std::size_t i = 1; i < tags_.size(); ++i)
      tag_index_.emplace(tags_[i], static_cast<TagId>(i));
  } else if (tags_.size() > kLinearTags + 1) {
    tag_index_.emplace(tags_.back(), id);
  }
  return id;
}

NodeId Tree::get(NodeId map, std::string_view key) const {
  if (map == kNoNode) return kNoNode;
  const Node& n = at(map);
  if (n.kind != Kind::Map) return kNoNode;
  for (std::uint32_t i = 0; i < n.count(); ++i) {
    if (at(keys_[n.first_ + i]).text() == key) return items_[n.first_ + i];
  }
  return kNoNode;
}

Span Tree::key_span(NodeId map, std::string_view key) const {
  const Node& n = at(map);
  if (n.kind != Kind::Map) return n.span;
  for (std::uint32_t i = 0; i < n.count(); ++i) {
    if (at(keys_[n.first_ + i]).text() == key) return at(keys_[n.first_ + i]).span;
  }
  return n.span;
}

void Tree::truncate(Mark mark) {
  size_ = std::min(mark.nodes, size_);
  chunks_.resize(size_ == 0 ? 0 : chunk_of(size_ - 1) + 1);
  items_.resize(std::min(mark.children, items_.size()));
  keys_.resize(items_.size());
  std::erase_if(duplicates_, [this](const DuplicateKey& d) { return d.later >= size_; });
}

}  // namespace rolelint::tree
