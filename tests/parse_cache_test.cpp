// The language server's parse cache (parsers/parse_cache.hpp): a YAML template read in pieces is
// the tree of the whole text, a Terraform file in cached pieces is the parts of an uncached
// parse, and an edit re-parses only the pieces it touched.
#include "parsers/parse_cache.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "parsers/cfn/template.hpp"
#include "parsers/terraform/hcl_split.hpp"
#include "parsers/yaml/yaml_reader.hpp"
#include "tests/corpus_dir.hpp"

using namespace rolelint;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> fixtures(std::string_view extension) {
  std::vector<std::string> paths;
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(ROLELINT_SOURCE_DIR) / "tests" / "fixtures")) {
    if (entry.is_regular_file() && entry.path().extension() == extension)
      paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Where two trees differ below `a` and `b`, or empty.
std::string difference(const tree::Tree& ta, tree::NodeId a, const tree::Tree& tb, tree::NodeId b) {
  const tree::Node& x = ta.at(a);
  const tree::Node& y = tb.at(b);
  const std::string at = std::to_string(x.span.begin) + ": ";
  if (x.kind != y.kind || x.quoted != y.quoted || ta.tag(a) != tb.tag(b) || x.text() != y.text())
    return at + "node";
  if (!(x.span == y.span)) {
    return at + "span " + std::to_string(x.span.begin) + "-" + std::to_string(x.span.end) +
           " against " + std::to_string(y.span.begin) + "-" + std::to_string(y.span.end);
  }
  if (ta.items(a).size() != tb.items(b).size() || ta.keys(a).size() != tb.keys(b).size())
    return at + "children";
  for (std::size_t i = 0; i < ta.keys(a).size(); ++i) {
    if (auto d = difference(ta, ta.keys(a)[i], tb, tb.keys(b)[i]); !d.empty()) return d;
  }
  for (std::size_t i = 0; i < ta.items(a).size(); ++i) {
    if (auto d = difference(ta, ta.items(a)[i], tb, tb.items(b)[i]); !d.empty()) return d;
  }
  return {};
}

const std::string kTemplate =
    "# roles\n"
    "AWSTemplateFormatVersion: \"2010-09-09\"\n"
    "Parameters:\n"
    "  Env: { Type: String }\n"
    "Resources:\n"
    "  # the first\n"
    "  First:\n"
    "    Type: AWS::IAM::Role\n"
    "    Properties:\n"
    "      RoleName: !Sub \"first-${Env}\"\n"
    "  Second:\n"
    "    Type: AWS::IAM::Role\n"
    "    Properties:\n"
    "      Description: |\n"
    "        two lines\n"
    "        of text\n"
    "\n"
    "  Third:\n"
    "    Type: AWS::IAM::User\n"
    "Outputs:\n"
    "  Arn: !GetAtt First.Arn\n";

}  // namespace

namespace {

// A YAML text read whole and read in pieces: what reading in pieces gives, and where its tree
// differs from the whole one ("" when it does not). Not read in pieces: nullopt.
struct PieceComparison {
  bool whole_ok = false;
  std::string difference;
  std::size_t whole_duplicates = 0, piece_duplicates = 0;
};

std::optional<PieceComparison> compare_pieces(const std::string& text) {
  tree::Tree whole;
  auto root = yaml::read(text, 3, whole);
  cfn::YamlPieceCache cache;
  tree::Tree pieces;
  const auto piece_root = cfn::read_yaml_pieces(text, 3, pieces, cache);
  if (!piece_root) return std::nullopt;
  PieceComparison c;
  c.whole_ok = root.ok();
  if (c.whole_ok) c.difference = difference(whole, root.value(), pieces, *piece_root);
  c.whole_duplicates = whole.duplicates().size();
  c.piece_duplicates = pieces.duplicates().size();
  return c;
}

}  // namespace

TEST_CASE("parse cache: a YAML template read in pieces is the tree of the whole text",
          "[lsp][cache][yaml]") {
  std::size_t in_pieces = 0, all = 0;
  for (const std::string& path : fixtures(".yaml")) {
    ++all;
    const auto c = compare_pieces(read(path));
    if (!c) continue;
    ++in_pieces;
    INFO(path);
    REQUIRE(c->whole_ok);
    CHECK(c->difference == "");
    CHECK(c->whole_duplicates == c->piece_duplicates);
  }
  // Nearly every fixture is a plain template: the comparison is not vacuous.
  CHECK(in_pieces * 10 > all * 8);
}

// The corpus holds what the fixtures did not: tagged collections in templates that need the
// reader's retry with tags moved aside, a single pair in a flow sequence, an empty value at the
// end of a resource.
TEST_CASE("parse cache: every corpus YAML template read in pieces is the tree of the whole text",
          "[lsp][cache][yaml][corpus]") {
  const fs::path corpus = testing::corpus_dir_or_skip();
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    const std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".template")) {
      paths.push_back(entry.path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::size_t in_pieces = 0;
  for (const std::string& path : paths) {
    const auto c = compare_pieces(read(path));
    if (!c || !c->whole_ok) continue;
    ++in_pieces;
    INFO(path);
    CHECK(c->difference == "");
  }
  CHECK(in_pieces > 400);
}

TEST_CASE("parse cache: an edit re-parses the YAML piece it touched", "[lsp][cache][yaml]") {
  cfn::YamlPieceCache cache;
  tree::Tree first;
  REQUIRE(cfn::read_yaml_pieces(kTemplate, 0, first, cache));
  // Before the first key (with the comment), Parameters, the Resources line, three resources,
  // Outputs.
  CHECK(cache.parsed() == 7);
  cache.sweep();
  std::string edited = kTemplate;
  edited.replace(edited.find("two lines"), 3, "three");  // longer: the pieces after it move
  tree::Tree whole, pieces;
  auto root = yaml::read(edited, 0, whole);
  const auto piece_root = cfn::read_yaml_pieces(edited, 0, pieces, cache);
  REQUIRE(root.ok());
  REQUIRE(piece_root);
  CHECK(cache.parsed() == 8);
  CHECK(difference(whole, root.value(), pieces, *piece_root) == "");
  // The old Second is not read any more: swept.
  cache.sweep();
  CHECK(cache.size() == 7);
  CHECK(pieces.at(pieces.get(pieces.get(pieces.get(*piece_root, "Resources"), "Third"), "Type"))
            .span.begin == edited.find("AWS::IAM::User"));
}

TEST_CASE("parse cache: keys given twice in two YAML pieces are duplicates as in the whole text",
          "[lsp][cache][yaml]") {
  const std::string text = "Resources:\n  A:\n    Type: X\n  A:\n    Type: Y\nResources: 2\n";
  cfn::YamlPieceCache cache;
  tree::Tree whole, pieces;
  auto root = yaml::read(text, 0, whole);
  const auto piece_root = cfn::read_yaml_pieces(text, 0, pieces, cache);
  REQUIRE(root.ok());
  REQUIRE(piece_root);
  CHECK(difference(whole, root.value(), pieces, *piece_root) == "");
  REQUIRE(pieces.duplicates().size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(pieces.at(pieces.duplicates()[i].first).span ==
          whole.at(whole.duplicates()[i].first).span);
    CHECK(pieces.at(pieces.duplicates()[i].later).span ==
          whole.at(whole.duplicates()[i].later).span);
  }
}

TEST_CASE("parse cache: a YAML text that is not a plain template is read whole",
          "[lsp][cache][yaml]") {
  const std::vector<std::string> texts = {
      "a: &x 1\nb: *x\n",                        // an anchor
      "a: 1\n---\nb: 2\n",                       // two documents
      "{\"Resources\": {}}\n",                   // JSON
      "a: 1\nb: [1,\n2]\n",                      // a flow sequence over a line at the left margin
      "Resources:\n  A:\n    B: 1\n    B: 2\n",  // a duplicate key in a piece
      "Resources:\n  A:\n    B: [\n  C: 1\n",    // a piece that does not parse
      "\xEF\xBB\xBF"
      "a: 1\n",          // a byte order mark
      "  a: 1\nb: 2\n",  // indented text before the first key
  };
  for (const std::string& text : texts) {
    INFO(text);
    cfn::YamlPieceCache cache;
    tree::Tree t;
    CHECK_FALSE(cfn::read_yaml_pieces(text, 0, t, cache));
    CHECK(t.size() == 0);
  }
}

TEST_CASE("parse cache: a Terraform file in cached pieces is the parts of an uncached parse",
          "[lsp][cache][terraform]") {
  std::size_t pieces = 0;
  for (const std::string& path : fixtures(".tf")) {
    const std::string text = read(path);
    tf::HclPieceCache cache;
    auto cached = tf::parse_parts(text, 5, {.piece_bytes = 1, .cache = &cache});
    auto uncached = tf::parse_parts(text, 5, {.piece_bytes = 1});
    INFO(path);
    REQUIRE(cached.ok() == uncached.ok());
    if (!cached.ok()) {
      CHECK(cached.error().offset == uncached.error().offset);
      continue;
    }
    CHECK(cached.value() == uncached.value());
    pieces += cache.size();
  }
  CHECK(pieces > 100);
}

TEST_CASE("parse cache: an edit re-parses the Terraform piece it touched",
          "[lsp][cache][terraform]") {
  const std::string text =
      "variable \"prefix\" {\n  default = \"x\"\n}\n\n"
      "resource \"aws_iam_role\" \"a\" {\n  name = \"${var.prefix}-a\"\n}\n\n"
      "resource \"aws_iam_role\" \"b\" {\n  name = <<EOF\nb\nEOF\n}\n";
  tf::HclPieceCache cache;
  REQUIRE(tf::parse_parts(text, 0, {.cache = &cache}).ok());
  const std::size_t first = cache.parsed();
  // Five pieces (each block, and each blank line between two), the two blank lines the same.
  REQUIRE(tf::top_level_cuts(text, 1).size() == 5);
  CHECK(first == 4);
  std::string edited = text;
  edited.replace(edited.find("\"x\""), 3, "\"longer\"");
  auto cached = tf::parse_parts(edited, 1, {.cache = &cache});
  auto uncached = tf::parse_parts(edited, 1, {.piece_bytes = 1});
  REQUIRE(cached.ok());
  REQUIRE(uncached.ok());
  CHECK(cache.parsed() == first + 1);
  CHECK(cached.value() == uncached.value());
  // Views of the source point into the new text, at the moved places.
  const tf::File& last = cached.value().back();
  REQUIRE(last.top().blocks.size() == 1);
  CHECK(last.top().blocks[0].type.data() == edited.data() + edited.rfind("resource"));
  CHECK(last.body(last.top().blocks[0]).attributes[0].name.data() ==
        edited.data() + edited.rfind("name"));
}
