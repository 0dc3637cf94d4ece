// The YAML reader: every document of a stream, YAML 1.1 merge keys, duplicate keys.
#include "parsers/yaml/yaml_reader.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "linter/model/model.hpp"
#include "parsers/cfn/template.hpp"
#include "parsers/yaml/flow_scan.hpp"

using namespace rolelint;

namespace {

std::string_view text_of(const tree::Tree& t, tree::NodeId map, std::string_view key) {
  const tree::NodeId id = t.get(map, key);
  REQUIRE(id != tree::kNoNode);
  return t.at(id).text();
}

}  // namespace

TEST_CASE("yaml reader: every document of a stream, in order", "[yaml]") {
  tree::Tree t;
  auto roots = yaml::read_all("a: 1\n---\nb: 2\n--- \n...\n---\nc: 3\n", 0, t);
  REQUIRE(roots.ok());
  REQUIRE(roots.value().size() == 4);
  CHECK(text_of(t, roots.value()[0], "a") == "1");
  CHECK(text_of(t, roots.value()[1], "b") == "2");
  CHECK(t.at(roots.value()[2]).kind == tree::Kind::Null);  // an empty document
  CHECK(text_of(t, roots.value()[3], "c") == "3");
  // read() is the first document.
  tree::Tree first;
  auto root = yaml::read("a: 1\n---\nb: 2\n", 0, first);
  REQUIRE(root.ok());
  CHECK(text_of(first, root.value(), "a") == "1");
}

TEST_CASE("yaml reader: a stream without a document is an error", "[yaml]") {
  tree::Tree t;
  auto roots = yaml::read_all("# only a comment\n", 0, t);
  REQUIRE_FALSE(roots.ok());
  CHECK(roots.error().message == "empty document");
}

TEST_CASE("yaml reader: merge keys bring in what the mapping does not have", "[yaml]") {
  tree::Tree t;
  const std::string text =
      "base: &base {a: base-a, b: base-b}\n"
      "other: &other {b: other-b, c: other-c}\n"
      "one: {<<: *base, a: own-a}\n"
      "many:\n"
      "  <<: [*base, *other]\n"
      "  d: own-d\n"
      "quoted: {'<<': *base}\n";
  auto root = yaml::read(text, 0, t);
  REQUIRE(root.ok());
  const tree::NodeId one = t.get(root.value(), "one");
  CHECK(text_of(t, one, "a") == "own-a");  // written out: wins
  CHECK(text_of(t, one, "b") == "base-b");
  CHECK(t.items(one).size() == 2);
  CHECK(t.get(one, "<<") == tree::kNoNode);
  const tree::NodeId many = t.get(root.value(), "many");
  CHECK(text_of(t, many, "b") == "base-b");  // the mapping listed first wins
  CHECK(text_of(t, many, "c") == "other-c");
  CHECK(text_of(t, many, "d") == "own-d");
  CHECK(t.items(many).size() == 4);
  // The merged value is the anchored node itself, at its own position.
  CHECK(t.at(t.get(one, "b")).span.begin == text.find("base-b"));
  // A quoted '<<' is an ordinary key.
  CHECK(t.get(t.get(root.value(), "quoted"), "<<") != tree::kNoNode);
  CHECK(t.duplicates().empty());  // merged keys are not duplicates
}

TEST_CASE("yaml reader: a merge key needs mappings", "[yaml]") {
  tree::Tree t;
  const std::string text = "a: &a [1, 2]\nb:\n  <<: *a\n";
  auto root = yaml::read(text, 0, t);
  REQUIRE_FALSE(root.ok());
  CHECK(root.error().message == "a merge key '<<' takes a mapping or a list of mappings");
  CHECK(root.error().offset == text.find("&a [1, 2]"));  // the anchored node, from its anchor
}

TEST_CASE("yaml reader: merge keys that multiply entries are refused", "[yaml]") {
  // Each mapping merges the previous one and adds a key: entries grow quadratically.
  std::string text = "m0: &m0 {k0: v}\n";
  for (int i = 1; i < 3000; ++i) {
    text += "m" + std::to_string(i) + ": &m" + std::to_string(i) + " {<<: *m" +
            std::to_string(i - 1) + ", k" + std::to_string(i) + ": v}\n";
  }
  tree::Tree t;
  auto root =
      yaml::read(text, 0, t, yaml::Limits{.max_expanded_nodes = 100'000, .tree_memory = {}});
  REQUIRE_FALSE(root.ok());
  CHECK(root.error().message == "YAML merge keys bring in more than 100000 entries (merge bomb?)");
}

TEST_CASE("duplicate keys of each document of a stream are its own", "[yaml][cfn]") {
  const std::string text =
      "AWSTemplateFormatVersion: '2010-09-09'\n"
      "Resources:\n"
      "  R:\n"
      "    Type: AWS::IAM::Role\n"
      "    Properties: {RoleName: a, RoleName: b}\n"
      "---\n"
      "not: a template\n"
      "not: a template\n"
      "---\n"
      "AWSTemplateFormatVersion: '2010-09-09'\n"
      "AWSTemplateFormatVersion: '2010-09-09'\n"
      "Resources: {}\n";
  model::Model m;
  const cfn::Outcome outcome = cfn::read_template(text, 0, cfn::Syntax::Yaml, m);
  CHECK(outcome.is_template);
  CHECK(outcome.errors.empty());
  REQUIRE(m.roles.size() == 1);
  CHECK(m.roles[0].name.known() == "b");
  REQUIRE(m.duplicate_keys.size() == 2);
  CHECK(m.duplicate_keys[0].key == "RoleName");
  CHECK(m.duplicate_keys[0].origin.source_id == "R");
  CHECK(m.duplicate_keys[0].first_line == 5);
  CHECK(m.duplicate_keys[0].later.begin == text.find("RoleName: b"));
  CHECK(m.duplicate_keys[1].key == "AWSTemplateFormatVersion");
  CHECK(m.duplicate_keys[1].origin.source_id.empty());
  CHECK(m.duplicate_keys[1].first_line == 10);
}

TEST_CASE("the flow scan finds no unclosed collection in valid YAML with brackets as text",
          "[yaml]") {
  // Each piece is valid YAML whose brackets are text or close; padded past the size the scan
  // looks at, and each one parses.
  const std::string pieces[] = {
      "a: 'it''s [ not a list'\nb: \"quoted \\\" [ {\"\n",
      "a: |\n  text with [ and {\n  more [\nb: >-\n  folded {\n",
      "a: x[0] and y{1}\nb: c - [ not at a node start\n",
      "a: [1, 2,\n  3]  # a comment [\n# [ a comment line\n",
      "a: {\"k\":\"v]\", 'x': '}'}\nb: [!Sub '${X}]', &n 'y]']\n",
      "- [a, [b, {c: d}]]\n- !Ref [x]\n",
      "a: 1\n--- |\n  [ in a block scalar of a document\n---\nb: [x]\n",
  };
  for (const std::string& piece : pieces) {
    INFO(piece);
    std::string text = piece;
    while (text.size() < yaml::kMinUnclosedFlowBytes + 100)
      text += "pad" + std::to_string(text.size()) + ": [v, {w: x}]\n";
    CHECK_FALSE(yaml::unclosed_flow_collection(text).has_value());
    tree::Tree t;
    CHECK(yaml::read_all(text, 0, t).ok());
  }
}

TEST_CASE("the flow scan reports the outermost unclosed collection, only far from the end",
          "[yaml]") {
  std::string text = "a: 1\nb: {c: [1, 2], d: [3,\n";
  for (int i = 0; i < 20000; ++i) text += "  " + std::to_string(i) + ",\n";
  const auto error = yaml::unclosed_flow_collection(text);
  REQUIRE(error.has_value());
  CHECK(error->offset == text.find('{'));
  CHECK(error->message == "flow mapping '{' is never closed: the input ends inside it");
  // Near the end of the text the parser's own error stands.
  CHECK_FALSE(yaml::unclosed_flow_collection("a: [1, 2\n").has_value());
}

namespace {
// `head`, then a flow sequence of `a` of more than kMaxKeyFlowBytes, then `tail`.
std::string with_long_flow(const std::string& head, const std::string& tail) {
  std::string text = head + "[a";
  while (text.size() < head.size() + yaml::kMaxKeyFlowBytes) text += ", a";
  return text + "]" + tail;
}
}  // namespace

TEST_CASE("a long flow collection where a mapping key may start is an error at its bracket",
          "[yaml]") {
  const std::string heads[] = {"Resources:\n  - ", "- !If ", "a: 1\n", "[", "? "};
  for (const std::string& head : heads) {
    INFO(head);
    const std::string text = with_long_flow(head, head == "[" ? "]\n" : "\n");
    tree::Tree t;
    const auto r = yaml::read_all(text, 0, t);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().offset == text.find('['));
    CHECK(r.error().message ==
          "flow sequence '[' spans more than 64 KiB where a mapping key may start (a line or a "
          "sequence entry): the YAML parser would hold all of it; write it in block style or as a "
          "mapping's value");
  }
}

TEST_CASE("a long flow collection as a mapping's value is read", "[yaml]") {
  const std::string heads[] = {"Resources: ", "a:\n  b: !Sub ", "- a: &x "};
  for (const std::string& head : heads) {
    INFO(head);
    const std::string text = with_long_flow(head, "\n");
    tree::Tree t;
    CHECK(yaml::read_all(text, 0, t).ok());
  }
  // And a short one where a key may start (a key itself, here).
  tree::Tree t;
  CHECK(yaml::read_all("- [a, b]: c\n- [d]\n", 0, t).ok());
}

TEST_CASE("a duplicate key inside the first of two resources of one id is that resource's",
          "[yaml][cfn]") {
  const std::string text =
      "Resources:\n"
      "  R:\n"
      "    Type: AWS::IAM::Role\n"
      "    Properties: {RoleName: a, RoleName: b}\n"
      "  R:\n"
      "    Type: AWS::IAM::User\n"
      "Outputs: {O: 1, O: 2}\n";
  model::Model m;
  REQUIRE(cfn::read_template(text, 0, cfn::Syntax::Yaml, m).errors.empty());
  REQUIRE(m.duplicate_keys.size() == 3);
  CHECK(m.duplicate_keys[0].key == "RoleName");
  CHECK(m.duplicate_keys[0].origin.source_id == "R");
  CHECK(m.duplicate_keys[1].key == "R");
  CHECK(m.duplicate_keys[1].origin.source_id == "R");
  CHECK(m.duplicate_keys[2].key == "O");
  CHECK(m.duplicate_keys[2].origin.source_id.empty());  // outside Resources
}

TEST_CASE(
    "a YAML file holding JSON reads as the same template, and YAML that looks like JSON as YAML",
    "[yaml][cfn]") {
  const std::string json =
      "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": "
      "\"a\", \"RoleName\": \"b\"}}}}\n";
  model::Model as_yaml, as_json;
  REQUIRE(cfn::read_template(json, 0, cfn::Syntax::Yaml, as_yaml).errors.empty());
  REQUIRE(cfn::read_template(json, 0, cfn::Syntax::Json, as_json).errors.empty());
  REQUIRE(as_yaml.roles.size() == 1);
  CHECK(as_yaml.roles[0].name.known() == "b");
  CHECK(as_yaml.roles[0].name.span() == as_json.roles[0].name.span());
  CHECK(as_yaml.duplicate_keys.size() == 1);
  // Not JSON (a comment, an unquoted key, a tag): yaml-cpp reads it.
  model::Model flow;
  const std::string yaml =
      "{Resources: {R: {Type: AWS::IAM::Role, Properties: {RoleName: !Ref N}}}}  # flow\n";
  REQUIRE(cfn::read_template(yaml, 0, cfn::Syntax::Yaml, flow).errors.empty());
  REQUIRE(flow.roles.size() == 1);
  CHECK_FALSE(flow.roles[0].name.known().has_value());
}

namespace {

std::string_view span_text(std::string_view text, const tree::Tree& t, tree::NodeId id) {
  const Span s = t.at(id).span;
  return text.substr(s.begin, s.end - s.begin);
}

}  // namespace

TEST_CASE("yaml reader: a single pair in a flow sequence ends with its value", "[yaml]") {
  const std::string text = "A: ['', [Ref: Bucket]]\nB: {x: 1}\n";
  tree::Tree t;
  auto root = yaml::read(text, 0, t);
  REQUIRE(root.ok());
  const tree::NodeId a = t.get(root.value(), "A");
  CHECK(span_text(text, t, a) == "['', [Ref: Bucket]]");
  const tree::NodeId inner = t.items(a)[1];
  CHECK(span_text(text, t, inner) == "[Ref: Bucket]");
  CHECK(span_text(text, t, t.items(inner)[0]) == "Ref: Bucket");
  CHECK(span_text(text, t, t.get(root.value(), "B")) == "{x: 1}");
}

TEST_CASE("yaml reader: an empty value is where it is missing, not at the next token", "[yaml]") {
  const std::string text = "A:\n  K:   # none yet\n\n  # next\n  L: 1\nB:\n";
  tree::Tree t;
  auto root = yaml::read(text, 0, t);
  REQUIRE(root.ok());
  const tree::NodeId k = t.get(t.get(root.value(), "A"), "K");
  REQUIRE(t.at(k).kind == tree::Kind::Null);
  CHECK(t.at(k).span.begin == text.find("K:") + 2);
  const tree::NodeId b = t.get(root.value(), "B");
  CHECK(t.at(b).span.begin == text.size() - 1);
  // A null written out is where it is written.
  const std::string written = "A: ~\nB:  null\n";
  tree::Tree w;
  auto wroot = yaml::read(written, 0, w);
  REQUIRE(wroot.ok());
  CHECK(w.at(w.get(wroot.value(), "B")).span.begin == written.find("null"));
}

TEST_CASE("yaml reader: a tagged collection starts at its tag, also when tags were moved aside",
          "[yaml]") {
  // `- !Sub |` makes yaml-cpp 0.7 fail, so the reader retries with the tags moved aside.
  const std::string tags = "A: !Not [x]\nB: !If\n  - c\n  - d\n";
  for (const std::string& text : {tags, tags + "C:\n  - !Sub |\n    text\n"}) {
    INFO(text);
    tree::Tree t;
    auto root = yaml::read(text, 0, t);
    REQUIRE(root.ok());
    CHECK(span_text(text, t, t.get(root.value(), "A")) == "!Not [x]");
    CHECK(t.at(t.get(root.value(), "B")).span.begin == text.find("!If"));
  }
}
