// The semantic layer (linter/model/entities.hpp) on models built in code: which policies apply
// to an identity and whether that list is complete, which managed policy or role a reference
// or ARN names, which principal of an account an ARN names, and the caller -> role edges.
#include "linter/model/entities.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/model_builders.hpp"

using namespace rolelint;
using namespace rolelint::test_model;

namespace {

model::ManagedPolicy managed(std::string id, std::string name,
                             std::vector<model::Statement> statements) {
  model::ManagedPolicy mp;
  mp.origin.source_id = std::move(id);
  mp.origin.file = 0;
  if (!name.empty()) mp.name = lit(std::move(name));
  mp.document = document(std::move(statements));
  return mp;
}

model::Group group(std::string id, std::string name, std::vector<model::Statement> statements) {
  model::Group g;
  g.origin.source_id = std::move(id);
  g.origin.file = 0;
  if (!name.empty()) g.name = lit(std::move(name));
  if (!statements.empty()) g.policies.push_back(inline_policy(document(std::move(statements))));
  return g;
}

// "arn:aws:iam::${AWS::AccountId}:policy/<name>"
Value own_account_policy_arn(std::string name) {
  model::Template t("arn:aws:iam::");
  t.append(hole(HoleKind::OwnAccount, "AWS::AccountId"));
  t.append_literal(":policy/" + name);
  return Value::of_template(t, span());
}

// The documents of `policies`, in order.
std::vector<const model::PolicyDocument*> documents(const model::IdentityPolicies& policies) {
  std::vector<const model::PolicyDocument*> out;
  for (const model::AppliedPolicy& p : policies.policies) out.push_back(p.document);
  return out;
}

}  // namespace

TEST_CASE("policies_of a user: its own, its managed ones, and its group's through the group",
          "[entities]") {
  model::Model m;
  m.roles.push_back(role("Admin", "admin"));
  m.users.push_back(user("Alice", {assume_on(lit("arn:aws:iam::111122223333:role/other"))}));
  m.users[0].name = lit("alice");
  m.users[0].groups = list({ref("Operators")});
  m.groups.push_back(group("Operators", "operators", {assume_on(ref("Admin", "Arn"))}));
  m.managed_policies.push_back(managed("Switch", "switch", {assume_on(ref("Admin", "Arn"))}));
  m.groups[0].managed_policy_arns = list({ref("Switch")});

  const model::Entities entities(m);
  const model::IdentityPolicies alice = entities.policies_of(m.users[0]);
  CHECK(alice.complete);
  CHECK(alice.permissions_boundary == nullptr);
  SECTION("a user's permissions boundary is kept apart") {
    m.users[0].permissions_boundary = lit("arn:aws:iam::aws:policy/ReadOnlyAccess");
    CHECK(model::Entities(m).policies_of(m.users[0]).permissions_boundary ==
          &m.users[0].permissions_boundary);
  }
  REQUIRE(alice.policies.size() == 3);
  CHECK(alice.policies[0].document == &m.users[0].policies[0].document);
  CHECK(alice.policies[0].group == nullptr);
  CHECK(alice.policies[0].defined_by == &m.users[0].origin);
  CHECK(alice.policies[1].document == &m.groups[0].policies[0].document);
  CHECK(alice.policies[1].group == &m.groups[0]);
  CHECK(alice.policies[2].document == &m.managed_policies[0].document);
  CHECK(alice.policies[2].group == &m.groups[0]);
  CHECK(alice.policies[2].defined_by == &m.managed_policies[0].origin);
  CHECK(alice.policies[2].certain);

  SECTION("by a membership resource, by the group's name") {
    m.users[0].groups = {};
    model::GroupMembership membership;
    membership.origin.source_id = "AddAlice";
    membership.origin.file = 0;
    membership.group = lit("operators");
    membership.users = list({ref("Alice")});
    m.memberships.push_back(std::move(membership));
    const model::IdentityPolicies by_membership = model::Entities(m).policies_of(m.users[0]);
    CHECK(by_membership.complete);
    CHECK(documents(by_membership) == documents(alice));
  }
  SECTION("a group the model does not define makes the list incomplete") {
    m.users[0].groups = list({lit("auditors")});
    const model::IdentityPolicies unknown_group = model::Entities(m).policies_of(m.users[0]);
    CHECK_FALSE(unknown_group.complete);
    CHECK(unknown_group.policies.size() == 1);
  }
}

TEST_CASE(
    "policies_of finds managed policies by reference, by ARN and by name, and standalone ones "
    "naming it",
    "[entities]") {
  model::Model m;
  m.managed_policies.push_back(managed("ByRef", "", {}));
  m.managed_policies.push_back(managed("ByArn", "switch-admin", {}));
  model::StandalonePolicy naming;
  naming.origin.source_id = "Extra";
  naming.origin.file = 0;
  naming.document = document({});
  naming.users = list({lit("alice")});
  m.policies.push_back(std::move(naming));
  m.users.push_back(user("Alice", {}));
  m.users[0].name = lit("alice");
  m.users[0].managed_policy_arns = list({ref("ByRef"), own_account_policy_arn("switch-admin")});

  const model::Entities entities(m);
  const model::IdentityPolicies alice = entities.policies_of(m.users[0]);
  CHECK(alice.complete);
  CHECK(documents(alice) == std::vector<const model::PolicyDocument*>{
                                &m.users[0].policies[0].document, &m.managed_policies[0].document,
                                &m.managed_policies[1].document, &m.policies[0].document});
  for (const model::AppliedPolicy& p : alice.policies) CHECK(p.certain);

  CHECK(entities.managed_policies_named(ref("ByRef"), m.users[0].origin) ==
        std::vector<const model::ManagedPolicy*>{&m.managed_policies[0]});
  CHECK(
      entities.managed_policies_named(own_account_policy_arn("switch-admin"), m.users[0].origin) ==
      std::vector<const model::ManagedPolicy*>{&m.managed_policies[1]});
  CHECK(entities.managed_policies_named(lit("arn:aws:iam::111122223333:policy/switch-admin"),
                                        m.users[0].origin) ==
        std::vector<const model::ManagedPolicy*>{&m.managed_policies[1]});
  CHECK(entities
            .managed_policies_named(lit("arn:aws:iam::aws:policy/switch-admin"), m.users[0].origin)
            .empty());
  CHECK(entities.managed_policies_named(Value::unknown(span()), m.users[0].origin).empty());

  SECTION("an AWS managed policy or an unknown entry makes the list incomplete") {
    m.users[0].managed_policy_arns.values.push_back(lit("arn:aws:iam::aws:policy/ReadOnlyAccess"));
    CHECK_FALSE(model::Entities(m).policies_of(m.users[0]).complete);
    m.users[0].managed_policy_arns.values.pop_back();
    m.users[0].managed_policy_arns.unknown_items = true;
    CHECK_FALSE(model::Entities(m).policies_of(m.users[0]).complete);
  }
  SECTION("a reference resolves in its own template only") {
    m.managed_policies[0].origin.file = 1;
    CHECK(model::Entities(m).managed_policies_named(ref("ByRef"), m.users[0].origin).empty());
    CHECK_FALSE(model::Entities(m).policies_of(m.users[0]).complete);
  }
  SECTION("an attachment of a policy the model does not show makes the list incomplete") {
    model::PolicyAttachment attachment;
    attachment.policy_arn = lit("arn:aws:iam::aws:policy/ReadOnlyAccess");
    attachment.target_kind = model::EntityKind::User;
    attachment.target = lit("alice");
    m.attachments.push_back(std::move(attachment));
    CHECK_FALSE(model::Entities(m).policies_of(m.users[0]).complete);
  }
}

TEST_CASE("policies_of a role keeps its permissions boundary apart", "[entities]") {
  model::Model m;
  m.roles.push_back(role("Admin", "admin"));
  m.roles[0].permissions_boundary = lit("arn:aws:iam::aws:policy/PowerUserAccess");
  const model::IdentityPolicies admin = model::Entities(m).policies_of(m.roles[0]);
  CHECK(admin.complete);
  CHECK(admin.policies.empty());
  CHECK(admin.permissions_boundary == &m.roles[0].permissions_boundary.get());
}

TEST_CASE("role_named: a reference in the same unit, or an ARN naming the role's path and name",
          "[entities]") {
  model::Model m;
  m.roles.push_back(role("Admin", "admin", "/teams/"));
  m.users.push_back(user("Alice", {}));
  const model::Entities entities(m);
  const model::Origin& where = m.users[0].origin;
  CHECK(entities.role_named(ref("Admin", "Arn"), where) == &m.roles[0]);
  CHECK(entities.role_named(ref("Other", "Arn"), where) == nullptr);
  CHECK(entities.role_named(own_account_role_arn("teams/admin"), where) == &m.roles[0]);
  CHECK(entities.role_named(own_account_role_arn("admin"), where) == nullptr);  // the path differs
  CHECK(entities.role_named(own_account_role_arn("teams/*"), where) == nullptr);  // a pattern
  // A literal account names a role only in a file the configuration says deploys there.
  CHECK(entities.role_named(lit("arn:aws:iam::111122223333:role/teams/admin"), where) == nullptr);
  m.accounts[0].deploy_account = "111122223333";
  CHECK(model::Entities(m).role_named(lit("arn:aws:iam::111122223333:role/teams/admin"), where) ==
        &m.roles[0]);
  CHECK(entities.role_with_id("Admin", 0) == &m.roles[0]);
  CHECK(entities.role_with_id("Admin", 1) == nullptr);
}

TEST_CASE("principal_named finds the one user or role of an account by path and name",
          "[entities]") {
  model::Model m;
  m.users.push_back(user("Bob", {}));
  m.users[0].name = lit("Bob");
  m.users[0].path = lit("/people/");
  m.roles.push_back(role("Deploy", "deploy"));
  m.accounts[0].deploy_account = "111122223333";
  const model::Entities entities(m);
  CHECK(entities.account_of(m.users[0].origin) == "111122223333");
  const auto bob = entities.principal_named("111122223333", "user/people/bob");
  REQUIRE(bob);
  CHECK(bob->kind == model::EntityKind::User);
  CHECK(bob->user == &m.users[0]);
  CHECK_FALSE(entities.principal_named("111122223333", "user/bob"));         // another path
  CHECK_FALSE(entities.principal_named("444455556666", "user/people/bob"));  // another account
  const auto deploy = entities.principal_named("111122223333", "role/deploy");
  REQUIRE(deploy);
  CHECK(deploy->role == &m.roles[0]);
}

TEST_CASE("assume_edges: a grant's edge says whether the role trusts the caller",
          "[entities][edges]") {
  model::Model m;
  m.roles.push_back(role("Admin", "admin"));  // trusted by arn:aws:iam::111122223333:root
  m.roles[0].trust =
      document({trust_statement(model::PrincipalType::Service, "Service", "ec2.amazonaws.com")});
  m.roles.push_back(role("Open", "open"));
  m.roles[1].trust = document({trust_statement(model::PrincipalType::AWS, "AWS", "*")});
  m.users.push_back(user("Alice", {assume_on(ref("Admin", "Arn")), assume_on(ref("Open", "Arn"))}));
  m.users.push_back(user("Bob", {assume_on(lit("*"))}));  // names no one role: no edge

  const std::vector<model::AssumeEdge> edges = model::Entities(m).assume_edges();
  REQUIRE(edges.size() == 2);
  CHECK(edges[0].caller.user == &m.users[0]);
  CHECK(edges[0].role == &m.roles[0]);
  CHECK(edges[0].granted == model::Tri::True);
  CHECK(edges[0].trusted == model::Tri::False);
  CHECK(edges[0].grant == &m.users[0].policies[0].document.statements[0].resources.values[0]);
  CHECK(edges[0].grant_origin == &m.users[0].origin);
  CHECK(edges[0].trust == nullptr);
  CHECK(edges[1].role == &m.roles[1]);
  CHECK(edges[1].trusted == model::Tri::True);
}

TEST_CASE("assume_edges: a trust's edge says whether the caller's policies grant it",
          "[entities][edges]") {
  model::Model m;
  m.roles.push_back(role("Deploy", "deploy"));
  m.roles[0].trust = document(
      {trust_statement(model::PrincipalType::AWS, "AWS", "arn:aws:iam::111122223333:user/bob")});
  m.roles[0].origin.file = 1;
  m.users.push_back(user("Bob", {}));
  m.users[0].name = lit("bob");
  m.accounts[0].deploy_account = "111122223333";
  m.accounts[1].deploy_account = "444455556666";

  // The edge found from the trust (the last: grants come first).
  auto trust_edge = [&] {
    const std::vector<model::AssumeEdge> edges = model::Entities(m).assume_edges();
    REQUIRE_FALSE(edges.empty());
    const model::AssumeEdge& edge = edges.back();
    CHECK(edge.caller.user == &m.users[0]);
    CHECK(edge.role == &m.roles[0]);
    CHECK(edge.trusted == model::Tri::True);
    CHECK(edge.trust == &m.roles[0].trust.statements[0].principals[0].ids.values[0]);
    return std::pair{edges.size(), edge.granted};
  };
  CHECK(trust_edge() ==
        std::pair{std::size_t{1}, model::Tri::False});  // bob's only policy grants nothing
  m.users[0].policies[0].document =
      document({assume_on(lit("arn:aws:iam::444455556666:role/deploy"))});
  // Now an edge from each side: bob's grant names the role of the account 444455556666.
  CHECK(trust_edge() == std::pair{std::size_t{2}, model::Tri::True});
  m.users[0].policies[0].document = document({});
  m.users[0].managed_policy_arns = list({lit("arn:aws:iam::aws:policy/ReadOnlyAccess")});
  // A policy the model does not show may grant it.
  CHECK(trust_edge() == std::pair{std::size_t{1}, model::Tri::Unknown});
}

TEST_CASE("roles_matching: the roles a Resource pattern certainly covers", "[entities]") {
  model::Model m;
  m.roles.push_back(role("Admin", "Admin", "/teams/"));
  m.roles.push_back(role("Audit", "Audit", "/teams/"));
  m.roles.push_back(role("Deploy", "Deploy"));
  m.roles.push_back(role("Generated", ""));  // no known name: never certainly covered by a pattern
  m.users.push_back(user("Alice", {}));
  const model::Origin& where = m.users[0].origin;
  using Roles = std::vector<const model::Role*>;
  const model::Entities entities(m);
  CHECK(entities.roles_matching(lit("*"), where) ==
        Roles{&m.roles[0], &m.roles[1], &m.roles[2], &m.roles[3]});
  CHECK(entities.roles_matching(ref("Deploy", "Arn"), where) == Roles{&m.roles[2]});
  CHECK(entities.roles_matching(own_account_role_arn("teams/*"), where) ==
        Roles{&m.roles[0], &m.roles[1]});
  CHECK(entities.roles_matching(own_account_role_arn("teams/A?min"), where) == Roles{&m.roles[0]});
  CHECK(entities.roles_matching(own_account_role_arn("teams/admin"), where)
            .empty());  // ARNs are case-sensitive
  CHECK(entities.roles_matching(lit("arn:aws:iam::*:role/Deploy"), where) == Roles{&m.roles[2]});
  CHECK(entities.roles_matching(lit("arn:aws:s3:::role/Deploy"), where).empty());  // not IAM
  // A literal account covers the roles of files that deploy to it.
  CHECK(entities.roles_matching(lit("arn:aws:iam::111122223333:role/*"), where).empty());
  m.accounts[0].deploy_account = "111122223333";
  CHECK(model::Entities(m).roles_matching(lit("arn:aws:iam::111122223333:role/*"), where) ==
        Roles{&m.roles[0], &m.roles[1], &m.roles[2]});
  // Alternatives: only what every option covers.
  const Value either = Value::alternatives(
      {own_account_role_arn("teams/*"), own_account_role_arn("*/Admin")}, span());
  CHECK(entities.roles_matching(either, where) == Roles{&m.roles[0]});
}

TEST_CASE("account: literal from the configuration, else the unit's own, same_account",
          "[entities]") {
  model::Model m;
  m.users.push_back(user("Bob", {}));
  m.roles.push_back(role("Deploy", "deploy"));
  m.roles.push_back(role("Other", "other"));
  m.roles[1].origin.file = 1;
  m.roles.push_back(role("Far", "far"));
  m.roles[2].origin.file = 2;
  m.accounts[2].deploy_account = "444455556666";
  model::PermissionSet set;
  set.origin.file = 0;
  m.permission_sets.push_back(set);
  const model::Entities entities(m);
  using Kind = model::EntityAccount::Kind;
  const model::EntityAccount bob = entities.account(model::Identity::of(m.users[0]));
  CHECK(bob.kind == Kind::Own);
  CHECK(bob.unit == 0);
  const model::EntityAccount far = entities.account(m.roles[2].origin);
  CHECK(far.kind == Kind::Literal);
  CHECK(far.id == "444455556666");
  CHECK(entities.account(model::Identity::of(m.permission_sets[0])).kind == Kind::Unknown);

  CHECK(same_account(bob, entities.account(m.roles[0].origin)) ==
        model::Tri::True);  // one template
  CHECK(same_account(bob, entities.account(m.roles[1].origin)) == model::Tri::Unknown);
  CHECK(same_account(bob, far) == model::Tri::Unknown);
  CHECK(same_account(bob, entities.account(model::Identity::of(m.permission_sets[0]))) ==
        model::Tri::Unknown);
  m.accounts[0].deploy_account = "111122223333";
  const model::Entities configured(m);
  CHECK(same_account(configured.account(m.users[0].origin),
                     configured.account(m.roles[2].origin)) == model::Tri::False);
  m.accounts[1].deploy_account = "111122223333";
  const model::Entities both(m);
  CHECK(same_account(both.account(m.users[0].origin), both.account(m.roles[1].origin)) ==
        model::Tri::True);
}

TEST_CASE("principal_of: a reference to an ARN, an ARN of the own account or of a literal one",
          "[entities]") {
  model::Model m;
  m.users.push_back(user("Bob", {}));
  m.users[0].name = lit("Bob");
  m.roles.push_back(role("Deploy", "deploy", "/ci/"));
  m.roles.push_back(role("Elsewhere", "elsewhere"));
  m.roles[1].origin.file = 1;
  const model::Entities entities(m);
  const model::Origin& here = m.roles[0].origin;

  const auto bob = entities.principal_of(ref("Bob", "Arn"), here);
  REQUIRE(bob);
  CHECK(bob->user == &m.users[0]);
  CHECK(entities.principal_of(ref("Deploy", "Arn"), here)->role == &m.roles[0]);
  CHECK_FALSE(entities.principal_of(ref("Bob"), here));            // `!Ref Bob` is a name
  CHECK_FALSE(entities.principal_of(ref("Nobody", "Arn"), here));  // not a resource of the model
  // A reference resolves in the unit it is written in.
  CHECK_FALSE(entities.principal_of(ref("Bob", "Arn"), m.roles[1].origin));

  // "arn:aws:iam::${AWS::AccountId}:user/Bob": a user of the same unit.
  model::Template own_user("arn:aws:iam::");
  own_user.append(hole(HoleKind::OwnAccount, "AWS::AccountId"));
  own_user.append_literal(":user/Bob");
  const Value own_bob = Value::of_template(own_user, span());
  CHECK(entities.principal_of(own_bob, here)->user == &m.users[0]);
  CHECK_FALSE(entities.principal_of(own_bob, m.roles[1].origin));  // another template's account
  CHECK(entities.principal_of(own_account_role_arn("ci/deploy"), here)->role == &m.roles[0]);
  CHECK_FALSE(entities.principal_of(own_account_role_arn("deploy"), here));  // another path
  CHECK_FALSE(entities.principal_of(own_account_role_arn("*"), here));

  // A literal account: only a user or role of a file deploying to it.
  CHECK_FALSE(entities.principal_of(lit("arn:aws:iam::111122223333:user/Bob"), here));
  m.accounts[0].deploy_account = "111122223333";
  const model::Entities configured(m);
  CHECK(configured.principal_of(lit("arn:aws:iam::111122223333:user/Bob"), here)->user ==
        &m.users[0]);
  CHECK(configured.principal_of(own_bob, here)->user == &m.users[0]);
  CHECK_FALSE(configured.principal_of(lit("arn:aws:iam::111122223333:root"), here));
}

TEST_CASE("assume_edges: a trust naming a caller by reference or own-account ARN has an edge",
          "[entities][edges]") {
  model::Model m;
  m.users.push_back(user("Bob", {}));
  m.users[0].name = lit("Bob");
  m.roles.push_back(role("Alice", "alice"));
  m.roles[0].trust = document({aws_trust()});
  m.roles[0].trust.statements[0].principals[0].ids = list({ref("Bob", "Arn")});
  m.roles.push_back(role("Carol", "carol"));
  m.roles[1].trust = document({aws_trust()});
  m.roles[1].trust.statements[0].principals[0].ids = list({own_account_role_arn("alice")});

  const std::vector<model::AssumeEdge> edges = model::Entities(m).assume_edges();
  REQUIRE(edges.size() == 2);
  CHECK(edges[0].caller.user == &m.users[0]);
  CHECK(edges[0].role == &m.roles[0]);
  CHECK(edges[0].trusted == model::Tri::True);
  CHECK(edges[0].granted == model::Tri::False);  // Bob's only policy grants nothing
  CHECK(edges[0].trust == &m.roles[0].trust.statements[0].principals[0].ids.values[0]);
  CHECK(edges[1].caller.role == &m.roles[0]);
  CHECK(edges[1].role == &m.roles[1]);
  CHECK(edges[1].granted == model::Tri::False);  // Alice has no policy at all

  m.users[0].policies[0].document = document({assume_on(ref("Alice", "Arn"))});
  const std::vector<model::AssumeEdge> granted = model::Entities(m).assume_edges();
  REQUIRE(granted.size() == 3);  // Bob's grant, then the two trusts
  CHECK(granted[1].caller.user == &m.users[0]);
  CHECK(granted[1].granted == model::Tri::True);
}

TEST_CASE("partitions: an ARN of another partition names no entity of a known partition",
          "[entities][partition]") {
  model::Model m;
  m.users.push_back(user("Bob", {}));
  m.users[0].name = lit("Bob");
  m.roles.push_back(role("Deploy", "deploy"));
  m.roles.push_back(role("Far", "far"));
  m.roles[1].origin.file = 1;
  m.accounts[0].deploy_account = "111122223333";
  m.accounts[0].deploy_partition = "aws-cn";
  m.accounts[1].deploy_account = "111122223333";
  const model::Origin& here = m.roles[0].origin;
  const model::Entities entities(m);
  using Roles = std::vector<const model::Role*>;

  CHECK(entities.partition_of(here) == "aws-cn");
  CHECK(entities.partition_of(m.roles[1].origin).empty());  // not said: not known
  CHECK(entities.account(here).partition == "aws-cn");
  // The same id in two partitions is two accounts; an unknown partition may be either.
  model::EntityAccount gov = entities.account(m.roles[1].origin);
  CHECK(same_account(entities.account(here), gov) == model::Tri::True);
  gov.partition = "aws-us-gov";
  CHECK(same_account(entities.account(here), gov) == model::Tri::False);

  // principal_of: the partition written must be the entity's.
  CHECK(entities.principal_of(lit("arn:aws-cn:iam::111122223333:user/Bob"), here)->user ==
        &m.users[0]);
  CHECK_FALSE(entities.principal_of(lit("arn:aws:iam::111122223333:user/Bob"), here));
  model::Template own_user("arn:");
  own_user.append(hole(HoleKind::Partition, "AWS::Partition"));
  own_user.append_literal(":iam::");
  own_user.append(hole(HoleKind::OwnAccount, "AWS::AccountId"));
  own_user.append_literal(":user/Bob");
  CHECK(entities.principal_of(Value::of_template(own_user, span()), here)->user == &m.users[0]);
  // The role of a file whose partition is not known: any partition may be its.
  CHECK(entities.principal_of(lit("arn:aws-us-gov:iam::111122223333:role/far"), here)->role ==
        &m.roles[1]);

  // role_named and roles_matching compare it the same way.
  CHECK(entities.role_named(lit("arn:aws-cn:iam::111122223333:role/deploy"), here) == &m.roles[0]);
  CHECK(entities.role_named(lit("arn:aws:iam::111122223333:role/deploy"), here) == nullptr);
  CHECK(entities.role_named(own_account_role_arn("deploy"), here) == nullptr);  // "arn:aws:"
  CHECK(entities.roles_matching(lit("arn:aws:iam::111122223333:role/*"), here) ==
        Roles{&m.roles[1]});
  CHECK(entities.roles_matching(lit("arn:*:iam::111122223333:role/*"), here) ==
        Roles{&m.roles[0], &m.roles[1]});
  CHECK(entities.roles_matching(lit("arn:aws-cn:iam::111122223333:role/*"), here) ==
        Roles{&m.roles[0], &m.roles[1]});
}

TEST_CASE("account: a module of several accounts says none, whatever is configured",
          "[entities][accounts]") {
  model::Model m;
  m.users.push_back(user("Bob", {}));
  m.roles.push_back(role("Deploy", "deploy"));
  m.accounts[0].deploy_account = "111122223333";  // `deploy-accounts` for the module's files
  m.accounts[0].several_accounts = true;
  const model::Entities entities(m);
  CHECK(entities.account_of(m.roles[0].origin).empty());
  CHECK(entities.account(m.roles[0].origin).kind == model::EntityAccount::Kind::Unknown);
  CHECK(same_account(entities.account(m.users[0].origin), entities.account(m.roles[0].origin)) ==
        model::Tri::Unknown);
  CHECK_FALSE(
      entities.principal_of(lit("arn:aws:iam::111122223333:role/deploy"), m.users[0].origin));
}
