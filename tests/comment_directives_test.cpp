// The one reader of `rolelint:` directives in comments, for every comment syntax.
#include "linter/base/comment_directives.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "parsers/comment_markers.hpp"

using namespace rolelint;

TEST_CASE("a suppression's name, list and reason", "[comments]") {
  const auto d = find_directive("  Name: x  # rolelint: ignore[RL201, role-name-too-long] legacy",
                                CommentSyntax::Hash);
  REQUIRE(d);
  CHECK(d->comment == 11);
  CHECK(d->marker == 13);
  CHECK(d->name == "ignore");
  CHECK(d->has_list);
  CHECK(d->list == "RL201, role-name-too-long");
  CHECK(d->rest == "legacy");
  std::vector<std::string> items;
  for_each_list_item(d->list, [&](std::string_view item) { items.emplace_back(item); });
  CHECK(items == std::vector<std::string>{"RL201", "role-name-too-long"});
}

TEST_CASE("a marker has a name and no list", "[comments]") {
  const auto d =
      find_directive("# rolelint: console-role used from the console", CommentSyntax::Hash);
  REQUIRE(d);
  CHECK(d->name == "console-role");
  CHECK_FALSE(d->has_list);
  CHECK(d->rest == "used from the console");
  // `ignore [..]` with a space, or an unclosed list, has no list.
  CHECK_FALSE(find_directive("# rolelint: ignore [RL201] x", CommentSyntax::Hash)->has_list);
  CHECK_FALSE(find_directive("# rolelint: ignore[RL201 x", CommentSyntax::Hash)->has_list);
}

TEST_CASE("YAML comments start at `#` after white space or at the line's start", "[comments]") {
  CHECK(find_directive("#rolelint: console-role", CommentSyntax::Hash));
  CHECK_FALSE(find_directive("a#rolelint: console-role", CommentSyntax::Hash));
  CHECK_FALSE(find_directive("a // rolelint: console-role", CommentSyntax::Hash));
  CHECK_FALSE(find_directive("rolelint: console-role", CommentSyntax::Hash));
  CHECK(is_comment_line("   # text", CommentSyntax::Hash));
  CHECK_FALSE(is_comment_line("// text", CommentSyntax::Hash));
}

TEST_CASE("HCL comments: #, //, /* */ and a block comment's * lines", "[comments]") {
  for (const char* line : {"x = 1 # rolelint: console-role", "x = 1 // rolelint: console-role",
                           "/* rolelint: console-role */", " * rolelint: console-role"}) {
    INFO(line);
    const auto d = find_directive(line, CommentSyntax::HashAndC);
    REQUIRE(d);
    CHECK(d->name == "console-role");
    CHECK(d->rest.empty());
  }
  CHECK(find_directive(" * rolelint: console-role", CommentSyntax::HashAndC)->comment == 1);
  CHECK_FALSE(find_directive("name = \"rolelint: console-role\"", CommentSyntax::HashAndC));
  CHECK(find_directive("/* rolelint: ignore[RL301] block */", CommentSyntax::HashAndC)->rest ==
        "block");
  for (const char* line : {"# a", "// a", "/* a", " * a", "a */"}) {
    CHECK(is_comment_line(line, CommentSyntax::HashAndC));
  }
  CHECK_FALSE(is_comment_line("x = 1", CommentSyntax::HashAndC));
}

TEST_CASE("JSON has no comments", "[comments]") {
  CHECK_FALSE(find_directive("\"# rolelint: console-role\"", CommentSyntax::None));
  CHECK_FALSE(is_comment_line("# a", CommentSyntax::None));
}

TEST_CASE("the definition's line, then the comment lines directly above it", "[comments]") {
  const std::string text = "a: 1\n\n# one\n# two\nRole:  # three\n  x: 1\n";
  std::vector<std::pair<std::string, std::size_t>> seen;
  const std::size_t at = text.find("Role");
  visit_line_and_comments_above(text, at, CommentSyntax::Hash,
                                [&](std::string_view line, std::size_t offset) {
                                  seen.emplace_back(std::string(line), offset);
                                  return false;
                                });
  using Seen = std::vector<std::pair<std::string, std::size_t>>;
  CHECK(seen ==
        Seen{{"Role:  # three", at}, {"# two", text.find("# two")}, {"# one", text.find("# one")}});
  // Stops where visit says so.
  seen.clear();
  visit_line_and_comments_above(text, at, CommentSyntax::Hash,
                                [&](std::string_view line, std::size_t offset) {
                                  seen.emplace_back(std::string(line), offset);
                                  return true;
                                });
  CHECK(seen.size() == 1);
  // The first line of the text, and an offset at its very start.
  seen.clear();
  visit_line_and_comments_above(text, 0, CommentSyntax::Hash,
                                [&](std::string_view line, std::size_t offset) {
                                  seen.emplace_back(std::string(line), offset);
                                  return false;
                                });
  CHECK(seen == Seen{{"a: 1", 0}});
}

TEST_CASE("markers are read by the same reader, every one on and above the definition",
          "[comments]") {
  const std::string text =
      "/*\n"
      " * rolelint: console-role\n"
      " */\n"
      "// rolelint: ignore[RL301] a suppression, not a marker\n"
      "resource \"aws_iam_role\" \"a\" { # rolelint: other-marker  \n"
      "}\n";
  std::vector<model::Marker> markers;
  add_comment_markers(text, 0, text.find("resource"), CommentSyntax::HashAndC, markers);
  REQUIRE(markers.size() == 2);
  CHECK(markers[0].name == "other-marker");
  CHECK(text.substr(markers[0].span.begin, markers[0].span.end - markers[0].span.begin) ==
        "# rolelint: other-marker");
  CHECK(markers[1].name == "console-role");
  CHECK(text.substr(markers[1].span.begin, markers[1].span.end - markers[1].span.begin) ==
        "* rolelint: console-role");
}
