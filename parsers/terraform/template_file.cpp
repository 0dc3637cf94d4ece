#include "parsers/terraform/template_file.hpp"

#include <algorithm>
#include <cctype>

#include "linter/base/text.hpp"

namespace rolelint::tf {
namespace {

bool is_name(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> render_template(
    std::string_view tmpl,
    const std::function<std::optional<std::string_view>(std::string_view name)>& var) {
  std::string out;
  out.reserve(tmpl.size());
  for (std::size_t i = 0; i < tmpl.size();) {
    const std::string_view rest = tmpl.substr(i);
    if (rest.starts_with("$${") || rest.starts_with("%%{")) {
      out += rest[0];
      out += '{';
      i += 3;
    } else if (rest.starts_with("%{")) {
      return std::nullopt;  // a directive (if, for)
    } else if (rest.starts_with("${")) {
      const std::size_t close = rest.find('}');
      if (close == std::string_view::npos) return std::nullopt;
      const std::string_view name = trim_blank(rest.substr(2, close - 2));
      if (!is_name(name)) return std::nullopt;
      const std::optional<std::string_view> value = var(name);
      if (!value) return std::nullopt;
      if (value->size() > kMaxRenderedBytes - std::min(out.size(), kMaxRenderedBytes))
        return std::nullopt;
      out += *value;
      i += close + 1;
    } else {
      out += tmpl[i++];
    }
  }
  return out;
}

}  // namespace rolelint::tf
