#include "linter/catalog/action_catalog.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "linter/base/text.hpp"

using namespace rolelint::catalog;

TEST_CASE("the catalog knows sts:AssumeRole and that it supports resource-level permissions",
          "[catalog]") {
  const Action* a = find_action("sts:AssumeRole");
  REQUIRE(a != nullptr);
  CHECK(a->name == "AssumeRole");
  CHECK(a->resource_level);
  CHECK(a->level == AccessLevel::Write);
  CHECK(find_action("STS:assumerole") == a);  // IAM compares action names case-insensitively
}

TEST_CASE("s3:ListAllMyBuckets exists without resource-level permissions", "[catalog]") {
  const Action* a = find_action("s3:ListAllMyBuckets");
  REQUIRE(a != nullptr);
  CHECK_FALSE(a->resource_level);
  CHECK(a->level == AccessLevel::List);
}

TEST_CASE("iam:PassRole is write access on roles", "[catalog]") {
  const Action* a = find_action("iam:PassRole");
  REQUIRE(a != nullptr);
  CHECK(a->resource_level);
}

TEST_CASE("every service and action of the catalog is found by its name, in any case",
          "[catalog]") {
  std::size_t actions = 0;
  for (const Service& s : services()) {
    CHECK(find_service(s.prefix) == &s);
    for (const Action& a : s.actions) {
      const std::string name = std::string(s.prefix) + ":" + std::string(a.name);
      std::string upper = name;
      for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      // One CHECK per action would make thousands of assertions: count the misses instead.
      if (find_action(name) != &a || find_action(upper) != &a) FAIL_CHECK(name);
      ++actions;
    }
  }
  CHECK(actions > 15000);
  CHECK(find_service("STS") == find_service("sts"));
  CHECK(find_service("") == nullptr);
  CHECK(find_service("sts:") == nullptr);
  CHECK(find_action("sts") == nullptr);
  CHECK(find_action(":AssumeRole") == nullptr);
  CHECK(find_action("sts:") == nullptr);
  CHECK(find_action("sts:AssumeRole:") == nullptr);
}

TEST_CASE("misspelt actions are unknown and get a suggestion", "[catalog]") {
  CHECK(find_action("sts:AssumeRoles") == nullptr);
  CHECK(find_action("sts:AsumeRole") == nullptr);
  CHECK(find_action("s3:GetObjects") == nullptr);
  CHECK(find_action("stss:AssumeRole") == nullptr);
  CHECK(suggest_action("sts:AssumeRoles") == "sts:AssumeRole");
  CHECK(suggest_action("sts:AsumeRole") == "sts:AssumeRole");
  CHECK(suggest_action("s3:GetObjects") == "s3:GetObject");
  CHECK(suggest_action("stss:AssumeRole") == "sts:AssumeRole");
  CHECK(suggest_action("sts:Frobnicate") == "");
  // The same verb first: a List action is no Get action, however close the spelling.
  CHECK(suggest_action("s3:ListObjectVersions") == "");
  CHECK(suggest_action("s3:GetObjectVersions") == "s3:GetObjectVersion");
  CHECK(suggest_action("s3:ListBucketVersion") == "s3:ListBucketVersions");
  CHECK(suggest_action("s3:LsitBucket") == "s3:ListBucket");  // no action's verb: any may do
}

TEST_CASE("wildcard patterns count the actions they match", "[catalog]") {
  CHECK(count_matches("sts:AssumeRole") == 1);
  CHECK(count_matches("sts:Assume*") >=
        4);  // AssumeRole, ...WithSAML, ...WithWebIdentity, AssumeRoot
  CHECK(count_matches("sts:AssumeRole?") == 0);
  CHECK(count_matches("sts:Asume*") == 0);
  CHECK(count_matches("*") > 10000);
  CHECK(count_matches("s3:Get?bject") >= 1);
}

TEST_CASE("condition keys: service keys, templated keys and global keys", "[catalog]") {
  CHECK(condition_key_known("sts:ExternalId"));
  CHECK(condition_key_known("sts:RoleSessionName"));
  CHECK(condition_key_known("STS:externalid"));
  CHECK(condition_key_known("aws:PrincipalOrgID"));
  CHECK(condition_key_known("aws:PrincipalTag/team"));
  CHECK(condition_key_known("aws:MultiFactorAuthPresent"));
  CHECK(condition_key_known("token.actions.githubusercontent.com:sub"));
  CHECK_FALSE(condition_key_known("aws:RoleSessionName"));  // the key is sts:RoleSessionName
  CHECK_FALSE(condition_key_known("sts:ExternalID2"));
}

TEST_CASE("condition key suggestions prefer the same key name under the right prefix",
          "[catalog]") {
  CHECK(suggest_condition_key("aws:RoleSessionName") == "sts:RoleSessionName");
  CHECK(suggest_condition_key("sts:ExternalID2") == "sts:ExternalId");
  CHECK(suggest_condition_key("aws:PrincipalOrgId") == "aws:PrincipalOrgID");
}

TEST_CASE("condition operators: set prefixes, IfExists, case and suggestions", "[catalog]") {
  CHECK(condition_operator_known("StringEquals"));
  CHECK(condition_operator_known("ForAnyValue:StringLike"));
  CHECK(condition_operator_known("ForAllValues:StringEqualsIgnoreCase"));
  CHECK(condition_operator_known("ArnLikeIfExists"));
  CHECK(condition_operator_known("Null"));
  CHECK_FALSE(condition_operator_known("NullIfExists"));
  CHECK_FALSE(condition_operator_known("StringEqual"));
  CHECK_FALSE(condition_operator_known("stringequals"));
  CHECK_FALSE(condition_operator_known("ForSomeValues:StringLike"));
  CHECK(suggest_condition_operator("StringEqual") == "StringEquals");
  CHECK(suggest_condition_operator("stringequals") == "StringEquals");
  CHECK(suggest_condition_operator("ForAnyValues:StringLike") == "ForAnyValue:StringLike");
  CHECK(suggest_condition_operator("ArnLikeIfExist") == "ArnLikeIfExists");
}

TEST_CASE("matching_actions lists what a pattern covers", "[catalog]") {
  auto assume = matching_actions("sts:AssumeRole*");
  REQUIRE(assume.size() >= 3);
  CHECK(assume.front().first->prefix == "sts");
  CHECK(matching_actions("s3:GetObject").size() == 1);
  CHECK(matching_actions("nope:*").empty());
  CHECK(matching_actions("*").size() == count_matches("*"));
}

TEST_CASE("pattern matching narrows by literal prefix without losing matches", "[catalog]") {
  // Reference: a plain scan of every action with the same glob semantics.
  auto scan = [](std::string_view service_glob, std::string_view name_glob) {
    std::size_t n = 0;
    for (const Service& s : services()) {
      if (!rolelint::glob_match_icase(service_glob, s.prefix)) continue;
      for (const Action& a : s.actions) n += rolelint::glob_match_icase(name_glob, a.name) ? 1 : 0;
    }
    return n;
  };
  const std::pair<std::string_view, std::string_view> patterns[] = {{"sts", "assume*"},
                                                                    {"STS", "AssumeRole"},
                                                                    {"s*", "Get*"},
                                                                    {"?3", "GetObject"},
                                                                    {"*", "AssumeRole"},
                                                                    {"iam", "*Role*"},
                                                                    {"ec2", "Describe?nstances"},
                                                                    {"s3", "*"},
                                                                    {"kms", "Decrypt*"},
                                                                    {"*", "*"}};
  for (const auto& [service_glob, name_glob] : patterns) {
    const std::string pattern = std::string(service_glob) + ":" + std::string(name_glob);
    CAPTURE(pattern);
    CHECK(count_matches(pattern) == scan(service_glob, name_glob));
    CHECK(any_match(pattern) == (scan(service_glob, name_glob) > 0));
  }
  CHECK_FALSE(any_match("sts:AssumeRoles"));
  CHECK(any_match("sts:assumerole"));
}

TEST_CASE("patterns with no literal prefix find every match, in catalog order", "[catalog]") {
  // Reference: a plain scan of every action, in catalog order.
  auto scan = [](std::string_view service_glob, std::string_view name_glob) {
    std::vector<std::pair<const Service*, const Action*>> out;
    for (const Service& s : services()) {
      if (!rolelint::glob_match_icase(service_glob, s.prefix)) continue;
      for (const Action& a : s.actions) {
        if (rolelint::glob_match_icase(name_glob, a.name)) out.emplace_back(&s, &a);
      }
    }
    return out;
  };
  const std::pair<std::string_view, std::string_view> patterns[] = {
      {"s3", "*Object*"},   {"ec2", "*VPC*"},       {"iam", "*role"},          {"*", "*PassRole"},
      {"ec2", "?escribe*"}, {"s3", "*o*j*"},        {"lambda", "*Fun?tion*"},  {"iam", "*zzz*"},
      {"sts", "*E*"},       {"dynamodb", "**Item"}, {"*", "*AssumeRoleWith*"}, {"ec2", "*ss*"}};
  for (const auto& [service_glob, name_glob] : patterns) {
    const std::string pattern = std::string(service_glob) + ":" + std::string(name_glob);
    CAPTURE(pattern);
    const auto expected = scan(service_glob, name_glob);
    CHECK(matching_actions(pattern) == expected);
    CHECK(count_matches(pattern) == expected.size());
    CHECK(any_match(pattern) == !expected.empty());
  }
}

TEST_CASE("an action's condition keys are its own and its resource types'", "[catalog]") {
  const Action* terminate = find_action("ec2:TerminateInstances");
  const Action* pass_role = find_action("iam:PassRole");
  const Action* decrypt = find_action("kms:Decrypt");
  REQUIRE(terminate);
  REQUIRE(pass_role);
  REQUIRE(decrypt);
  // Of the instance resource type, with the tag key filled in, in any case.
  CHECK(action_has_condition_key(*terminate, "ec2:ResourceTag/team"));
  CHECK(action_has_condition_key(*terminate, "EC2:instancetype"));
  // The action's own keys.
  CHECK(action_has_condition_key(*pass_role, "iam:PassedToService"));
  CHECK(action_has_condition_key(*decrypt, "kms:ViaService"));
  // Another action's key, another service's key, and the global keys are not listed.
  CHECK_FALSE(action_has_condition_key(*terminate, "iam:PassedToService"));
  CHECK_FALSE(action_has_condition_key(*decrypt, "ec2:ResourceTag/team"));
  CHECK_FALSE(action_has_condition_key(*terminate, "aws:ResourceTag/team"));
  CHECK_FALSE(action_has_condition_key(*terminate, "ec2:ResourceTag"));
}
