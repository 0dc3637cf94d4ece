#include "parsers/yaml/yaml_reader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <istream>
#include <map>
#include <optional>
#include <streambuf>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "parsers/yaml/flow_scan.hpp"

namespace rolelint::yaml {
namespace {

using tree::Kind;
using tree::Node;
using tree::NodeId;

// The end of a scalar that starts at `pos` in `text`: the closing quote of a quoted scalar,
// otherwise the end of the plain text on that line (before a comment or flow indicator).
std::uint32_t scalar_end(std::string_view text, std::uint32_t pos, bool in_flow) {
  if (pos >= text.size()) return static_cast<std::uint32_t>(text.size());
  char open = text[pos];
  if (open == '"' || open == '\'') {
    return static_cast<std::uint32_t>(std::min(quoted_scalar_end(text, pos), text.size()));
  }
  std::size_t i = pos, last = pos;
  for (; i < text.size() && text[i] != '\n' && text[i] != '\r'; ++i) {
    char c = text[i];
    if (c == '#' && i > pos && (text[i - 1] == ' ' || text[i - 1] == '\t')) break;
    if (c == ':' && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) break;
    if (in_flow && (c == ',' || c == ']' || c == '}')) break;
    if (c != ' ' && c != '\t') last = i + 1;
  }
  return static_cast<std::uint32_t>(std::max(last, static_cast<std::size_t>(pos + 1)));
}

// Thrown by the Builder to stop yaml-cpp's parse when the tree would pass its memory limit; caught
// in parse() (never leaves this file).
struct TreeTooLarge {
  std::uint32_t offset;
  std::string message;
};

// Local tags ("!Sub") taken out of the text before parsing, by the offset of the node they tag.
struct MovedTag {
  std::string tag;
  std::uint32_t at = 0;  // where the tag was
};
using MovedTags = std::map<std::uint32_t, MovedTag>;

// Whether `text` has a null written out (`~`, `null`) at `pos`, rather than an empty value.
bool null_written_at(std::string_view text, std::uint32_t pos) {
  const std::string_view rest = text.substr(std::min<std::size_t>(pos, text.size()));
  for (std::string_view word : {"~", "null", "Null", "NULL"}) {
    if (rest.starts_with(word) &&
        (rest.size() == word.size() ||
         std::string_view(" \t\r\n,]}#").find(rest[word.size()]) != std::string_view::npos)) {
      return true;
    }
  }
  return false;
}

// Where an empty value is: right after what precedes it (`key:`, `- `), not at the next token,
// which yaml-cpp's mark points at and which may be lines further on (or past the end of a piece
// read alone: parsers/cfn/yaml_pieces.cpp). White space, line breaks and comments are skipped
// back over.
std::uint32_t empty_value_at(std::string_view text, std::uint32_t pos) {
  pos = static_cast<std::uint32_t>(std::min<std::size_t>(pos, text.size()));
  while (true) {
    while (pos > 0 && (text[pos - 1] == ' ' || text[pos - 1] == '\t' || text[pos - 1] == '\r' ||
                       text[pos - 1] == '\n'))
      --pos;
    // A comment on the line reached: go on before it.
    const std::size_t line = pos == 0 ? 0 : text.rfind('\n', pos - 1) + 1;  // npos + 1 == 0
    std::size_t hash = std::string_view::npos;
    for (std::size_t i = line; i < pos; ++i) {
      if (text[i] == '#' && (i == line || text[i - 1] == ' ' || text[i - 1] == '\t')) {
        hash = i;
        break;
      }
    }
    if (hash == std::string_view::npos) return pos;
    pos = static_cast<std::uint32_t>(hash);
  }
}

class Builder : public YAML::EventHandler {
 public:
  Builder(std::string_view text, FileId file, tree::Tree& tree, const MovedTags& moved,
          Limits limits)
      : text_(text), file_(file), tree_(tree), moved_(moved), limits_(limits) {}

  // The root of each document read, in order.
  const std::vector<NodeId>& roots() const { return roots_; }
  void drop_last_root() { roots_.pop_back(); }
  bool saw_alias() const { return saw_alias_; }
  // Where the innermost open collection starts, if any.
  std::optional<std::uint32_t> innermost_open() const {
    if (stack_.empty()) return std::nullopt;
    return stack_.back().node.span.begin;
  }
  // The first error the parser itself does not see (an alias to an unknown anchor, too many
  // distinct tags), at an offset in the text.
  std::string error;
  std::uint32_t error_offset = 0;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node n;
    n.kind = Kind::Null;
    auto pos = static_cast<std::uint32_t>(std::max(mark.pos, 0));
    if (!null_written_at(text_, pos)) pos = empty_value_at(text_, pos);
    n.span = Span{file_, pos, pos};
    add_leaf(n, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    saw_alias_ = true;
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      fail(mark, "alias to an unknown anchor");
      add_leaf(Node(), 0);
      return;
    }
    attach(it->second);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& raw_tag, YAML::anchor_t anchor,
                const std::string& value) override {
    const std::string& tag = restored(mark, raw_tag);
    Node n;
    n.kind = Kind::Scalar;
    auto pos = static_cast<std::uint32_t>(mark.pos);
    // A tagged scalar's mark may point at the tag: move past "!Tag " to the value itself.
    if (pos < text_.size() && text_[pos] == '!' && !tag.empty() && tag != "!" && tag != "?") {
      while (pos < text_.size() && text_[pos] != ' ' && text_[pos] != '\n') ++pos;
      while (pos < text_.size() && text_[pos] == ' ') ++pos;
    }
    n.quoted = pos < text_.size() && (text_[pos] == '"' || text_[pos] == '\'');
    if (tag != "?" && tag != "!") n.tag = tag_id(mark, tag);
    bool block = pos < text_.size() && (text_[pos] == '|' || text_[pos] == '>');
    n.span = Span{file_, pos, block ? pos + 1 : scalar_end(text_, pos, flow_depth_ > 0)};
    if (block) n.quoted = true;
    n.set_text(in_source(value, n.quoted && !block ? pos + 1 : pos));
    add_leaf(n, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(Kind::Seq, mark, restored(mark, tag), anchor, style);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(Kind::Map, mark, restored(mark, tag), anchor, style);
  }
  void OnMapEnd() override { close(); }

 private:
  void fail(const YAML::Mark& mark, std::string message) {
    fail_at(static_cast<std::uint32_t>(std::max(mark.pos, 0)), std::move(message));
  }
  void fail_at(std::uint32_t offset, std::string message) {
    if (!error.empty()) return;
    error = std::move(message);
    error_offset = offset;
  }

  tree::TagId tag_id(const YAML::Mark& mark, std::string_view tag) {
    const tree::TagId id = tree_.tag_id(tag);
    if (id == tree::kTooManyTags)
      fail(mark, str_cat("more than ", tree::kTooManyTags - 1, " distinct YAML tags"));
    return id;
  }

  const std::string& restored(const YAML::Mark& mark, const std::string& tag) const {
    if (tag != "?" && tag != "!") return tag;
    auto it = moved_.find(static_cast<std::uint32_t>(mark.pos));
    return it == moved_.end() ? tag : it->second.tag;
  }

  // A scalar's value as a view of the source text when it is there verbatim at `pos` (plain
  // and simply quoted scalars), else as a copy the tree keeps.
  std::string_view in_source(const std::string& value, std::uint32_t pos) {
    if (value.empty()) return {};
    if (pos < text_.size() && text_.substr(pos, value.size()) == value) {
      return text_.substr(pos, value.size());
    }
    return tree_.store(value);
  }

  struct Open {
    Node node;
    YAML::anchor_t anchor;
    bool flow;
    std::size_t items_start;  // this collection's children in items_ / keys_
    std::size_t keys_start;
    bool have_key = false;  // for maps: a key has been read and waits for its value
    NodeId key = tree::kNoNode;
  };

  void open(Kind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            YAML::EmitterStyle::value style) {
    Open o{.node = {},
           .anchor = anchor,
           .flow = style == YAML::EmitterStyle::Flow,
           .items_start = items_.size(),
           .keys_start = keys_.size()};
    o.node.kind = kind;
    auto pos = static_cast<std::uint32_t>(mark.pos);
    // A collection starts at its tag when yaml-cpp reads the tag, so also when the tag was moved
    // aside for the retry (move_tags): the same text gets the same spans either way.
    if (auto it = moved_.find(pos); it != moved_.end()) pos = it->second.at;
    o.node.span = Span{file_, pos, pos};
    if (tag != "?" && tag != "!") o.node.tag = tag_id(mark, tag);
    if (o.flow) ++flow_depth_;
    stack_.push_back(o);
  }

  void close() {
    Open o = stack_.back();
    stack_.pop_back();
    if (o.flow) --flow_depth_;
    // A flow collection written with brackets extends to its closing one. A single pair in a
    // flow sequence (`[Ref: Bucket]`) is a flow mapping without braces: it ends with its value.
    if (o.flow && opens_with_bracket(o.node)) {
      char closer = o.node.kind == Kind::Map ? '}' : ']';
      std::uint32_t end = o.node.span.end;
      while (end < text_.size() && text_[end] != closer) ++end;
      o.node.span.end = std::min<std::uint32_t>(end + 1, static_cast<std::uint32_t>(text_.size()));
    }
    if (o.node.kind == Kind::Map) merge_keys(o);
    const auto items = std::span<const NodeId>(items_).subspan(o.items_start);
    const auto keys = std::span<const NodeId>(keys_).subspan(o.keys_start);
    NodeId id = tree_.add(o.node, items, keys);
    count_memory(id, items.size());
    items_.resize(o.items_start);
    keys_.resize(o.keys_start);
    if (o.anchor) anchors_[o.anchor] = id;
    attach(id);
  }

  // Whether the collection's text (after its tag, if its span starts at one) opens with `[` or `{`.
  bool opens_with_bracket(const Node& n) const {
    std::size_t at = n.span.begin;
    if (at < text_.size() && text_[at] == '!') {
      while (at < text_.size() && text_[at] != ' ' && text_[at] != '\n' && text_[at] != '[' &&
             text_[at] != '{')
        ++at;
    }
    while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\r' || text_[at] == '\n')) ++at;
    return at < text_.size() && (text_[at] == '[' || text_[at] == '{');
  }

  // A YAML 1.1 merge key: `<<` as a plain scalar without a tag.
  bool is_merge_key(NodeId key) const {
    const Node& k = tree_.at(key);
    return k.kind == Kind::Scalar && !k.quoted && k.tag == tree::kNoTag && k.text() == "<<";
  }

  // The mappings a merge key's value names: one mapping, or a list of mappings.
  std::vector<NodeId> merge_sources(NodeId value) {
    const Node& v = tree_.at(value);
    if (v.kind == Kind::Map) return {value};
    std::vector<NodeId> sources;
    if (v.kind == Kind::Seq) {
      for (NodeId item : tree_.items(value)) {
        if (tree_.at(item).kind != Kind::Map) break;
        sources.push_back(item);
      }
      if (sources.size() == tree_.items(value).size()) return sources;
    }
    fail_at(v.span.begin, "a merge key '<<' takes a mapping or a list of mappings");
    return {};
  }

  // Replaces each merge key of the open mapping `o` by the entries of the mappings it names that
  // the mapping does not have: the keys written out win, then those of the mappings named first.
  void merge_keys(const Open& o) {
    const std::span<const NodeId> keys = std::span<const NodeId>(keys_).subspan(o.keys_start);
    if (std::none_of(keys.begin(), keys.end(), [this](NodeId k) { return is_merge_key(k); }))
      return;
    const std::vector<NodeId> written_keys(keys.begin(), keys.end());
    const std::vector<NodeId> written_items(
        items_.begin() + static_cast<std::ptrdiff_t>(o.items_start), items_.end());
    std::unordered_set<std::string_view> have;
    for (NodeId k : written_keys) {
      if (!is_merge_key(k) && tree_.at(k).kind == Kind::Scalar) have.insert(tree_.at(k).text());
    }
    keys_.resize(o.keys_start);
    items_.resize(o.items_start);
    for (std::size_t i = 0; i < written_keys.size(); ++i) {
      if (!is_merge_key(written_keys[i])) {
        keys_.push_back(written_keys[i]);
        items_.push_back(written_items[i]);
        continue;
      }
      for (NodeId source : merge_sources(written_items[i])) {
        const std::span<const NodeId> source_keys = tree_.keys(source),
                                      source_items = tree_.items(source);
        for (std::size_t j = 0; j < source_keys.size(); ++j) {
          const Node& k = tree_.at(source_keys[j]);
          if (k.kind == Kind::Scalar && !have.insert(k.text()).second) continue;
          // Each merged entry is a reference, not a copy; but mappings merging mappings that
          // merge others can multiply entries as aliases multiply nodes: bounded the same way.
          if (++merged_entries_ > limits_.max_expanded_nodes) {
            fail_at(tree_.at(written_keys[i]).span.begin,
                    str_cat("YAML merge keys bring in more than ", limits_.max_expanded_nodes,
                            " entries (merge bomb?)"));
            return;
          }
          keys_.push_back(source_keys[j]);
          items_.push_back(source_items[j]);
        }
      }
    }
  }

  void add_leaf(const Node& n, YAML::anchor_t anchor) {
    NodeId id = tree_.add(n);
    count_memory(id, 0);
    if (anchor) anchors_[anchor] = id;
    attach(id);
  }

  // Gives a finished node to its parent (or makes it the root).
  void attach(NodeId id) {
    if (stack_.empty()) {
      roots_.push_back(id);
      return;
    }
    Open& parent = stack_.back();
    parent.node.span.end = std::max(parent.node.span.end, tree_.at(id).span.end);
    if (parent.node.kind == Kind::Seq) {
      items_.push_back(id);
      return;
    }
    if (!parent.have_key) {
      parent.have_key = true;
      parent.key = id;
      return;
    }
    parent.have_key = false;
    keys_.push_back(parent.key);
    items_.push_back(id);
  }

  std::string_view text_;
  FileId file_;
  tree::Tree& tree_;
  const MovedTags& moved_;
  std::vector<Open> stack_;
  // The children of the open collections, innermost last; moved into the tree when one closes.
  std::vector<NodeId> items_, keys_;
  std::map<YAML::anchor_t, NodeId> anchors_;
  std::vector<NodeId> roots_;
  Limits limits_;
  std::uint64_t merged_entries_ = 0;  // entries merge keys brought in, in every mapping
  tree::MemoryBudget memory_{limits_.tree_memory, text_.size()};  // of the nodes this parse added

  // Counts the node `id` just added with its `children` and stops the parse past the tree's limit.
  void count_memory(NodeId id, std::size_t children) {
    if (!memory_.add(children))
      throw TreeTooLarge{tree_.at(id).span.begin, memory_.message("YAML")};
  }
  int flow_depth_ = 0;
  bool saw_alias_ = false;
};

// Number of nodes reachable from the `roots` when every alias is expanded, saturating at `cap`.
// Children are always added to the arena before their parents, so one pass in order suffices.
std::uint64_t expanded_size(const tree::Tree& tree, std::size_t first,
                            std::span<const NodeId> roots, std::uint64_t cap) {
  std::vector<std::uint64_t> size(tree.size() - first, 0);
  for (std::size_t i = first; i < tree.size(); ++i) {
    std::uint64_t total = 1;
    for (NodeId child : tree.items(static_cast<NodeId>(i))) {
      total += child >= first && child < i ? size[child - first] : 1;
      if (total > cap) total = cap;
    }
    size[i - first] = total;
  }
  std::uint64_t total = 0;
  for (NodeId root : roots)
    total = std::min(cap, total + (root >= first && root < tree.size() ? size[root - first] : 1));
  return total;
}

// yaml-cpp 0.7 rejects some valid YAML with local tags: a tagged block scalar as a sequence
// entry (`- !Sub >`) and a tagged multi-line plain scalar. When a parse fails, the tags are
// blanked out (same byte count, so every offset stays) and put back on the nodes by offset.
// Quoted text, comments and block scalar contents are left alone.
std::string move_tags(std::string_view text, MovedTags& moved) {
  std::string out(text);
  std::size_t i = 0;
  std::size_t block_indent = std::string::npos;  // inside a block scalar of a deeper indent
  while (i < out.size()) {
    const std::size_t line_end = std::min(out.find('\n', i), out.size());
    std::size_t indent = i;
    while (indent < line_end && out[indent] == ' ') ++indent;
    const bool blank = indent == line_end;
    if (block_indent != std::string::npos && (blank || indent - i > block_indent)) {
      i = line_end + 1;
      continue;
    }
    block_indent = std::string::npos;
    char prev = 0;  // the last non-space character before the current one on this line
    char quote = 0;
    std::size_t last = line_end;
    for (std::size_t j = indent; j < line_end; ++j) {
      const char c = out[j];
      if (quote) {
        if (c == quote) quote = 0;
        if (quote == '"' && c == '\\') ++j;
        continue;
      }
      if (c == '#' && (j == indent || out[j - 1] == ' ')) {
        last = j;
        break;
      }
      if ((c == '"' || c == '\'') &&
          (prev == 0 || prev == ':' || prev == '-' || prev == '[' || prev == ',' || prev == '{')) {
        quote = c;
      } else if (c == '!' &&
                 (prev == 0 || prev == ':' || prev == '-' || prev == '[' || prev == ',' ||
                  prev == '{' || prev == '?') &&
                 j + 1 < line_end && std::isalpha(static_cast<unsigned char>(out[j + 1]))) {
        std::size_t end = j + 1;
        while (end < line_end && std::isalnum(static_cast<unsigned char>(out[end]))) ++end;
        if (end == line_end || out[end] == ' ') {
          std::size_t target = end;
          while (target < out.size() &&
                 (out[target] == ' ' || out[target] == '\n' || out[target] == '\r'))
            ++target;
          moved[static_cast<std::uint32_t>(target)] =
              MovedTag{std::string(out, j, end - j), static_cast<std::uint32_t>(j)};
          std::fill(out.begin() + static_cast<std::ptrdiff_t>(j),
                    out.begin() + static_cast<std::ptrdiff_t>(end), ' ');
          j = end;
          continue;
        }
      }
      if (c != ' ') prev = c;
    }
    // A line ending in a block scalar indicator opens a block of deeper lines.
    std::size_t tail = last;
    while (tail > indent && (out[tail - 1] == ' ' || out[tail - 1] == '\r')) --tail;
    std::size_t k = tail;
    while (k > indent && (std::isdigit(static_cast<unsigned char>(out[k - 1])) ||
                          out[k - 1] == '-' || out[k - 1] == '+'))
      --k;
    if (k > indent && (out[k - 1] == '|' || out[k - 1] == '>') &&
        (k - 1 == indent || out[k - 2] == ' ')) {
      block_indent = indent - i;
    }
    i = line_end + 1;
  }
  return out;
}

// A read-only stream over text held elsewhere: yaml-cpp reads through a std::istream, and an
// std::istringstream would copy the whole text.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    // Only read: yaml-cpp never writes back (sputbackc of the same character moves the pointer).
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

// yaml-cpp's error at its mark. Its stream reads byte 0x04 past the end of the input, so a
// backslash at the very end of a double-quoted string is "unknown escape character: \x04" at a
// mark one past the end; that is the input ending inside the string, said so at its end.
ParseError syntax_error(const YAML::Exception& e, std::size_t size) {
  const auto pos = static_cast<std::size_t>(std::max(e.mark.pos, 0));
  if (pos <= size) return ParseError{static_cast<std::uint32_t>(pos), e.msg};
  const bool escape = e.msg.find('\x04') != std::string::npos;
  return ParseError{
      static_cast<std::uint32_t>(size),
      escape ? "the input ends after a backslash inside a double-quoted string" : e.msg};
}

// Parses `source` (the text, or the text with tags moved out of the way) with spans into `text`.
// `checked` is set when the parse failed on one of rolelint's own checks (an alias to an unknown
// anchor, too many distinct tags, alias expansion) rather than on the YAML syntax.
using Roots = std::vector<NodeId>;

Result<Roots> parse(std::string_view text, FileId file, tree::Tree& tree, Limits limits,
                    std::string_view source, const MovedTags& moved, bool& checked) {
  checked = false;
  const std::size_t first = tree.size();
  Builder builder(text, file, tree, moved, limits);
  try {
    ViewBuffer buffer(source);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    // yaml-cpp answers some broken streams (a leading ',') with an empty document at the same
    // place, forever: a document that starts where the one before it did ends the stream.
    while (parser.HandleNextDocument(builder) && builder.error.empty()) {
      const auto& roots = builder.roots();
      if (roots.size() >= 2 &&
          tree.at(roots.back()).span.begin <= tree.at(roots[roots.size() - 2]).span.begin) {
        builder.drop_last_root();
        break;
      }
    }
  } catch (const TreeTooLarge& e) {
    checked = true;
    return ParseError{e.offset, e.message};
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's mark is where its scanner had read to (for a flow collection, its end); the
    // innermost collection opened is where the nesting went too deep.
    const std::uint32_t at =
        builder.innermost_open().value_or(static_cast<std::uint32_t>(std::max(e.mark.pos, 0)));
    return ParseError{std::min(at, static_cast<std::uint32_t>(source.size())),
                      "YAML nesting is too deep"};
  } catch (const YAML::Exception& e) {
    return syntax_error(e, source.size());
  }
  if (!builder.error.empty()) {
    checked = true;
    return ParseError{builder.error_offset, builder.error};
  }
  if (builder.roots().empty()) return ParseError{0, "empty document"};
  // Without an alias every node is reached once: the documents are as large as their text.
  if (!builder.saw_alias()) return builder.roots();
  const std::uint64_t limit =
      limits.max_expanded_nodes + 4 * static_cast<std::uint64_t>(tree.size() - first);
  if (expanded_size(tree, first, builder.roots(), limit + 1) > limit) {
    checked = true;
    return ParseError{0,
                      str_cat("YAML aliases expand to more than ", limit, " nodes (alias bomb?)")};
  }
  return builder.roots();
}

// yaml-cpp guesses the encoding from the first bytes (a NUL, 0xFE or 0xFF there means UTF-16 or
// UTF-32, and its marks then count decoded bytes) and takes byte 0x04 for the end of the input.
// YAML text is printable (YAML 1.2, 5.1): a control character other than tab, LF and CR, and a
// UTF-16 or UTF-32 byte order mark, are errors here, so every mark is a byte offset into `text`.
std::optional<ParseError> unreadable(std::string_view text) {
  if (text.starts_with("\xFE\xFF") || text.starts_with("\xFF\xFE")) {
    return ParseError{0, "UTF-16 or UTF-32 byte order mark: YAML templates are read as UTF-8"};
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return ParseError{static_cast<std::uint32_t>(i),
                        str_cat("control character 0x", hex(c),
                                c == 0 ? " (NUL): not UTF-8 YAML text" : " in YAML text")};
    }
  }
  return std::nullopt;
}

Result<Roots> read_utf8(std::string_view text, FileId file, tree::Tree& tree, Limits limits) {
  if (auto error = unreadable(text)) return *error;
  if (auto error = flow_collection_error(text)) return *error;
  const tree::Tree::Mark first = tree.mark();
  const MovedTags none;
  bool checked = false;
  auto result = parse(text, file, tree, limits, text, none, checked);
  // Moving tags out of the way cannot help a failed check of rolelint's own, nor yaml-cpp's
  // errors about aliases.
  if (result.ok() || checked || result.error().message.find("alias") != std::string::npos ||
      text.find('!') == std::string_view::npos) {
    return result;
  }
  MovedTags moved;
  const std::string untagged = move_tags(text, moved);
  if (moved.empty()) return result;
  tree.truncate(first);
  auto retry = parse(text, file, tree, limits, untagged, moved, checked);
  if (retry.ok()) return retry;
  tree.truncate(first);
  return result;
}

}  // namespace

Result<std::vector<tree::NodeId>> read_all(std::string_view text, FileId file, tree::Tree& tree,
                                           Limits limits) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (!text.starts_with(kByteOrderMark)) return read_utf8(text, file, tree, limits);
  // yaml-cpp skips a UTF-8 byte order mark without counting it: read what follows it, then
  // move every position past the mark.
  constexpr auto kShift = static_cast<std::uint32_t>(kByteOrderMark.size());
  const std::size_t first = tree.size();
  auto result = read_utf8(text.substr(kShift), file, tree, limits);
  if (!result.ok()) return ParseError{result.error().offset + kShift, result.error().message};
  auto shift = [file](Span& span) {
    if (span.file != file) return;
    span.begin += kShift;
    span.end += kShift;
  };
  for (std::size_t i = first; i < tree.size(); ++i) {
    tree::Node& n = tree.at(static_cast<NodeId>(i));
    shift(n.span);
  }
  return result;
}

Result<tree::NodeId> read(std::string_view text, FileId file, tree::Tree& tree, Limits limits) {
  auto roots = read_all(text, file, tree, limits);
  if (!roots.ok()) return roots.error();
  return roots.value().front();
}

}  // namespace rolelint::yaml
