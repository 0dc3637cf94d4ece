#pragma once
// UTF-8 encoding and decoding, and the characters no report may write raw: a report carries names
// and values from files the linted repository's authors (possibly an attacker) chose. Each output
// format walks its data with for_each_piece and writes the unsafe pieces in its own escaped form.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rolelint::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;
inline constexpr std::string_view kReplacementBytes = "\xEF\xBF\xBD";

// One character at a position: its code point and its length in bytes. A byte that does not
// start a valid, shortest-form sequence is `valid == false`, size 1.
struct Decoded {
  char32_t code_point = 0;
  std::size_t size = 1;
  bool valid = false;
};

inline Decoded decode(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1, true};
  const std::size_t n = (lead >> 5) == 0x6    ? 2
                        : (lead >> 4) == 0xE  ? 3
                        : (lead >> 3) == 0x1E ? 4
                                              : 0;
  if (n == 0 || at + n > text.size()) return {};
  char32_t cp = lead & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (byte(k) & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kSmallest[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return {cp, n, true};
}

// Characters that change how a terminal, a log or a viewer shows what follows them: C0 controls
// (ESC starts ANSI sequences, CR and LF start lines a CI runner reads as commands), DEL, C1
// controls (U+009B is an 8-bit CSI), the bidirectional formatting characters (Trojan Source,
// CVE-2021-42574: U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the Unicode line
// and paragraph separators (U+2028, U+2029).
inline constexpr bool is_unsafe(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Splits `text` into runs of safe, valid UTF-8, each given to `keep(std::string_view)`, and
// single unsafe characters or invalid bytes, each given to `escape(const Decoded&)`.
template <typename Keep, typename Escape>
void for_each_piece(std::string_view text, Keep&& keep, Escape&& escape) {
  std::size_t run = 0;
  for (std::size_t at = 0; at < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[at]);
    if (lead >= 0x20 && lead < 0x7F) {  // printable ASCII: the common case, no decoding
      ++at;
      continue;
    }
    const Decoded d = decode(text, at);
    if (d.valid && !is_unsafe(d.code_point)) {
      at += d.size;
      continue;
    }
    if (at > run) keep(text.substr(run, at - run));
    escape(d);
    at += d.size;
    run = at;
  }
  if (run < text.size()) keep(text.substr(run));
}

// Whether `text` is valid UTF-8 holding no unsafe character.
inline bool is_safe(std::string_view text) {
  bool safe = true;
  for_each_piece(
      text, [](std::string_view) {}, [&](const Decoded&) { safe = false; });
  return safe;
}

// The escape people read in a terminal or a log: `\n`, `\r`, `\t`, `\x1b` for the other C0
// controls and DEL, `\u009b` for C1 controls and the other unsafe characters, U+FFFD for a byte
// that is not UTF-8.
inline void append_visible_escape(std::string& out, const Decoded& d) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (!d.valid) {
    out += kReplacementBytes;
    return;
  }
  switch (d.code_point) {
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      break;
  }
  const char32_t cp = d.code_point;
  if (cp < 0x80) {
    out += "\\x";
  } else {
    out += "\\u";
    out += kHex[(cp >> 12) & 0xF];
    out += kHex[(cp >> 8) & 0xF];
  }
  out += kHex[(cp >> 4) & 0xF];
  out += kHex[cp & 0xF];
}

// `text` with every unsafe character and invalid byte replaced by its visible escape: one line
// of valid UTF-8 that shows what it holds.
inline std::string visible(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_piece(
      text, [&](std::string_view run) { out += run; },
      [&](const Decoded& d) { append_visible_escape(out, d); });
  return out;
}

}  // namespace rolelint::utf8

namespace rolelint {

// Appends code point `cp` to `out` as UTF-8. What is no Unicode scalar value (a surrogate, a
// lone half of a JSON surrogate pair, or past 0x10FFFF from an HCL \U escape) becomes U+FFFD,
// so no escape can put bytes that are not UTF-8 into the model and the reports.
inline void append_utf8(std::string& out, std::uint32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

}  // namespace rolelint
