#pragma once
// The AWS partitions (`aws`, `aws-cn`, `aws-us-gov`, ...) and the partition of each region,
// compiled into the binary at build time from the endpoint data of the npm package @aws-sdk/core
// (pinned in package-lock.json; gen_partitions.cpp). An account, and every ARN of its entities,
// is in exactly one partition; which one follows from the region it is used in.
// https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
#include <span>
#include <string_view>

namespace rolelint::catalog {

// Every partition's id, as ARNs spell it: "aws" first.
std::span<const std::string_view> aws_partitions();
// Whether `id` is a partition's id.
bool is_aws_partition(std::string_view id);
// The partition of a region the data lists ("aws-cn" for "cn-north-1"); "" for any other text.
// A region newer than the pinned data is not known: the caller treats the partition as unknown.
std::string_view partition_of_region(std::string_view region);

}  // namespace rolelint::catalog
