#include "linter/catalog/action_catalog.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "linter/base/suggest.hpp"
#include "linter/base/text.hpp"
#include "linter/catalog/action_catalog_data.hpp"
#include "linter/catalog/catalog_hash.hpp"

namespace rolelint::catalog {
namespace {

using rolelint::ascii_lower;

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Case-insensitive three-way comparison.
int icompare(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = ascii_lower(a[i]), y = ascii_lower(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// A condition key spelled with ${...} placeholders matches any text in their place.
bool key_matches(std::string_view catalog_key, std::string_view key) {
  if (catalog_key.find("${") == std::string_view::npos) return icompare(catalog_key, key) == 0;
  std::string pattern;
  for (std::size_t i = 0; i < catalog_key.size(); ++i) {
    if (catalog_key.substr(i, 2) == "${") {
      const std::size_t close = catalog_key.find('}', i);
      if (close == std::string_view::npos) break;
      pattern += '*';
      i = close;
    } else {
      pattern += catalog_key[i];
    }
  }
  return glob_match_icase(pattern, key);
}

}  // namespace

std::string_view access_level_name(AccessLevel level) {
  switch (level) {
    case AccessLevel::List:
      return "List";
    case AccessLevel::Read:
      return "Read";
    case AccessLevel::Write:
      return "Write";
    case AccessLevel::Tagging:
      return "Tagging";
    case AccessLevel::PermissionsManagement:
      return "Permissions management";
  }
  return "Write";
}

std::span<const Service> services() { return {data::kServices, data::kServiceCount}; }
std::string_view data_version() { return data::kDataVersion; }
std::string_view data_date() { return data::kDataDate; }

// Lookups in the generated hash tables: O(1), with no start-up cost. A binary search with case
// folding had taken a fifth of the rules' time on a large template.
const Service* find_service(std::string_view prefix) {
  const std::size_t mask = data::kServiceSlotsSize - 1;
  for (std::size_t i = name_hash(prefix) & mask;; i = (i + 1) & mask) {
    if (data::kServiceSlots[i] == 0) return nullptr;
    const Service& s = data::kServices[data::kServiceSlots[i] - 1];
    if (icompare(s.prefix, prefix) == 0) return &s;
  }
}

const Action* find_action(std::string_view action) {
  const std::size_t colon = action.find(':');
  if (colon == std::string_view::npos) return nullptr;
  const std::string_view prefix = action.substr(0, colon), name = action.substr(colon + 1);
  const std::size_t mask = data::kActionSlotsSize - 1;
  for (std::size_t i = action_hash(prefix, name) & mask;; i = (i + 1) & mask) {
    if (data::kActionSlots[i] == 0) return nullptr;
    const Service& s = data::kServices[data::kActionSlots[i] - 1];
    const Action& a = s.actions[data::kActionIndex[i]];
    // Templates mostly spell actions as the catalog does: an exact comparison first.
    const bool same = (a.name == name && s.prefix == prefix) ||
                      (icompare(a.name, name) == 0 && icompare(s.prefix, prefix) == 0);
    if (same) return &a;
  }
}

namespace {

// The part of a glob before its first wildcard: every match starts with it.
std::string_view literal_prefix(std::string_view glob) {
  return glob.substr(0, std::min(first_wildcard(glob), glob.size()));
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && icompare(text.substr(0, prefix.size()), prefix) == 0;
}

// The elements of a case-insensitively sorted range whose key starts with the glob's literal
// prefix: a binary search instead of a scan of the whole catalog (thousands of actions).
template <typename T, typename Key>
std::span<const T> candidates(std::span<const T> sorted, std::string_view glob, Key key) {
  const std::string_view prefix = literal_prefix(glob);
  auto first =
      std::lower_bound(sorted.begin(), sorted.end(), prefix,
                       [&](const T& x, std::string_view p) { return icompare(key(x), p) < 0; });
  auto last = first;
  while (last != sorted.end() && istarts_with(key(*last), prefix)) ++last;
  return {first, last};
}

// The longest run of literal characters in a glob, lowercased: every match contains it.
std::string longest_literal(std::string_view glob) {
  std::string_view best;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= glob.size(); ++i) {
    if (i == glob.size() || glob[i] == '*' || glob[i] == '?') {
      if (i - start > best.size()) best = glob.substr(start, i - start);
      start = i + 1;
    }
  }
  return lowered(best);
}

// Per service, the actions whose (lowercased) name holds each pair of characters, in catalog
// order: a pattern with no literal prefix (`s3:*object*`) takes its candidates from the
// shortest list among its longest literal run's pairs, instead of matching every action.
using PairIndex = std::unordered_map<std::uint16_t, std::vector<std::uint32_t>>;

std::uint16_t char_pair(char a, char b) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(a) << 8 |
                                    static_cast<unsigned char>(b));
}

// Built on first use, service by service (a policy names a few of the 400 services).
const PairIndex& pair_index(const Service& s) {
  static std::vector<PairIndex> indexes(services().size());
  static std::vector<std::once_flag> built(services().size());
  const auto i = static_cast<std::size_t>(&s - services().data());
  std::call_once(built[i], [&] {
    for (std::size_t k = 0; k < s.actions.size(); ++k) {
      const std::string name = lowered(s.actions[k].name);
      for (std::size_t c = 0; c + 1 < name.size(); ++c) {
        std::vector<std::uint32_t>& list = indexes[i][char_pair(name[c], name[c + 1])];
        if (list.empty() || list.back() != k) list.push_back(static_cast<std::uint32_t>(k));
      }
    }
  });
  return indexes[i];
}

// Calls `fn(action)` for every action of `s` whose name matches `name_pattern`, in catalog
// order, until it returns false; returns false when `fn` did.
template <typename Fn>
bool for_each_action_match(const Service& s, std::string_view name_pattern, Fn& fn) {
  const std::string literal = longest_literal(name_pattern);
  if (!literal_prefix(name_pattern).empty() || literal.size() < 2) {
    for (const Action& a :
         candidates(s.actions, name_pattern, [](const Action& x) { return x.name; })) {
      if (glob_match_icase(name_pattern, a.name) && !fn(a)) return false;
    }
    return true;
  }
  const PairIndex& pairs = pair_index(s);
  const std::vector<std::uint32_t>* shortest = nullptr;
  for (std::size_t c = 0; c + 1 < literal.size(); ++c) {
    const auto it = pairs.find(char_pair(literal[c], literal[c + 1]));
    if (it == pairs.end()) return true;  // no name holds this pair: nothing matches
    if (!shortest || it->second.size() < shortest->size()) shortest = &it->second;
  }
  for (const std::uint32_t k : *shortest) {
    if (glob_match_icase(name_pattern, s.actions[k].name) && !fn(s.actions[k])) return false;
  }
  return true;
}

// Calls `fn(service, action)` for every action the pattern matches, in catalog order, until it
// returns false.
template <typename Fn>
void for_each_match(std::string_view pattern, Fn fn) {
  const std::size_t colon = pattern.find(':');
  // Without a colon only "*" (any number of stars) matches: every action.
  if (colon == std::string_view::npos && pattern.find_first_not_of('*') != std::string_view::npos)
    return;
  const std::string_view service_pattern =
      colon == std::string_view::npos ? "*" : pattern.substr(0, colon);
  const std::string_view name_pattern =
      colon == std::string_view::npos ? "*" : pattern.substr(colon + 1);
  for (const Service& s :
       candidates(services(), service_pattern, [](const Service& x) { return x.prefix; })) {
    if (!glob_match_icase(service_pattern, s.prefix)) continue;
    auto on_action = [&](const Action& a) { return fn(s, a); };
    if (!for_each_action_match(s, name_pattern, on_action)) return;
  }
}

}  // namespace

std::vector<std::pair<const Service*, const Action*>> matching_actions(std::string_view pattern) {
  std::vector<std::pair<const Service*, const Action*>> out;
  for_each_match(pattern, [&](const Service& s, const Action& a) {
    out.emplace_back(&s, &a);
    return true;
  });
  return out;
}

std::size_t count_matches(std::string_view pattern) {
  std::size_t n = 0;
  for_each_match(pattern, [&](const Service&, const Action&) {
    ++n;
    return true;
  });
  return n;
}

bool any_match(std::string_view pattern) {
  bool found = false;
  for_each_match(pattern, [&](const Service&, const Action&) {
    found = true;
    return false;
  });
  return found;
}

namespace {

// The verb an action name starts with: up to its second capital ("List" of "ListBucket").
std::string_view action_verb(std::string_view name) {
  std::size_t end = 1;
  while (end < name.size() && !(name[end] >= 'A' && name[end] <= 'Z')) ++end;
  return name.substr(0, std::min(end, name.size()));
}

}  // namespace

std::string suggest_action(std::string_view action) {
  const std::size_t colon = action.find(':');
  if (colon == std::string_view::npos) return {};
  const std::string_view prefix = action.substr(0, colon);
  const std::string_view name = action.substr(colon + 1);
  const Service* service = find_service(prefix);
  if (!service) {
    // A misspelt service: the closest prefix, keeping the action name when it exists there.
    std::size_t best = suggestion_limit(prefix) + 1;
    const Service* best_service = nullptr;
    for (const Service& s : services()) {
      const std::size_t d = edit_distance(prefix, s.prefix, suggestion_limit(prefix));
      if (d < best) {
        best = d;
        best_service = &s;
      }
    }
    if (!best_service) return {};
    std::string candidate = std::string(best_service->prefix) + ":" + std::string(name);
    if (const Action* a = find_action(candidate))
      return std::string(best_service->prefix) + ":" + std::string(a->name);
    return suggest_action(candidate);
  }
  // An action of another verb does something else (s3:GetObjectVersion for s3:ListObjectVersions):
  // when the word's verb is one of the service's, only actions of that verb are offered.
  const std::string_view verb = action_verb(name);
  const bool known_verb = std::ranges::any_of(
      service->actions, [&](const Action& a) { return iequals(action_verb(a.name), verb); });
  std::size_t best = suggestion_limit(name) + 1;
  const Action* best_action = nullptr;
  for (const Action& a : service->actions) {
    if (known_verb && !iequals(action_verb(a.name), verb)) continue;
    const std::size_t d = edit_distance(name, a.name, suggestion_limit(name));
    if (d < best) {
      best = d;
      best_action = &a;
    }
  }
  if (!best_action) return {};
  return std::string(service->prefix) + ":" + std::string(best_action->name);
}

namespace {

// Every condition key of the catalog, global and per service, for lookups in O(1): exact keys
// lowercased in a hash set, keys with a `${...}` part (`aws:RequestTag/${TagKey}`) as globs
// grouped by their lowercased prefix. Built once, on first use (thread-safe static init).
struct ConditionKeyIndex {
  std::unordered_set<std::string> exact;
  std::unordered_map<std::string, std::vector<std::string_view>> patterns;  // by prefix

  ConditionKeyIndex() {
    auto add = [&](std::string_view k) {
      if (k.find("${") == std::string_view::npos) {
        exact.insert(lowered(k));
      } else {
        patterns[lowered(k.substr(0, k.find(':')))].push_back(k);
      }
    };
    for (std::string_view k : global_condition_keys()) add(k);
    for (const Service& s : services()) {
      for (std::string_view k : s.condition_keys) add(k);
    }
  }
};

const ConditionKeyIndex& condition_key_index() {
  static const ConditionKeyIndex index;
  return index;
}

}  // namespace

bool action_has_condition_key(const Action& action, std::string_view key) {
  const std::span<const std::uint16_t> indices(data::kActionKeys + action.key_begin,
                                               action.key_count);
  return std::any_of(indices.begin(), indices.end(),
                     [&](std::uint16_t i) { return key_matches(data::kConditionKeys[i], key); });
}

bool condition_key_known(std::string_view key) {
  // Web identity and SAML providers' keys (`token.actions.githubusercontent.com:sub`,
  // `gitlab.example.com:aud`) name whatever claims the provider sends: never provably unknown.
  const std::string_view prefix = key.substr(0, key.find(':'));
  if (prefix.find('.') != std::string_view::npos || prefix.find('/') != std::string_view::npos)
    return true;
  const ConditionKeyIndex& index = condition_key_index();
  if (index.exact.contains(lowered(key))) return true;
  const auto it = index.patterns.find(lowered(prefix));
  if (it == index.patterns.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](std::string_view pattern) { return key_matches(pattern, key); });
}

namespace {

// Calls `visit` with every key of the catalog, global keys first.
template <typename Visit>
void each_condition_key(Visit&& visit) {
  for (std::string_view k : global_condition_keys()) visit(k);
  for (const Service& s : services()) {
    for (std::string_view k : s.condition_keys) visit(k);
  }
}

constexpr std::string_view kOperators[] = {"StringEquals",
                                           "StringNotEquals",
                                           "StringEqualsIgnoreCase",
                                           "StringNotEqualsIgnoreCase",
                                           "StringLike",
                                           "StringNotLike",
                                           "NumericEquals",
                                           "NumericNotEquals",
                                           "NumericLessThan",
                                           "NumericLessThanEquals",
                                           "NumericGreaterThan",
                                           "NumericGreaterThanEquals",
                                           "DateEquals",
                                           "DateNotEquals",
                                           "DateLessThan",
                                           "DateLessThanEquals",
                                           "DateGreaterThan",
                                           "DateGreaterThanEquals",
                                           "Bool",
                                           "BinaryEquals",
                                           "IpAddress",
                                           "NotIpAddress",
                                           "ArnEquals",
                                           "ArnLike",
                                           "ArnNotEquals",
                                           "ArnNotLike",
                                           "Null"};

}  // namespace

std::string suggest_condition_key(std::string_view key) {
  const std::size_t colon = key.find(':');
  const std::string_view name = colon == std::string_view::npos ? key : key.substr(colon + 1);
  std::string same_name, closest;
  std::size_t best = suggestion_limit(key) + 1;
  each_condition_key([&](std::string_view k) {
    if (k.find("${") != std::string_view::npos) return;
    const std::size_t c = k.find(':');
    if (same_name.empty() && c != std::string_view::npos && icompare(k.substr(c + 1), name) == 0) {
      same_name = std::string(k);
    }
    const std::size_t d = edit_distance(key, k, suggestion_limit(key));
    if (d < best) {
      best = d;
      closest = std::string(k);
    }
  });
  return same_name.empty() ? closest : same_name;
}

bool condition_operator_known(std::string_view op) {
  if (const std::size_t colon = op.find(':'); colon != std::string_view::npos) {
    const std::string_view set = op.substr(0, colon);
    if (set != "ForAllValues" && set != "ForAnyValue") return false;
    op.remove_prefix(colon + 1);
  }
  constexpr std::string_view kIfExists = "IfExists";
  if (op.size() > kIfExists.size() && op.ends_with(kIfExists)) {
    op.remove_suffix(kIfExists.size());
    if (op == "Null") return false;  // Null has no IfExists form
  }
  for (std::string_view known : kOperators) {
    if (op == known) return true;  // operators are case-sensitive
  }
  return false;
}

std::string suggest_condition_operator(std::string_view op) {
  std::string prefix;
  if (const std::size_t colon = op.find(':'); colon != std::string_view::npos) {
    prefix = std::string(op.substr(0, colon + 1));
    op.remove_prefix(colon + 1);
    for (std::string_view set :
         {std::string_view("ForAllValues:"), std::string_view("ForAnyValue:")}) {
      if (edit_distance(prefix, set, 3) <= 3) prefix = std::string(set);
    }
  }
  std::size_t best = suggestion_limit(op) + 1;
  std::string closest;
  for (std::string_view known : kOperators) {
    for (std::string_view suffix : {std::string_view(), std::string_view("IfExists")}) {
      if (known == "Null" && !suffix.empty()) continue;
      const std::string candidate = std::string(known) + std::string(suffix);
      const std::size_t d = edit_distance(op, candidate, suggestion_limit(op));
      if (d < best) {
        best = d;
        closest = candidate;
      }
    }
  }
  if (closest.empty()) return {};
  return prefix + closest;
}

}  // namespace rolelint::catalog
