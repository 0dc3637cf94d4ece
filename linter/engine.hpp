#pragma once
// The library entry point: lints buffers (files, stdin, test strings alike) with a set of rules.
// No printing, no exiting: the CLI decides what to do with the result.
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "linter/diagnostics/finding.hpp"
#include "linter/diagnostics/source.hpp"
#include "linter/diagnostics/source_kind.hpp"
#include "linter/engine/unit_cache.hpp"
#include "linter/model/model.hpp"
#include "linter/suppressions.hpp"
#include "parsers/front_end.hpp"

namespace rolelint::rules {
struct Rule;
}

namespace rolelint {

// The source kind of a path by its extension (.yaml/.yml/.json/.template in any case, .tf),
// sniffing the text for `.template` files: the first front end's that knows it
// (parsers/front_ends.cpp). lint() lets the content decide for an explicitly named input of any
// other name (a JSON object, else YAML), and reports it when it turns out not to be a template.
SourceKind source_kind(std::string_view path, std::string_view text);

struct Config;
struct ParseCache;  // parsers/parse_cache.hpp

struct LintInput {
  // Its text is decoded to UTF-8 by lint() when it starts with a UTF-16 byte order mark
  // (linter/encoding.hpp).
  SourceFile file;
  bool explicit_path = false;      // named on the command line: a parse error is always reported
  const Config* config = nullptr;  // the file's .rolelint.yaml, owned by the caller; may be null
  // Read only so that cross-references resolve (the rest of the Terraform module of a file named
  // on the command line or given on stdin): its findings are not reported.
  bool context_only = false;
  // False for a file whose bytes no message may quote (a symlink named on the command line that
  // leads out of the lint root): its parse errors keep their position but not their text.
  bool quote_source = true;
};

struct LintOptions {
  std::span<const rules::Rule* const> rules;  // the enabled rules
  unsigned jobs = 1;  // threads that parse and evaluate files; 1 runs everything on the caller's
  FileReader read_file = {};  // empty: a file() of a path that is not a linted input is unknown
  // The memory the parallel phase may plan for: a template or module starts only while the
  // estimates of those running (their bytes times their front end's memory_per_byte), its own
  // included, stay within it; one larger than the budget runs alone. The CLI passes half the
  // physical memory, or ROLELINT_MEMORY_BUDGET.
  std::uint64_t memory_budget = std::numeric_limits<std::uint64_t>::max();
  // For tests: called as each template or module starts, with the path of its first file; it
  // may throw std::bad_alloc to stand for an allocation failure inside that unit.
  std::function<void(std::string_view path)> on_task = {};
  // For the language server: pieces of YAML templates and Terraform files parsed by earlier
  // lints, reused where their bytes are the same (parsers/parse_cache.hpp). The result is the
  // same as without.
  ParseCache* parse_cache = nullptr;
  // Units read by earlier calls, owned by the caller (linter/engine/unit_cache.hpp): the units
  // whose files are unchanged are taken from it, and those read now are stored in it. Null: every
  // unit is read. The result is the same either way.
  UnitCache* cache = nullptr;
};

// A file the engine looked at, in input order.
struct LintedFile {
  FileId id;
  SourceKind kind = SourceKind::Unknown;
  bool is_template = false;   // a CloudFormation template / Terraform file: it was linted
  bool context_only = false;  // read for cross-references only (see LintInput)

  bool reported() const { return is_template && !context_only; }
};

struct LintResult {
  std::vector<SourceFile> files;        // owns the text every Span refers to, indexed by FileId
  std::vector<LineIndex> line_indexes;  // one per file, parallel to `files`
  std::vector<LintedFile> linted;
  std::vector<Finding> findings;   // sorted by file, line, column, rule
  std::vector<InputError> errors;  // sorted by file, line
  // Told to the user but no error (the exit status ignores them): a value of a reported file
  // too large to evaluate, at most one per file. Sorted by file, line.
  std::vector<InputError> notes;
  std::vector<Suppression> suppressions;  // every `rolelint: ignore[...]` comment, with use
  std::size_t baselined = 0;              // findings dropped because the --baseline knows them
  model::Model model;
};

LintResult lint(std::vector<LintInput> inputs, const LintOptions& options);

// Resolves a span to 1-based line/column positions (begin and end).
struct ResolvedSpan {
  Position begin, end;
};
ResolvedSpan resolve(const LintResult& result, const Span& span);

}  // namespace rolelint
