// The AWS partitions compiled in from @aws-sdk/core's endpoint data: every region of the
// package's data is found in its partition, and nothing else is.
#include "linter/catalog/partitions.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

// The package's own data, read as the generator reads it.
nlohmann::json package_partitions() {
  std::ifstream in(std::string(ROLELINT_SOURCE_DIR) +
                   "/node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/"
                   "aws/partitions.js");
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const std::size_t open = text.find('{');
  const std::size_t close = text.rfind('}');
  REQUIRE(open != std::string::npos);
  REQUIRE(close != std::string::npos);
  return nlohmann::json::parse(text.substr(open, close - open + 1)).at("partitions");
}

}  // namespace

TEST_CASE("partition_of_region: each region of the data, in its partition",
          "[catalog][partition]") {
  using rolelint::catalog::partition_of_region;
  CHECK(partition_of_region("us-east-1") == "aws");
  CHECK(partition_of_region("eu-west-1") == "aws");
  CHECK(partition_of_region("cn-north-1") == "aws-cn");
  CHECK(partition_of_region("cn-northwest-1") == "aws-cn");
  CHECK(partition_of_region("us-gov-west-1") == "aws-us-gov");
  CHECK(partition_of_region("us-iso-east-1") == "aws-iso");
  // Only what the data lists: no prefix, no case folding, no guess for a future region.
  CHECK(partition_of_region("").empty());
  CHECK(partition_of_region("us-east").empty());
  CHECK(partition_of_region("US-EAST-1").empty());
  CHECK(partition_of_region("us-east-1 ").empty());
  CHECK(partition_of_region("xx-future-1").empty());

  std::size_t regions = 0;
  for (const nlohmann::json& p : package_partitions()) {
    const std::string id = p.at("id").get<std::string>();
    for (const auto& [region, details] : p.at("regions").items()) {
      INFO(region);
      CHECK(partition_of_region(region) == id);
      ++regions;
    }
  }
  CHECK(regions > 30);
}

TEST_CASE("aws_partitions: every partition of the data, aws first", "[catalog][partition]") {
  const auto all = rolelint::catalog::aws_partitions();
  const nlohmann::json data = package_partitions();
  REQUIRE(all.size() == data.size());
  for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i] == data[i].at("id").get<std::string>());
  CHECK(all.front() == "aws");
  CHECK(rolelint::catalog::is_aws_partition("aws-us-gov"));
  CHECK(rolelint::catalog::is_aws_partition("aws-eusc"));
  CHECK_FALSE(rolelint::catalog::is_aws_partition("amazon"));
  CHECK_FALSE(rolelint::catalog::is_aws_partition("AWS"));
  CHECK_FALSE(rolelint::catalog::is_aws_partition(""));
}
