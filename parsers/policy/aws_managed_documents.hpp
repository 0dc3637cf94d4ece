#pragma once
// The documents of the AWS managed policies as model policies: each parsed from the compiled-in
// JSON (linter/catalog/managed_policies.hpp) by the policy builder on its first use and kept for
// the life of the process. Thread-safe.
#include "linter/model/aws_managed.hpp"

namespace rolelint::policy {

const model::AwsManagedDocuments& aws_managed_documents();

}  // namespace rolelint::policy
