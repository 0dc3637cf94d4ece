#include "parsers/tree/tree.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace rolelint;
using tree::Kind;
using tree::Node;
using tree::NodeId;

namespace {

Node scalar(std::string_view text) {
  Node n;
  n.kind = Kind::Scalar;
  n.set_text(text);
  return n;
}

}  // namespace

TEST_CASE("nodes keep their address and content as the tree grows past many chunks", "[tree]") {
  tree::Tree t;
  std::vector<std::string> texts;
  for (int i = 0; i < 100'000; ++i) texts.push_back("s" + std::to_string(i));
  const Node* first = nullptr;
  for (int i = 0; i < 100'000; ++i) {
    const NodeId id = t.add(scalar(texts[i]));
    REQUIRE(id == static_cast<NodeId>(i));
    if (i == 0) first = &t.at(id);
  }
  CHECK(t.size() == 100'000);
  CHECK(&t.at(0) == first);  // growing never moved a node
  for (NodeId id : {0u, 63u, 64u, 191u, 192u, 12'345u, 99'999u})
    CHECK(t.at(id).text() == texts[id]);
}

TEST_CASE("maps and sequences keep their children, lookups by key", "[tree]") {
  tree::Tree t;
  const NodeId k1 = t.add(scalar("Version")), v1 = t.add(scalar("2012-10-17"));
  const NodeId k2 = t.add(scalar("Statement")), v2 = t.add(scalar("x"));
  const NodeId items[] = {v1, v2}, keys[] = {k1, k2};
  Node map;
  map.kind = Kind::Map;
  const NodeId m = t.add(map, items, keys);
  CHECK(t.get(m, "Statement") == v2);
  CHECK(t.get(m, "Missing") == tree::kNoNode);
  CHECK(t.key(m, 0) == "Version");
  REQUIRE(t.items(m).size() == 2);
  Node seq;
  seq.kind = Kind::Seq;
  const NodeId s = t.add(seq, items);
  CHECK(t.items(s).size() == 2);
  CHECK(t.keys(s).empty());
  CHECK(t.get(s, "Version") == tree::kNoNode);  // not a map
}

TEST_CASE("a node holds its text or its children, whatever its kind", "[tree]") {
  // A node keeps text and children in one place (32 bytes a node). The Terraform policy builder
  // adds every node with its children, a scalar with none, and gives a null node (its `!alt`)
  // children: a scalar must keep its text, a node given children must list them.
  tree::Tree t;
  const NodeId a = t.add(scalar("Allow"), {}), b = t.add(scalar("Deny"));
  CHECK(t.at(a).text() == "Allow");
  CHECK(t.at(a).count() == 0);
  CHECK(t.items(a).empty());
  Node alternatives;  // Kind::Null
  const NodeId items[] = {a, b};
  const NodeId alt = t.add(alternatives, items);
  CHECK(t.at(alt).text().empty());
  CHECK(t.at(alt).count() == 2);
  REQUIRE(t.items(alt).size() == 2);
  CHECK(t.at(t.items(alt)[1]).text() == "Deny");
  // Text of no bytes is still text, without children.
  const NodeId empty = t.add(scalar(std::string_view("x", 0)));
  CHECK(t.at(empty).text().empty());
  CHECK(t.items(empty).empty());
  // A collection without children has neither.
  Node seq;
  seq.kind = Kind::Seq;
  const NodeId s = t.add(seq, {});
  CHECK(t.at(s).count() == 0);
  CHECK(t.at(s).text().empty());
}

TEST_CASE("truncate drops what a failed parse added, at and across chunk boundaries", "[tree]") {
  for (std::size_t keep : {0u, 1u, 63u, 64u, 65u, 192u, 1000u}) {
    CAPTURE(keep);
    tree::Tree t;
    for (std::size_t i = 0; i < keep; ++i) t.add(scalar("a"));
    const tree::Tree::Mark mark = t.mark();
    for (int i = 0; i < 500; ++i) t.add(scalar("b"));
    t.truncate(mark);
    CHECK(t.size() == keep);
    // Adding again reuses the ids from the mark on, with room for them.
    for (int i = 0; i < 300; ++i) CHECK(t.add(scalar("c")) == static_cast<NodeId>(keep + i));
    CHECK(t.at(static_cast<NodeId>(keep + 299)).text() == "c");
    if (keep > 0) CHECK(t.at(static_cast<NodeId>(keep - 1)).text() == "a");
  }
}

TEST_CASE("stored text outlives the text it was copied from", "[tree]") {
  tree::Tree t;
  std::string_view small, large;
  {
    std::string a = "escaped \"text\"";
    std::string b(100'000, 'x');
    small = t.store(a);
    large = t.store(b);
  }
  CHECK(small == "escaped \"text\"");
  CHECK(large == std::string(100'000, 'x'));
}

TEST_CASE("a tag has one number per distinct text, also past the first few", "[tree]") {
  tree::Tree t;
  CHECK(t.tag_id("") == tree::kNoTag);
  const tree::TagId ref = t.tag_id("!Ref");
  CHECK(ref != tree::kNoTag);
  CHECK(t.tag_id(std::string("!Ref")) == ref);
  std::vector<tree::TagId> ids;
  for (int i = 0; i < 1000; ++i) ids.push_back(t.tag_id("!T" + std::to_string(i)));
  CHECK(t.tag_id("!Ref") == ref);
  for (int i = 0; i < 1000; ++i) {
    CHECK(t.tag_id("!T" + std::to_string(i)) == ids[i]);
    Node n = scalar("x");
    n.tag = ids[i];
    CHECK(t.tag(t.add(n)) == "!T" + std::to_string(i));
  }
  CHECK(t.tag(t.add(scalar("y"))).empty());
}

TEST_CASE("a tree with as many distinct tags as a TagId counts says so", "[tree]") {
  tree::Tree t;
  for (int i = 1; i < tree::kTooManyTags; ++i)
    REQUIRE(t.tag_id("!T" + std::to_string(i)) != tree::kTooManyTags);
  CHECK(t.tag_id("!one-more") == tree::kTooManyTags);
  CHECK(t.tag_id("!T7") != tree::kTooManyTags);
}

// A map with one entry per key text (each key's value is a scalar of the same text); `keys` and
// `items` receive the nodes added.
static NodeId map_of(tree::Tree& t, const std::vector<std::string>& texts,
                     std::vector<NodeId>& keys, std::vector<NodeId>& items) {
  for (const std::string& k : texts) {
    keys.push_back(t.add(scalar(k)));
    items.push_back(t.add(scalar(k)));
  }
  Node map;
  map.kind = Kind::Map;
  return t.add(map, items, keys);
}

TEST_CASE("a map given a key twice keeps the later value at the first one's place and says so",
          "[tree]") {
  tree::Tree t;
  const std::vector<std::string> texts{"a", "b", "a", "c", "a"};
  std::vector<NodeId> keys, items;
  const NodeId m = map_of(t, texts, keys, items);
  REQUIRE(t.items(m).size() == 3);
  CHECK(t.key(m, 0) == "a");
  CHECK(t.keys(m)[0] == keys[4]);  // the last key and value, where the first was
  CHECK(t.items(m)[0] == items[4]);
  CHECK(t.key(m, 1) == "b");
  CHECK(t.key(m, 2) == "c");
  CHECK(t.get(m, "a") == items[4]);
  REQUIRE(t.duplicates().size() == 2);
  CHECK(t.duplicates()[0].first == keys[0]);  // each later one against the first
  CHECK(t.duplicates()[0].later == keys[2]);
  CHECK(t.duplicates()[1].first == keys[0]);
  CHECK(t.duplicates()[1].later == keys[4]);
}

TEST_CASE("duplicate keys are found in maps larger than a linear search suits", "[tree]") {
  tree::Tree t;
  std::vector<std::string> texts;
  for (int i = 0; i < 1000; ++i) texts.push_back("k" + std::to_string(i));
  texts.push_back("k500");
  std::vector<NodeId> keys, items;
  const NodeId m = map_of(t, texts, keys, items);
  CHECK(t.items(m).size() == 1000);
  CHECK(t.get(m, "k500") == items.back());
  REQUIRE(t.duplicates().size() == 1);
  CHECK(t.duplicates()[0].first == keys[500]);
}

TEST_CASE("truncate forgets the duplicate keys of the maps it drops", "[tree]") {
  tree::Tree t;
  std::vector<NodeId> keys, items, more_keys, more_items;
  map_of(t, {"a", "a"}, keys, items);
  const tree::Tree::Mark mark = t.mark();
  map_of(t, {"a", "a"}, more_keys, more_items);
  REQUIRE(t.duplicates().size() == 2);
  t.truncate(mark);
  CHECK(t.duplicates().size() == 1);
}
