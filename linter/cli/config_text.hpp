#pragma once
// A `.rolelint.yaml` read the one way the CLI and the language server both read it: against the
// rule registry (with a did-you-mean for a misspelt rule), every problem at its line:column.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "linter/config.hpp"
#include "linter/diagnostics/finding.hpp"

namespace rolelint::cli {

// The configuration `text` of the file `path`, or null with every problem in it appended to
// `errors` (nothing of a configuration with problems applies).
std::unique_ptr<Config> read_config_text(std::string_view text, const std::string& path,
                                         std::vector<InputError>& errors);

}  // namespace rolelint::cli
