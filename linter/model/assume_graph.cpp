#include "linter/model/assume_graph.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "linter/base/str_cat.hpp"

namespace rolelint::model {
namespace {

GraphNode::Kind node_kind(EntityKind kind) {
  switch (kind) {
    case EntityKind::User:
      return GraphNode::Kind::User;
    case EntityKind::Group:
      return GraphNode::Kind::Group;
    case EntityKind::PermissionSet:
      return GraphNode::Kind::PermissionSet;
    default:
      return GraphNode::Kind::Role;
  }
}

class Builder {
 public:
  Builder(const Entities& entities, const ConsoleIntents& console)
      : entities_(entities), console_(console) {}

  void add_model_edges() {
    for (const AssumeEdge& edge : entities_.assume_edges()) add_pair(edge.caller, *edge.role);
  }

  void add_trust_edges() {
    for (const Role& role : entities_.model().roles) {
      for (const Statement& s : role.trust.statements) {
        if (s.is_allow() != Tri::True || s.not_principal) continue;
        for (const Principal& p : s.principals) add_principal(role, s, p);
      }
    }
  }

  AssumeGraph finish() &&;

 private:
  std::uint32_t node_of(const Identity& identity) {
    auto [it, fresh] =
        model_nodes_.try_emplace(identity.origin, static_cast<std::uint32_t>(graph_.nodes.size()));
    if (fresh) {
      GraphNode node;
      node.kind = node_kind(identity.kind);
      node.name = std::string(identity.name->known().value_or(identity.origin->source_id));
      if (identity.kind != EntityKind::PermissionSet)
        node.account = entities_.account_of(*identity.origin);
      node.origin = identity.origin;
      if (identity.role) node.console = console_.of(*identity.role).reason;
      graph_.nodes.push_back(std::move(node));
    }
    return it->second;
  }

  // `unit`: for a principal in the template's own account when that account is not known, the
  // template or module it is written in (two templates' own accounts may differ); else kNoFile.
  std::uint32_t outside_node(GraphNode::Kind kind, std::string name, std::string account,
                             FileId unit = kNoFile) {
    auto [it, fresh] = outside_nodes_.try_emplace(std::tuple(kind, name, account, unit),
                                                  static_cast<std::uint32_t>(graph_.nodes.size()));
    if (fresh) graph_.nodes.push_back({kind, std::move(name), std::move(account), nullptr, {}});
    return it->second;
  }

  void add_pair(const Identity& caller, const Role& role) {
    const std::uint32_t from = node_of(caller), to = node_of(Identity::of(role));
    if (!pairs_.emplace(from, to).second) return;
    add_edge(from, to, check_assume(entities_, console_, caller, role));
  }

  void add_edge(std::uint32_t from, std::uint32_t to, AssumeCheck check) {
    GraphEdge edge{from, to, std::move(check), {}, {}};
    for (const AssumeStep& step : edge.check.steps) {
      if (step.verdict != Verdict::Allowed) continue;
      if (step.kind == StepKind::Grant) edge.grant = step.at;
      if (step.kind == StepKind::Trust) edge.trust = step.at;
    }
    graph_.edges.push_back(std::move(edge));
  }

  void add_principal(const Role& role, const Statement& s, const Principal& p) {
    const std::uint32_t to = node_of(Identity::of(role));
    for (const Value& id : p.ids.values) {
      const std::string shown = id.display();
      if (p.type == PrincipalType::Star || shown == "*") {
        add_outside(outside_node(GraphNode::Kind::Anyone, "*", ""), to, s, Verdict::Unknown,
                    "who calls is not known: anyone's policies may allow it");
      } else if (p.type == PrincipalType::Service) {
        add_outside(outside_node(GraphNode::Kind::Service, shown, ""), to, s,
                    Verdict::NotApplicable, "a service needs no identity policy");
      } else if (p.type == PrincipalType::Federated) {
        add_outside(outside_node(GraphNode::Kind::Federated, shown, ""), to, s,
                    Verdict::NotApplicable, "a federated user needs no identity policy");
      } else if (p.type == PrincipalType::AWS) {
        if (s.covers_action("sts:AssumeRole") == Tri::False) continue;
        if (const std::optional<Identity> caller = entities_.principal_of(id, role.origin)) {
          // AssumeRole does not work across partitions (RL403 reports the ARN): no edge.
          if (!entities_.in_other_partitions(*caller->origin, role.origin)) add_pair(*caller, role);
          continue;
        }
        const PrincipalAccount account =
            id.options().size() == 1 ? principal_account(id.options()[0]) : PrincipalAccount{};
        std::string in = account.kind == PrincipalAccount::Kind::Literal ? account.id
                         : account.kind == PrincipalAccount::Kind::Own
                             ? entities_.account_of(role.origin)
                             : std::string();
        const FileId unit = account.kind == PrincipalAccount::Kind::Own && in.empty()
                                ? entities_.unit_of(role.origin)
                                : kNoFile;
        add_outside(outside_node(GraphNode::Kind::Principal, shown, std::move(in), unit), to, s,
                    Verdict::Unknown, "the caller's policies are not in the linted files");
      }
    }
  }

  void add_outside(std::uint32_t from, std::uint32_t to, const Statement& s, Verdict grant,
                   std::string detail) {
    if (!pairs_.emplace(from, to).second) return;
    add_edge(from, to, check_outside_caller({StepKind::Grant, grant, {}, std::move(detail)}, s));
  }

  const Entities& entities_;
  const ConsoleIntents& console_;
  AssumeGraph graph_;
  std::map<const Origin*, std::uint32_t> model_nodes_;
  std::map<std::tuple<GraphNode::Kind, std::string, std::string, FileId>, std::uint32_t>
      outside_nodes_;
  std::set<std::pair<std::uint32_t, std::uint32_t>> pairs_;
};

AssumeGraph Builder::finish() && {
  std::vector<std::uint32_t> order(graph_.nodes.size());
  std::iota(order.begin(), order.end(), 0);
  auto sort_key = [&](std::uint32_t i) {
    const GraphNode& n = graph_.nodes[i];
    const FileId file = n.origin ? n.origin->file : kNoFile;
    const std::uint32_t at = n.origin ? n.origin->span.begin : 0;
    return std::tuple<const std::string&, GraphNode::Kind, const std::string&, FileId,
                      std::uint32_t>(n.account, n.kind, n.name, file, at);
  };
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return sort_key(a) < sort_key(b); });
  std::vector<std::uint32_t> rank(order.size());
  AssumeGraph out;
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    rank[order[i]] = i;
    out.nodes.push_back(std::move(graph_.nodes[order[i]]));
  }
  for (GraphEdge& e : graph_.edges) {
    e.from = rank[e.from];
    e.to = rank[e.to];
  }
  std::sort(graph_.edges.begin(), graph_.edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
    return std::tie(a.from, a.to) < std::tie(b.from, b.to);
  });
  out.edges = std::move(graph_.edges);
  return out;
}

}  // namespace

std::string_view node_kind_name(GraphNode::Kind kind) {
  switch (kind) {
    case GraphNode::Kind::User:
      return "user";
    case GraphNode::Kind::Group:
      return "group";
    case GraphNode::Kind::Role:
      return "role";
    case GraphNode::Kind::PermissionSet:
      return "permission set";
    case GraphNode::Kind::Principal:
      return "principal";
    case GraphNode::Kind::Service:
      return "service";
    case GraphNode::Kind::Federated:
      return "federated";
    case GraphNode::Kind::Anyone:
      return "anyone";
  }
  return "";
}

AssumeGraph assume_graph(const Entities& entities, const ConsoleIntents& console) {
  Builder builder(entities, console);
  builder.add_model_edges();
  builder.add_trust_edges();
  return std::move(builder).finish();
}

std::string edge_state(const AssumeCheck& check) {
  const AssumeStep* step = check.deciding();
  if (!step) return "works";
  if (step->verdict == Verdict::Unknown) return str_cat("unknown: ", step_name(step->kind));
  switch (step->kind) {
    case StepKind::Grant:
      return "missing grant";
    case StepKind::Trust:
      return "missing trust";
    case StepKind::ServiceControlPolicies:
      return "blocked by SCP";
    case StepKind::ExplicitDeny:
    case StepKind::PermissionsBoundary:
      return "blocked by deny or boundary";
    default:
      return str_cat("blocked: ", step_name(step->kind));
  }
}

}  // namespace rolelint::model
