// The CloudFormation front end (YAML and JSON templates), as the engine sees it
// (parsers/front_end.hpp): each template is a unit of its own.
#include "parsers/front_end.hpp"

#include "linter/base/text.hpp"
#include "parsers/cfn/template.hpp"
#include "parsers/parse_cache.hpp"

namespace rolelint::cfn {
namespace {

bool ends_with_icase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// What the text is when its name does not say: a JSON object, else YAML.
SourceKind detect_content(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{' ? SourceKind::CfnJson
                                                               : SourceKind::CfnYaml;
}

// .yaml/.yml/.json/.template in any case, sniffing the text for `.template` files.
SourceKind detect(std::string_view path, std::string_view text) {
  if (ends_with_icase(path, ".yaml") || ends_with_icase(path, ".yml")) return SourceKind::CfnYaml;
  if (ends_with_icase(path, ".json")) return SourceKind::CfnJson;
  if (ends_with_icase(path, ".template")) return detect_content(text);
  return SourceKind::Unknown;
}

void extract(const UnitSources& in, Extracted& out) {
  const FileId id = in.unit.files.front();
  const SourceFile& file = in.files[id];
  const Syntax syntax = in.unit.kind == SourceKind::CfnJson ? Syntax::Json : Syntax::Yaml;
  Outcome outcome = read_template(file.text, id, syntax, out.model, &in.line_indexes[id],
                                  in.parse_cache ? &in.parse_cache->yaml : nullptr);
  out.is_template = outcome.is_template;
  if (in.flags[id].by_content && !outcome.is_template) {
    // Named without a template's extension, and the content is not one: said, never silence,
    // and no parse error that would quote a file that may be anything.
    out.errors.push_back({file.path, 0, 0, "not a CloudFormation template or Terraform file"});
  } else if (outcome.is_template || in.flags[id].explicit_path) {
    for (const ParseError& e : outcome.errors)
      out.errors.push_back(to_input_error(file, in.line_indexes[id], e));
  }
}

}  // namespace

// Generous on purpose (measured, docs/performance.md): a YAML or JSON template holds some 10
// bytes per byte.
extern const FrontEnd front_end;
const FrontEnd front_end{
    .name = "cloudformation",
    .kinds = kinds_of(SourceKind::CfnYaml) | kinds_of(SourceKind::CfnJson),
    .detect = &detect,
    .detect_content = &detect_content,
    .unit_key = nullptr,
    .memory_per_byte = 40,
    .extract = &extract,
};

}  // namespace rolelint::cfn
