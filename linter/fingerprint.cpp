#include "linter/fingerprint.hpp"

#include <cstdint>
#include <map>
#include <string_view>

namespace rolelint {
namespace {

// 64-bit FNV-1a: small, stable across platforms and releases (the fingerprint is stored in
// baselines and code-scanning databases, so it must never change for the same input).
class Fnv1a {
 public:
  void add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ull;
    }
  }
  void field(std::string_view bytes) {
    add(bytes);
    add(std::string_view("\0", 1));  // separator: ("ab","c") and ("a","bc") differ
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ull;
};

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string hex(std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4)
    out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
  return out;
}

}  // namespace

std::vector<std::string> fingerprints(const LintResult& result) {
  std::vector<std::string> paths;
  paths.reserve(result.files.size());
  for (const SourceFile& file : result.files) paths.push_back(file.path);
  return fingerprints(result, paths);
}

std::vector<std::string> fingerprints(const LintResult& result,
                                      std::span<const std::string> paths) {
  std::vector<std::string> out;
  out.reserve(result.findings.size());
  std::map<std::uint64_t, unsigned> seen;
  for (const Finding& f : result.findings) {
    Fnv1a h;
    h.field(f.rule_id);
    std::string_view text;
    if (f.span.file < result.files.size() && f.span.file < paths.size()) {
      const SourceFile& file = result.files[f.span.file];
      h.field(paths[f.span.file]);
      if (f.span.begin <= f.span.end && f.span.end <= file.text.size()) {
        text = std::string_view(file.text).substr(f.span.begin, f.span.end - f.span.begin);
      }
    }
    h.field(f.resource);
    h.field(f.message);
    h.field(collapse_whitespace(text));
    const unsigned occurrence = seen[h.value()]++;
    if (occurrence > 0) h.field(std::to_string(occurrence));
    out.push_back(hex(h.value()));
  }
  return out;
}

}  // namespace rolelint
