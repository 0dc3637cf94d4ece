#pragma once
// What the front ends parsed, kept from one lint to the next by the language server
// (LintOptions::parse_cache): pieces of YAML templates and of Terraform files, keyed by their
// bytes, so that an edit re-parses only the pieces it touched.
#include "parsers/cfn/yaml_pieces.hpp"
#include "parsers/terraform/hcl.hpp"

namespace rolelint {

struct ParseCache {
  cfn::YamlPieceCache yaml;
  tf::HclPieceCache hcl;

  // Drops the pieces no lint read since the last sweep; call it between lints.
  void sweep() {
    yaml.sweep();
    hcl.sweep();
  }
};

}  // namespace rolelint
