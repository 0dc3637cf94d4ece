// Large HCL files are parsed a piece at a time (parsers/terraform/hcl_split.hpp): cuts fall only
// between top-level items, and the pieces parse to exactly what the whole file parses to.
#include "parsers/terraform/hcl_split.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "parsers/terraform/hcl.hpp"

using namespace rolelint;
namespace fs = std::filesystem;

namespace {

using Cuts = std::vector<std::uint32_t>;

// Offsets of the lines of `text` that start with `marker`.
Cuts lines_starting_with(const std::string& text, const std::string& marker) {
  Cuts out;
  for (std::size_t at = 0; at < text.size(); at = text.find('\n', at) + 1) {
    if (text.compare(at, marker.size(), marker) == 0) out.push_back(static_cast<std::uint32_t>(at));
    if (text.find('\n', at) == std::string::npos) break;
  }
  return out;
}

constexpr std::size_t kWhole = std::numeric_limits<std::size_t>::max();

// Parses `text` whole and in the smallest pieces: both agree, and both succeed or fail alike.
// Unless `fallback` (a cut the scanner cannot rule out, such as a line that continues an
// expression), a file that parses and has cuts parses in pieces, not by falling back to the whole.
void check_pieces_match_whole(const std::string& text, const std::string& name,
                              bool fallback = false) {
  INFO(name);
  auto whole = tf::parse(text, 0, {.piece_bytes = kWhole});
  auto pieces = tf::parse(text, 0, {.piece_bytes = 1});
  REQUIRE(whole.ok() == pieces.ok());
  if (whole.ok()) {
    CHECK(whole.value() == pieces.value());
    if (!tf::top_level_cuts(text, 1).empty()) {
      CHECK(tf::parse(text, 0, {.piece_bytes = 1, .pieces_only = true}).ok() != fallback);
    }
  } else {
    CHECK(whole.error().offset == pieces.error().offset);
    CHECK(whole.error().message == pieces.error().message);
  }
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("cuts fall at the start of every top-level item, and nowhere inside one",
          "[terraform][hcl]") {
  const std::string text =
      "# top {\n"
      "variable \"x\" {\n"
      "  default = \"}\\\" {\"  # not a brace\n"
      "}\n"
      "locals {\n"
      "  a = \"${ {b = \"}\"}.b } $${ %%{\"\n"
      "  /* } */ c = [\n"
      "    1,\n"
      "  ]\n"
      "  d = <<-EOT\n"
      "    }\n"
      "    ${var.x} {\n"
      "    EOT\n"
      "  // }\n"
      "}\n"
      "\n"
      "resource \"a\" \"b\" {}\n"
      "x = 1\n";
  Cuts expected = lines_starting_with(text, "variable");
  for (const char* top : {"locals", "\n", "resource", "x = "}) {
    const Cuts more = lines_starting_with(text, top);
    expected.insert(expected.end(), more.begin(), more.end());
  }
  std::sort(expected.begin(), expected.end());
  expected.insert(expected.begin(), 0);
  CHECK(tf::top_level_cuts(text, 1) == expected);
  // Pieces of at least 40 bytes: the first cut at or past byte 40, then the next 40 on.
  const Cuts coarse = tf::top_level_cuts(text, 40);
  REQUIRE(coarse.size() >= 2);
  for (std::size_t i = 1; i < coarse.size(); ++i) CHECK(coarse[i] - coarse[i - 1] >= 40);
  check_pieces_match_whole(text, "mixed");
}

TEST_CASE("text that cannot be cut safely is not cut", "[terraform][hcl]") {
  CHECK(tf::top_level_cuts("a = 1\nb = 2\n", 100).empty());  // small enough to parse whole
  for (const std::string bad :
       {"a = \"x\nb = 2\nc = 3\n", "a = <<EOT\nx\nb = 2\n", "/* a = 1\nb = 2\nc = 3\n",
        "a = {\nb = 2\nc = 3\n", "a = 1 }\nb = 2\nc = 3\n", "a = \"${x\"\nb = 2\n"}) {
    INFO(bad);
    CHECK(tf::top_level_cuts(bad, 1).empty());
  }
}

TEST_CASE("a heredoc ends at its identifier in its own text, not inside an interpolation",
          "[terraform][hcl]") {
  // The second EOT line is an expression inside `${...}` (as tree-sitter-hcl reads it), so the
  // heredoc goes on; a cut before `b = 2` would break it.
  const std::string text =
      "a = <<EOT\n"
      "${join(\",\", [\n"
      "EOT\n"
      "])}\n"
      "EOT\n"
      "b = 2\n"
      "c = <<-X\n"
      "  %{ if true }$${x}%%{y}%{ endif }\n"
      "  X\n"
      "d = 4\n";
  CHECK(tf::top_level_cuts(text, 1) == Cuts{0, static_cast<std::uint32_t>(text.find("b = 2")),
                                            static_cast<std::uint32_t>(text.find("c = <<")),
                                            static_cast<std::uint32_t>(text.find("d = 4"))});
  check_pieces_match_whole(text, "heredocs with interpolations");
}

namespace {

// `depth` quoted strings, each inside the previous one's interpolation: 2 * depth - 1 templates
// inside each other.
std::string nested_strings(int depth) {
  std::string text = "locals {\n  a = \"";
  for (int i = 1; i < depth; ++i) text += "${\"";
  text += "x";
  for (int i = 1; i < depth; ++i) text += "\"}";
  return text + "\"\n}\n";
}

}  // namespace

TEST_CASE("templates nested deeper than tree-sitter-hcl can follow are refused before parsing",
          "[terraform][hcl][errors]") {
  // 127 templates parse (the grammar's scanner saves at most 127); 129 do not, and the error
  // names the opening past the limit rather than tree-sitter's syntax error at the file's start.
  REQUIRE(tf::parse(nested_strings(64), 0).ok());
  const std::string deep = nested_strings(65);
  auto r = tf::parse(deep, 0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message ==
        "strings, heredocs and interpolations nested more than 127 deep: the HCL parser cannot "
        "read this");
  std::size_t at = deep.find('"');
  for (int i = 0; i < 64; ++i)
    at = deep.find("${", at + 1);  // the 128th template: the 64th interpolation
  CHECK(r.error().offset == at);
  CHECK(tf::scan_hcl(deep, 1).cuts.empty());

  // Heredocs and directives count as well; a syntax error before the nesting does not hide it.
  std::string heredocs = "x = = 1\nlocals {\n  a = <<EOT\n";
  for (int i = 0; i < 100; ++i) heredocs += "${<<EOT\n";
  auto h = tf::parse(heredocs + "EOT\n}\n", 0);
  REQUIRE_FALSE(h.ok());
  CHECK(h.error().message.find("nested more than 127 deep") != std::string::npos);
  CHECK(tf::scan_hcl("a = \"%{ if \"%{ if true }x%{ endif }\" }y%{ endif }\"\n", 1, 3).too_deep ==
        std::optional<std::uint32_t>(12));
  CHECK_FALSE(
      tf::scan_hcl("a = \"%{ if true }x%{ endif }%{ if true }y%{ endif }\"\n", 1, 2).too_deep);

  // Strings side by side are not nested, however many there are.
  std::string wide = "locals {\n  a = [";
  for (int i = 0; i < 10000; ++i) wide += "\"${\"x\"}\", ";
  CHECK(tf::parse(wide + "]\n}\n", 0).ok());
}

TEST_CASE("a syntax error found in pieces is the error the whole file reports",
          "[terraform][hcl][errors]") {
  std::string text;
  for (int i = 0; i < 50; ++i)
    text += "resource \"aws_iam_role\" \"r" + std::to_string(i) + "\" {\n  name = \"n\"\n}\n";
  check_pieces_match_whole(text, "clean");
  check_pieces_match_whole(text + "locals {\n  b = = 2\n}\n", "bad token");
  check_pieces_match_whole(text + "locals {\n  b = 2\n", "unclosed block");
  check_pieces_match_whole("locals {\n  x = 1\n}\n" + text + "a = 1 +\n2\n",
                           "expression over two lines", true);
}

TEST_CASE("every Terraform fixture and corpus file parses in pieces as it does whole",
          "[terraform][hcl][corpus]") {
  std::vector<fs::path> roots{fs::path(ROLELINT_SOURCE_DIR) / "tests" / "fixtures"};
  const fs::path corpus = fs::path(ROLELINT_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (fs::is_directory(corpus)) roots.push_back(corpus);
  std::size_t files = 0;
  for (const fs::path& root : roots) {
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (!e.is_regular_file() || e.path().extension() != ".tf") continue;
      check_pieces_match_whole(read(e.path()), e.path().string());
      ++files;
    }
  }
  CHECK(files > 20);
}
