#pragma once
#include <cstdint>

namespace rolelint::model {

// Three-valued truth: rules report only on True; Unknown never becomes a finding.
enum class Tri : std::uint8_t { False, True, Unknown };

inline Tri tri_or(Tri a, Tri b) {
  if (a == Tri::True || b == Tri::True) return Tri::True;
  if (a == Tri::Unknown || b == Tri::Unknown) return Tri::Unknown;
  return Tri::False;
}
inline Tri tri_and(Tri a, Tri b) {
  if (a == Tri::False || b == Tri::False) return Tri::False;
  if (a == Tri::Unknown || b == Tri::Unknown) return Tri::Unknown;
  return Tri::True;
}
inline Tri tri_not(Tri a) {
  if (a == Tri::Unknown) return a;
  return a == Tri::True ? Tri::False : Tri::True;
}

}  // namespace rolelint::model
