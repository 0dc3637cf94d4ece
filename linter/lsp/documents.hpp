#pragma once
// The text of the documents the client has open, and the edits it sends (full or incremental).
#include <cstdint>
#include <optional>
#include <string>

#include "linter/lsp/positions.hpp"

namespace rolelint::lsp {

struct Document {
  std::string uri;   // as the client spells it: every message about it uses this spelling
  std::string path;  // the file system path it stands for
  std::int64_t version = 0;
  std::string text;
};

// One `TextDocumentContentChangeEvent`: a range and its new text, or (no range) the whole text.
struct TextChange {
  std::optional<LspRange> range;
  std::string text;
};

// Applies one change to a text, with positions in the negotiated encoding. Positions past the
// end of a line or of the text are clamped (the protocol's rule); a range whose end comes
// before its start is taken from its end to its start.
void apply_change(std::string& text, const TextChange& change, Encoding encoding);

}  // namespace rolelint::lsp
