#pragma once
// A lexical scan of HCL that runs before tree-sitter, for two things.
//
// Where a file may be cut into pieces that parse on their own: tree-sitter needs about 110
// bytes of memory per byte of HCL while its tree is alive, so a large file is parsed a piece at
// a time (parsers/terraform/hcl.cpp), and the peak is set by the largest piece, not the file.
// A cut is only ever made at the start of a line outside every block, bracket, string, heredoc,
// interpolation and comment: between top-level blocks and attributes. The scan is lexical, not
// a parse; the parser checks each piece, and any piece that does not parse cleanly sends the
// whole file through the ordinary one-piece parse.
//
// Whether templates nest deeper than the HCL grammar can follow: its external scanner keeps a
// stack of the quoted strings, heredocs and `${`/`%{` interpolations it is inside, and cannot
// save a stack of more than 127 of them (tree-sitter gives a scanner 1,024 bytes of state).
// Deeper, every parse fails, and tree-sitter's error recovery takes time quadratic in the depth
// (minutes for a few hundred kilobytes), so such a file is refused before it is parsed.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace rolelint::tf {

// Quoted strings, heredocs and interpolations inside each other that tree-sitter-hcl can parse.
inline constexpr std::size_t kMaxTemplateNesting = 127;

struct HclScan {
  // Byte offsets where pieces of at least `min_piece` bytes start (the first is 0), or empty
  // when the text cannot be cut safely (unbalanced brackets, an unterminated string, heredoc or
  // comment) or is not larger than `min_piece`.
  std::vector<std::uint32_t> cuts;
  // Where a string, heredoc or interpolation opens more than `max_nesting` deep; the scan stops
  // there (and `cuts` is empty).
  std::optional<std::uint32_t> too_deep;
};

HclScan scan_hcl(std::string_view text, std::size_t min_piece,
                 std::size_t max_nesting = kMaxTemplateNesting);

// scan_hcl's cuts alone.
std::vector<std::uint32_t> top_level_cuts(std::string_view text, std::size_t min_piece);

}  // namespace rolelint::tf
