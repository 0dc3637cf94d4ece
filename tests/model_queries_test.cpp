// Model values and queries on models built in code (no template needed): symbolic values,
// console intent and condition keys.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "linter/base/one_or_many.hpp"
#include "linter/model/queries.hpp"
#include "rules/rule.hpp"
#include "tests/model_builders.hpp"

using namespace rolelint;
using namespace rolelint::test_model;
using model::ConsoleIntent;
using model::HoleKind;
using model::Tri;
using model::Value;

TEST_CASE("OneOrMany keeps one element inline and the elements contiguous from the second on",
          "[value]") {
  OneOrMany<std::string> s;
  CHECK(s.empty());
  CHECK(s.items().empty());
  s.push_back("first, long enough not to be a small string");
  REQUIRE(s.size() == 1);
  const auto* inline_at = reinterpret_cast<const char*>(s.items().data());
  const auto* object = reinterpret_cast<const char*>(&s);
  CHECK((inline_at >= object && inline_at < object + sizeof(s)));  // no heap block for one
  s.push_back("second");
  s.push_back("third");
  REQUIRE(s.size() == 3);
  CHECK(s.items()[0] == "first, long enough not to be a small string");
  CHECK(s.items()[1] == "second");
  CHECK(s.back() == "third");
  s.back() += "!";
  CHECK(s.items()[2] == "third!");

  OneOrMany<std::string> copy = s;
  CHECK(copy == s);
  copy.back() = "other";
  CHECK_FALSE(copy == s);
  OneOrMany<std::string> one;
  one.push_back("first, long enough not to be a small string");
  CHECK_FALSE(one == s);  // a prefix is not equal
  OneOrMany<std::string> moved = std::move(one);
  REQUIRE(moved.size() == 1);
  CHECK(moved.items()[0] == "first, long enough not to be a small string");

  // Appending its own only element: the copy is made before the element moves to the heap.
  moved.push_back(moved.items()[0]);
  REQUIRE(moved.size() == 2);
  CHECK(moved.items()[1] == "first, long enough not to be a small string");
  // The element or the vector, not both: the size of the larger and a tag.
  CHECK(sizeof(OneOrMany<std::string>) <= sizeof(std::string) + sizeof(void*));
}

TEST_CASE("OneOrMany iterates none, one or many elements, also as a temporary in a range-for",
          "[value]") {
  auto make = [](int n) {
    OneOrMany<std::string> s;
    for (int i = 0; i < n; ++i)
      s.push_back("element " + std::to_string(i) + ", long enough to own a heap block");
    return s;
  };
  for (int n : {0, 1, 3}) {
    std::vector<std::string> seen;
    for (const std::string& e : make(n)) seen.push_back(e);  // the temporary lives through the loop
    REQUIRE(seen.size() == static_cast<std::size_t>(n));
    if (n > 0)
      CHECK(seen.back() ==
            "element " + std::to_string(n - 1) + ", long enough to own a heap block");
  }
}

TEST_CASE("a value's known text is a view of that value, also in a copy", "[value]") {
  const Value original = Value::known("arn:aws:iam::111122223333:role/SomeLongRoleName", span());
  const Value copy = original;
  REQUIRE(copy.known() == original.known());
  CHECK(copy.known()->data() != original.known()->data());
  CHECK(copy.kind() == Value::Kind::Known);

  model::Template partly("arn:aws:iam::");
  partly.append_hole({HoleKind::OwnAccount, "AWS::AccountId", {}});
  partly.append_literal(":role/");
  partly.append_literal("Name");  // joins the literal before it
  REQUIRE(partly.parts().size() == 3);
  CHECK(partly.parts()[2].text == ":role/Name");
  const Value either =
      Value::alternatives({Value::of_template(partly, span()), original, original}, span());
  CHECK(either.kind() == Value::Kind::Alternatives);
  CHECK(either.options().size() == 2);  // the repeated option is kept once
  CHECK(
      either.display() ==
      "arn:aws:iam::${AWS::AccountId}:role/Name | arn:aws:iam::111122223333:role/SomeLongRoleName");
  CHECK_FALSE(either.known());
}

TEST_CASE("a console-role marker makes a role a console role", "[queries][console]") {
  model::Model m;
  model::Role r = role("Admin", "admin");
  r.markers.push_back({"console-role", Span{0, 1, 9}, {}});
  r.markers.push_back({"something-else", Span{0, 20, 30}, {}});
  const ConsoleIntent intent = model::console_intent(m, r);
  REQUIRE(intent);
  CHECK(intent.kind == ConsoleIntent::Kind::Marker);
  CHECK(intent.reason == "marked console-role");
  CHECK(intent.span == Span{0, 1, 9});
}

TEST_CASE("a role without evidence is not a console role", "[queries][console]") {
  model::Model m;
  model::Role r = role("Admin", "admin");
  r.markers.push_back({"something-else", Span{0, 20, 30}, {}});
  CHECK_FALSE(model::console_intent(m, r));
}

TEST_CASE("roles trusted only by Service or Federated principals are never console roles",
          "[queries][console]") {
  model::Model m;
  model::Role r = role("Worker", "worker");
  r.trust =
      document({trust_statement(model::PrincipalType::Service, "Service", "ec2.amazonaws.com"),
                trust_statement(model::PrincipalType::Federated, "Federated",
                                "arn:aws:iam::111122223333:saml-provider/corp")});
  r.markers.push_back({"console-role", Span{0, 1, 9}, {}});
  r.trust.statements[0].has_condition = true;
  r.trust.statements[0].conditions.push_back(
      condition("Bool", "aws:MultiFactorAuthPresent", {lit("true")}));
  m.users.push_back(user("Alice", {assume_on(ref("Worker", "Arn"))}));
  CHECK_FALSE(model::console_intent(m, r));

  SECTION("one AWS principal beside the service is enough") {
    r.trust.statements.push_back(aws_trust());
    CHECK(model::console_intent(m, r).kind == ConsoleIntent::Kind::Marker);
  }
  SECTION("an unknown principal may be an AWS one") {
    r.trust.statements.push_back(aws_trust());
    r.trust.statements.back().principals.clear();
    r.trust.statements.back().principals_unknown = true;
    CHECK(model::console_intent(m, r).kind == ConsoleIntent::Kind::Marker);
  }
}

TEST_CASE("a user allowed sts:AssumeRole on the role's Arn makes it a console role",
          "[queries][console]") {
  model::Model m;
  const model::Role r = role("Admin", "admin");
  const Value resource = ref("Admin", "Arn");
  m.users.push_back(user("Alice", {assume_on(resource)}));
  const ConsoleIntent intent = model::console_intent(m, r);
  REQUIRE(intent);
  CHECK(intent.kind == ConsoleIntent::Kind::Grant);
  CHECK(intent.reason == "user 'Alice' may assume it");
  CHECK(intent.span == resource.span());

  SECTION("another role's Arn, or the role's RoleId, is not this role") {
    m.users[0] = user("Alice", {assume_on(ref("Other", "Arn")), assume_on(ref("Admin", "RoleId"))});
    CHECK_FALSE(model::console_intent(m, r));
  }
}

TEST_CASE("rules share one context's console intents and entities, built on first use",
          "[queries][console]") {
  model::Model m;
  m.roles.push_back(role("Admin", "admin"));
  m.users.push_back(user("Alice", {assume_on(ref("Admin", "Arn"))}));
  model::Model other;  // the same role, and no user
  other.roles.push_back(role("Admin", "admin"));

  const rules::Context context(m);
  const model::ConsoleIntents& shared = context.console_intents();
  CHECK(&context.console_intents() == &shared);
  CHECK(&context.entities() == &context.entities());
  CHECK(&context.entities().model() == &m);
  CHECK(shared.of(m.roles[0]).kind == ConsoleIntent::Kind::Grant);
  CHECK(shared.of(m.roles[0]).reason == "user 'Alice' may assume it");

  const rules::Context elsewhere(other);
  CHECK_FALSE(elsewhere.console_intents().of(other.roles[0]));
}

TEST_CASE("grants that do not count as console evidence", "[queries][console]") {
  model::Model m;
  const model::Role r = role("Admin", "admin");
  model::Statement deny = assume_on(ref("Admin", "Arn"));
  deny.effect = lit("Deny");
  model::Statement other_action =
      statement("Allow", {lit("sts:TagSession")}, {ref("Admin", "Arn")});
  model::Statement not_resource = assume_on(ref("Admin", "Arn"));
  not_resource.not_resource = true;
  model::Statement unknown_action =
      statement("Allow", {Value::of_template(hole(HoleKind::Parameter, "Action"), span())},
                {ref("Admin", "Arn")});
  model::Statement unknown_effect = assume_on(ref("Admin", "Arn"));
  unknown_effect.effect = Value::unknown(span());
  m.users.push_back(
      user("Alice", {deny, other_action, not_resource, unknown_action, unknown_effect}));
  m.users.push_back(user("Bob", {assume_on(lit("*")), assume_on(lit("arn:aws:iam::*:role/*")),
                                 assume_on(lit("arn:aws:iam::111122223333:role/adm*")),
                                 assume_on(Value::unknown(span()))}));
  // Either branch of a condition: only one of them names the role.
  m.users.push_back(
      user("Carol", {assume_on(Value::alternatives(
                        {ref("Admin", "Arn"), lit("arn:aws:iam::111122223333:role/x")}, span()))}));
  CHECK_FALSE(model::console_intent(m, r));
}

TEST_CASE("names_role matches literal ARNs by path and name", "[queries][console]") {
  const model::Role plain = role("Admin", "admin");
  const model::Role pathed = role("Audit", "audit", "/security/");
  const model::Role generated = role("Gen", "", "/");

  CHECK(model::names_role(lit("arn:aws:iam::111122223333:role/admin"), plain));
  CHECK(model::names_role(own_account_role_arn("admin"), plain));
  CHECK_FALSE(model::names_role(lit("arn:aws:iam::111122223333:role/Admin"), plain));
  CHECK_FALSE(model::names_role(lit("arn:aws:iam::111122223333:role/admin2"), plain));
  CHECK_FALSE(model::names_role(lit("arn:aws:iam::111122223333:user/admin"), plain));
  CHECK_FALSE(model::names_role(lit("admin"), plain));

  CHECK(model::names_role(lit("arn:aws:iam::111122223333:role/security/audit"), pathed));
  CHECK_FALSE(model::names_role(lit("arn:aws:iam::111122223333:role/audit"), pathed));
  CHECK_FALSE(model::names_role(lit("arn:aws:iam::111122223333:role/security/*"), pathed));

  // `:role/${Role}` (a Ref gives the name) under the right path.
  model::Template by_ref("arn:aws:iam::111122223333:role/security/");
  by_ref.append(hole(HoleKind::Resource, "Audit"));
  CHECK(model::names_role(Value::of_template(by_ref, span()), pathed));
  model::Template wrong_path("arn:aws:iam::111122223333:role/");
  wrong_path.append(hole(HoleKind::Resource, "Audit"));
  CHECK_FALSE(model::names_role(Value::of_template(wrong_path, span()), pathed));

  // A generated name is never matched by text, only by reference.
  CHECK_FALSE(model::names_role(lit("arn:aws:iam::111122223333:role/"), generated));
  CHECK(model::names_role(ref("Gen", "Arn"), generated));

  CHECK(model::known_path_and_name(pathed) == std::optional<std::string>("security/audit"));
  CHECK(model::known_path_and_name(plain) == std::optional<std::string>("admin"));
  CHECK_FALSE(model::known_path_and_name(generated));
}

TEST_CASE("groups and policies attached to users or groups grant console use",
          "[queries][console]") {
  model::Model m;
  const model::Role r = role("Audit", "audit", "/security/");

  SECTION("a group's inline policy with a literal ARN") {
    model::Group g;
    g.origin.source_id = "Auditors";
    g.origin.file = 0;  // one template: file 0, like span()
    g.policies.push_back(
        inline_policy(document({assume_on(own_account_role_arn("security/audit"))})));
    m.groups.push_back(g);
    CHECK(model::console_intent(m, r).reason == "group 'Auditors' may assume it");
  }
  SECTION("a managed policy referenced from a group's ManagedPolicyArns") {
    model::ManagedPolicy mp;
    mp.origin.source_id = "SwitchPolicy";
    mp.origin.file = 0;  // one template: file 0, like span()
    mp.document = document({assume_on(ref("Audit", "Arn"))});
    m.managed_policies.push_back(mp);
    CHECK_FALSE(model::console_intent(m, r));  // attached to nobody
    model::Group g;
    g.origin.source_id = "Auditors";
    g.origin.file = 0;  // one template: file 0, like span()
    g.managed_policy_arns = list({ref("SwitchPolicy")});
    m.groups.push_back(g);
    CHECK(model::console_intent(m, r).reason ==
          "group 'Auditors' may assume it through managed policy 'SwitchPolicy'");
  }
  SECTION("a managed policy naming its users") {
    model::ManagedPolicy mp;
    mp.origin.source_id = "SwitchPolicy";
    mp.origin.file = 0;  // one template: file 0, like span()
    mp.document = document({assume_on(ref("Audit", "Arn"))});
    mp.users = list({Value::unknown(span())});
    m.managed_policies.push_back(mp);
    CHECK_FALSE(model::console_intent(m, r));  // unknown attachment: not evidence
    m.managed_policies[0].users = list({lit("erin")});
    CHECK(model::console_intent(m, r).reason ==
          "user 'erin' may assume it through policy 'SwitchPolicy'");
  }
  SECTION("a standalone policy referencing its group") {
    model::StandalonePolicy p;
    p.origin.source_id = "AuditorsSwitch";
    p.origin.file = 0;  // one template: file 0, like span()
    p.document = document({assume_on(lit("arn:aws:iam::111122223333:role/security/audit"))});
    p.groups = list({ref("Auditors")});
    m.policies.push_back(p);
    CHECK(model::console_intent(m, r).reason ==
          "group 'Auditors' may assume it through policy 'AuditorsSwitch'");
  }
}

TEST_CASE("a trust policy requiring MFA makes a console role", "[queries][console]") {
  model::Model m;
  model::Role r = role("Admin", "admin");
  model::Statement& s = r.trust.statements[0];
  s.has_condition = true;

  SECTION("Allow with aws:MultiFactorAuthPresent true") {
    s.conditions.push_back(condition("Bool", "aws:multifactorauthpresent", {lit("true")}));
    const ConsoleIntent intent = model::console_intent(m, r);
    CHECK(intent.kind == ConsoleIntent::Kind::Mfa);
    CHECK(intent.reason == "its trust policy requires aws:multifactorauthpresent");
    CHECK(intent.span == s.conditions[0].key_span);
  }
  SECTION("Allow with a bound on aws:MultiFactorAuthAge") {
    s.conditions.push_back(condition("NumericLessThan", "aws:MultiFactorAuthAge", {lit("3600")}));
    CHECK(model::console_intent(m, r).kind == ConsoleIntent::Kind::Mfa);
  }
  SECTION("Deny without MFA") {
    model::Statement deny = aws_trust("Deny");
    deny.has_condition = true;
    deny.conditions.push_back(
        condition("BoolIfExists", "aws:MultiFactorAuthPresent", {lit("false")}));
    r.trust.statements.push_back(deny);
    CHECK(model::console_intent(m, r).kind == ConsoleIntent::Kind::Mfa);
  }
  SECTION("Allow only without MFA, or an unknown value, is not evidence") {
    s.conditions.push_back(condition("Bool", "aws:MultiFactorAuthPresent", {lit("false")}));
    s.conditions.push_back(
        condition("Bool", "aws:MultiFactorAuthPresent", {Value::unknown(span())}));
    CHECK_FALSE(model::console_intent(m, r));
  }
}

TEST_CASE("requires_condition_key", "[queries][condition]") {
  model::Statement s = aws_trust();
  s.has_condition = true;
  CHECK(model::requires_condition_key(s, "sts:ExternalId") == Tri::False);

  SECTION("present, keys compare case-insensitively") {
    s.conditions.push_back(condition("StringEquals", "STS:externalid", {lit("x")}));
    CHECK(model::requires_condition_key(s, "sts:ExternalId") == Tri::True);
    CHECK(model::requires_condition_key(s, "aws:SourceIp") == Tri::False);
  }
  SECTION("a set operator still requires it") {
    s.conditions.push_back(condition("ForAnyValue:StringLike", "sts:ExternalId", {lit("x*")}));
    CHECK(model::requires_condition_key(s, "sts:ExternalId") == Tri::True);
  }
  SECTION("IfExists does not require it") {
    s.conditions.push_back(condition("StringEqualsIfExists", "sts:ExternalId", {lit("x")}));
    CHECK(model::requires_condition_key(s, "sts:ExternalId") == Tri::False);
  }
  SECTION("Null false requires it, Null true forbids it, an unknown Null is unknown") {
    s.conditions.push_back(condition("Null", "sts:ExternalId", {lit("true")}));
    CHECK(model::requires_condition_key(s, "sts:ExternalId") == Tri::False);
    s.conditions[0].values = list({Value::unknown(span())});
    CHECK(model::requires_condition_key(s, "sts:ExternalId") == Tri::Unknown);
    s.conditions[0].values = list({lit("false")});
    CHECK(model::requires_condition_key(s, "sts:ExternalId") == Tri::True);
  }
  SECTION("an unevaluated Condition is unknown unless the key is found") {
    s.conditions_unknown = true;
    CHECK(model::requires_condition_key(s, "sts:ExternalId") == Tri::Unknown);
    s.conditions.push_back(condition("StringEquals", "sts:ExternalId", {lit("x")}));
    CHECK(model::requires_condition_key(s, "sts:ExternalId") == Tri::True);
  }
}

TEST_CASE("principal_account reads the account of an id or an ARN", "[queries][accounts]") {
  using Kind = model::PrincipalAccount::Kind;
  const auto literal = [](std::string text) {
    return model::principal_account(model::Template(std::move(text)));
  };
  CHECK(literal("111122223333").kind == Kind::Literal);
  CHECK(literal("111122223333").id == "111122223333");
  CHECK(literal("arn:aws:iam::444455556666:root").id == "444455556666");
  CHECK(literal("arn:aws-cn:iam::444455556666:role/path/deployer").kind == Kind::Literal);
  CHECK(literal("arn:aws:iam::Account_Alice:role/Alice").kind == Kind::Unknown);
  CHECK(literal("arn:aws:iam::4444555566:root").kind == Kind::Unknown);  // 10 digits
  CHECK(literal("arn:aws:iam::*:root").kind == Kind::Unknown);
  CHECK(literal("arn:aws:iam").kind == Kind::Unknown);
  CHECK(literal("AROAEXAMPLEUNIQUEID1").kind == Kind::Unknown);

  model::Template own("arn:");
  own.append_hole({HoleKind::Partition, "AWS::Partition", {}});
  own.append_literal(":iam::");
  own.append_hole({HoleKind::OwnAccount, "AWS::AccountId", {}});
  own.append_literal(":root");
  CHECK(model::principal_account(own).kind == Kind::Own);

  model::Template partition_then_literal("arn:");
  partition_then_literal.append_hole({HoleKind::Partition, "AWS::Partition", {}});
  partition_then_literal.append_literal(":iam::999988887777:user/ci");
  CHECK(model::principal_account(partition_then_literal).id == "999988887777");

  model::Template parameter("arn:aws:iam::");
  parameter.append_hole({HoleKind::Parameter, "VendorAccount", {}});
  parameter.append_literal(":root");
  CHECK(model::principal_account(parameter).kind == Kind::Unknown);

  model::Template unknown_before("arn:aws:");
  unknown_before.append_hole({HoleKind::Unknown, "", {}});
  unknown_before.append_literal(":111122223333:root");  // the hole may hold ':'
  CHECK(model::principal_account(unknown_before).kind == Kind::Unknown);

  CHECK(model::principal_account(hole(HoleKind::Resource, "Deployer", "Arn")).kind == Kind::Own);
  CHECK(model::principal_account(hole(HoleKind::Resource, "Deployer", "Name")).kind ==
        Kind::Unknown);
  CHECK(model::principal_account(hole(HoleKind::Parameter, "Account")).kind == Kind::Unknown);
}

TEST_CASE("a reference names a role of its own template or module only", "[queries][console]") {
  model::Model m;
  model::Role r = role("Admin", "admin");
  r.origin.file = 1;  // another file than the grant's (span() is in file 0)
  m.users.push_back(user("Alice", {assume_on(ref("Admin", "Arn"))}));
  CHECK_FALSE(model::console_intent(m, r));  // another template's Admin

  SECTION("files of one Terraform module are one unit") {
    m.units = {{0, 0}, {1, 0}};
    CHECK(model::console_intent(m, r));
  }
  SECTION("a literal ARN is not a reference: it names the role wherever it is written") {
    m.users[0] = user("Alice", {assume_on(own_account_role_arn("admin"))});
    CHECK(model::console_intent(m, r));
  }
}

TEST_CASE("a finished statement answers is_allow and covers_action as before it was finished",
          "[policy]") {
  model::Statement not_action = statement("Allow", {lit("s3:*")}, {lit("*")});
  not_action.not_action = true;
  model::Statement unknown_effect = statement("Allow", {lit("sts:AssumeRole")}, {lit("*")});
  unknown_effect.effect = Value::unknown(span());
  model::Statement unknown_items = statement("Allow", {lit("s3:GetObject")}, {lit("*")});
  unknown_items.actions.unknown_items = true;
  model::Statement no_action;
  no_action.effect = lit("Allow");
  const std::vector<model::Statement> cases = {
      statement("Allow", {lit("sts:AssumeRole")}, {lit("*")}),
      statement("Allow", {lit("STS:assume*")}, {lit("*")}),
      statement("Deny", {lit("sts:AssumeRole")}, {lit("*")}),
      statement("Allow", {lit("sts:TagSession"), lit("iam:PassRole")}, {lit("*")}),
      statement("Allow", {Value::of_template(hole(HoleKind::Parameter, "Action"), span())},
                {lit("*")}),
      not_action,
      unknown_effect,
      unknown_items,
      no_action,
  };
  for (const std::string_view action : {"sts:AssumeRole", "iam:PassRole", "s3:GetObject"}) {
    for (std::size_t i = 0; i < cases.size(); ++i) {
      model::Statement finished = cases[i];
      finished.finish();
      INFO("statement " << i << ", " << action);
      CHECK(finished.is_allow() == cases[i].is_allow());
      CHECK(finished.covers_action(action) == cases[i].covers_action(action));
    }
  }
  CHECK(cases[0].covers_action("sts:AssumeRole") == model::Tri::True);
  CHECK(cases[5].covers_action("sts:AssumeRole") == model::Tri::True);  // NotAction s3:*
  CHECK(cases[6].is_allow() == model::Tri::Unknown);
  CHECK(cases[7].covers_action("sts:AssumeRole") == model::Tri::Unknown);  // more may be listed
}

TEST_CASE("appending models keeps every entity in order and leaves the pieces without storage",
          "[model]") {
  model::Model first, second, merged;
  first.roles.push_back(role("A", "a"));
  first.roles.push_back(role("B", "b"));
  second.roles.push_back(role("C", "c"));
  second.users.push_back(user("Alice", {}));
  const model::Role* a = &first.roles[0];
  merged.append(std::move(first));
  CHECK(&merged.roles[0] == a);  // the first piece's storage is taken, not copied
  merged.append(std::move(second));
  REQUIRE(merged.roles.size() == 3);
  CHECK(merged.roles[2].origin.source_id == "C");
  REQUIRE(merged.users.size() == 1);
  CHECK(merged.users[0].origin.source_id == "Alice");
  CHECK(first.roles.capacity() == 0);
  CHECK(second.roles.capacity() == 0);
  CHECK(second.users.capacity() == 0);
}
