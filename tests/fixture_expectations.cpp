#include "tests/fixture_expectations.hpp"

#include <cctype>

namespace rolelint::testing {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The start of a comment on a line, or npos: `#` or `//` outside double-quoted strings.
std::size_t comment_start(std::string_view line, bool hash, bool slashes) {
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (hash && c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return i;
    } else if (slashes && c == '/' && i + 1 < line.size() && line[i + 1] == '/') {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<Expectation> parse_expectation(std::string_view spec, std::string& problem) {
  Expectation e;
  spec = trim(spec);
  std::size_t i = 0;
  while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) {
    e.column = e.column * 10 + static_cast<std::uint32_t>(spec[i] - '0');
    ++i;
  }
  if (i > 0) spec = trim(spec.substr(i));
  if (spec.size() < 5 || spec.substr(0, 2) != "RL" ||
      !std::isdigit(static_cast<unsigned char>(spec[2])) ||
      !std::isdigit(static_cast<unsigned char>(spec[3])) ||
      !std::isdigit(static_cast<unsigned char>(spec[4]))) {
    problem = "expected a rule id like RL101 after 'expect:'";
    return std::nullopt;
  }
  e.rule_id = std::string(spec.substr(0, 5));
  spec = trim(spec.substr(5));
  if (!spec.empty()) {
    if (spec.front() != '"' || spec.size() < 2 || spec.back() != '"') {
      problem = "expected a \"quoted message substring\" after the rule id";
      return std::nullopt;
    }
    e.substring = std::string(spec.substr(1, spec.size() - 2));
  }
  return e;
}

ParsedFixture parse_fixture(std::string_view text, bool json, bool hcl) {
  ParsedFixture out;
  out.text = std::string(text);
  std::vector<Expectation> pending;  // own-line expectations waiting for their line
  std::uint32_t line_no = 0;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    ++line_no;
    const std::string_view line = text.substr(begin, end - begin);
    const std::size_t comment = comment_start(line, !json, json || hcl);
    bool own_line_expectation = false;
    if (comment != std::string_view::npos) {
      const std::string_view body = line.substr(comment);
      // `expect-next:` (own line only) targets the very next line even when it is a comment:
      // the findings of suppression rules are on comment lines.
      const std::size_t next_at = body.find("expect-next:");
      const std::size_t at = next_at != std::string_view::npos ? next_at : body.find("expect:");
      if (at != std::string_view::npos) {
        std::string problem;
        auto e = parse_expectation(body.substr(at + (next_at != std::string_view::npos ? 12 : 7)),
                                   problem);
        if (!e) {
          out.problems.push_back("line " + std::to_string(line_no) + ": " + problem);
        } else {
          e->written_on = line_no;
          if (trim(line.substr(0, comment)).empty() && next_at != std::string_view::npos) {
            own_line_expectation = true;
            e->line = line_no + 1;
            out.expectations.push_back(*e);
          } else if (next_at != std::string_view::npos) {
            out.problems.push_back("line " + std::to_string(line_no) +
                                   ": expect-next: must be on a line of its own");
          } else if (trim(line.substr(0, comment)).empty()) {
            own_line_expectation = true;
            pending.push_back(*e);
          } else {
            e->line = line_no;
            out.expectations.push_back(*e);
          }
        }
      }
      if (json) {
        for (std::size_t k = begin + comment; k < end; ++k) out.text[k] = ' ';
      }
    }
    if (!own_line_expectation && !pending.empty() && !trim(line).empty() &&
        !(comment != std::string_view::npos && trim(line.substr(0, comment)).empty())) {
      for (Expectation& p : pending) {
        p.line = line_no;
        out.expectations.push_back(p);
      }
      pending.clear();
    }
    if (end == text.size()) break;
    begin = end + 1;
  }
  for (const Expectation& p : pending) {
    out.problems.push_back("line " + std::to_string(p.written_on) +
                           ": expectation has no line after it");
  }
  return out;
}

}  // namespace rolelint::testing
