#pragma once
// Model queries shared by two or more rules. Rules call these instead of re-deriving facts.
#include <string>
#include <string_view>

#include "linter/model/model.hpp"

namespace rolelint::model {

}  // namespace rolelint::model
