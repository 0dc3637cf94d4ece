#include "linter/model/policy_size.hpp"

#include <algorithm>
#include <limits>
#include <string_view>
#include <vector>

namespace rolelint::model {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A JSON string's characters without white space: UTF-8 continuation bytes are part of the
// character before them; `"` and `\` are escaped (two characters).
std::size_t text_size(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (is_space(c) || (byte & 0xC0) == 0x80) continue;
    n += (c == '"' || c == '\\') ? 2 : 1;
  }
  return n;
}

// A string value with its quotes: the least of its alternatives; holes count nothing.
std::size_t value_size(const Value& value) {
  std::size_t least = value.options().empty() ? 0 : std::numeric_limits<std::size_t>::max();
  for (const Template& option : value.options()) {
    std::size_t n = 0;
    for (const Part& part : option.parts()) {
      if (!part.is_hole()) n += text_size(part.text);
    }
    least = std::min(least, n);
  }
  return least + 2;
}

// `"key":`
std::size_t key_size(std::string_view key) { return text_size(key) + 3; }

// Items joined by commas, in brackets unless there is exactly one.
template <class Items, class Size>
std::size_t list_size(const Items& items, Size&& size) {
  std::size_t n = 0;
  for (const auto& item : items) n += size(item);
  if (items.size() == 1) return n;
  return n + 2 + (items.empty() ? 0 : items.size() - 1);
}

std::size_t values_size(const ValueList& list) { return list_size(list.values, value_size); }

std::size_t principal_size(const Statement& s) {
  if (s.principals.size() == 1 && s.principals.front().type == PrincipalType::Star)
    return 3;  // "*"
  std::size_t n = 2 + (s.principals.empty() ? 0 : s.principals.size() - 1);
  for (const Principal& p : s.principals) n += key_size(p.type_name) + values_size(p.ids);
  return n;
}

std::size_t condition_size(const Statement& s) {
  // {"Op":{"key":values,...},...}: entries of one operator share its object.
  std::size_t n = 2;
  std::vector<std::string_view> ops;
  for (const ConditionEntry& e : s.conditions) {
    if (std::find(ops.begin(), ops.end(), e.op) == ops.end()) ops.push_back(e.op);
  }
  n += ops.empty() ? 0 : ops.size() - 1;
  for (std::string_view op : ops) {
    std::size_t keys = 0;
    n += key_size(op) + 2;
    for (const ConditionEntry& e : s.conditions) {
      if (e.op != op) continue;
      n += (keys++ ? 1 : 0) + key_size(e.key) + values_size(e.values);
    }
  }
  return n;
}

std::size_t statement_size(const Statement& s) {
  std::size_t n = 2, fields = 0;
  auto field = [&](std::string_view key, std::size_t size) {
    n += (fields++ ? 1 : 0) + key_size(key) + size;
  };
  if (s.sid.present()) field("Sid", value_size(s.sid));
  if (s.effect.present()) field("Effect", value_size(s.effect));
  if (s.has_principal) field(s.not_principal ? "NotPrincipal" : "Principal", principal_size(s));
  if (s.has_action) field(s.not_action ? "NotAction" : "Action", values_size(s.actions));
  if (s.has_resource) field(s.not_resource ? "NotResource" : "Resource", values_size(s.resources));
  if (s.has_condition) field("Condition", condition_size(s));
  return n;
}

}  // namespace

std::size_t policy_size_at_least(const PolicyDocument& document) {
  if (!document.present) return 0;
  std::size_t n = 2;
  bool comma = false;
  if (document.version.present()) {
    n += key_size("Version") + value_size(document.version);
    comma = true;
  }
  if (!document.statements.empty()) {
    // A statement in the document once per branch of its Condition (Statement::variant) is one
    // statement of each deployment: the smallest of its copies.
    std::vector<std::size_t> sizes;
    for (const Statement& s : document.statements) {
      const std::size_t size = statement_size(s);
      if (s.variant > 0 && !sizes.empty())
        sizes.back() = std::min(sizes.back(), size);
      else
        sizes.push_back(size);
    }
    n += (comma ? 1 : 0) + key_size("Statement") +
         list_size(sizes, [](std::size_t size) { return size; });
  }
  return n;
}

}  // namespace rolelint::model
