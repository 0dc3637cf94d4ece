#pragma once
// Who can assume which role: every caller -> role edge the model defines, with the verdict of
// check_assume for each, for `rolelint --graph`. Callers of the model (users, groups, roles,
// permission sets) come from Entities::assume_edges() and from trust policies naming them;
// callers outside the files (services, federated providers, other accounts' principals, anyone)
// from the roles' trust policies. Deterministic: nodes and edges sorted, whatever the input order.
#include <cstdint>
#include <string>
#include <vector>

#include "linter/model/assume_check.hpp"

namespace rolelint::model {

struct GraphNode {
  enum class Kind : std::uint8_t {
    User,
    Group,
    Role,
    PermissionSet,
    Principal,
    Service,
    Federated,
    Anyone
  };
  Kind kind = Kind::Role;
  std::string name;     // the known name, else the logical id or address; the principal as written
  std::string account;  // the account it is in; "" when not known (or in every assigned account)
  const Origin* origin = nullptr;  // the entity of the model; null for a caller outside the files
  std::string console;             // roles: why it is meant for console use; empty when not
};

struct GraphEdge {
  std::uint32_t from = 0, to = 0;  // node indexes
  AssumeCheck check;               // the evaluation of the pair (see check_assume)
  Span grant, trust;               // the deciding grant and trust statements; invalid when none
};

struct AssumeGraph {
  std::vector<GraphNode> nodes;  // sorted by account, kind, name, file, id
  std::vector<GraphEdge> edges;  // sorted by caller, then role; one per pair
};

// "user", "role", "service", "federated", "principal" (an ARN or account outside the files),
// "anyone"
std::string_view node_kind_name(GraphNode::Kind kind);

// The graph of `entities`' model: one check_assume per caller -> role pair of the model, so
// linear in the pairs (and the callers' policies); a caller outside the files gets the trust step
// only (a service or federated provider needs no grant; another account's policies are not known).
AssumeGraph assume_graph(const Entities& entities, const ConsoleIntents& console);

// What an edge's verdict means, short, for a label: "works", "missing grant", "missing trust",
// "console: ExternalId", "unknown: <detail>".
std::string edge_state(const AssumeCheck& check);

}  // namespace rolelint::model
