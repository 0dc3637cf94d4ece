#include "linter/encoding.hpp"

#include <cstdint>
#include <limits>

#include "linter/base/utf8.hpp"

namespace rolelint {
namespace {

std::optional<std::string> decode_utf16(std::string& text, bool big_endian) {
  const char* name = big_endian ? "UTF-16BE" : "UTF-16LE";
  if (text.size() % 2 != 0) return std::string("invalid ") + name + ": an odd number of bytes";
  auto unit = [&](std::size_t i) -> std::uint32_t {
    const auto a = static_cast<unsigned char>(text[i]), b = static_cast<unsigned char>(text[i + 1]);
    return big_endian ? (a << 8 | b) : (b << 8 | a);
  };
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    std::uint32_t cp = unit(i);
    if (cp >= 0xdc00 && cp <= 0xdfff)
      return std::string("invalid ") + name + ": an unpaired surrogate";
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const std::uint32_t low = i + 2 < text.size() ? unit(i + 2) : 0;
      if (low < 0xdc00 || low > 0xdfff)
        return std::string("invalid ") + name + ": an unpaired surrogate";
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
      i += 2;
    }
    append_utf8(out, cp);
  }
  if (out.size() > std::numeric_limits<std::uint32_t>::max()) {
    return std::string(name) + " file too large once decoded to UTF-8 (positions are 32-bit)";
  }
  text = std::move(out);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> decode_to_utf8(std::string& text) {
  if (text.starts_with("\xff\xfe")) return decode_utf16(text, false);
  if (text.starts_with("\xfe\xff")) return decode_utf16(text, true);
  return std::nullopt;
}

}  // namespace rolelint
