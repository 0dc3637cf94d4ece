#pragma once
// AWS managed policies as the model sees them: which option of a policy ARN names one, and the
// documents of those an identity can have, parsed by the layer that parses policies.
#include <optional>
#include <string>

#include "linter/catalog/managed_policies.hpp"
#include "linter/model/policy.hpp"
#include "linter/model/value.hpp"

namespace rolelint::model {

// What an option of a policy ARN says of an AWS managed policy:
// `arn:<partition>:iam::aws:policy/<path><name>`, the partition written or a pseudo-parameter
// (`${AWS::Partition}`, `data.aws_partition.x.partition`).
struct AwsPolicyRef {
  std::string path;                                   // "/service-role/" ("/" when none)
  std::string name;                                   // "AWSLambdaBasicExecutionRole"
  const catalog::AwsManagedPolicy* policy = nullptr;  // the policy of that path and name, if any
};

// nullopt when the option is not such an ARN, or when any part besides the partition is not
// known (a parameter, a wildcard).
std::optional<AwsPolicyRef> aws_policy_ref(const Template& arn);

// The documents of the AWS managed policies, parsed on first use: the policy layer provides them
// (parsers/policy/aws_managed_documents.hpp), so that the model needs no parser. Without one, an
// AWS managed policy is a policy the model does not show.
class AwsManagedDocuments {
 public:
  virtual ~AwsManagedDocuments() = default;
  // The document of an attachable policy (policy.attachable()); its spans are in no file.
  virtual const PolicyDocument& document(const catalog::AwsManagedPolicy& policy) const = 0;
};

}  // namespace rolelint::model
