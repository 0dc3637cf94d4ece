#pragma once
// The text of a JSON report (json, sarif): valid UTF-8 with no raw unsafe character.
#include <nlohmann/json.hpp>
#include <string>

#include "linter/base/utf8.hpp"

namespace rolelint::output {

// `value` indented by 2, ending with a newline. nlohmann replaces invalid UTF-8 with U+FFFD and
// escapes the C0 controls; the unsafe characters it writes raw (DEL, C1 and bidirectional
// controls, line separators) become \u escapes here. Outside strings JSON text is ASCII with
// LF between lines, so every other unsafe character is inside a string, where its escape stands
// for the same character: a reader gets the values unchanged.
inline std::string json_text(const nlohmann::ordered_json& value) {
  static constexpr char kHex[] = "0123456789abcdef";
  const std::string dumped =
      value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::string out;
  out.reserve(dumped.size() + 1);
  auto unsafe = [&](const utf8::Decoded& d) {
    if (!d.valid) {
      out += utf8::kReplacementBytes;
    } else if (d.code_point == '\n') {
      out += '\n';
    } else {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(d.code_point >> shift) & 0xF];
    }
  };
  utf8::for_each_piece(
      dumped, [&](std::string_view run) { out += run; }, unsafe);
  out += '\n';
  return out;
}

}  // namespace rolelint::output
