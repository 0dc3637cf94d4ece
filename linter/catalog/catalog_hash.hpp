#pragma once
// The hash of the catalog's name tables: case-insensitive (ASCII) FNV-1a. The build-time
// generator (gen_catalog.cpp) lays the tables out with it and the linter looks names up with it,
// so both include this one definition.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rolelint::catalog {

constexpr std::uint64_t name_hash(std::string_view text,
                                  std::uint64_t h = 14695981039346656037ull) {
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    h *= 1099511628211ull;
  }
  return h;
}

// "prefix:name" without building it.
constexpr std::uint64_t action_hash(std::string_view prefix, std::string_view name) {
  return name_hash(name, name_hash(":", name_hash(prefix)));
}

// A table of open addressing: a power of two at least twice its entries, so probes stay short
// and always reach a free slot.
constexpr std::size_t hash_table_size(std::size_t entries) {
  return std::bit_ceil(2 * entries + 1);
}

}  // namespace rolelint::catalog
