#include "linter/config.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "linter/base/suggest.hpp"
#include "linter/catalog/action_catalog.hpp"
#include "linter/model/arn.hpp"
#include "parsers/yaml/yaml_reader.hpp"

namespace rolelint {
namespace {

using tree::Kind;
using tree::NodeId;

// Nothing but blank lines and comments: a configuration not written yet, not an error.
bool only_comments(std::string_view text) {
  std::size_t line = 0;
  while (line < text.size()) {
    const std::size_t end = std::min(text.find('\n', line), text.size());
    const std::size_t first = text.find_first_not_of(" \t\r", line);
    if (first < end && text[first] != '#') return false;
    line = end + 1;
  }
  return true;
}

}  // namespace

std::optional<std::optional<Severity>> Config::rule_setting(std::string_view id,
                                                            std::string_view name) const {
  for (const auto& [rule, setting] : rules) {
    if (rule == id || rule == name) return setting;
  }
  return std::nullopt;
}

namespace {

// One element of a path glob: a character, `?`, `*` (within a segment) or `**` (across them).
struct GlobToken {
  enum class Kind : std::uint8_t { Char, One, Star, Segments } kind;
  char c = 0;
};

std::vector<GlobToken> glob_tokens(std::string_view pattern) {
  std::vector<GlobToken> out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.substr(i).starts_with("**")) {
      out.push_back({GlobToken::Kind::Segments});
      ++i;
      if (i + 1 < pattern.size() && pattern[i + 1] == '/') ++i;  // `**/` may match nothing
    } else if (pattern[i] == '*') {
      out.push_back({GlobToken::Kind::Star});
    } else if (pattern[i] == '?') {
      out.push_back({GlobToken::Kind::One});
    } else {
      out.push_back({GlobToken::Kind::Char, pattern[i]});
    }
  }
  return out;
}

}  // namespace

// A simulation of the pattern's automaton, one path character at a time: every state that is
// still possible is kept, so the time is (pattern length) x (path length), with no backtracking.
// State 2k: before token k (token k may start here). State 2k+1: inside the `**` of token k, in
// the middle of a segment (it may end only after a slash).
bool path_glob_match(std::string_view pattern, std::string_view path) {
  const std::vector<GlobToken> tokens = glob_tokens(pattern);
  const std::size_t n = tokens.size();
  std::vector<char> now(2 * n + 2, 0), next(2 * n + 2, 0);
  // Adds state 2k and what it reaches without reading a character: past a `*`, a `**`.
  auto enter = [&](std::vector<char>& states, std::size_t k) {
    for (; !states[2 * k]; ++k) {
      states[2 * k] = 1;
      if (k == n || tokens[k].kind == GlobToken::Kind::Char ||
          tokens[k].kind == GlobToken::Kind::One)
        break;
    }
  };
  enter(now, 0);
  for (const char c : path) {
    std::fill(next.begin(), next.end(), 0);
    // `**` reads any character; after a slash it may end.
    auto in_segments = [&](std::size_t k) {
      if (c == '/') {
        enter(next, k);
      } else {
        next[2 * k + 1] = 1;
      }
    };
    for (std::size_t k = 0; k < n; ++k) {
      const GlobToken& t = tokens[k];
      if (now[2 * k]) {
        switch (t.kind) {
          case GlobToken::Kind::Char:
            if (c == t.c) enter(next, k + 1);
            break;
          case GlobToken::Kind::One:
            if (c != '/') enter(next, k + 1);
            break;
          case GlobToken::Kind::Star:
            if (c != '/') enter(next, k);
            break;
          case GlobToken::Kind::Segments:
            in_segments(k);
            break;
        }
      }
      if (now[2 * k + 1]) in_segments(k);
    }
    if (std::find(next.begin(), next.end(), 1) == next.end()) return false;
    now.swap(next);
  }
  // The end of the pattern, or a trailing `**` in the middle of a segment.
  return now[2 * n] ||
         (n > 0 && tokens[n - 1].kind == GlobToken::Kind::Segments && now[2 * (n - 1) + 1]);
}

namespace {

// `file` relative to the configuration's directory, for its globs.
std::string relative_to(const std::string& dir, std::string_view file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path absolute_file = fs::absolute(fs::path(file), ec).lexically_normal();
  const fs::path absolute_dir = fs::absolute(fs::path(dir), ec).lexically_normal();
  return absolute_file.lexically_relative(absolute_dir).generic_string();
}

}  // namespace

std::string Config::deploy_account(std::string_view file) const {
  const std::string relative = relative_to(dir, file);
  for (const auto& [glob, account] : deploy_accounts) {
    if (path_glob_match(glob, relative) || path_glob_match(glob + "/**", relative)) return account;
  }
  return {};
}

bool Config::excluded(std::string_view file) const {
  const std::string relative = relative_to(dir, file);
  for (const std::string& glob : exclude) {
    if (path_glob_match(glob, relative) || path_glob_match(glob + "/**", relative)) return true;
  }
  return false;
}

namespace {

constexpr std::string_view kKeys[] = {"rules",   "accounts", "deploy-accounts", "console-roles",
                                      "exclude", "quotas",   "known-actions"};

// The quotas of `quotas:` by name (model::Quotas has their defaults, model::kQuotaMaxima the most
// AWS raises each to).
struct QuotaKey {
  std::string_view name;
  std::size_t model::Quotas::*field;
};
constexpr QuotaKey kQuotaKeys[] = {
    {"trust-policy-size", &model::Quotas::trust_policy},
    {"role-inline-policies-size", &model::Quotas::role_inline},
    {"user-inline-policies-size", &model::Quotas::user_inline},
    {"group-inline-policies-size", &model::Quotas::group_inline},
    {"managed-policy-size", &model::Quotas::managed_policy},
    {"managed-policies-per-role", &model::Quotas::role_attached},
    {"managed-policies-per-user", &model::Quotas::user_attached},
    {"managed-policies-per-group", &model::Quotas::group_attached},
};

// "service:Action": a service prefix and an action name, without wildcards.
bool is_action_name(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  const auto ok = [](std::string_view part, bool service) {
    return std::all_of(part.begin(), part.end(), [&](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || (service && c == '-');
    });
  };
  return ok(text.substr(0, colon), true) && ok(text.substr(colon + 1), false);
}

// "; did you mean 'x'?" for the closest candidate, or `otherwise` when none is close.
template <typename Candidates>
std::string did_you_mean(std::string_view word, const Candidates& candidates,
                         std::string_view otherwise = {}) {
  Closest closest(word);
  for (std::string_view c : candidates) closest.offer(c);
  if (closest.best().empty()) return std::string(otherwise);
  return str_cat("; did you mean '", closest.best(), "'?");
}

// Reads one configuration mapping into a Config, collecting every problem rather than stopping
// at the first.
class ConfigReader {
 public:
  ConfigReader(const tree::Tree& t, const ConfigRules& rules, ConfigParse& out)
      : t_(t), rules_(rules), out_(out) {}

  void read(NodeId root) {
    const tree::Node& top = t_.at(root);
    for (std::size_t i = 0; i < top.count(); ++i) {
      const std::string_view key = t_.key(root, i);
      const NodeId value = t_.items(root)[i];
      if (key == "rules") {
        rules(value);
      } else if (key == "accounts") {
        accounts(value);
      } else if (key == "deploy-accounts") {
        deploy_accounts(value);
      } else if (key == "console-roles") {
        strings(value, out_.config.console_roles);
      } else if (key == "exclude") {
        strings(value, out_.config.exclude);
      } else if (key == "quotas") {
        quotas(value);
      } else if (key == "known-actions") {
        known_actions(value);
      } else {
        error(t_.key_span(root, i).begin,
              str_cat("unknown key '", key, "'",
                      did_you_mean(key, kKeys,
                                   " (rules, accounts, deploy-accounts, console-roles, exclude, "
                                   "quotas, known-actions)")));
      }
    }
  }

 private:
  void error(std::uint32_t offset, std::string message) {
    out_.errors.push_back(ParseError{offset, std::move(message)});
  }

  void rules(NodeId value) {
    const tree::Node& v = t_.at(value);
    if (v.kind != Kind::Map)
      return error(v.span.begin, "'rules' must map rule ids to off, error, warning or info");
    for (std::size_t r = 0; r < v.count(); ++r) {
      const std::string_view rule = t_.key(value, r);
      if (!rules_.known(rule)) {
        error(t_.key_span(value, r).begin,
              str_cat("unknown rule '", rule, "'", did_you_mean(rule, rules_.names)));
        continue;
      }
      const tree::Node& setting = t_.at(t_.items(value)[r]);
      Severity severity{};
      if (setting.kind == Kind::Scalar && (setting.text() == "off" || setting.text() == "false")) {
        out_.config.rules.emplace_back(rule, std::nullopt);
      } else if (setting.kind == Kind::Scalar && parse_severity(setting.text(), severity)) {
        out_.config.rules.emplace_back(rule, severity);
      } else {
        error(setting.span.begin,
              str_cat("rule '", rule, "': expected off, error, warning or info"));
      }
    }
  }

  // Whether the node is a list; reports it when not.
  bool list(NodeId id) {
    if (t_.at(id).kind == Kind::Seq) return true;
    error(t_.at(id).span.begin, "expected a list");
    return false;
  }

  // The string of a list item; reports it when it is not one.
  const tree::Node* string_item(NodeId item) {
    if (t_.at(item).kind == Kind::Scalar) return &t_.at(item);
    error(t_.at(item).span.begin, "expected a string");
    return nullptr;
  }

  void strings(NodeId value, std::vector<std::string>& out) {
    if (!list(value)) return;
    for (NodeId item : t_.items(value)) {
      if (const tree::Node* n = string_item(item)) out.emplace_back(n->text());
    }
  }

  void accounts(NodeId value) {
    if (!list(value)) return;
    for (NodeId item : t_.items(value)) {
      const tree::Node* n = string_item(item);
      if (!n) continue;
      if (!model::is_account_id(n->text())) {
        error(n->span.begin, str_cat("'", n->text(), "' is not a 12-digit account id (quote it)"));
        continue;
      }
      out_.config.accounts.emplace_back(n->text());
    }
  }

  void deploy_accounts(NodeId value) {
    const tree::Node& v = t_.at(value);
    if (v.kind != Kind::Map)
      return error(v.span.begin, "'deploy-accounts' must map path globs to account ids");
    for (std::size_t d = 0; d < v.count(); ++d) {
      const tree::Node& account = t_.at(t_.items(value)[d]);
      if (account.kind != Kind::Scalar || !model::is_account_id(account.text())) {
        error(account.span.begin, "expected a 12-digit account id (quote it)");
        continue;
      }
      out_.config.deploy_accounts.emplace_back(t_.key(value, d), account.text());
    }
  }

  void quotas(NodeId value) {
    const tree::Node& v = t_.at(value);
    if (v.kind != Kind::Map) return error(v.span.begin, "'quotas' must map quota names to numbers");
    out_.config.quotas_set = true;
    for (std::size_t q = 0; q < v.count(); ++q) {
      const std::string_view name = t_.key(value, q);
      const QuotaKey* quota = nullptr;
      for (const QuotaKey& k : kQuotaKeys) {
        if (k.name == name) quota = &k;
      }
      if (!quota) {
        std::vector<std::string_view> names;
        for (const QuotaKey& k : kQuotaKeys) names.push_back(k.name);
        error(t_.key_span(value, q).begin,
              str_cat("unknown quota '", name, "'", did_you_mean(name, names)));
        continue;
      }
      const tree::Node& n = t_.at(t_.items(value)[q]);
      const std::size_t least = model::Quotas{}.*quota->field;
      const std::size_t most = model::kQuotaMaxima.*quota->field;
      std::size_t number = 0;
      const bool digits = n.kind == Kind::Scalar && !n.text().empty() && n.text().size() < 10 &&
                          std::all_of(n.text().begin(), n.text().end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
      if (digits) number = std::stoul(std::string(n.text()));
      if (!digits || number < least || number > most) {
        error(n.span.begin,
              least == most ? str_cat("quota '", name, "' is ", least, ": AWS does not raise it")
                            : str_cat("quota '", name, "' must be a number from AWS's default of ",
                                      least, " to its maximum of ", most));
        continue;
      }
      out_.config.quotas.*quota->field = number;
    }
  }

  void known_actions(NodeId value) {
    if (!list(value)) return;
    for (NodeId item : t_.items(value)) {
      const tree::Node* n = string_item(item);
      if (!n) continue;
      if (!is_action_name(n->text())) {
        const std::string close = catalog::suggest_action(n->text());
        error(n->span.begin,
              str_cat("'", n->text(), "' is not an action name 'service:Action' (no wildcards)",
                      close.empty() ? std::string() : str_cat("; did you mean '", close, "'?")));
        continue;
      }
      out_.config.known_actions.emplace_back(n->text());
    }
  }

  const tree::Tree& t_;
  const ConfigRules& rules_;
  ConfigParse& out_;
};

}  // namespace

ConfigParse parse_config_all(std::string_view text, std::string path, const ConfigRules& rules) {
  ConfigParse out;
  Config& config = out.config;
  config.path = std::move(path);
  config.dir = std::filesystem::path(config.path).parent_path().generic_string();
  // push_back, not `= "."`: GCC 12 at -O3 warns falsely (-Wrestrict, its bug 105651) on that.
  if (config.dir.empty()) config.dir.push_back('.');
  if (only_comments(text)) return out;
  tree::Tree t;
  auto root = yaml::read(text, 0, t);
  if (!root.ok()) {
    out.errors.push_back(root.error());
    return out;
  }
  const tree::Node& top = t.at(root.value());
  if (top.kind == Kind::Null) return out;
  if (top.kind != Kind::Map) {
    out.errors.push_back(ParseError{top.span.begin, "the configuration must be a mapping"});
    return out;
  }
  ConfigReader(t, rules, out).read(root.value());
  return out;
}

Result<Config> parse_config(std::string_view text, std::string path,
                            bool (*known_rule)(std::string_view)) {
  ConfigParse parsed = parse_config_all(text, std::move(path), ConfigRules{known_rule, {}});
  if (!parsed.errors.empty()) return std::move(parsed.errors.front());
  return std::move(parsed.config);
}

std::string find_config(std::string_view file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(fs::path(file), ec).parent_path();
  while (!dir.empty()) {
    const fs::path candidate = dir / ".rolelint.yaml";
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return {};
}

}  // namespace rolelint
