// yaml-cpp 0.7 rejects some valid YAML with local tags; the reader works around it without
// moving any offset. These pin the workaround down.
#include <catch2/catch.hpp>
#include <string>

#include "parsers/yaml/yaml_reader.hpp"

using namespace rolelint;

namespace {

const tree::Node& item(const tree::Tree& t, tree::NodeId map, const char* key) {
  tree::NodeId id = t.get(map, key);
  REQUIRE(id != tree::kNoNode);
  return t.at(id);
}

}  // namespace

TEST_CASE("a tagged block scalar as a sequence entry keeps its tag and position", "[yaml]") {
  const std::string text =
      "a:\n"
      "  - !Sub >\n"
      "    sleep 10;\n"
      "    echo ${AWS::Region}\n"
      "  - !Ref Other\n";
  tree::Tree t;
  auto root = yaml::read(text, 0, t);
  REQUIRE(root.ok());
  const tree::NodeId seq = t.get(root.value(), "a");
  REQUIRE(t.at(seq).kind == tree::Kind::Seq);
  REQUIRE(t.items(seq).size() == 2);
  const tree::Node& block = t.at(t.items(seq)[0]);
  CHECK(t.tag(block) == "!Sub");
  CHECK(block.text() == "sleep 10; echo ${AWS::Region}\n");
  CHECK(block.span.begin == text.find('>'));
  const tree::Node& ref = t.at(t.items(seq)[1]);
  CHECK(t.tag(ref) == "!Ref");
  CHECK(ref.text() == "Other");
  CHECK(ref.span.begin == text.find("Other"));
}

TEST_CASE("a tagged multi-line plain scalar keeps its tag", "[yaml]") {
  const std::string text =
      "Description:\n"
      "  !Sub AD credentials for ${Name} via AWS Managed Microsoft\n"
      "  AD\n"
      "Quoted: '!Sub not a tag'\n"
      "Block: |\n"
      "  - !Sub not a tag either\n";
  tree::Tree t;
  auto root = yaml::read(text, 0, t);
  REQUIRE(root.ok());
  const tree::Node& d = item(t, root.value(), "Description");
  CHECK(t.tag(d) == "!Sub");
  CHECK(d.text() == "AD credentials for ${Name} via AWS Managed Microsoft AD");
  CHECK(item(t, root.value(), "Quoted").text() == "!Sub not a tag");
  CHECK(item(t, root.value(), "Block").text() == "- !Sub not a tag either\n");
}

TEST_CASE("YAML that is broken for another reason still reports the original error", "[yaml]") {
  tree::Tree t;
  auto root = yaml::read("a: !Ref [b\nc: d\n", 0, t);
  CHECK_FALSE(root.ok());
  CHECK(t.size() == 0);
}
