// The AssumeRole request evaluator (linter/model/request.hpp): whether a statement applies to
// `sts:AssumeRole` by a caller on a role, three-valued, for each element, operator and unknown.
#include "linter/model/request.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "linter/model/entities.hpp"
#include "tests/model_builders.hpp"

using namespace rolelint;
using namespace rolelint::test_model;
using model::Tri;

namespace {

// Bob (user, path /people/, account 111111111111) assuming Admin (account 222222222222).
model::AssumeRequest bob_assumes_admin() {
  model::AssumeRequest r;
  r.caller_kind = model::EntityKind::User;
  r.caller_account = "111111111111";
  r.caller_arn = "arn:aws:iam::111111111111:user/people/Bob";
  r.role_account = "222222222222";
  r.role_path_and_name = "teams/Admin";
  r.role_id = "Admin";
  r.role_unit = 1;
  return r;
}

const model::PolicySite kSite{"111111111111", 0, ""};

model::Statement deny_assume(std::vector<model::ConditionEntry> conditions = {}) {
  model::Statement s = statement("Deny", {lit("sts:AssumeRole")}, {lit("*")});
  s.has_condition = !conditions.empty();
  s.conditions = std::move(conditions);
  return s;
}

Tri holds(std::string op, std::string key, std::vector<Value> values,
          const model::AssumeRequest& r = bob_assumes_admin()) {
  return model::condition_holds(condition(std::move(op), std::move(key), std::move(values)), r,
                                kSite);
}

}  // namespace

TEST_CASE("request: the effect is Deny only when every option says so", "[request]") {
  CHECK(model::is_deny(statement("Deny", {}, {})) == Tri::True);
  CHECK(model::is_deny(statement("Allow", {}, {})) == Tri::False);
  model::Statement s = statement("Deny", {}, {});
  s.effect = Value::unknown(span());
  CHECK(model::is_deny(s) == Tri::Unknown);
  s.effect = Value::alternatives({lit("Deny"), lit("Allow")}, span());
  CHECK(model::is_deny(s) == Tri::Unknown);
}

TEST_CASE("request: Action and NotAction with wildcards", "[request]") {
  const auto r = bob_assumes_admin();
  CHECK(model::statement_applies(statement("Deny", {lit("sts:Assume*")}, {lit("*")}), r, kSite) ==
        Tri::True);
  CHECK(model::statement_applies(statement("Deny", {lit("*")}, {lit("*")}), r, kSite) == Tri::True);
  CHECK(model::statement_applies(statement("Deny", {lit("s3:*")}, {lit("*")}), r, kSite) ==
        Tri::False);
  model::Statement not_action = statement("Deny", {lit("sts:*")}, {lit("*")});
  not_action.not_action = true;
  CHECK(model::statement_applies(not_action, r, kSite) == Tri::False);
  not_action.actions = list({lit("iam:*")});
  CHECK(model::statement_applies(not_action, r, kSite) == Tri::True);
  CHECK(model::statement_applies(statement("Deny", {Value::unknown(span())}, {lit("*")}), r,
                                 kSite) == Tri::Unknown);
}

TEST_CASE("request: Resource and NotResource against the role's ARN", "[request]") {
  const auto r = bob_assumes_admin();
  const auto on = [&](Value resource) {
    return model::statement_applies(
        statement("Deny", {lit("sts:AssumeRole")}, {std::move(resource)}), r, kSite);
  };
  CHECK(on(lit("arn:aws:iam::222222222222:role/teams/Admin")) == Tri::True);
  CHECK(on(lit("arn:aws:iam::222222222222:role/teams/*")) == Tri::True);
  CHECK(on(lit("arn:aws:iam::*:role/*")) == Tri::True);
  CHECK(on(lit("arn:aws:iam::222222222222:role/other")) == Tri::False);
  CHECK(on(lit("arn:aws:iam::333333333333:role/teams/Admin")) == Tri::False);
  CHECK(on(lit("arn:aws:s3:::bucket")) == Tri::False);
  CHECK(on(own_account_role_arn("teams/Admin")) ==
        Tri::False);  // the caller's own account: 111111111111
  CHECK(on(Value::unknown(span())) == Tri::Unknown);
  CHECK(on(ref("Admin", "Arn")) ==
        Tri::False);  // a reference in another unit names another resource
  const model::PolicySite same_unit{"222222222222", 1, ""};
  CHECK(model::resource_names_role(ref("Admin", "Arn"), r, same_unit) == Tri::True);
  CHECK(model::resource_names_role(ref("Other", "Arn"), r, same_unit) == Tri::False);
  CHECK(model::resource_names_role(ref("Admin", "RoleId"), r, same_unit) == Tri::Unknown);
  CHECK(model::resource_names_role(own_account_role_arn("teams/Admin"), r, same_unit) == Tri::True);
  CHECK(model::resource_names_role(own_account_role_arn("teams/Admin"), r,
                                   model::PolicySite{"", 0, ""}) == Tri::Unknown);

  model::Statement not_resource =
      statement("Deny", {lit("sts:AssumeRole")}, {lit("arn:aws:iam::*:role/teams/*")});
  not_resource.not_resource = true;
  CHECK(model::statement_applies(not_resource, r, kSite) == Tri::False);
  not_resource.resources = list({lit("arn:aws:iam::*:role/break-glass")});
  CHECK(model::statement_applies(not_resource, r, kSite) == Tri::True);

  SECTION("a role whose name is not known is matched only by `*`") {
    model::AssumeRequest unnamed = r;
    unnamed.role_path_and_name.reset();
    CHECK(model::resource_names_role(lit("*"), unnamed, kSite) == Tri::True);
    CHECK(model::resource_names_role(lit("arn:aws:iam::222222222222:role/x"), unnamed, kSite) ==
          Tri::Unknown);
  }
}

TEST_CASE("request: Principal and NotPrincipal name the caller", "[request]") {
  const auto r = bob_assumes_admin();
  const auto with = [&](model::PrincipalType type, std::string id, bool negated = false) {
    model::Statement s = trust_statement(
        type, type == model::PrincipalType::AWS ? "AWS" : "Service", std::move(id), "Deny");
    s.has_resource = true;
    s.resources = list({lit("*")});
    s.not_principal = negated;
    return model::statement_applies(s, r, kSite);
  };
  CHECK(with(model::PrincipalType::AWS, "*") == Tri::True);
  CHECK(with(model::PrincipalType::AWS, "arn:aws:iam::111111111111:user/people/Bob") == Tri::True);
  CHECK(with(model::PrincipalType::AWS, "arn:aws:iam::111111111111:root") == Tri::True);
  CHECK(with(model::PrincipalType::AWS, "111111111111") == Tri::True);
  CHECK(with(model::PrincipalType::AWS, "arn:aws:iam::333333333333:root") == Tri::False);
  CHECK(with(model::PrincipalType::AWS, "arn:aws:iam::111111111111:user/Carol") == Tri::False);
  CHECK(with(model::PrincipalType::Service, "ec2.amazonaws.com") == Tri::False);
  CHECK(with(model::PrincipalType::AWS, "arn:aws:iam::111111111111:root", true) == Tri::False);
  CHECK(with(model::PrincipalType::AWS, "arn:aws:iam::333333333333:root", true) == Tri::True);
  model::AssumeRequest unknown_account = r;
  unknown_account.caller_account.clear();
  unknown_account.caller_arn.reset();
  model::Statement s =
      trust_statement(model::PrincipalType::AWS, "AWS", "arn:aws:iam::111111111111:root", "Deny");
  s.has_resource = true;
  s.resources = list({lit("*")});
  CHECK(model::statement_applies(s, unknown_account, kSite) == Tri::Unknown);
}

TEST_CASE("request: String operators on the principal's account and type", "[request]") {
  CHECK(holds("StringEquals", "aws:PrincipalAccount", {lit("111111111111")}) == Tri::True);
  CHECK(holds("StringEquals", "aws:principalaccount", {lit("333333333333"), lit("111111111111")}) ==
        Tri::True);
  CHECK(holds("StringEquals", "aws:PrincipalAccount", {lit("333333333333")}) == Tri::False);
  CHECK(holds("StringNotEquals", "aws:PrincipalAccount", {lit("333333333333")}) == Tri::True);
  CHECK(holds("StringNotEquals", "aws:PrincipalAccount", {lit("111111111111")}) == Tri::False);
  CHECK(holds("StringEquals", "aws:ResourceAccount", {lit("222222222222")}) == Tri::True);
  CHECK(holds("StringLike", "aws:PrincipalArn", {lit("arn:aws:iam::*:user/people/*")}) ==
        Tri::True);
  CHECK(holds("StringLike", "aws:PrincipalArn", {lit("arn:aws:iam::*:user/People/*")}) ==
        Tri::False);  // case-sensitive
  CHECK(holds("StringNotLike", "aws:PrincipalArn", {lit("arn:aws:iam::*:role/*")}) == Tri::True);
  CHECK(holds("StringEqualsIgnoreCase", "aws:PrincipalType", {lit("user")}) == Tri::True);
  CHECK(holds("StringNotEqualsIgnoreCase", "aws:PrincipalType", {lit("user")}) == Tri::False);
  CHECK(holds("StringEquals", "aws:PrincipalType", {lit("AssumedRole")}) == Tri::False);
  model::AssumeRequest role_caller = bob_assumes_admin();
  role_caller.caller_kind = model::EntityKind::Role;
  CHECK(holds("StringEquals", "aws:PrincipalType", {lit("AssumedRole")}, role_caller) == Tri::True);
}

TEST_CASE("request: Arn operators match field by field", "[request]") {
  CHECK(holds("ArnEquals", "aws:PrincipalArn",
              {lit("arn:aws:iam::111111111111:user/people/Bob")}) == Tri::True);
  CHECK(holds("ArnLike", "aws:PrincipalArn", {lit("arn:aws:iam::111111111111:user/*")}) ==
        Tri::True);
  CHECK(holds("ArnLike", "aws:PrincipalArn", {lit("arn:aws:iam::*:role/*")}) == Tri::False);
  // A `*` does not reach across a ':': five fields are not six.
  CHECK(holds("ArnLike", "aws:PrincipalArn", {lit("arn:aws:*:user/people/Bob")}) == Tri::False);
  CHECK(holds("ArnNotLike", "aws:PrincipalArn", {lit("arn:aws:iam::*:user/people/*")}) ==
        Tri::False);
  CHECK(holds("ArnNotEquals", "aws:PrincipalArn", {lit("arn:aws:iam::111111111111:user/Carol")}) ==
        Tri::True);
}

TEST_CASE("request: IfExists and set operators on a present single-valued key", "[request]") {
  CHECK(holds("StringEqualsIfExists", "aws:PrincipalAccount", {lit("111111111111")}) == Tri::True);
  CHECK(holds("ArnNotLikeIfExists", "aws:PrincipalArn", {lit("arn:aws:iam::*:user/*")}) ==
        Tri::False);
  CHECK(holds("ForAnyValue:StringEquals", "aws:PrincipalAccount", {lit("111111111111")}) ==
        Tri::True);
  CHECK(holds("ForAllValues:StringEquals", "aws:PrincipalAccount", {lit("333333333333")}) ==
        Tri::False);
}

TEST_CASE("request: Null says whether a key is absent", "[request]") {
  CHECK(holds("Null", "aws:PrincipalArn", {lit("true")}) == Tri::False);
  CHECK(holds("Null", "aws:PrincipalArn", {lit("false")}) == Tri::True);
  CHECK(holds("Null", "aws:SourceIp", {lit("true")}) == Tri::Unknown);
  CHECK(holds("Null", "aws:PrincipalArn", {Value::unknown(span())}) == Tri::Unknown);
}

TEST_CASE("request: what the evaluator cannot know is Unknown", "[request]") {
  CHECK(holds("StringEquals", "aws:PrincipalOrgID", {lit("o-abc")}) == Tri::Unknown);  // not known
  model::AssumeRequest with_org = bob_assumes_admin();
  with_org.principal_org_id = "o-abc";
  CHECK(holds("StringEquals", "aws:PrincipalOrgID", {lit("o-abc")}, with_org) == Tri::True);
  CHECK(holds("IpAddress", "aws:SourceIp", {lit("10.0.0.0/8")}) ==
        Tri::Unknown);  // key not modelled
  CHECK(holds("Bool", "aws:MultiFactorAuthPresent", {lit("true")}) == Tri::Unknown);
  CHECK(holds("StringEquals", "aws:PrincipalTag/team", {lit("x")}) == Tri::Unknown);
  CHECK(holds("NumericLessThan", "aws:PrincipalAccount", {lit("1")}) ==
        Tri::Unknown);  // operator not modelled
  CHECK(holds("StringEquals", "aws:PrincipalAccount", {Value::unknown(span())}) == Tri::Unknown);
  CHECK(holds("StringEquals", "aws:PrincipalArn",
              {lit("arn:aws:iam::111111111111:user/${aws:username}")}) == Tri::Unknown);
  model::AssumeRequest no_arn = bob_assumes_admin();
  no_arn.caller_arn.reset();
  CHECK(holds("ArnNotLike", "aws:PrincipalArn", {lit("arn:aws:iam::*:role/x")}, no_arn) ==
        Tri::Unknown);
  // A known match decides even beside an unknown value; a negated operator does not.
  model::ConditionEntry partly =
      condition("StringEquals", "aws:PrincipalAccount", {lit("111111111111")});
  partly.values.unknown_items = true;
  CHECK(model::condition_holds(partly, bob_assumes_admin(), kSite) == Tri::True);
  partly.op = "StringNotEquals";
  CHECK(model::condition_holds(partly, bob_assumes_admin(), kSite) == Tri::False);
  partly.values.values = {lit("333333333333")};
  CHECK(model::condition_holds(partly, bob_assumes_admin(), kSite) == Tri::Unknown);
  // The site's own account fills `${AWS::AccountId}`.
  model::Template own;
  own.append(hole(HoleKind::OwnAccount, "AWS::AccountId"));
  CHECK(holds("StringEquals", "aws:PrincipalAccount", {Value::of_template(own, span())}) ==
        Tri::True);
}

TEST_CASE("request: a statement applies when every condition holds", "[request]") {
  const auto r = bob_assumes_admin();
  CHECK(model::statement_applies(deny_assume(), r, kSite) == Tri::True);
  // The exemption an SCP writes for its break-glass role: Bob is not exempt.
  CHECK(model::statement_applies(deny_assume({condition("ArnNotLike", "aws:PrincipalArn",
                                                        {lit("arn:aws:iam::*:role/break-glass")})}),
                                 r, kSite) == Tri::True);
  CHECK(model::statement_applies(deny_assume({condition("ArnNotLike", "aws:PrincipalArn",
                                                        {lit("arn:aws:iam::*:user/people/*")})}),
                                 r, kSite) == Tri::False);
  CHECK(model::statement_applies(
            deny_assume({condition("StringEquals", "aws:PrincipalAccount", {lit("111111111111")}),
                         condition("Bool", "aws:MultiFactorAuthPresent", {lit("false")})}),
            r, kSite) == Tri::Unknown);
  CHECK(model::statement_applies(
            deny_assume({condition("StringEquals", "aws:PrincipalAccount", {lit("333333333333")}),
                         condition("Bool", "aws:MultiFactorAuthPresent", {lit("false")})}),
            r, kSite) == Tri::False);
  model::Statement unknown =
      deny_assume({condition("StringEquals", "aws:PrincipalAccount", {lit("111111111111")})});
  unknown.conditions_unknown = true;
  CHECK(model::statement_applies(unknown, r, kSite) == Tri::Unknown);
}

TEST_CASE("request: assume_request reads the accounts, ARNs and kinds from the layer",
          "[request]") {
  model::Model m;
  m.roles.push_back(role("Admin", "Admin", "/teams/"));
  m.users.push_back(user("Bob", {}));
  m.users[0].name = lit("Bob");
  m.users[0].path = lit("/people/");
  m.accounts[0].deploy_account = "111111111111";
  const model::Entities entities(m);
  const model::AssumeRequest r =
      model::assume_request(entities, model::Identity::of(m.users[0]), m.roles[0]);
  CHECK(r.caller_account == "111111111111");
  CHECK(r.caller_arn == "arn:aws:iam::111111111111:user/people/Bob");
  CHECK(r.role_arn() == "arn:aws:iam::111111111111:role/teams/Admin");
  CHECK(r.role_id == "Admin");
  const model::AssumeRequest from_role =
      model::assume_request(entities, model::Identity::of(m.roles[0]), m.roles[0]);
  CHECK(from_role.caller_arn == "arn:aws:iam::111111111111:role/teams/Admin");
  m.accounts.clear();
  const model::Entities no_accounts(m);
  const model::AssumeRequest unknown =
      model::assume_request(no_accounts, model::Identity::of(m.users[0]), m.roles[0]);
  CHECK(unknown.caller_account.empty());
  CHECK_FALSE(unknown.caller_arn);
  CHECK_FALSE(unknown.role_arn());
}

TEST_CASE("request: in one template whose account is not known, what does not depend on it decides",
          "[request]") {
  model::AssumeRequest r = bob_assumes_admin();
  r.caller_account.clear();
  r.caller_arn.reset();
  r.caller_resource = "user/people/Bob";
  r.role_account.clear();
  CHECK(holds("ArnNotLike", "aws:PrincipalArn", {lit("arn:aws:iam::*:user/people/*")}, r) ==
        Tri::False);
  CHECK(holds("ArnLike", "aws:PrincipalArn", {lit("arn:aws:iam::*:role/*")}, r) == Tri::False);
  CHECK(holds("StringLike", "aws:PrincipalArn", {lit("arn:aws:iam::*:user/people/Bob")}, r) ==
        Tri::True);
  CHECK(holds("ArnLike", "aws:PrincipalArn", {lit("arn:aws:iam::111111111111:user/people/Bob")},
              r) == Tri::Unknown);
  CHECK(holds("StringEquals", "aws:PrincipalArn", {lit("arn:aws:iam::*:user/people/Bob")}, r) ==
        Tri::Unknown);
  // The role's own unit: `${AWS::AccountId}` is its account.
  const model::PolicySite role_unit{"", 1, ""};
  CHECK(model::resource_names_role(own_account_role_arn("teams/Admin"), r, role_unit) == Tri::True);
  CHECK(model::resource_names_role(lit("arn:aws:iam::*:role/teams/*"), r, role_unit) == Tri::True);
  CHECK(model::resource_names_role(own_account_role_arn("other"), r, role_unit) == Tri::Unknown);
  CHECK(model::resource_names_role(lit("arn:aws:iam::222222222222:role/teams/Admin"), r,
                                   role_unit) == Tri::Unknown);
  CHECK(model::resource_names_role(own_account_role_arn("teams/Admin"), r,
                                   model::PolicySite{"", 0, ""}) == Tri::Unknown);
}

TEST_CASE("request: a document allows and denies, naming the statements that decide", "[request]") {
  const auto r = bob_assumes_admin();
  model::PolicyDocument doc =
      document({statement("Allow", {lit("s3:*")}, {lit("*")}), deny_assume(),
                statement("Allow", {lit("sts:AssumeRole")}, {lit("*")})});
  const model::DocumentVerdict verdict = model::evaluate(doc, r, kSite);
  CHECK(verdict.denies == Tri::True);
  CHECK(verdict.allows == Tri::True);
  CHECK(verdict.deny == &doc.statements[1]);
  CHECK(verdict.allow == &doc.statements[2]);
  const model::PolicyDocument none = document({statement("Allow", {lit("s3:*")}, {lit("*")})});
  CHECK(model::evaluate(none, r, kSite).allows == Tri::False);
  CHECK(model::evaluate(none, r, kSite).denies == Tri::False);
  model::PolicyDocument unknown = none;
  unknown.statements_unknown = true;
  CHECK(model::evaluate(unknown, r, kSite).allows == Tri::Unknown);
  model::PolicyDocument maybe =
      document({statement("Allow", {lit("sts:AssumeRole")}, {Value::unknown(span())})});
  CHECK(model::evaluate(maybe, r, kSite).allows == Tri::Unknown);
  CHECK(model::evaluate(maybe, r, kSite).allow == nullptr);
}

namespace {

// Bob (account 111111111111) granted sts:AssumeRole on Alice (account 222222222222).
model::Model bob_and_alice() {
  model::Model m;
  m.roles.push_back(role("Alice", "Alice"));
  m.roles[0].origin.file = 1;
  m.users.push_back(user("Bob", {assume_on(lit("arn:aws:iam::222222222222:role/Alice"))}));
  m.users[0].name = lit("Bob");
  m.accounts[0].deploy_account = "111111111111";
  m.accounts[1].deploy_account = "222222222222";
  m.accounts[2].deploy_account = "999999999999";
  return m;
}

model::OrganizationPolicy organization_policy(std::string type, std::string target) {
  model::OrganizationPolicy p;
  p.origin.source_id = "Guard";
  p.origin.file = 2;
  p.type = lit(std::move(type));
  p.document = document({statement("Deny", {lit("sts:AssumeRole")}, {lit("*")})});
  p.targets = list({lit(std::move(target))});
  return p;
}

}  // namespace

TEST_CASE("request: grant_block finds the caller's Deny, then its boundary", "[request]") {
  model::Model m = bob_and_alice();
  m.users[0].policies[0].document.statements.push_back(
      statement("Deny", {lit("sts:*")}, {lit("*")}));
  {
    const model::Entities entities(m);
    const model::Identity bob = model::Identity::of(m.users[0]);
    const auto request = model::assume_request(entities, bob, m.roles[0]);
    const model::GrantBlock block = model::grant_block(entities, bob, request, true);
    CHECK(block.kind == model::GrantBlock::Kind::Deny);
    CHECK(block.deny == &m.users[0].policies[0].document.statements[1]);
    CHECK(block.policy.defined_by == &m.users[0].origin);
  }
  m.users[0].policies[0].document.statements.pop_back();
  model::ManagedPolicy boundary;
  boundary.origin.source_id = "Boundary";
  boundary.origin.file = 0;
  boundary.document = document({statement("Allow", {lit("s3:*")}, {lit("*")})});
  m.managed_policies.push_back(std::move(boundary));
  m.users[0].permissions_boundary = ref("Boundary");
  const model::Entities entities(m);
  const model::Identity bob = model::Identity::of(m.users[0]);
  const auto request = model::assume_request(entities, bob, m.roles[0]);
  const model::GrantBlock block = model::grant_block(entities, bob, request, true);
  CHECK(block.kind == model::GrantBlock::Kind::Boundary);
  CHECK(block.boundary == &m.users[0].permissions_boundary);
  REQUIRE(block.boundary_policy);
  CHECK(block.boundary_policy->origin == &m.managed_policies[0].origin);
  CHECK(model::grant_block(entities, bob, request, false).kind == model::GrantBlock::Kind::None);
}

TEST_CASE("request: an SCP of the caller's account and an RCP of the role's block the pair",
          "[request]") {
  model::Model m = bob_and_alice();
  const auto block_with = [&](model::OrganizationPolicy policy) {
    m.organization_policies = {std::move(policy)};
    const model::Entities entities(m);
    const auto request =
        model::assume_request(entities, model::Identity::of(m.users[0]), m.roles[0]);
    return model::organization_block(entities, request);
  };
  model::OrganizationBlock scp =
      block_with(organization_policy("SERVICE_CONTROL_POLICY", "111111111111"));
  CHECK(scp.policy == &m.organization_policies[0]);
  CHECK(scp.deny == &m.organization_policies[0].document.statements[0]);
  CHECK_FALSE(scp.resource_control);
  const model::OrganizationBlock rcp =
      block_with(organization_policy("RESOURCE_CONTROL_POLICY", "222222222222"));
  CHECK(rcp.policy == &m.organization_policies[0]);
  CHECK(rcp.resource_control);
  // An SCP governs its accounts' principals, an RCP their resources: not the other account.
  CHECK_FALSE(block_with(organization_policy("SERVICE_CONTROL_POLICY", "222222222222")).policy);
  CHECK_FALSE(block_with(organization_policy("RESOURCE_CONTROL_POLICY", "111111111111")).policy);
  // A root or an OU is not known to hold the account; nor another account.
  CHECK_FALSE(block_with(organization_policy("SERVICE_CONTROL_POLICY", "ou-abcd-12345678")).policy);
  CHECK_FALSE(block_with(organization_policy("SERVICE_CONTROL_POLICY", "444444444444")).policy);
  // The account the organisation's files deploy to may be the management account.
  m.accounts[2].deploy_account = "111111111111";
  CHECK_FALSE(block_with(organization_policy("SERVICE_CONTROL_POLICY", "111111111111")).policy);
}

TEST_CASE("request: a known partition is the ARNs' and decides what names the role and caller",
          "[request][partition]") {
  model::Model m;
  m.roles.push_back(role("Admin", "Admin", "/teams/"));
  m.users.push_back(user("Bob", {}));
  m.users[0].name = lit("Bob");
  m.accounts[0].deploy_account = "111111111111";
  m.accounts[0].deploy_partition = "aws-cn";
  const model::Entities entities(m);
  const model::AssumeRequest r =
      model::assume_request(entities, model::Identity::of(m.users[0]), m.roles[0]);
  CHECK(r.caller_partition == "aws-cn");
  CHECK(r.caller_arn == "arn:aws-cn:iam::111111111111:user/Bob");
  CHECK(r.role_arn() == "arn:aws-cn:iam::111111111111:role/teams/Admin");

  const model::PolicySite china{"111111111111", 0, "aws-cn"};
  const auto names = [&](Value resource, const model::PolicySite& site) {
    return model::resource_names_role(resource, r, site);
  };
  CHECK(names(lit("arn:aws-cn:iam::111111111111:role/teams/Admin"), china) == Tri::True);
  CHECK(names(lit("arn:aws:iam::111111111111:role/teams/Admin"), china) == Tri::False);
  CHECK(names(lit("arn:*:iam::111111111111:role/teams/*"), china) == Tri::True);
  // `${AWS::Partition}` is the partition of the file it is written in, or when that is not
  // known, may be the role's.
  model::Template with_hole("arn:");
  with_hole.append(hole(HoleKind::Partition, "AWS::Partition"));
  with_hole.append_literal(":iam::111111111111:role/teams/Admin");
  const Value partition_hole = Value::of_template(with_hole, span());
  CHECK(names(partition_hole, china) == Tri::True);
  CHECK(names(partition_hole, model::PolicySite{"111111111111", 0, ""}) == Tri::True);
  CHECK(names(partition_hole, model::PolicySite{"111111111111", 0, "aws"}) == Tri::False);

  // Without a known partition, the pattern's own partition does not decide.
  model::AssumeRequest unknown = bob_assumes_admin();
  CHECK(model::resource_names_role(lit("arn:aws-cn:iam::222222222222:role/teams/Admin"), unknown,
                                   kSite) == Tri::True);
  // Nor does it for the caller named in a Principal: the same ARN in another partition may be it.
  const auto denies = [&](const model::AssumeRequest& request, std::string id) {
    model::Statement s = trust_statement(model::PrincipalType::AWS, "AWS", std::move(id), "Deny");
    s.has_resource = true;
    s.resources = list({lit("*")});
    return model::statement_applies(s, request, kSite);
  };
  CHECK(denies(unknown, "arn:aws-cn:iam::111111111111:user/people/Bob") == Tri::True);
  model::AssumeRequest commercial = unknown;
  commercial.caller_partition = "aws";
  CHECK(denies(commercial, "arn:aws-cn:iam::111111111111:user/people/Bob") == Tri::False);
  // aws:PrincipalArn compares the caller's ARN in its partition.
  model::AssumeRequest in_china = unknown;
  in_china.caller_partition = "aws-cn";
  in_china.caller_arn = "arn:aws-cn:iam::111111111111:user/people/Bob";
  CHECK(holds("ArnLike", "aws:PrincipalArn", {lit("arn:aws-cn:iam::*:user/people/*")}, in_china) ==
        Tri::True);
  CHECK(holds("ArnLike", "aws:PrincipalArn", {lit("arn:aws:iam::*:user/people/*")}, in_china) ==
        Tri::False);
}
