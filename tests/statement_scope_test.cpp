// How far a statement reaches (linter/model/statement_scope.hpp): wildcard ARNs, read through the
// one ARN parser, and the Condition entries that limit an action.
#include "linter/model/statement_scope.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "linter/catalog/action_catalog.hpp"

using namespace rolelint;
using model::HoleKind;
using model::Reach;

namespace {

model::Template text(std::string s) { return model::Template(std::move(s)); }

// "arn:" + hole + rest: a hole in the partition field.
model::Template with_partition_hole(HoleKind kind, std::string rest) {
  model::Template t(std::string("arn:"));
  t.append_hole({kind, "Partition", {}});
  t.append_literal(rest);
  return t;
}

model::ConditionEntry entry(std::string op, std::string key, std::vector<std::string> values) {
  model::ConditionEntry e;
  e.op = std::move(op);
  e.key = std::move(key);
  for (std::string& v : values) e.values.values.push_back(model::Value::known(std::move(v), {}));
  return e;
}

}  // namespace

TEST_CASE("an ARN of every resource of a service reaches as far as '*'", "[scope]") {
  CHECK(model::resource_reach(text("*"), "s3") == Reach::Everywhere);
  CHECK(model::resource_reach(text("arn:aws:s3:::*"), "s3") == Reach::Everywhere);
  CHECK(model::resource_reach(text("arn:aws:logs:*:*:*"), "logs") == Reach::Everywhere);
  CHECK(model::resource_reach(text("arn:*:*:*:*:*"), "ec2") == Reach::Everywhere);
  CHECK(model::resource_reach(text("arn:*:*:*:*:*"), "") == Reach::Everywhere);
  CHECK(model::resource_reach(text("arn:aws:logs:*:111122223333:*"), "logs") == Reach::OneAccount);
  CHECK(model::resource_reach(text("arn:aws:iam::*:role/*"), "iam", "role/") == Reach::Everywhere);
  CHECK(model::resource_reach(text("arn:aws:iam::*:ro*"), "iam", "role/") == Reach::Everywhere);
}

TEST_CASE("a named resource, a path or another service's ARN is narrower", "[scope]") {
  CHECK(model::resource_reach(text("arn:aws:s3:::uploads/*"), "s3") == Reach::Narrower);
  CHECK(model::resource_reach(text("arn:aws:s3:::*"), "ec2") == Reach::Narrower);
  CHECK(model::resource_reach(text("arn:aws:s3:::*"), "") == Reach::Narrower);
  CHECK(model::resource_reach(text("arn:aws:iam::*:role/*"), "iam") == Reach::Narrower);
  CHECK(model::resource_reach(text("arn:aws:iam::*:role/app-*"), "iam", "role/") ==
        Reach::Narrower);
  CHECK(model::resource_reach(text("arn:aws:iam::*:user/*"), "iam", "role/") == Reach::Narrower);
  CHECK(model::resource_reach(text("arn:aws:logs:*:1111*:*"), "logs") == Reach::Narrower);
  CHECK(model::resource_reach(text("arn:aws:s3"), "s3") == Reach::Narrower);
}

TEST_CASE("the partition and region never decide, other holes do", "[scope]") {
  // Any hole in the partition field, even an unknown one.
  CHECK(model::resource_reach(with_partition_hole(HoleKind::Parameter, ":iam::*:role/*"), "iam",
                              "role/") == Reach::Everywhere);
  CHECK(model::resource_reach(with_partition_hole(HoleKind::Unknown, ":s3:::*"), "s3") ==
        Reach::Everywhere);
  // A hole in the account field is one account; in the resource or service field, unknown.
  model::Template own(std::string("arn:aws:iam::"));
  own.append_hole({HoleKind::OwnAccount, "AWS::AccountId", {}});
  own.append_literal(":role/*");
  CHECK(model::resource_reach(own, "iam", "role/") == Reach::OneAccount);
  model::Template name(std::string("arn:aws:iam::*:role/"));
  name.append_hole({HoleKind::Parameter, "Name", {}});
  CHECK(model::resource_reach(name, "iam", "role/") == Reach::Unknown);
  CHECK(model::resource_reach(model::Value::unknown({}), "iam") == Reach::Unknown);
}

TEST_CASE("a condition limits an action when every request must meet it on a scoping key",
          "[scope]") {
  const catalog::Action* terminate = catalog::find_action("ec2:TerminateInstances");
  REQUIRE(terminate);
  auto limited = [&](model::ConditionEntry e, const catalog::Action* action) {
    model::Statement stmt;
    stmt.conditions.push_back(std::move(e));
    return model::limiting_condition(stmt, action) != nullptr;
  };
  CHECK(limited(entry("StringEquals", "ec2:ResourceTag/team", {"platform"}), terminate));
  CHECK(limited(entry("StringLike", "aws:ResourceTag/team", {"plat*"}), nullptr));
  CHECK(limited(entry("ArnLike", "AWS:SourceArn", {"arn:aws:s3:::b"}), nullptr));
  CHECK(
      limited(entry("ForAnyValue:StringEquals", "aws:CalledVia", {"cloudformation.amazonaws.com"}),
              nullptr));
  // Not for another action, nor for global keys only.
  CHECK_FALSE(limited(entry("StringEquals", "ec2:ResourceTag/team", {"platform"}), nullptr));
  CHECK_FALSE(limited(entry("StringEquals", "iam:PassedToService", {"x"}), terminate));
  // Request-context keys, IfExists, ForAllValues, Null, negations and '*' limit nothing.
  CHECK_FALSE(limited(entry("IpAddress", "aws:SourceIp", {"203.0.113.0/24"}), terminate));
  CHECK_FALSE(limited(entry("Bool", "aws:MultiFactorAuthPresent", {"true"}), terminate));
  CHECK_FALSE(limited(entry("StringEquals", "aws:RequestedRegion", {"eu-west-1"}), terminate));
  CHECK_FALSE(
      limited(entry("StringEqualsIfExists", "ec2:ResourceTag/team", {"platform"}), terminate));
  CHECK_FALSE(
      limited(entry("ForAllValues:StringEquals", "aws:RequestTag/team", {"platform"}), terminate));
  CHECK_FALSE(limited(entry("Null", "aws:ResourceTag/team", {"false"}), terminate));
  CHECK_FALSE(limited(entry("StringNotEquals", "aws:ResourceTag/team", {"prod"}), terminate));
  CHECK_FALSE(limited(entry("StringLike", "aws:ResourceTag/team", {"*"}), terminate));
  CHECK(model::limited_only_by(nullptr).empty());
}
