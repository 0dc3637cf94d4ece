#include "linter/catalog/partitions.hpp"

#include <algorithm>

#include "linter/catalog/partitions_data.hpp"

namespace rolelint::catalog {

std::span<const std::string_view> aws_partitions() {
  return {data::kPartitions, data::kPartitionCount};
}

bool is_aws_partition(std::string_view id) {
  const auto all = aws_partitions();
  return std::find(all.begin(), all.end(), id) != all.end();
}

std::string_view partition_of_region(std::string_view region) {
  const std::span<const data::RegionPartition> all{data::kRegions, data::kRegionCount};
  const auto it = std::lower_bound(
      all.begin(), all.end(), region,
      [](const data::RegionPartition& r, std::string_view name) { return r.region < name; });
  return it != all.end() && it->region == region ? data::kPartitions[it->partition]
                                                 : std::string_view();
}

}  // namespace rolelint::catalog
