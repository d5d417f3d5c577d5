// app.h: ServerApp — everything `parley serve` does with a request, apart
// from the listening socket: store connections, the coding pipeline, the
// handlers, limits, headers and error pages, installed on an httplib::Server.
// RunServer (server.cc) binds a socket and listens; the HTTP fuzz target
// (tests/fuzz/fuzz_http.cc) hands requests to the same server in process.
// Internal to src/server: cpp-httplib stays out of every other folder.
#ifndef PARLEY_SERVER_APP_H_
#define PARLEY_SERVER_APP_H_

#include <httplib.h>

#include <memory>

#include "parley/status.h"
#include "server/server.h"

namespace parley {

class ServerApp {
 public:
  // Opens options.threads store connections on options.store_uri (which
  // must exist) and, when options.data_dir is set, the pipeline.
  // OK: *out is ready; `options` must outlive it.
  // InvalidInput: threads outside 1..256. Unavailable: the store cannot be
  // opened ("URI: reason"). Other codes: the dictionaries' error.
  static Status Open(const ServerOptions& options, std::unique_ptr<ServerApp>* out);
  ~ServerApp();
  // For `parley serve`, whose process ends with the server: the pipeline
  // outlives this ServerApp (Pipeline::KeepUntilExit). Call it only once no
  // request can run.
  void KeepPipelineUntilExit();

  // Installs the handlers, limits, default headers, error pages and (when
  // options.web_root holds index.html) the dashboard's files on `svr`.
  // `svr` must not outlive this ServerApp. Unavailable: web_root cannot be
  // served. A missing index.html is only a warning on stderr (API only).
  Status Configure(httplib::Server& svr);

 private:
  struct State;
  explicit ServerApp(std::unique_ptr<State> s);
  std::unique_ptr<State> state_;
};

}  // namespace parley

#endif  // PARLEY_SERVER_APP_H_
