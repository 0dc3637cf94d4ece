#pragma once
// The generated tables (see gen_partitions.cpp).
#include <cstddef>
#include <string_view>

namespace rolelint::catalog::data {
struct RegionPartition {
  std::string_view region;
  std::size_t partition;  // index in kPartitions
};
extern const std::string_view kPartitions[];  // in the data's order: "aws" first
extern const std::size_t kPartitionCount;
extern const RegionPartition kRegions[];  // sorted by region
extern const std::size_t kRegionCount;
}  // namespace rolelint::catalog::data
