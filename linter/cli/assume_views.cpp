#include "linter/cli/assume_views.hpp"

#include <optional>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "linter/base/utf8.hpp"
#include "linter/cli/cli.hpp"
#include "linter/model/arn.hpp"
#include "linter/model/assume_graph.hpp"
#include "linter/output/graph.hpp"
#include "linter/output/output.hpp"
#include "parsers/policy/aws_managed_documents.hpp"

namespace rolelint::cli {
namespace {

using model::Identity;

std::string label(const Identity& identity) {
  return identity.origin->label(model::kind_name(identity.kind));
}

// Whether `text`, an ARN, names `identity`: its type, path and name, and its account when known.
bool arn_names(const model::Arn& arn, const Identity& identity, const model::Entities& entities) {
  const auto resource = arn.resource.known();
  const auto account = arn.account.known();
  const auto name = identity.name->known();
  if (!resource || !account || !name) return false;
  const bool user = identity.kind == model::EntityKind::User,
             role = identity.kind == model::EntityKind::Role;
  if (!user && !role) return false;
  const auto path =
      identity.path && identity.path->present() ? identity.path->known() : std::string_view("/");
  if (!path) return false;
  if (*resource != str_cat(user ? "user" : "role", *path, *name)) return false;
  const std::string& in = entities.account_of(*identity.origin);
  return in.empty() || in == *account;
}

// Every identity `text` names: by logical id or address, by name, or by ARN.
std::vector<Identity> identities_named(const model::Entities& entities, std::string_view text) {
  std::vector<Identity> all;
  const model::Model& m = entities.model();
  for (const model::User& u : m.users) all.push_back(Identity::of(u));
  for (const model::Group& g : m.groups) all.push_back(Identity::of(g));
  for (const model::Role& r : m.roles) all.push_back(Identity::of(r));
  for (const model::PermissionSet& p : m.permission_sets) all.push_back(Identity::of(p));
  const std::optional<model::Arn> arn =
      text.starts_with("arn:") ? model::parse_arn(text) : std::nullopt;
  std::vector<Identity> out;
  for (const Identity& identity : all) {
    const bool named = arn ? arn_names(*arn, identity, entities)
                           : identity.origin->source_id == text || identity.name->known() == text;
    if (named) out.push_back(identity);
  }
  return out;
}

// The one identity `text` names, or the usage error on `err`.
std::optional<Identity> one_named(const model::Entities& entities, const LintResult& result,
                                  std::string_view what, std::string_view text, bool role_only,
                                  std::ostream& err) {
  std::vector<Identity> found = identities_named(entities, text);
  if (role_only)
    std::erase_if(found, [](const Identity& i) { return i.kind != model::EntityKind::Role; });
  if (found.size() == 1) return found.front();
  err << "rolelint: error: --why: " << what << " '" << utf8::visible(text) << "' "
      << (found.empty()
              ? str_cat(
                    "names no ", role_only ? "role" : "user, group, role or permission set",
                    " of the linted files (give a logical id, Terraform address, name or ARN)\n")
              : str_cat("names ", found.size(),
                        " identities; name one by its logical id, address or ARN:\n"));
  for (const Identity& identity : found) {
    const ResolvedSpan at = resolve(result, identity.origin->span);
    err << "  " << utf8::visible(result.files[identity.origin->file].path) << ':' << at.begin.line
        << ':' << at.begin.column << ": " << utf8::visible(label(identity)) << '\n';
  }
  return std::nullopt;
}

int why(const AssumeView& view, const LintResult& result, const model::Entities& entities,
        const model::ConsoleIntents& console, std::ostream& out, std::ostream& err) {
  const auto caller = one_named(entities, result, "CALLER", view.caller, false, err);
  const auto role =
      caller ? one_named(entities, result, "ROLE", view.role, true, err) : std::nullopt;
  if (!caller || !role) return kExitUsage;
  const model::AssumeCheck check = model::check_assume(entities, console, *caller, *role->role);
  output::write_why(out, result, label(*caller), label(*role), check);
  if (!result.errors.empty()) return kExitUsage;
  switch (check.verdict) {
    case model::Verdict::Allowed:
      return kExitClean;
    case model::Verdict::Denied:
      return kExitFindings;
    default:
      return kExitUsage;
  }
}

}  // namespace

bool parse_graph_format(std::string_view text, GraphFormat& out) {
  if (text == "dot")
    out = GraphFormat::Dot;
  else if (text == "mermaid")
    out = GraphFormat::Mermaid;
  else if (text == "json")
    out = GraphFormat::Json;
  else
    return false;
  return true;
}

int write_assume_view(const AssumeView& view, const LintResult& result, std::ostream& out,
                      std::ostream& err) {
  output::write_text_errors(err, result);
  output::write_text_notes(err, result);
  const model::Entities entities(result.model, &policy::aws_managed_documents());
  const model::ConsoleIntents console(entities);
  if (view.kind == AssumeView::Kind::Why) return why(view, result, entities, console, out, err);
  const model::AssumeGraph graph = model::assume_graph(entities, console);
  switch (view.format) {
    case GraphFormat::Dot:
      output::write_graph_dot(out, result, graph);
      break;
    case GraphFormat::Mermaid:
      output::write_graph_mermaid(out, result, graph);
      break;
    case GraphFormat::Json:
      output::write_graph_json(out, result, graph);
      break;
  }
  return result.errors.empty() ? kExitClean : kExitUsage;
}

}  // namespace rolelint::cli
