#pragma once
// Where an HCL file may be cut into pieces that parse on their own: tree-sitter needs about 110
// bytes of memory per byte of HCL while its tree is alive, so a large file is parsed a piece at
// a time (parsers/terraform/hcl.cpp), and the peak is set by the largest piece, not the file.
//
// A cut is only ever made at the start of a line outside every block, bracket, string, heredoc,
// interpolation and comment: between top-level blocks and attributes. The scan is lexical, not
// a parse; the parser checks each piece, and any piece that does not parse cleanly sends the
// whole file through the ordinary one-piece parse.
#include <cstdint>
#include <string_view>
#include <vector>

namespace rolelint::tf {

// Byte offsets where pieces of at least `min_piece` bytes start (the first is 0), or an empty
// list when the text cannot be cut safely (unbalanced brackets, an unterminated string, heredoc
// or comment) or is not larger than `min_piece`.
std::vector<std::uint32_t> top_level_cuts(std::string_view text, std::size_t min_piece);

}  // namespace rolelint::tf
