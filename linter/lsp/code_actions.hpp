#pragma once
// Quick fixes for findings, as byte edits of the text the finding was found in:
//  - every finding but those of the rules that judge suppressions (RL901, RL902): a
//    `rolelint: ignore[RLxxx]` comment above its resource (YAML, Terraform), or the resource's
//    `Metadata` list (CloudFormation JSON, which has no comments);
//  - RL205: the action the message suggests ("did you mean");
//  - RL101: the assume action a SAML or web-identity principal needs, for `sts:AssumeRole`;
//  - RL206: `Version: "2012-10-17"` added to a document without one, or put for "2008-10-17".
#include <cstdint>
#include <string>
#include <vector>

#include "linter/engine.hpp"

namespace rolelint::lsp {

struct Edit {
  std::uint32_t begin = 0, end = 0;  // the replaced bytes [begin, end) of the finding's file
  std::string text;
};

struct Fix {
  std::string title;
  std::vector<Edit> edits;
  bool preferred = false;  // fixes the problem itself (not a suppression)
};

// The fixes for one finding of `result`, rule fixes first; all edits are in the finding's file.
std::vector<Fix> fixes_for(const LintResult& result, const Finding& finding);

}  // namespace rolelint::lsp
