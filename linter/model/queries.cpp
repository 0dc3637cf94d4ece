#include "linter/model/queries.hpp"

namespace rolelint::model {}  // namespace rolelint::model
