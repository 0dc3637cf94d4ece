#pragma once
// The Terraform front end: every .tf file of one directory (a module) -> IAM entities of the
// model. Files are read together, so a reference in iam.tf to a document in policies.tf
// resolves.
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "linter/base/result.hpp"
#include "linter/diagnostics/source.hpp"
#include "linter/model/model.hpp"
#include "parsers/terraform/evaluator.hpp"

namespace rolelint::tf {

struct ModuleInput {
  FileId id = kNoFile;
  std::string_view text;  // owned by the caller, outlives read_module
};

// Two `resource` (or `data`) blocks of one module with the same type and name: Terraform refuses
// the module ("Duplicate resource configuration"). Neither block is read.
struct DuplicateBlock {
  std::string_view kind;  // "resource" or "data"
  std::string type, name;
  Span first, second;  // the blocks' headers, in module order
};

// "duplicate resource "T" configuration: a T resource named "N" was already declared at "
// followed by where the first block is (the caller knows file names and lines).
std::string duplicate_message(const DuplicateBlock& d);

struct ModuleOutcome {
  // Files that did not parse (the other files of the module are still read).
  std::vector<std::pair<FileId, ParseError>> errors;
  std::vector<DuplicateBlock> duplicates;
};

// Reads the module in `dir` (used for `path.module`) and appends its IAM entities to `out`.
// `read_file` serves `file(...)`; it may be empty (every file() is then unknown). Each file is
// parsed in parts (parse_parts), and each part is freed once extraction no longer reads it: the
// syntax of a large file is not alive whole beside the model built from it.
ModuleOutcome read_module(std::span<const ModuleInput> files, std::string_view dir,
                          const ReadFile& read_file, model::Model& out,
                          const ParseOptions& options = {});

// Called by extract_module with each file (or part) it will not read again: its owner may free
// it. A file waits while a later file may still refer to it (a local or policy document not yet
// evaluated) and to the end when it has an `aws` provider block.
using ReleaseFile = std::function<void(const File&)>;

// The second half of read_module: the IAM entities of files (or parts of files) already parsed,
// in order. Each file is expected to be a unit of `out` already (read_module maps every input
// to the module's first). With `release`, files are handed to it as soon as they are done.
// Returns the duplicate blocks, which were left out.
std::vector<DuplicateBlock> extract_module(std::span<const ModuleFile> files, std::string_view dir,
                                           const ReadFile& read_file, model::Model& out,
                                           const ReleaseFile& release = {});

}  // namespace rolelint::tf
