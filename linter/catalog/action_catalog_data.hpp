#pragma once
// The generated tables (see gen_catalog.cpp). Services are sorted by prefix.
#include <cstddef>

#include "linter/catalog/action_catalog.hpp"

namespace rolelint::catalog::data {
extern const Service kServices[];
extern const std::size_t kServiceCount;
}  // namespace rolelint::catalog::data
