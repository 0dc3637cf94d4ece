#include "parsers/yaml/flow_scan.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "linter/base/str_cat.hpp"

namespace rolelint::yaml {
namespace {

// Deeper nesting is an error of the parser's own (its depth guard) before memory matters.
constexpr std::size_t kMaxDepth = 4096;

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Follows YAML's structure just far enough to know where flow collections open and close: it
// tells quoted scalars, comments and block scalars (whose brackets are text) from indicators,
// and a bracket that starts a node from one inside a plain scalar (`a[0]`).
class FlowScan {
 public:
  explicit FlowScan(std::string_view text) : text_(text) {}

  // The collection longer than kMaxKeyFlowBytes where a key may start, if the scan saw one.
  const std::optional<ParseError>& long_key_flow() const { return long_key_flow_; }

  std::optional<ParseError> run() {
    while (pos_ < text_.size()) {
      if (open_.empty() && at_line_start_) {
        line_start();
        continue;
      }
      const char c = text_[pos_];
      if (c == '#' && blank(prev_)) {
        skip_to_line_end();
        continue;
      }
      if (blank(c)) {
        at_line_start_ = c == '\n';
        advance();
        continue;
      }
      at_line_start_ = false;  // a line in flow context may end the collection and go on
      if (node_start_ && (c == '"' || c == '\'')) {
        if (!skip_quoted()) return std::nullopt;  // unterminated: the parser says so
        continue;
      }
      if (node_start_ && (c == '&' || c == '!')) {  // an anchor or a tag: the node follows
        while (pos_ < text_.size() && !blank(text_[pos_])) advance();
        continue;
      }
      if (!(open_.empty() ? block(c) : flow(c))) return std::nullopt;
    }
    if (open_.empty() || text_.size() - outermost_ < kMinUnclosedFlowBytes) return std::nullopt;
    const bool sequence = text_[outermost_] == '[';
    return ParseError{static_cast<std::uint32_t>(outermost_),
                      str_cat("flow ", sequence ? "sequence '['" : "mapping '{'",
                              " is never closed: the input ends inside it")};
  }

 private:
  void advance() { prev_ = text_[pos_++]; }

  std::size_t line_end() const {
    const std::size_t eol = text_.find('\n', pos_);
    return eol == std::string_view::npos ? text_.size() : eol;
  }

  void skip_to_line_end() {
    pos_ = line_end();
    prev_ = ' ';
  }

  // The first byte of a line in block context: its indentation, the lines of a block scalar,
  // a document marker.
  void line_start() {
    at_line_start_ = false;
    const std::size_t begin = pos_, eol = line_end();
    std::size_t first = begin;
    while (first < eol && text_[first] == ' ') ++first;
    const bool empty = first == eol || (text_[first] == '\r' && first + 1 == eol);
    if (block_indent_ != std::string_view::npos && (empty || first - begin > block_indent_)) {
      pos_ = eol;  // a line of the block scalar: text
      prev_ = ' ';
      return;
    }
    block_indent_ = std::string_view::npos;
    indent_ = first - begin;
    pos_ = first;
    prev_ = ' ';
    node_start_ = true;
    key_may_start_ = true;
    if (text_.substr(first, 3) == "---" || text_.substr(first, 3) == "...") {
      if (first + 3 == text_.size() || blank(text_[first + 3])) pos_ = first + 3;
    }
  }

  bool skip_quoted() {
    const std::size_t end = quoted_scalar_end(text_, pos_);
    if (end == std::string_view::npos) return false;
    pos_ = end - 1;
    advance();
    node_start_ = false;
    return true;
  }

  bool indicator_then_blank() const { return pos_ + 1 == text_.size() || blank(text_[pos_ + 1]); }

  bool open(char c) {
    if (open_.size() >= kMaxDepth) return false;
    if (open_.empty()) {
      outermost_ = pos_;
      outermost_may_be_key_ = key_may_start_;
    }
    open_.push_back(c == '[' ? ']' : '}');
    node_start_ = true;
    advance();
    return true;
  }

  bool block(char c) {
    if (!node_start_) {
      if (c == ':' && indicator_then_blank()) {  // a value follows: not a key
        node_start_ = true;
        key_may_start_ = false;
      }
      advance();
      return true;
    }
    if (c == '[' || c == '{') return open(c);
    if ((c == '-' || c == '?' || c == ':') && indicator_then_blank()) {  // an entry, a key, a value
      key_may_start_ = c != ':';
      advance();
      return true;
    }
    if (c == '|' || c == '>') {  // a block scalar: the more indented lines below are text
      block_indent_ = indent_;
      skip_to_line_end();
      return true;
    }
    node_start_ = false;  // a plain scalar: brackets in it are text
    advance();
    return true;
  }

  bool flow(char c) {
    switch (c) {
      case '[':
      case '{':
        return open(c);
      case ']':
      case '}':
        if (open_.back() != c) return false;  // mismatched: the parser says so
        open_.pop_back();
        node_start_ = false;
        if (open_.empty()) closed_outermost();
        break;
      case ',':
      case ':':
      case '?':
        node_start_ = true;
        break;
      default:
        node_start_ = false;
    }
    advance();
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  char prev_ = '\n';
  bool at_line_start_ = true;
  bool node_start_ = true;
  std::size_t indent_ = 0;                             // of the current line (block context)
  std::size_t block_indent_ = std::string_view::npos;  // in a block scalar below this indent
  std::vector<char> open_;                             // the closers expected, innermost last
  std::size_t outermost_ = 0;                          // where the outermost open one opened
  bool key_may_start_ = true;          // in block context, a node starting here may be a key
  bool outermost_may_be_key_ = false;  // the outermost open collection may be a key
  std::optional<ParseError> long_key_flow_;

  // The outermost collection closes at pos_.
  void closed_outermost() {
    if (long_key_flow_ || !outermost_may_be_key_ || pos_ + 1 - outermost_ <= kMaxKeyFlowBytes)
      return;
    long_key_flow_ =
        ParseError{static_cast<std::uint32_t>(outermost_),
                   str_cat("flow ", text_[outermost_] == '[' ? "sequence '['" : "mapping '{'",
                           " spans more than ", kMaxKeyFlowBytes >> 10,
                           " KiB where a mapping key may start (a line or a sequence entry): the "
                           "YAML parser would hold all of it; write it in block style or as a "
                           "mapping's value")};
  }
};

}  // namespace

std::size_t quoted_scalar_end(std::string_view text, std::size_t open) {
  const char quote = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
        continue;
      }
      return i + 1;
    }
  }
  return std::string_view::npos;
}

std::optional<ParseError> unclosed_flow_collection(std::string_view text) {
  if (text.size() < kMinUnclosedFlowBytes) return std::nullopt;
  return FlowScan(text).run();
}

std::optional<ParseError> flow_collection_error(std::string_view text) {
  if (text.size() < std::min(kMinUnclosedFlowBytes, kMaxKeyFlowBytes)) return std::nullopt;
  FlowScan scan(text);
  std::optional<ParseError> unclosed = scan.run();
  if (scan.long_key_flow()) return scan.long_key_flow();
  return unclosed;
}

}  // namespace rolelint::yaml
