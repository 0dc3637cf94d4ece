// Large HCL files are parsed a piece at a time (parsers/terraform/hcl_split.hpp): cuts fall only
// between top-level items, and the pieces parse to exactly what the whole file parses to.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "parsers/terraform/hcl.hpp"
#include "parsers/terraform/hcl_split.hpp"

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
void check_pieces_match_whole(const std::string& text, const std::string& name, bool fallback = false) {
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

TEST_CASE("cuts fall at the start of every top-level item, and nowhere inside one", "[terraform][hcl]") {
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
  for (const std::string bad : {"a = \"x\nb = 2\nc = 3\n", "a = <<EOT\nx\nb = 2\n", "/* a = 1\nb = 2\nc = 3\n",
                                "a = {\nb = 2\nc = 3\n", "a = 1 }\nb = 2\nc = 3\n", "a = \"${x\"\nb = 2\n"}) {
    INFO(bad);
    CHECK(tf::top_level_cuts(bad, 1).empty());
  }
}

TEST_CASE("a syntax error found in pieces is the error the whole file reports", "[terraform][hcl][errors]") {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "resource \"aws_iam_role\" \"r" + std::to_string(i) + "\" {\n  name = \"n\"\n}\n";
  check_pieces_match_whole(text, "clean");
  check_pieces_match_whole(text + "locals {\n  b = = 2\n}\n", "bad token");
  check_pieces_match_whole(text + "locals {\n  b = 2\n", "unclosed block");
  check_pieces_match_whole("locals {\n  x = 1\n}\n" + text + "a = 1 +\n2\n", "expression over two lines", true);
}

TEST_CASE("every Terraform fixture and corpus file parses in pieces as it does whole", "[terraform][hcl][corpus]") {
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
