#include "linter/model/aws_managed.hpp"

#include "linter/base/text.hpp"
#include "linter/model/arn.hpp"

namespace rolelint::model {

std::optional<AwsPolicyRef> aws_policy_ref(const Template& text) {
  const std::optional<Arn> arn = parse_arn(text);
  if (!arn || !arn->complete() || arn->account.known() != "aws" || arn->service.known() != "iam")
    return std::nullopt;
  const auto partition = arn->partition.known();
  const bool partition_hole =
      arn->partition.parts().size() == 1 && has_hole(arn->partition, HoleKind::Partition);
  if (!(partition && !partition->empty() && !has_wildcard(*partition)) && !partition_hole)
    return std::nullopt;
  if (arn->region.known() != "") return std::nullopt;
  const auto resource = arn->resource.known();
  if (!resource || !resource->starts_with("policy/") || has_wildcard(*resource))
    return std::nullopt;
  const std::string_view path_and_name = resource->substr(6);  // "/service-role/Name"
  const auto slash = path_and_name.rfind('/');
  AwsPolicyRef ref{std::string(path_and_name.substr(0, slash + 1)),
                   std::string(path_and_name.substr(slash + 1)), nullptr};
  const catalog::AwsManagedPolicy* policy = catalog::find_aws_managed_policy(ref.name);
  if (policy && iequals(policy->path, ref.path)) ref.policy = policy;
  return ref;
}

}  // namespace rolelint::model
