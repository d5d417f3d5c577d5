// parley serve: options -> ServerOptions (src/server/server.h).
#include "cli/serve_command.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

#include "parley/pipeline.h"
#include "server/server.h"

namespace parley {
namespace {

// The dashboard's built files: --web, else web/dist of the source tree this
// binary was built from, else share/parley/web of the install prefix.
std::filesystem::path DefaultWebRoot() {
  std::error_code ec;
  for (const char* dir : {PARLEY_SOURCE_WEB_DIR, PARLEY_INSTALL_WEB_DIR})
    if (std::filesystem::is_regular_file(std::filesystem::path(dir) / "index.html", ec)) return dir;
  return PARLEY_SOURCE_WEB_DIR;
}

// The token: the first line of the file, without surrounding blanks.
bool ReadToken(const std::string& path, std::string* out) {
  std::ifstream in(path);
  if (!in) return false;
  std::getline(in, *out);
  while (!out->empty() && std::isspace(static_cast<unsigned char>(out->back()))) out->pop_back();
  size_t b = out->find_first_not_of(" \t");
  *out = b == std::string::npos ? "" : out->substr(b);
  return true;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, int* exit_code) {
  struct Args {
    ServerOptions o;
    std::string token_file, web;
  };
  auto a = std::make_shared<Args>();
  auto* c = app.add_subcommand("serve", "serve the store as a JSON API and the dashboard (http://127.0.0.1:8080)");
  c->add_option("--store", a->o.store_uri, "SQLite file (PATH or sqlite:PATH) or postgresql://... URI")->required();
  c->add_option("--port", a->o.port, "TCP port; 0 picks a free one [8080]")->check(CLI::Range(0, 65535));
  c->add_option("--bind", a->o.bind, "address to listen on [127.0.0.1]");
  c->add_option("--token-file", a->token_file,
                "file holding the bearer token that writes (POST /api/code?store=1) need; else $PARLEY_TOKEN; "
                "neither: writes are refused");
  c->add_option("--cors", a->o.cors_origin, "allow cross-origin requests from ORIGIN (https://host:port) [none]");
  c->add_option("--web", a->web, "directory of the built dashboard [web/dist of the source tree]");
  c->add_option("--threads", a->o.threads, "worker threads, one store connection each [8]")->check(CLI::Range(1, 256));
  c->add_option("--max-body", a->o.max_body_bytes, "largest POST body in bytes [1048576]");
  c->add_option("--max-page", a->o.max_page, "largest limit= of a list request [1000]")->check(CLI::Range(1, 100000));
  c->add_option("--timeout-ms", a->o.request_timeout_ms, "stop a query running longer than this [10000]")
      ->check(CLI::Range(100, 3600000));
  CLI::App* root = &app;
  c->callback([a, exit_code, root] {
    ServerOptions o = a->o;
    if (!a->token_file.empty()) {
      if (!ReadToken(a->token_file, &o.token) || o.token.empty()) {
        std::fprintf(stderr, "parley serve: --token-file %s: cannot read a token from it\n", a->token_file.c_str());
        *exit_code = 2;
        return;
      }
    } else if (const char* env = std::getenv("PARLEY_TOKEN")) {
      o.token = env;
    }
    if (!o.token.empty() && o.token.size() < 16) {
      std::fprintf(stderr, "parley serve: the token must be at least 16 characters\n");
      *exit_code = 2;
      return;
    }
    o.web_root = a->web.empty() ? DefaultWebRoot() : std::filesystem::path(a->web);
    const CLI::Option* data = root->get_option_no_throw("--data");
    std::filesystem::path dir;
    if (data && data->count() > 0) dir = data->as<std::string>();
    else if (!FindDataDir(&dir).ok()) dir.clear();
    o.data_dir = dir;
    if (dir.empty()) std::fprintf(stderr, "parley serve: no dictionaries found; POST /api/code is disabled\n");
    if (o.bind != "127.0.0.1" && o.bind != "localhost" && o.bind != "::1")
      std::fprintf(stderr, "parley serve: warning: listening on %s, not loopback: anyone who can reach it can read the store\n",
                   o.bind.c_str());
    *exit_code = RunServer(o);
  });
}

}  // namespace parley
