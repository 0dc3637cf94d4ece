// The Terraform front end, as the engine sees it (parsers/front_end.hpp): every .tf file of one
// directory is one module, read together.
#include "parsers/front_end.hpp"

#include <filesystem>

#include "linter/base/str_cat.hpp"
#include "parsers/parse_cache.hpp"
#include "parsers/terraform/module.hpp"

namespace rolelint::tf {
namespace {

// Terraform reads only `.tf`, in lower case, into a module.
SourceKind detect(std::string_view path, std::string_view) {
  return path.ends_with(".tf") ? SourceKind::Terraform : SourceKind::Unknown;
}

std::string module_dir(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

void extract(const UnitSources& in, Extracted& out) {
  namespace fs = std::filesystem;
  std::vector<ModuleInput> files;
  for (FileId id : in.unit.files) {
    files.push_back({id, in.files[id].text});
    in.line_indexes[id] = LineIndex(in.files[id].text);
  }
  // file("..."): a linted input when it is one (exact positions), else what the caller's reader
  // allows.
  ReadFile read = [&in, &out](const std::string& path, FileId& id, std::string& text) {
    out.read_other_files = true;
    const std::string wanted = fs::path(path).lexically_normal().generic_string();
    for (std::size_t i = 0; i < in.files.size(); ++i) {
      if (fs::path(in.files[i].path).lexically_normal().generic_string() == wanted) {
        id = static_cast<FileId>(i);
        text = in.files[i].text;
        return true;
      }
    }
    id = kNoFile;
    return in.read_outside && in.read_outside(path, text);
  };
  const std::string& dir = in.unit.key;
  ModuleOutcome outcome = read_module(files, dir.empty() ? "." : dir, read, out.model,
                                      {.cache = in.parse_cache ? &in.parse_cache->hcl : nullptr});
  out.is_template = true;
  for (const auto& [id, error] : outcome.errors) {
    out.errors.push_back(to_input_error(in.files[id], in.line_indexes[id], error));
  }
  for (const DuplicateBlock& d : outcome.duplicates) {
    const SourceFile& first = in.files[d.first.file];
    const Position at = in.line_indexes[d.first.file].position(first.text, d.first.begin);
    const ParseError error{d.second.begin,
                           str_cat(duplicate_message(d), first.path, ":", at.line, ":", at.column)};
    out.errors.push_back(
        to_input_error(in.files[d.second.file], in.line_indexes[d.second.file], error));
  }
}

}  // namespace

// Generous on purpose (measured, docs/performance.md): a Terraform file that cannot be parsed in
// pieces holds tree-sitter's tree, some 180 bytes per byte.
extern const FrontEnd front_end;
const FrontEnd front_end{
    .name = "terraform",
    .kinds = kinds_of(SourceKind::Terraform),
    .detect = &detect,
    .detect_content = nullptr,
    .unit_key = &module_dir,
    .memory_per_byte = 200,
    .extract = &extract,
};

}  // namespace rolelint::tf
