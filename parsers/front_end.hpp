#pragma once
// The one interface of a front end (CloudFormation, Terraform): which files it reads, how they
// group into units (a template; a Terraform module), and how a unit becomes model entities. The
// engine knows front ends only through the table of front_ends(): a new front end is its own
// folder under parsers/ and one line in parsers/front_ends.cpp.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/result.hpp"
#include "linter/diagnostics/finding.hpp"
#include "linter/diagnostics/source.hpp"
#include "linter/diagnostics/source_kind.hpp"
#include "linter/model/model.hpp"

namespace rolelint {

struct ParseCache;  // parsers/parse_cache.hpp

// Reads a file that Terraform's file() or templatefile() names and that is not a linted input:
// true with its bytes, false when it may not or cannot be read (the call's value is then
// unknown). Called from several threads at once. The library reads no file itself: the CLI
// passes one confined to --root (linter/cli/confined_reader.hpp), tests their own.
using FileReader = std::function<bool(const std::string& path, std::string& text)>;

// How the engine came by a file.
struct InputFlags {
  bool explicit_path = false;  // named on the command line: a parse error is always reported
  bool by_content = false;     // named, with no name a front end knows: must turn out a template
};

// One unit of work: files of one kind that a front end reads together.
struct Unit {
  SourceKind kind = SourceKind::Unknown;
  std::string key;            // the file's path, or the directory of a Terraform module
  std::vector<FileId> files;  // in input order
};

// What a front end reads a unit from. Only the unit's files and line indexes are its own.
struct UnitSources {
  const Unit& unit;
  std::span<const SourceFile> files;  // every file of the run, indexed by FileId
  std::span<const InputFlags> flags;  // parallel to files
  std::span<LineIndex> line_indexes;  // parallel to files: extract sets those of the unit's files
  const FileReader& read_outside;     // for file(): may be empty
  ParseCache* parse_cache = nullptr;  // pieces parsed by earlier lints, for the language server
};

// What a front end extracts from one unit: its own model and errors, merged into the result in
// unit order once every unit is done.
struct Extracted {
  bool out_of_memory = false;  // the task ran out of memory: nothing else here is kept
  model::Model model;
  std::vector<InputError> errors;
  bool is_template = false;       // the unit's files are templates: they were linted
  bool read_other_files = false;  // its value depends on files outside the unit (file())
};

struct FrontEnd {
  std::string_view name;
  SourceKinds kinds = 0;  // the kinds it reads
  // The kind of a file by its name (its text may be sniffed), or Unknown when not this front
  // end's.
  SourceKind (*detect)(std::string_view path, std::string_view text) = nullptr;
  // The kind of a file named on the command line with a name no front end knows, by its content;
  // null when this front end never claims such files.
  SourceKind (*detect_content)(std::string_view text) = nullptr;
  // Files with the same key are one unit; null: each file is a unit of its own.
  std::string (*unit_key)(std::string_view path) = nullptr;
  // Estimate of a unit's peak memory per byte of its input (LintOptions::memory_budget).
  std::uint64_t memory_per_byte = 0;
  void (*extract)(const UnitSources& sources, Extracted& out) = nullptr;
};

// Every front end, in the order their units are merged.
std::span<const FrontEnd* const> front_ends();
// The front end of a kind, or null for Unknown.
const FrontEnd* front_end_of(SourceKind kind);

// A parse error at its line and column.
InputError to_input_error(const SourceFile& file, const LineIndex& index, const ParseError& e);

}  // namespace rolelint
