#include "parsers/terraform/hcl_split.hpp"

#include <limits>

namespace rolelint::tf {
namespace {

bool ident_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9') || c == '-'; }

// What the scanner is inside of. Expression contexts (the file itself, an interpolation) count
// their open brackets; a quoted string ends at its quote.
struct Frame {
  bool string = false;
  std::uint32_t open = 0;  // open brackets, braces and parentheses (expression contexts)
};

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  // Calls `at_line_start(offset)` for each line start outside everything; false when the text
  // cannot be cut safely.
  template <class F>
  bool scan(F&& at_line_start) {
    std::vector<Frame> stack{Frame{}};
    std::size_t i = 0;
    while (i < t_.size()) {
      const char c = t_[i];
      Frame& top = stack.back();
      if (top.string) {
        if (c == '\\') {
          i += 2;
        } else if (c == '"') {
          stack.pop_back();
          ++i;
        } else if ((c == '$' || c == '%') && next(i) == c) {
          i += 2;  // "$${" and "%%{" are literal text
        } else if ((c == '$' || c == '%') && next(i) == '{') {
          stack.push_back(Frame{});
          i += 2;
        } else if (c == '\n') {
          return false;  // a quoted string does not span lines
        } else {
          ++i;
        }
        continue;
      }
      if (c == '#' || (c == '/' && next(i) == '/')) {
        i = t_.find('\n', i);
        if (i == std::string_view::npos) i = t_.size();
      } else if (c == '/' && next(i) == '*') {
        const std::size_t end = t_.find("*/", i + 2);
        if (end == std::string_view::npos) return false;
        i = end + 2;
      } else if (c == '"') {
        stack.push_back(Frame{true, 0});
        ++i;
      } else if (c == '<' && next(i) == '<') {
        const std::size_t end = heredoc_end(i);
        if (end == 0) return false;
        i = end;
      } else if (c == '{' || c == '[' || c == '(') {
        ++top.open;
        ++i;
      } else if (c == '}' || c == ']' || c == ')') {
        if (top.open == 0) {
          if (c != '}' || stack.size() == 1) return false;
          stack.pop_back();  // the end of an interpolation
        } else {
          --top.open;
        }
        ++i;
      } else if (c == '\n') {
        ++i;
        if (stack.size() == 1 && top.open == 0 && i < t_.size()) at_line_start(i);
      } else {
        ++i;
      }
    }
    return stack.size() == 1 && stack.back().open == 0;
  }

 private:
  char next(std::size_t i) const { return i + 1 < t_.size() ? t_[i + 1] : '\0'; }

  // A heredoc opening `<<ID` or `<<-ID` at `i`: the offset of the newline that ends its closing
  // line (the identifier alone on a line, around spaces). 0 when `i` does not open a heredoc
  // this scanner understands, or it is not closed.
  std::size_t heredoc_end(std::size_t i) const {
    std::size_t k = i + 2;
    if (k < t_.size() && t_[k] == '-') ++k;
    const std::size_t id_start = k;
    if (k >= t_.size() || !ident_start(t_[k])) return 0;
    while (k < t_.size() && ident_char(t_[k])) ++k;
    const std::string_view id = t_.substr(id_start, k - id_start);
    while (k < t_.size() && (t_[k] == ' ' || t_[k] == '\t' || t_[k] == '\r')) ++k;
    if (k >= t_.size() || t_[k] != '\n') return 0;
    std::size_t line = k + 1;
    while (line < t_.size()) {
      std::size_t end = t_.find('\n', line);
      if (end == std::string_view::npos) end = t_.size();
      std::string_view content = t_.substr(line, end - line);
      const std::size_t first = content.find_first_not_of(" \t");
      const std::size_t last = content.find_last_not_of(" \t\r");
      if (first != std::string_view::npos && content.substr(first, last + 1 - first) == id) return end;
      line = end + 1;
    }
    return 0;
  }

  std::string_view t_;
};

}  // namespace

std::vector<std::uint32_t> top_level_cuts(std::string_view text, std::size_t min_piece) {
  if (text.size() <= min_piece || text.size() >= std::numeric_limits<std::uint32_t>::max()) return {};
  std::vector<std::uint32_t> cuts{0};
  const bool safe = Scanner(text).scan([&](std::size_t at) {
    if (at - cuts.back() >= min_piece) cuts.push_back(static_cast<std::uint32_t>(at));
  });
  if (!safe || cuts.size() < 2) return {};
  return cuts;
}

}  // namespace rolelint::tf
