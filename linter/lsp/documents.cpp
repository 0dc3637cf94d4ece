#include "linter/lsp/documents.hpp"

#include <utility>

namespace rolelint::lsp {

void apply_change(std::string& text, const TextChange& change, Encoding encoding) {
  if (!change.range) {
    text = change.text;
    return;
  }
  const LineTable lines(text);
  std::uint32_t begin = lines.offset(text, change.range->start, encoding);
  std::uint32_t end = lines.offset(text, change.range->end, encoding);
  if (end < begin) std::swap(begin, end);
  text.replace(begin, end - begin, change.text);
}

}  // namespace rolelint::lsp
