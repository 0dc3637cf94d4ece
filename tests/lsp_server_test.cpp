// The language server in process: lifecycle and protocol errors, diagnostics (positions in both
// encodings, incremental edits, cross-file findings, configuration), code actions and hover.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <thread>

#include "linter/catalog/action_catalog.hpp"
#include "tests/lsp_client.hpp"

using namespace rolelint;
using namespace rolelint::testing;
using nlohmann::json;

namespace {

const std::string kRoles =
    "resource \"aws_iam_role\" \"service_only\" {\n"
    "  name = \"service-only\"\n"
    "  assume_role_policy = jsonencode({\n"
    "    Version = \"2012-10-17\"\n"
    "    Statement = [{\n"
    "      Effect    = \"Allow\"\n"
    "      Principal = { Service = \"codebuild.amazonaws.com\" }\n"
    "      Action    = \"sts:AssumeRole\"\n"
    "    }]\n"
    "  })\n"
    "}\n";

const std::string kUsers =
    "resource \"aws_iam_user\" \"alice\" {\n"
    "  name = \"alice\"\n"
    "}\n"
    "\n"
    "resource \"aws_iam_user_policy\" \"assume\" {\n"
    "  name = \"assume\"\n"
    "  user = aws_iam_user.alice.name\n"
    "  policy = jsonencode({\n"
    "    Version = \"2012-10-17\"\n"
    "    Statement = [{\n"
    "      Effect   = \"Allow\"\n"
    "      Action   = \"sts:AssumeRole\"\n"
    "      Resource = aws_iam_role.service_only.arn\n"
    "    }]\n"
    "  })\n"
    "}\n";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

json error_of(const json& response) {
  return response.is_null() ? json() : response.value("error", json());
}

}  // namespace

TEST_CASE("lsp: initialize negotiates the position encoding", "[lsp][server]") {
  TestClient utf16;
  const json r = utf16.initialize();
  CHECK(r["result"]["capabilities"]["positionEncoding"] == "utf-16");
  CHECK(r["result"]["capabilities"]["textDocumentSync"]["change"] == 2);
  CHECK(r["result"]["capabilities"]["hoverProvider"] == true);
  CHECK(r["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"] == json{"quickfix"});
  CHECK(r["result"]["serverInfo"]["name"] == "rolelint");

  TestClient utf8;
  const json r8 = utf8.initialize("", {{"general", {{"positionEncodings", {"utf-8", "utf-16"}}}}});
  CHECK(r8["result"]["capabilities"]["positionEncoding"] == "utf-8");
  TestClient only16;
  const json r16 =
      only16.initialize("", {{"general", {{"positionEncodings", {"utf-16", "utf-32"}}}}});
  CHECK(r16["result"]["capabilities"]["positionEncoding"] == "utf-16");
}

TEST_CASE("lsp: requests before initialize get ServerNotInitialized", "[lsp][server]") {
  TempDir dir;
  TestClient client;
  const json r =
      client.request("textDocument/hover", {{"textDocument", {{"uri", dir.uri("a.yaml")}}},
                                            {"position", {{"line", 0}, {"character", 0}}}});
  CHECK(error_of(r)["code"] == -32002);
  client.open(dir.uri("a.yaml"), kMisspeltYaml);  // a notification before initialize is dropped
  client.initialize();
  CHECK(client.diagnostics(dir.uri("a.yaml")).is_null());
}

TEST_CASE("lsp: bad messages get the protocol's errors", "[lsp][server]") {
  TestClient client;
  client.initialize();
  client.raw("{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": ");
  client.raw("[1, 2]");
  client.raw(R"({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"})");
  const std::vector<json> got = client.received();
  REQUIRE(got.size() >= 4);
  CHECK(got[got.size() - 3]["error"]["code"] == -32700);
  CHECK(got[got.size() - 3]["id"].is_null());
  CHECK(got[got.size() - 2]["error"]["code"] == -32600);
  CHECK(got[got.size() - 1]["error"]["code"] == -32600);
  CHECK(got[got.size() - 1]["id"].is_null());

  CHECK(error_of(client.request("workspace/symbol", {{"query", ""}}))["code"] == -32601);
  CHECK(error_of(client.request("textDocument/hover",
                                {{"textDocument", {{"uri", "file:///x.yaml"}}}}))["code"] ==
        -32602);
  CHECK(error_of(client.request("initialize", {{"capabilities", json::object()}}))["code"] ==
        -32600);
  const std::size_t before = client.received().size();
  client.notify("textDocument/didChange",
                {{"textDocument", {{"uri", "file:///not-open.yaml"}, {"version", 2}}},
                 {"contentChanges", json::array()}});
  client.notify("$/unknownNotification", json::object());
  client.notify("textDocument/didOpen", {{"textDocument", 5}});
  client.open("untitled:Untitled-1", kMisspeltYaml);
  CHECK(client.received().size() == before);  // notifications are never answered
  CHECK(client.log().find("not a file URI: 'untitled:Untitled-1'") != std::string::npos);
  CHECK(client.log().find("didChange for a document that is not open: file:///not-open.yaml") !=
        std::string::npos);
}

TEST_CASE("lsp: shutdown then exit ends with status 0, exit alone with 1", "[lsp][server]") {
  TestClient client;
  client.initialize();
  const json r = client.request("shutdown", nullptr);
  CHECK(r.contains("result"));
  CHECK(r["result"].is_null());
  CHECK(error_of(client.request("textDocument/hover", json::object()))["code"] == -32600);
  CHECK_FALSE(client.server().exited());
  client.notify("exit", nullptr);
  CHECK(client.server().exited());
  CHECK(client.server().exit_status() == 0);

  TestClient abrupt;
  abrupt.initialize();
  abrupt.notify("exit", nullptr);
  CHECK(abrupt.server().exited());
  CHECK(abrupt.server().exit_status() == 1);
}

TEST_CASE("lsp: diagnostics carry range, severity, code, link, source and message",
          "[lsp][server]") {
  TempDir dir;
  TestClient client;
  client.initialize();
  const std::string uri = dir.uri("a.yaml");
  client.open(uri, kMisspeltYaml, 3);
  const json params = client.diagnostics(uri);
  REQUIRE(params["diagnostics"].size() == 1);
  CHECK(params["version"] == 3);
  const json& d = params["diagnostics"][0];
  CHECK(range_text(d["range"]) == "9:51-9:66");
  CHECK(d["severity"] == 1);
  CHECK(d["code"] == "RL205");
  CHECK(d["codeDescription"]["href"].get<std::string>().ends_with("docs/rules/RL205.md"));
  CHECK(d["source"] == "rolelint");
  CHECK(d["message"] ==
        "action 'sts:AssumeRoles' does not exist in service 'sts' as of the action catalog's data "
        "of " +
            std::string(rolelint::catalog::data_date()) + "; did you mean 'sts:AssumeRole'?");
}

TEST_CASE("lsp: UTF-8 positions count bytes", "[lsp][server]") {
  TempDir dir;
  TestClient client;
  client.initialize("", {{"general", {{"positionEncodings", {"utf-8"}}}}});
  client.open(dir.uri("a.yaml"), kMisspeltYaml);
  const json params = client.diagnostics(dir.uri("a.yaml"));
  REQUIRE(params["diagnostics"].size() == 1);
  CHECK(range_text(params["diagnostics"][0]["range"]) == "9:53-9:68");
}

TEST_CASE("lsp: an incremental edit that fixes the finding clears it", "[lsp][server]") {
  TempDir dir;
  TestClient client;
  client.initialize();
  const std::string uri = dir.uri("a.yaml");
  client.open(uri, kMisspeltYaml);
  REQUIRE(summary(client.diagnostics(uri)) == std::vector<std::string>{"RL205 9:51"});
  // Deletes the "s" of "sts:AssumeRoles": UTF-16 characters 65-66, after the surrogate pair.
  client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                                           {"contentChanges",
                                            {{{"range",
                                               {{"start", {{"line", 9}, {"character", 65}}},
                                                {"end", {{"line", 9}, {"character", 66}}}}},
                                              {"text", ""}}}}});
  const json params = client.diagnostics(uri);
  CHECK(params["version"] == 2);
  CHECK(params["diagnostics"] == json::array());
}

TEST_CASE("lsp: a template that does not parse is a diagnostic", "[lsp][server]") {
  TempDir dir;
  TestClient client;
  client.initialize();
  client.open(dir.uri("bad.yaml"), "Resources:\n  X: [\n");
  const json params = client.diagnostics(dir.uri("bad.yaml"));
  REQUIRE(params["diagnostics"].size() == 1);
  CHECK(params["diagnostics"][0]["message"] == "end of sequence flow not found");
  CHECK(range_text(params["diagnostics"][0]["range"]) == "2:0-2:0");
  CHECK(params["diagnostics"][0]["severity"] == 1);
  CHECK_FALSE(params["diagnostics"][0].contains("code"));
}

TEST_CASE("lsp: a document over the size limit is reported, not linted", "[lsp][server]") {
  TempDir dir;
  lsp::ServerOptions options = TestClient::fast();
  options.max_document_bytes = 100;
  TestClient client(options);
  client.initialize();
  client.open(dir.uri("big.yaml"), kMisspeltYaml);
  const json params = client.diagnostics(dir.uri("big.yaml"));
  REQUIRE(params["diagnostics"].size() == 1);
  CHECK(params["diagnostics"][0]["message"] ==
        "document is " + std::to_string(kMisspeltYaml.size()) +
            " bytes, larger than the limit of 100 bytes: not linted");
}

TEST_CASE("lsp: an edit in one file clears a finding in another file of the module",
          "[lsp][server]") {
  TempDir dir;
  dir.write("roles.tf", kRoles);
  dir.write("users.tf", kUsers);
  TestClient client;
  client.initialize(dir.uri());
  // The workspace's files are linted without being opened.
  const json users = client.diagnostics(dir.uri("users.tf"));
  REQUIRE(summary(users) == std::vector<std::string>{"RL401 12:17"});
  const json& related = users["diagnostics"][0]["relatedInformation"];
  REQUIRE(related.size() == 1);
  CHECK(related[0]["location"]["uri"] == dir.uri("roles.tf"));
  CHECK(range_text(related[0]["location"]["range"]) == "2:2-2:20");
  CHECK(
      client.diagnostics(dir.uri("roles.tf")).is_null());  // clean from the start: nothing to send

  // Unsaved: the role now trusts alice in the buffer only.
  client.open(dir.uri("roles.tf"), kRoles);
  client.clear();
  client.replace(dir.uri("roles.tf"),
                 replaced(kRoles, "{ Service = \"codebuild.amazonaws.com\" }",
                          "{ AWS = aws_iam_user.alice.arn }"),
                 2);
  CHECK(client.diagnostics(dir.uri("users.tf"))["diagnostics"] == json::array());
  CHECK(client.diagnostics(dir.uri("roles.tf")).is_null());  // unchanged: not sent again

  // Closed unsaved: the file on disk counts again.
  client.clear();
  client.notify("textDocument/didClose", {{"textDocument", {{"uri", dir.uri("roles.tf")}}}});
  CHECK(summary(client.diagnostics(dir.uri("users.tf"))) ==
        std::vector<std::string>{"RL401 12:17"});
}

TEST_CASE("lsp: a Terraform document outside the workspace is linted with its module",
          "[lsp][server]") {
  TempDir dir;
  dir.write("roles.tf", kRoles);
  dir.write("users.tf", kUsers);
  TestClient client;
  client.initialize();
  client.open(dir.uri("users.tf"), kUsers);
  CHECK(summary(client.diagnostics(dir.uri("users.tf"))) ==
        std::vector<std::string>{"RL401 12:17"});
  CHECK(client.diagnostics(dir.uri("roles.tf")).is_null());  // context only
  client.notify("textDocument/didClose", {{"textDocument", {{"uri", dir.uri("users.tf")}}}});
  CHECK(client.diagnostics(dir.uri("users.tf"))["diagnostics"] == json::array());
}

TEST_CASE("lsp: .rolelint.yaml applies and is reloaded when it changes", "[lsp][server]") {
  TempDir dir;
  dir.write(".rolelint.yaml", "rules:\n  RL205: off\n");
  dir.write("a.yaml", kMisspeltYaml);
  TestClient client;
  client.initialize(dir.uri());
  const std::string uri = dir.uri("a.yaml");
  CHECK(client.diagnostics(uri).is_null());

  dir.write(".rolelint.yaml", "rules:\n  RL205: warning\n");
  client.notify("workspace/didChangeWatchedFiles",
                {{"changes", {{{"uri", dir.uri(".rolelint.yaml")}, {"type", 2}}}}});
  json params = client.diagnostics(uri);
  REQUIRE(summary(params) == std::vector<std::string>{"RL205 9:51"});
  CHECK(params["diagnostics"][0]["severity"] == 2);

  // Every problem of the configuration at once, each where it is, as on the command line.
  dir.write(".rolelint.yaml", "rules:\n  RL999: off\nexclde: [vendor]\n");
  client.notify("textDocument/didSave", {{"textDocument", {{"uri", dir.uri(".rolelint.yaml")}}}});
  params = client.diagnostics(dir.uri(".rolelint.yaml"));
  REQUIRE(params["diagnostics"].size() == 2);
  CHECK(params["diagnostics"][0]["message"].get<std::string>().find("RL999") != std::string::npos);
  CHECK(range_text(params["diagnostics"][0]["range"]).starts_with("1:"));
  CHECK(params["diagnostics"][1]["message"].get<std::string>().find("did you mean 'exclude'") !=
        std::string::npos);
  CHECK(range_text(params["diagnostics"][1]["range"]).starts_with("2:"));
}

TEST_CASE("lsp: a burst of changes is linted once, at its last version", "[lsp][server]") {
  TempDir dir;
  TestClient client(TestClient::debounced(std::chrono::milliseconds(300)));
  client.initialize();
  const std::string uri = dir.uri("a.yaml");
  client.open(uri, kMisspeltYaml);
  REQUIRE(summary(client.diagnostics(uri)) == std::vector<std::string>{"RL205 9:51"});
  client.clear();
  for (int version = 2; version <= 21; ++version) {
    // Odd versions are fixed, even ones misspelt; the last (21) is fixed.
    client.replace(
        uri, version % 2 ? replaced(kMisspeltYaml, "AssumeRoles", "AssumeRole") : kMisspeltYaml,
        version);
  }
  const std::vector<json> published = client.published();
  REQUIRE(published.size() == 1);
  CHECK(published[0]["version"] == 21);
  CHECK(published[0]["diagnostics"] == json::array());
}

TEST_CASE("lsp: an open YAML or JSON file that is no template gets no parse errors",
          "[lsp][server]") {
  TempDir dir;
  TestClient client;
  client.initialize();
  client.open(dir.uri("tsconfig.json"),
              "{\n  // comments, as tsconfig.json allows\n  \"compilerOptions\": {}\n}\n");
  client.open(dir.uri("compose.yaml"), "services:\n  web: [\n");
  client.open(dir.uri("broken.json"),
              "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\n");
  CHECK(client.diagnostics(dir.uri("tsconfig.json")).is_null());
  CHECK(client.diagnostics(dir.uri("compose.yaml")).is_null());
  const json broken = client.diagnostics(dir.uri("broken.json"));
  REQUIRE_FALSE(broken.is_null());
  CHECK(broken["diagnostics"].size() == 1);
}

TEST_CASE("lsp: workspace folders are linted, added and removed", "[lsp][server]") {
  TempDir a, b;
  a.write("a.yaml", kMisspeltYaml);
  b.write("b.yaml", kMisspeltYaml);
  TestClient client;
  client.request("initialize", {{"processId", nullptr},
                                {"capabilities", json::object()},
                                {"workspaceFolders", {{{"uri", a.uri()}, {"name", "a"}}}}});
  client.notify("initialized", json::object());
  CHECK(summary(client.diagnostics(a.uri("a.yaml"))) == std::vector<std::string>{"RL205 9:51"});
  CHECK(client.diagnostics(b.uri("b.yaml")).is_null());
  client.notify("workspace/didChangeWorkspaceFolders",
                {{"event",
                  {{"added", {{{"uri", b.uri()}, {"name", "b"}}}},
                   {"removed", {{{"uri", a.uri()}, {"name", "a"}}}}}}});
  CHECK(summary(client.diagnostics(b.uri("b.yaml"))) == std::vector<std::string>{"RL205 9:51"});
  CHECK(client.diagnostics(a.uri("a.yaml"))["diagnostics"] == json::array());
}

TEST_CASE("lsp: the server asks to watch files when the client can register it", "[lsp][server]") {
  TestClient client;
  client.initialize("",
                    {{"workspace", {{"didChangeWatchedFiles", {{"dynamicRegistration", true}}}}}});
  const std::vector<json> got = client.received();
  const auto registration = std::find_if(got.begin(), got.end(), [](const json& m) {
    return m.value("method", "") == "client/registerCapability";
  });
  REQUIRE(registration != got.end());
  const json& r = (*registration)["params"]["registrations"][0];
  CHECK(r["method"] == "workspace/didChangeWatchedFiles");
  CHECK(r["registerOptions"]["watchers"][0]["globPattern"] == "**/*.{yaml,yml,json,template,tf}");
  client.server().handle(
      json{{"jsonrpc", "2.0"}, {"id", (*registration)["id"]}, {"result", nullptr}});  // the reply

  TestClient cannot;
  cannot.initialize();
  for (const json& m : cannot.received())
    CHECK(m.value("method", "") != "client/registerCapability");
}

TEST_CASE("lsp: templates of the folder tree are cross-referenced, with unsaved edits",
          "[lsp][server]") {
  TempDir dir;
  std::filesystem::copy(std::string(ROLELINT_SOURCE_DIR) +
                            "/tests/fixtures/rules/RL401/fires-bob-alice-without-trust",
                        dir.path(), std::filesystem::copy_options::recursive);
  TestClient client;
  client.initialize(dir.uri());
  const std::string users = dir.uri("identity/users.yaml");
  REQUIRE(summary(client.diagnostics(users)) == std::vector<std::string>{"RL401 13:26"});
  std::ifstream in(dir.path("workloads/roles.yaml"));
  const std::string roles{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  client.open(dir.uri("workloads/roles.yaml"), roles);
  // Alice trusts Bob's account (111111111111, by .rolelint.yaml's deploy-accounts) in the buffer.
  client.replace(dir.uri("workloads/roles.yaml"), replaced(roles, "333333333333", "111111111111"),
                 2);
  CHECK(client.diagnostics(users)["diagnostics"] == json::array());
}

TEST_CASE("lsp: edits undone and redone flip a cross-file finding each time (parsed pieces reused)",
          "[lsp][server][cache]") {
  // Every lint reuses the pieces of the files parsed before (parsers/parse_cache.hpp): the
  // finding in the other file must follow each edit, back to texts whose pieces were dropped.
  TempDir dir;
  dir.write("roles.tf", kRoles);
  dir.write("users.tf", kUsers);
  TestClient client;
  client.initialize(dir.uri());
  client.open(dir.uri("roles.tf"), kRoles);
  client.open(dir.uri("users.tf"), kUsers);
  REQUIRE(summary(client.diagnostics(dir.uri("users.tf"))) ==
          std::vector<std::string>{"RL401 12:17"});
  // A line added above the role moves its piece; the trust makes alice's grant work.
  const std::string trusting =
      "# moved\n" + replaced(kRoles, "{ Service = \"codebuild.amazonaws.com\" }",
                             "{ AWS = aws_iam_user.alice.arn }");
  for (int version = 2; version <= 5; ++version) {
    client.replace(dir.uri("roles.tf"), version % 2 == 0 ? trusting : kRoles, version);
    INFO("version " << version);
    CHECK(
        summary(client.diagnostics(dir.uri("users.tf"))) ==
        (version % 2 == 0 ? std::vector<std::string>{} : std::vector<std::string>{"RL401 12:17"}));
  }

  // The same for two CloudFormation templates of the folder tree.
  TempDir cfn;
  std::filesystem::copy(std::string(ROLELINT_SOURCE_DIR) +
                            "/tests/fixtures/rules/RL401/fires-bob-alice-without-trust",
                        cfn.path(), std::filesystem::copy_options::recursive);
  TestClient yaml;
  yaml.initialize(cfn.uri());
  const std::string users = cfn.uri("identity/users.yaml");
  REQUIRE(summary(yaml.diagnostics(users)) == std::vector<std::string>{"RL401 13:26"});
  std::ifstream in(cfn.path("workloads/roles.yaml"));
  const std::string roles{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  yaml.open(cfn.uri("workloads/roles.yaml"), roles);
  const std::string trusting_yaml = "# moved\n" + replaced(roles, "333333333333", "111111111111");
  for (int version = 2; version <= 5; ++version) {
    yaml.replace(cfn.uri("workloads/roles.yaml"), version % 2 == 0 ? trusting_yaml : roles,
                 version);
    INFO("yaml version " << version);
    CHECK(
        summary(yaml.diagnostics(users)) ==
        (version % 2 == 0 ? std::vector<std::string>{} : std::vector<std::string>{"RL401 13:26"}));
  }
}
