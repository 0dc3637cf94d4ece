// The rules for tools (--list-rules --format json) and a rule's page for a terminal (--explain).
#include <nlohmann/json.hpp>

#include "linter/base/str_cat.hpp"
#include "linter/docs.hpp"
#include "linter/output/ansi.hpp"
#include "linter/output/json_text.hpp"
#include "linter/output/output.hpp"
#include "rules/rule.hpp"

namespace rolelint::output {
namespace {

using ansi::paint;

// Inline Markdown: `code`, **bold**, [text](link). A relative link (to the repository's sources)
// means nothing on a terminal: only its text is kept.
std::string render_inline(std::string_view line, bool color) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == '`') {
      const std::size_t close = line.find('`', i + 1);
      if (close != std::string_view::npos) {
        const std::string_view code = line.substr(i + 1, close - i - 1);
        out += color ? paint(true, ansi::kCode, code) : str_cat('`', code, '`');
        i = close + 1;
        continue;
      }
    } else if (line.substr(i).starts_with("**")) {
      const std::size_t close = line.find("**", i + 2);
      if (close != std::string_view::npos) {
        const std::string_view text = line.substr(i + 2, close - i - 2);
        out += paint(color, ansi::kBold, text);
        i = close + 2;
        continue;
      }
    } else if (line[i] == '[') {
      const std::size_t middle = line.find("](", i);
      const std::size_t close = middle == std::string_view::npos ? middle : line.find(')', middle);
      if (close != std::string_view::npos) {
        const std::string_view text = line.substr(i + 1, middle - i - 1);
        const std::string_view link = line.substr(middle + 2, close - middle - 2);
        out += text;
        if (link.starts_with("http") && link != text) out += str_cat(" <", link, '>');
        i = close + 1;
        continue;
      }
    }
    out += line[i++];
  }
  return out;
}

// A heading: bold (and underlined for the title) in colour, else underlined with '=' or '-'.
std::string render_heading(std::string_view text, bool title, bool color) {
  if (color) return str_cat(paint(true, title ? ansi::kTitle : ansi::kBold, text), '\n');
  std::size_t width = 0;
  for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return str_cat(text, '\n', std::string(width, title ? '=' : '-'), '\n');
}

}  // namespace

void write_rule_list_json(std::ostream& out) {
  using Json = nlohmann::ordered_json;
  Json list = Json::array();
  for (const rules::Rule* r : rules::all_rules()) {
    Json formats = Json::array();
    if (r->formats & rules::kCfnYaml) formats.push_back("cloudformation-yaml");
    if (r->formats & rules::kCfnJson) formats.push_back("cloudformation-json");
    if (r->formats & rules::kTerraform) formats.push_back("terraform");
    list.push_back(Json{{"id", r->id},
                        {"name", r->name},
                        {"severity", severity_name(r->severity)},
                        {"on_by_default", r->on_by_default},
                        {"formats", std::move(formats)},
                        {"summary", r->summary},
                        {"fix", r->fix},
                        {"doc_url", rule_doc_url(*r)}});
  }
  out << json_text(list);
}

void write_markdown_for_terminal(std::ostream& out, std::string_view markdown, bool color) {
  bool in_code = false;
  for (std::size_t at = 0; at < markdown.size();) {
    std::size_t end = markdown.find('\n', at);
    if (end == std::string_view::npos) end = markdown.size();
    const std::string_view line = markdown.substr(at, end - at);
    at = end + 1;
    if (line.starts_with("```")) {  // fences go; the block is indented instead
      in_code = !in_code;
      continue;
    }
    if (in_code) {
      out << "    " << paint(color, ansi::kCode, line) << '\n';
    } else if (line.starts_with("# ") || line.starts_with("## ")) {
      const bool title = line.starts_with("# ");
      out << render_heading(render_inline(line.substr(title ? 2 : 3), false), title, color);
    } else if (line.starts_with("- ")) {
      out << "  \xE2\x80\xA2 " << render_inline(line.substr(2), color) << '\n';
    } else {
      out << render_inline(line, color) << '\n';
    }
  }
}

}  // namespace rolelint::output
