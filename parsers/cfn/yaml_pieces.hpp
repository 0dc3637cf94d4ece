#pragma once
// A YAML template read a piece at a time, for the language server: the text is cut before each
// top-level key and, under `Resources:`, before each resource; each piece is parsed on its own
// and kept in a cache keyed by its bytes, so an edit re-parses the pieces it touched and the
// tree of the whole template is put together from the others (positions moved to where each
// piece is now). The tree is the one yaml::read gives for the whole text, but for a few spans:
// in 7 of the 508 corpus templates read in pieces, a node's span starts or ends a few bytes
// apart (a tagged flow collection starts at its tag in the whole parse and at its bracket in the
// piece, likely yaml_reader's retry with tags moved aside, which is decided for the whole text;
// ends at the end of the text); kinds, texts and structure are the same.
//
// Only a plain template is read this way: one document whose top-level keys are plain words at
// the start of their lines, without anchors (an alias may name an anchor in another piece),
// without a byte order mark, where each piece is one mapping without duplicate keys. Anything
// else, a syntax error included, is left to yaml::read_all, which reports it as usual.
#include <optional>
#include <string_view>

#include "linter/base/piece_cache.hpp"
#include "linter/diagnostics/source.hpp"
#include "parsers/tree/tree.hpp"

namespace rolelint::cfn {

// One piece parsed on its own: positions from 0 in the piece; `root` is kNoNode when the piece
// cannot be part of a template read in pieces (it does not parse, or is not one mapping without
// duplicate keys).
struct YamlPiece {
  tree::Tree tree;
  tree::NodeId root = tree::kNoNode;
};
using YamlPieceCache = PieceCache<YamlPiece>;

// The root of the template `text` added to `out` from its pieces, or nullopt when it cannot be
// read in pieces (then nothing is added).
std::optional<tree::NodeId> read_yaml_pieces(std::string_view text, FileId file, tree::Tree& out,
                                             YamlPieceCache& cache);

}  // namespace rolelint::cfn
