#pragma once
// The CloudFormation front end: a YAML or JSON template -> IAM entities of the model.
#include <span>
#include <string_view>
#include <vector>

#include "linter/base/result.hpp"
#include "linter/diagnostics/source.hpp"
#include "linter/model/model.hpp"
#include "parsers/cfn/yaml_pieces.hpp"
#include "parsers/tree/tree.hpp"

namespace rolelint::cfn {

enum class Syntax : std::uint8_t { Yaml, Json };

struct Outcome {
  bool is_template = false;        // false: not CloudFormation, skipped silently
  std::vector<ParseError> errors;  // the file is a template (or looks like one) but is broken
};

// Whether a file that failed to parse looks like a CloudFormation template (and so its parse
// error is worth reporting).
bool looks_like_template(std::string_view text);

// Parses `text` (YAML or JSON; every document of a YAML stream, each a template of its own) and
// appends its IAM entities and duplicate keys to `out`. When `index` is given, it
// is set to the line index of `text`: JSON collects it while reading, which saves a pass over
// the text (4% of the time on a large template). With `pieces` (the language server), a YAML
// template is read a piece at a time, each piece parsed before taken from there
// (yaml_pieces.hpp); the outcome is the same.
Outcome read_template(std::string_view text, FileId file, Syntax syntax, model::Model& out,
                      LineIndex* index = nullptr, YamlPieceCache* pieces = nullptr);

// The second half of read_template: the IAM entities of a template already parsed into `tree`
// (a policy given as a JSON string is parsed into the tree too), and the `duplicates` of the
// tree that are keys of this template (Tree::duplicates()).
Outcome extract_template(tree::Tree& tree, tree::NodeId root, std::string_view text, FileId file,
                         Syntax syntax, model::Model& out,
                         std::span<const tree::Tree::DuplicateKey> duplicates = {});

}  // namespace rolelint::cfn
