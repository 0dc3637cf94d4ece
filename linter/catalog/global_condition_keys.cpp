// The global condition context keys, which no service's table lists. Source: "AWS global
// condition context keys", IAM User Guide (reference_policies_condition-keys.html).
#include "linter/catalog/action_catalog.hpp"

namespace rolelint::catalog {

std::span<const std::string_view> global_condition_keys() {
  static constexpr std::string_view kKeys[] = {
      // Properties of the principal
      "aws:PrincipalArn",
      "aws:PrincipalAccount",
      "aws:PrincipalOrgPaths",
      "aws:PrincipalOrgID",
      "aws:PrincipalTag/${TagKey}",
      "aws:PrincipalIsAWSService",
      "aws:PrincipalServiceName",
      "aws:PrincipalServiceNamesList",
      "aws:PrincipalType",
      "aws:userid",
      "aws:username",
      "aws:AssumedRoot",
      // Properties of a role session
      "aws:FederatedProvider",
      "aws:TokenIssueTime",
      "aws:MultiFactorAuthAge",
      "aws:MultiFactorAuthPresent",
      "aws:ChatbotSourceArn",
      "aws:Ec2InstanceSourceVpc",
      "aws:Ec2InstanceSourcePrivateIPv4",
      "aws:SourceIdentity",
      "ec2:RoleDelivery",
      "ec2:SourceInstanceArn",
      "glue:RoleAssumedBy",
      "glue:CredentialIssuingService",
      "lambda:SourceFunctionArn",
      "ssm:SourceInstanceArn",
      "identitystore:UserId",
      // Properties of the network
      "aws:SourceIp",
      "aws:SourceVpc",
      "aws:SourceVpcArn",
      "aws:SourceVpce",
      "aws:VpcSourceIp",
      "aws:VpceAccount",
      "aws:VpceOrgID",
      "aws:VpceOrgPaths",
      // Properties of the resource
      "aws:ResourceAccount",
      "aws:ResourceOrgID",
      "aws:ResourceOrgPaths",
      "aws:ResourceTag/${TagKey}",
      // Properties of the request
      "aws:CalledVia",
      "aws:CalledViaFirst",
      "aws:CalledViaLast",
      "aws:ViaAWSService",
      "aws:CurrentTime",
      "aws:EpochTime",
      "aws:referer",
      "aws:RequestedRegion",
      "aws:RequestTag/${TagKey}",
      "aws:TagKeys",
      "aws:SecureTransport",
      "aws:SourceAccount",
      "aws:SourceArn",
      "aws:SourceOrgID",
      "aws:SourceOrgPaths",
      "aws:UserAgent",
  };
  return kKeys;
}

}  // namespace rolelint::catalog
