#include "parsers/json/json_reader.hpp"

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "linter/base/utf8.hpp"

namespace rolelint::json {
namespace {

using tree::Kind;
using tree::Node;
using tree::NodeId;

class Reader {
 public:
  Reader(std::string_view text, FileId file, tree::Tree& tree, std::uint32_t base, Limits limits,
         std::vector<std::uint32_t>* line_starts)
      : text_(text),
        file_(file),
        tree_(tree),
        base_(base),
        limits_(limits),
        line_starts_(line_starts) {}

  Result<NodeId> run() {
    if (line_starts_) line_starts_->assign(1, 0);
    skip_ws();
    if (pos_ >= text_.size()) return fail("empty document: expected a JSON value");
    NodeId root = value(0);
    if (failed_) return error_;
    skip_ws();
    if (pos_ < text_.size()) return fail("unexpected data after the JSON value");
    return root;
  }

 private:
  ParseError fail(std::string message) {
    if (!failed_) {
      failed_ = true;
      error_ = ParseError{base_ + static_cast<std::uint32_t>(pos_), std::move(message)};
    }
    return error_;
  }

  Span span(std::size_t begin, std::size_t end) const {
    return Span{file_, base_ + static_cast<std::uint32_t>(begin),
                base_ + static_cast<std::uint32_t>(end)};
  }

  void skip_ws() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
      if (c == '\n' && line_starts_) line_starts_->push_back(static_cast<std::uint32_t>(pos_));
    }
  }

  std::string describe_here() const {
    if (pos_ >= text_.size()) return "end of input";
    char c = text_[pos_];
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
      return str_cat("byte 0x", hex(static_cast<unsigned char>(c)));
    }
    return str_cat("'", c, "'");
  }

  NodeId value(unsigned depth) {
    if (depth > limits_.max_depth) {
      fail(str_cat("nesting deeper than ", limits_.max_depth, " levels"));
      return tree::kNoNode;
    }
    skip_ws();
    if (pos_ >= text_.size()) {
      fail("unexpected end of input: expected a value");
      return tree::kNoNode;
    }
    switch (text_[pos_]) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"': {
        Node n;
        n.kind = Kind::Scalar;
        n.quoted = true;
        std::size_t begin = pos_;
        std::string_view value;
        if (!string(value)) return tree::kNoNode;
        n.set_text(value);
        n.span = span(begin, pos_);
        return add_leaf(n);
      }
      default:
        return literal();
    }
  }

  NodeId literal() {
    std::size_t begin = pos_;
    auto word = [&](std::string_view w) { return text_.substr(pos_, w.size()) == w; };
    Node n;
    n.kind = Kind::Scalar;
    if (word("true") || word("null")) {
      pos_ += 4;
    } else if (word("false")) {
      pos_ += 5;
    } else if (text_[pos_] == '-' || (text_[pos_] >= '0' && text_[pos_] <= '9')) {
      if (!number()) return tree::kNoNode;
    } else {
      fail(str_cat("unexpected ", describe_here(), ": expected a value"));
      return tree::kNoNode;
    }
    n.set_text(text_.substr(begin, pos_ - begin));
    if (n.text() == "null") n.kind = Kind::Null;
    n.span = span(begin, pos_);
    return add_leaf(n);
  }

  bool digits() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  bool number() {
    if (text_[pos_] == '-') ++pos_;
    const std::size_t first_digit = pos_;
    if (!digits()) return fail("invalid number: expected a digit"), false;
    if (text_[first_digit] == '0' && pos_ - first_digit > 1) {
      pos_ = first_digit;
      return fail("invalid number: a leading zero must not be followed by a digit"), false;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!digits()) return fail("invalid number: expected a digit after '.'"), false;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!digits()) return fail("invalid number: expected an exponent"), false;
    }
    return true;
  }

  bool hex4(std::uint32_t& out) {
    if (pos_ + 4 > text_.size()) return fail("invalid \\u escape"), false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      out <<= 4;
      if (c >= '0' && c <= '9') {
        out |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        out |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        out |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        --pos_;
        return fail("invalid \\u escape: expected 4 hex digits"), false;
      }
    }
    return true;
  }

  // Reads a string starting at the opening quote; leaves pos_ after the closing quote. The value
  // is a view of the text when it has no escape sequence, else of a decoded copy in the tree.
  bool string(std::string_view& value) {
    const std::size_t begin = pos_ + 1;
    std::size_t end = begin;
    while (end < text_.size() && text_[end] != '"' && text_[end] != '\\' &&
           static_cast<unsigned char>(text_[end]) >= 0x20) {
      ++end;
    }
    if (end < text_.size() && text_[end] == '"') {
      value = text_.substr(begin, end - begin);
      pos_ = end + 1;
      return true;
    }
    decoded_.clear();
    if (!decode_string(decoded_)) return false;
    value = tree_.store(decoded_);
    return true;
  }

  bool decode_string(std::string& out) {
    std::size_t open = pos_++;
    while (true) {
      // Fast path: copy runs of plain characters at once.
      std::size_t run = pos_;
      while (run < text_.size() && text_[run] != '"' && text_[run] != '\\' &&
             static_cast<unsigned char>(text_[run]) >= 0x20) {
        ++run;
      }
      out.append(text_.substr(pos_, run - pos_));
      pos_ = run;
      if (pos_ >= text_.size()) {
        pos_ = open;
        return fail("unterminated string"), false;
      }
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c != '\\') return fail("control character in string"), false;
      if (++pos_ >= text_.size()) return fail("unterminated escape"), false;
      char e = text_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && text_.substr(pos_, 2) == "\\u") {
            const std::size_t second = pos_;
            pos_ += 2;
            std::uint32_t low = 0;
            if (!hex4(low)) return false;
            if (low >= 0xDC00 && low < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = second;  // no pair: the second escape is read on its own
            }
          }
          append_utf8(out, cp);  // a lone surrogate becomes U+FFFD
          break;
        }
        default:
          --pos_;
          return fail(str_cat("invalid escape '\\", e, "' in string")), false;
      }
    }
  }

  NodeId object(unsigned depth) {
    Node n;
    n.kind = Kind::Map;
    std::size_t begin = pos_++;
    skip_ws();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      n.span = span(begin, pos_);
      return add_leaf(n);
    }
    const std::size_t start = items_.size();
    while (true) {
      skip_ws();
      if (pos_ >= text_.size() || text_[pos_] != '"') {
        fail(str_cat("unexpected ", describe_here(), ": expected a string key"));
        return tree::kNoNode;
      }
      Node key;
      key.kind = Kind::Scalar;
      key.quoted = true;
      std::size_t key_begin = pos_;
      std::string_view key_text;
      if (!string(key_text)) return tree::kNoNode;
      key.set_text(key_text);
      key.span = span(key_begin, pos_);
      skip_ws();
      if (pos_ >= text_.size() || text_[pos_] != ':') {
        fail(str_cat("unexpected ", describe_here(), ": expected ':' after key"));
        return tree::kNoNode;
      }
      ++pos_;
      const NodeId key_id = add_leaf(key);
      if (failed_) return tree::kNoNode;
      NodeId child = value(depth + 1);
      if (failed_) return tree::kNoNode;
      keys_.push_back(key_id);
      items_.push_back(child);
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        break;
      }
      fail(str_cat("unexpected ", describe_here(), ": expected ',' or '}'"));
      return tree::kNoNode;
    }
    n.span = span(begin, pos_);
    return add_collection(n, start);
  }

  NodeId array(unsigned depth) {
    Node n;
    n.kind = Kind::Seq;
    std::size_t begin = pos_++;
    skip_ws();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      n.span = span(begin, pos_);
      return add_leaf(n);
    }
    const std::size_t start = items_.size();
    while (true) {
      NodeId child = value(depth + 1);
      if (failed_) return tree::kNoNode;
      items_.push_back(child);
      keys_.push_back(tree::kNoNode);
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        break;
      }
      fail(str_cat("unexpected ", describe_here(), ": expected ',' or ']'"));
      return tree::kNoNode;
    }
    n.span = span(begin, pos_);
    return add_collection(n, start);
  }

  // Counts a node of `children` against the tree's memory limit: false, and the reader failed,
  // past it (at the node's start).
  bool count_memory(const Node& n, std::size_t children) {
    if (memory_.add(children)) return true;
    pos_ = n.span.begin - base_;
    return fail(memory_.message("JSON")), false;
  }

  NodeId add_leaf(const Node& n) { return count_memory(n, 0) ? tree_.add(n) : tree::kNoNode; }

  // Adds a collection whose children are items_/keys_ from `start`, and drops them there.
  NodeId add_collection(const Node& n, std::size_t start) {
    if (!count_memory(n, items_.size() - start)) return tree::kNoNode;
    const auto items = std::span<const NodeId>(items_).subspan(start);
    const auto keys = n.kind == Kind::Map ? std::span<const NodeId>(keys_).subspan(start)
                                          : std::span<const NodeId>();
    const NodeId id = tree_.add(n, items, keys);
    items_.resize(start);
    keys_.resize(start);
    return id;
  }

  std::string_view text_;
  FileId file_;
  tree::Tree& tree_;
  std::uint32_t base_;
  Limits limits_;
  std::vector<std::uint32_t>* line_starts_;  // see read()
  std::size_t pos_ = 0;
  bool failed_ = false;
  tree::MemoryBudget memory_{limits_.tree_memory, text_.size()};
  // The children of the open collections, innermost last; moved into the tree when one closes.
  std::vector<NodeId> items_, keys_;
  std::string decoded_;  // a string with escape sequences, decoded
  ParseError error_;
};

}  // namespace

Result<tree::NodeId> read(std::string_view text, FileId file, tree::Tree& tree, std::uint32_t base,
                          Limits limits, std::vector<std::uint32_t>* line_starts) {
  return Reader(text, file, tree, base, limits, line_starts).run();
}

}  // namespace rolelint::json
