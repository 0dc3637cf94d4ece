#include "parsers/terraform/hcl_split.hpp"

#include <limits>
#include <string_view>

namespace rolelint::tf {
namespace {

bool ident_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9') || c == '-'; }

// The characters each context acts on; the scanner steps over any other run of characters at
// once (most of a file is names, values and spaces: the language server scans it on every edit).
struct Specials {
  explicit constexpr Specials(std::string_view chars) {
    for (const char c : chars) is[static_cast<unsigned char>(c)] = true;
  }
  bool is[256] = {};
};
constexpr Specials kExpressionSpecials("#/\"<{[(}])\n");
constexpr Specials kQuotedSpecials("$%\\\"\n");
constexpr Specials kHeredocSpecials("$%\n");

// What the scanner is inside of: an expression context (the file itself, or a `${`/`%{`
// interpolation, which ends at its `}`), a quoted string, or a heredoc's body.
enum class Context : std::uint8_t { File, Interpolation, Quoted, Heredoc };

struct Frame {
  Context context = Context::File;
  std::uint32_t open = 0;    // File, Interpolation: open brackets, braces and parentheses
  std::string_view closing;  // Heredoc: the identifier that ends it
};

class Scanner {
 public:
  Scanner(std::string_view text, std::size_t max_nesting) : t_(text), max_nesting_(max_nesting) {}

  // Calls `at_line_start(offset)` for each line start outside everything. Text that cannot be
  // cut safely is still scanned to its end (guessing where an unterminated construct ends), so
  // that nesting after a syntax error is found too.
  template <class F>
  void scan(F&& at_line_start) {
    stack_.assign(1, Frame{});
    while (i_ < t_.size() && !too_deep_) {
      switch (stack_.back().context) {
        case Context::Quoted:
          quoted();
          break;
        case Context::Heredoc:
          heredoc();
          break;
        default:
          expression(at_line_start);
          break;
      }
    }
    if (stack_.size() != 1 || stack_.back().open != 0) safe_ = false;
  }

  bool safe() const { return safe_ && !too_deep_; }
  std::optional<std::uint32_t> too_deep() const { return too_deep_; }

 private:
  char next() const { return i_ + 1 < t_.size() ? t_[i_ + 1] : '\0'; }

  // Steps over the character at i_, which `specials` does not act on, and the run of such
  // characters after it.
  void skip_plain(const Specials& specials) {
    ++i_;
    while (i_ < t_.size() && !specials.is[static_cast<unsigned char>(t_[i_])]) ++i_;
  }

  void push(Frame frame) {
    if (stack_.size() > max_nesting_) {  // the file's own frame is not a template
      too_deep_ = static_cast<std::uint32_t>(i_);
      return;
    }
    stack_.push_back(frame);
  }

  template <class F>
  void expression(F&& at_line_start) {
    Frame& top = stack_.back();
    const char c = t_[i_];
    if (c == '#' || (c == '/' && next() == '/')) {
      i_ = t_.find('\n', i_);
      if (i_ == std::string_view::npos) i_ = t_.size();
    } else if (c == '/' && next() == '*') {
      const std::size_t end = t_.find("*/", i_ + 2);
      if (end == std::string_view::npos) safe_ = false;
      i_ = end == std::string_view::npos ? t_.size() : end + 2;
    } else if (c == '"') {
      push(Frame{Context::Quoted, 0, {}});
      ++i_;
    } else if (c == '<' && next() == '<') {
      heredoc_start();
    } else if (c == '{' || c == '[' || c == '(') {
      ++top.open;
      ++i_;
    } else if (c == '}' || c == ']' || c == ')') {
      if (top.open > 0) {
        --top.open;
      } else if (c == '}' && top.context == Context::Interpolation) {
        stack_.pop_back();
      } else {
        safe_ = false;  // a closer with nothing open
      }
      ++i_;
    } else if (c == '\n') {
      ++i_;
      if (stack_.size() == 1 && top.open == 0 && i_ < t_.size()) at_line_start(i_);
    } else {
      skip_plain(kExpressionSpecials);
    }
  }

  // Template text, in a quoted string or a heredoc: `$${` and `%%{` are literal, `${` and `%{`
  // open an interpolation. True when it consumed the character at i_.
  bool template_char() {
    const char c = t_[i_];
    if ((c == '$' || c == '%') && next() == c) {
      i_ += 2;
      return true;
    }
    if ((c == '$' || c == '%') && next() == '{') {
      push(Frame{Context::Interpolation, 0, {}});
      i_ += 2;
      return true;
    }
    return false;
  }

  void quoted() {
    const char c = t_[i_];
    if (template_char()) return;
    if (c == '\\') {
      i_ += 2;
    } else if (c == '"') {
      stack_.pop_back();
      ++i_;
    } else if (c == '\n') {
      safe_ = false;  // a quoted string does not span lines: take it as ended here
      stack_.pop_back();
    } else {
      skip_plain(kQuotedSpecials);
    }
  }

  // `<<ID` or `<<-ID` and the end of its line open a heredoc; anything else after `<<` cannot
  // be cut safely (and is left to the parser).
  void heredoc_start() {
    std::size_t k = i_ + 2;
    if (k < t_.size() && t_[k] == '-') ++k;
    const std::size_t id_start = k;
    if (k >= t_.size() || !ident_start(t_[k])) {
      safe_ = false;
      i_ += 2;
      return;
    }
    while (k < t_.size() && ident_char(t_[k])) ++k;
    const std::string_view id = t_.substr(id_start, k - id_start);
    while (k < t_.size() && (t_[k] == ' ' || t_[k] == '\t' || t_[k] == '\r')) ++k;
    if (k >= t_.size() || t_[k] != '\n') {
      safe_ = false;
      i_ = k;
      return;
    }
    push(Frame{Context::Heredoc, 0, id});
    i_ = k + 1;
  }

  // A heredoc's body: at each line start, a line that is the identifier alone (around spaces)
  // ends it, leaving its newline to the expression around.
  void heredoc() {
    if (t_[i_ - 1] == '\n') {
      std::size_t end = t_.find('\n', i_);
      if (end == std::string_view::npos) end = t_.size();
      const std::string_view line = t_.substr(i_, end - i_);
      const std::size_t first = line.find_first_not_of(" \t");
      const std::size_t last = line.find_last_not_of(" \t\r");
      if (first != std::string_view::npos &&
          line.substr(first, last + 1 - first) == stack_.back().closing) {
        stack_.pop_back();
        i_ = end;
        return;
      }
    }
    if (template_char()) return;
    if (t_[i_] == '\n') {
      ++i_;  // the next call looks at the line it starts
    } else {
      skip_plain(kHeredocSpecials);  // stops at the line's end
    }
  }

  std::string_view t_;
  std::size_t max_nesting_;
  std::vector<Frame> stack_;
  std::size_t i_ = 0;
  bool safe_ = true;
  std::optional<std::uint32_t> too_deep_;
};

}  // namespace

HclScan scan_hcl(std::string_view text, std::size_t min_piece, std::size_t max_nesting) {
  HclScan out;
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) return out;
  const bool cut = text.size() > min_piece;
  std::vector<std::uint32_t> cuts{0};
  Scanner scanner(text, max_nesting);
  scanner.scan([&](std::size_t at) {
    if (cut && at - cuts.back() >= min_piece) cuts.push_back(static_cast<std::uint32_t>(at));
  });
  out.too_deep = scanner.too_deep();
  if (cut && scanner.safe() && cuts.size() >= 2) out.cuts = std::move(cuts);
  return out;
}

std::vector<std::uint32_t> top_level_cuts(std::string_view text, std::size_t min_piece) {
  return scan_hcl(text, min_piece).cuts;
}

}  // namespace rolelint::tf
