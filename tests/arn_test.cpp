// The symbolic ARN parser and the account helpers (linter/model/arn.hpp), on templates built in
// code: literal, partly known, wildcard and malformed ARNs.
#include "linter/model/arn.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace rolelint;
using model::HoleKind;

namespace {

model::Hole hole(HoleKind kind, std::string target) { return {kind, std::move(target), {}}; }

}  // namespace

TEST_CASE("is_account_id accepts exactly twelve digits", "[arn][accounts]") {
  CHECK(model::is_account_id("111122223333"));
  CHECK_FALSE(model::is_account_id("11112222333"));
  CHECK_FALSE(model::is_account_id("1111222233334"));
  CHECK_FALSE(model::is_account_id("11112222333x"));
  CHECK_FALSE(model::is_account_id("*"));
  CHECK_FALSE(model::is_account_id(""));
}

TEST_CASE("a literal ARN splits into its six fields, the resource keeping its ':'", "[arn]") {
  const auto arn =
      model::parse_arn(std::string_view("arn:aws-cn:iam::111122223333:role/teams/Admin"));
  REQUIRE(arn);
  CHECK(arn->complete());
  CHECK(arn->partition.known() == "aws-cn");
  CHECK(arn->service.known() == "iam");
  CHECK(arn->region.known() == "");
  CHECK(arn->account.known() == "111122223333");
  CHECK(arn->resource.known() == "role/teams/Admin");
  CHECK(arn->resource_type() == "role");
  CHECK(arn->resource_path_and_name() == "teams/Admin");

  const auto logs =
      model::parse_arn(std::string_view("arn:aws:logs:eu-west-1:111122223333:log-group:app:*"));
  REQUIRE(logs);
  CHECK(logs->region.known() == "eu-west-1");
  CHECK(logs->resource.known() == "log-group:app:*");
  CHECK(logs->resource_type() == std::nullopt);  // no '/'
}

TEST_CASE("holes stay in the field they are written in", "[arn]") {
  model::Template t("arn:");
  t.append_hole(hole(HoleKind::Partition, "AWS::Partition"));
  t.append_literal(":iam::");
  t.append_hole(hole(HoleKind::OwnAccount, "AWS::AccountId"));
  t.append_literal(":role/teams/");
  t.append_hole(hole(HoleKind::Resource, "Admin"));
  const auto arn = model::parse_arn(t);
  REQUIRE(arn);
  CHECK(arn->complete());
  CHECK_FALSE(arn->partition.known());
  CHECK(model::has_hole(arn->partition, HoleKind::Partition));
  CHECK(arn->service.known() == "iam");
  CHECK(arn->region.known() == "");
  CHECK(model::has_hole(arn->account, HoleKind::OwnAccount));
  CHECK_FALSE(model::has_hole(arn->account, HoleKind::Partition));
  CHECK(arn->resource.known_prefix() == "role/teams/");
  CHECK(model::has_hole(arn->resource, HoleKind::Resource));
  CHECK(arn->resource_type() == "role");
  CHECK(arn->resource_path_and_name() == std::nullopt);  // the name is a hole
}

TEST_CASE("wildcards are literal text of their field", "[arn]") {
  const auto arn = model::parse_arn(std::string_view("arn:*:iam::*:role/*"));
  REQUIRE(arn);
  CHECK(arn->complete());
  CHECK(arn->partition.known() == "*");
  CHECK(arn->account.known() == "*");
  CHECK(arn->resource.known() == "role/*");
  CHECK(arn->resource_path_and_name() == "*");
}

TEST_CASE("malformed ARNs: too few fields, or not an ARN at all", "[arn]") {
  const auto short_arn = model::parse_arn(std::string_view("arn:aws:iam::111122223333"));
  REQUIRE(short_arn);
  CHECK_FALSE(short_arn->complete());
  CHECK(short_arn->fields == 5);
  CHECK(short_arn->account.known() == "111122223333");

  const auto prefix_only = model::parse_arn(std::string_view("arn:"));
  REQUIRE(prefix_only);
  CHECK(prefix_only->fields == 2);
  CHECK(prefix_only->partition.known() == "");

  CHECK_FALSE(model::parse_arn(std::string_view("111122223333")));
  CHECK_FALSE(
      model::parse_arn(std::string_view("ARN:aws:iam::111122223333:root")));  // case matters
  CHECK_FALSE(model::parse_arn(model::Template::of_hole(hole(HoleKind::Parameter, "RoleArn"))));

  // A hole before the first ':' after "arn" is part of the partition field.
  model::Template t("arn:");
  t.append_hole(hole(HoleKind::Unknown, ""));
  t.append_literal(":111122223333:root");
  const auto unknown = model::parse_arn(t);
  REQUIRE(unknown);
  CHECK_FALSE(unknown->complete());  // the hole may hold the missing ':'
  CHECK(unknown->service.known() == "111122223333");
}
