#include "parsers/cfn/yaml_pieces.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "parsers/yaml/yaml_reader.hpp"

namespace rolelint::cfn {
namespace {

using tree::kNoNode;
using tree::NodeId;

enum class PieceKind : std::uint8_t { TopLevel, ResourcesHeader, Resource };

struct Cut {
  std::uint32_t begin = 0;
  PieceKind kind = PieceKind::TopLevel;
};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The length of the plain key `word:` that starts `line` (followed by a space, a tab or the end
// of the line), or 0.
std::size_t plain_key(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && is_word_char(line[n])) ++n;
  if (n == 0 || n >= line.size() || line[n] != ':') return 0;
  return n + 1 == line.size() || line[n + 1] == ' ' || line[n + 1] == '\t' ? n : 0;
}

bool blank_or_comment(std::string_view rest) {
  const std::size_t first = rest.find_first_not_of(" \t");
  return first == std::string_view::npos || rest[first] == '#';
}

// An anchor (`&name` after a space, a bracket, a comma or at a line start): its aliases may be
// in other pieces.
bool has_anchor(std::string_view text) {
  for (std::size_t at = text.find('&'); at != std::string_view::npos; at = text.find('&', at + 1)) {
    const char before = at == 0 ? '\n' : text[at - 1];
    const char after = at + 1 < text.size() ? text[at + 1] : ' ';
    if (std::string_view(" \t\n[{,").find(before) != std::string_view::npos && after != ' ' &&
        after != '\t' && after != '\n' && after != '\r') {
      return true;
    }
  }
  return false;
}

// Where the pieces start, or nothing when the text is not a plain template (see the header).
std::optional<std::vector<Cut>> cuts_of(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF") || has_anchor(text)) return std::nullopt;
  std::vector<Cut> cuts;
  bool in_resources = false;
  std::size_t resource_indent = 0;  // of the resources' names, once known
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    const auto at = static_cast<std::uint32_t>(start);
    start = end;
    if (blank_or_comment(line)) continue;
    if (line.front() != ' ') {
      const std::size_t key = plain_key(line);
      if (key == 0) return std::nullopt;  // a document marker, a sequence, a flow mapping, ...
      in_resources = line.substr(0, key) == "Resources" && blank_or_comment(line.substr(key + 1));
      resource_indent = 0;
      cuts.push_back(
          {cuts.empty() ? 0 : at, in_resources ? PieceKind::ResourcesHeader : PieceKind::TopLevel});
      continue;
    }
    if (cuts.empty()) return std::nullopt;  // indented text before the first key
    if (!in_resources) continue;
    const std::size_t indent = line.find_first_not_of(' ');
    if (line[indent] == '\t') return std::nullopt;
    if (resource_indent == 0) resource_indent = indent;
    if (indent < resource_indent) return std::nullopt;
    if (indent > resource_indent) continue;
    if (line[indent] == '-' || line[indent] == '{' || line[indent] == '[') return std::nullopt;
    cuts.push_back({at, PieceKind::Resource});
  }
  if (cuts.empty()) return std::nullopt;
  // A `Resources:` with no resource under it is an ordinary key (with a null value).
  for (std::size_t k = 0; k < cuts.size(); ++k) {
    if (cuts[k].kind == PieceKind::ResourcesHeader &&
        (k + 1 == cuts.size() || cuts[k + 1].kind != PieceKind::Resource)) {
      cuts[k].kind = PieceKind::TopLevel;
    }
  }
  return cuts;
}

YamlPiece parse_piece(std::string_view stored, FileId file) {
  YamlPiece piece;
  auto root = yaml::read(stored, file, piece.tree);
  if (!root.ok() || !piece.tree.duplicates().empty()) return piece;
  const tree::Node& n = piece.tree.at(root.value());
  if (n.kind == tree::Kind::Map && n.count() > 0) piece.root = root.value();
  return piece;
}

// Copies the nodes of a piece into the template's tree, moved to where the piece starts. A node
// reached twice is copied once.
class Copier {
 public:
  Copier(const YamlPiece& piece, tree::Tree& to, FileId file, std::uint32_t at)
      : from_(piece.tree), to_(to), file_(file), at_(at), done_(piece.tree.size(), kNoNode) {}

  NodeId copy(NodeId id) {
    if (done_[id] != kNoNode) return done_[id];
    tree::Node node = from_.at(id);
    node.span = Span{file_, node.span.begin + at_, node.span.end + at_};
    if (node.tag != tree::kNoTag) node.tag = to_.tag_id(from_.tag(id));
    NodeId copied = kNoNode;
    if (node.kind == tree::Kind::Map || node.kind == tree::Kind::Seq) {
      // The copies of the children go on a stack shared by every level: no vector per node.
      const std::size_t start = stack_.size();
      for (NodeId item : from_.items(id)) {
        const NodeId item_copy = copy(item);
        stack_.push_back(item_copy);
      }
      for (NodeId key : from_.keys(id)) {
        const NodeId key_copy = copy(key);
        stack_.push_back(key_copy);
      }
      const std::span<const NodeId> children = std::span<const NodeId>(stack_).subspan(start);
      copied = to_.add(node, children.first(from_.items(id).size()),
                       children.subspan(from_.items(id).size()));
      stack_.resize(start);
    } else {
      copied = to_.add(node);
    }
    return done_[id] = copied;
  }

  Span span(NodeId id) const {
    const Span s = from_.at(id).span;
    return {file_, s.begin + at_, s.end + at_};
  }

 private:
  const tree::Tree& from_;
  tree::Tree& to_;
  FileId file_;
  std::uint32_t at_;
  std::vector<NodeId> done_;
  std::vector<NodeId> stack_;  // the copied children of the nodes being copied
};

// A map of the keys and values, spanning from `begin` to the furthest end of its entries.
NodeId add_map(tree::Tree& out, FileId file, std::uint32_t begin, const std::vector<NodeId>& keys,
               const std::vector<NodeId>& items) {
  tree::Node map;
  map.kind = tree::Kind::Map;
  map.span = Span{file, begin, begin};
  for (NodeId id : keys) map.span.end = std::max(map.span.end, out.at(id).span.end);
  for (NodeId id : items) map.span.end = std::max(map.span.end, out.at(id).span.end);
  return out.add(map, items, keys);
}

}  // namespace

std::optional<NodeId> read_yaml_pieces(std::string_view text, FileId file, tree::Tree& out,
                                       YamlPieceCache& cache) {
  const std::optional<std::vector<Cut>> cuts = cuts_of(text);
  if (!cuts) return std::nullopt;
  std::vector<const YamlPiece*> pieces;
  for (std::size_t k = 0; k < cuts->size(); ++k) {
    const std::uint32_t begin = (*cuts)[k].begin;
    const auto end =
        k + 1 < cuts->size() ? (*cuts)[k + 1].begin : static_cast<std::uint32_t>(text.size());
    const YamlPiece& piece =
        cache.get(text.substr(begin, end - begin),
                  [file](std::string_view stored) { return parse_piece(stored, file); });
    if (piece.root == kNoNode) return std::nullopt;
    if ((*cuts)[k].kind == PieceKind::ResourcesHeader) {
      // `Resources:` alone: one key, no value yet.
      const tree::Node& root = piece.tree.at(piece.root);
      if (root.count() != 1 ||
          piece.tree.at(piece.tree.items(piece.root)[0]).kind != tree::Kind::Null)
        return std::nullopt;
    }
    pieces.push_back(&piece);
  }
  std::vector<NodeId> keys, items;                    // of the template's root
  std::vector<NodeId> resource_keys, resource_items;  // of `Resources`, while its pieces last
  std::optional<std::uint32_t> root_begin;
  std::uint32_t resources_begin = 0;  // of the first resource, while resource_keys has any
  auto end_resources = [&] {
    if (resource_keys.empty()) return;
    items.push_back(add_map(out, file, resources_begin, resource_keys, resource_items));
    resource_keys.clear();
    resource_items.clear();
  };
  for (std::size_t k = 0; k < cuts->size(); ++k) {
    const YamlPiece& piece = *pieces[k];
    Copier copier(piece, out, file, (*cuts)[k].begin);
    if (!root_begin) root_begin = copier.span(piece.root).begin;
    const PieceKind kind = (*cuts)[k].kind;
    if (kind != PieceKind::Resource) end_resources();
    if (kind == PieceKind::ResourcesHeader) {
      keys.push_back(copier.copy(piece.tree.keys(piece.root)[0]));
      continue;
    }
    if (kind == PieceKind::Resource && resource_keys.empty())
      resources_begin = copier.span(piece.root).begin;
    std::vector<NodeId>& to_keys = kind == PieceKind::Resource ? resource_keys : keys;
    std::vector<NodeId>& to_items = kind == PieceKind::Resource ? resource_items : items;
    const std::span<const NodeId> piece_keys = piece.tree.keys(piece.root),
                                  piece_items = piece.tree.items(piece.root);
    for (std::size_t i = 0; i < piece_keys.size(); ++i) {
      to_keys.push_back(copier.copy(piece_keys[i]));
      to_items.push_back(copier.copy(piece_items[i]));
    }
  }
  end_resources();
  return add_map(out, file, *root_begin, keys, items);
}

}  // namespace rolelint::cfn
