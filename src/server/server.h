// server.h: ServerOptions, RunServer — `parley serve`, a JSON API over a
// store and the dashboard's static files (README.md "The dashboard and the HTTP API" lists the endpoints; /api/openapi.json describes them).
//
// Floor: the store (parley/store.h, parley/store_summary.h) and the pipeline
// (parley/pipeline.h) are only consumed; cpp-httplib appears only here.
// Safety, as a server analysts leave running:
//   - binds 127.0.0.1 unless told otherwise;
//   - writes (POST /api/code?store=1) need `Authorization: Bearer TOKEN`;
//     with no token configured every write is refused (403);
//   - limits on body size (413), query length (414), page size (400) and
//     request time (408), each answered with a JSON error;
//   - parameterised SQL only (the store's);
//   - SIGTERM/SIGINT: stop accepting, finish the requests in flight, exit 0;
//   - Content-Security-Policy allowing only the server's own origin, no CORS
//     headers unless `cors_origin` is set.
#ifndef PARLEY_SERVER_SERVER_H_
#define PARLEY_SERVER_SERVER_H_

#include <cstddef>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

#include "parley/document.h"
#include "parley/pipeline.h"

namespace parley {

struct ServerOptions {
  std::string store_uri;                 // SQLite path or postgresql:// URI (required)
  std::string bind = "127.0.0.1";
  int port = 8080;                       // 0: any free port (printed on start)
  std::string token;                     // bearer token for writes; "" = writes refused
  std::string cors_origin;               // "" = no CORS headers
  std::filesystem::path web_root;        // the built dashboard (index.html); "" = API only
  std::filesystem::path data_dir;        // dictionaries for POST /api/code
  size_t threads = 8;                    // worker threads (one store connection each)

  // Limits.
  size_t max_body_bytes = 1 << 20;       // POST body (413 beyond)
  size_t max_query_bytes = 4096;         // path + query string (414 beyond)
  size_t max_page = 1000;                // limit= of list endpoints (400 beyond)
  int request_timeout_ms = 10000;        // a query running longer is stopped (408)
};

// Serves until SIGTERM or SIGINT. Returns the process exit status: 0 after a
// clean stop, 2 when the store, data or port cannot be used (after a message
// on stderr). Prints "parley serve: listening on http://HOST:PORT" to stderr
// once requests are accepted.
int RunServer(const ServerOptions& options);

}  // namespace parley

#endif  // PARLEY_SERVER_SERVER_H_
