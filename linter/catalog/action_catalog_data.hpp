#pragma once
// The generated tables (see gen_catalog.cpp). Services are sorted by prefix.
#include <cstddef>
#include <cstdint>

#include "linter/catalog/action_catalog.hpp"

namespace rolelint::catalog::data {
extern const Service kServices[];
extern const std::size_t kServiceCount;
// Every service's condition keys, service after service (Service::condition_keys are slices).
extern const std::string_view kConditionKeys[];
// The actions' condition keys (Action::key_begin, Action::key_count): indices into kConditionKeys.
extern const std::uint16_t kActionKeys[];
// Name tables of open addressing (catalog_hash.hpp), each of a power of two slots (its Size);
// 0 is a free slot. kServiceSlots: a service's index + 1. kActionSlots: the action's service
// index + 1, with its index within the service at the same slot of kActionIndex.
extern const std::uint32_t kServiceSlots[];
extern const std::size_t kServiceSlotsSize;
extern const std::uint32_t kActionSlots[];
extern const std::size_t kActionSlotsSize;
extern const std::uint32_t kActionIndex[];
// The data package's version ("0.21.202609261") and the day its data was taken ("2026-09-26").
extern const std::string_view kDataVersion;
extern const std::string_view kDataDate;
}  // namespace rolelint::catalog::data
