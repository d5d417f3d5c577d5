// libFuzzer target: the HTTP API of `parley serve` (src/server), in process.
// The input is the raw bytes a client sends on one connection (one or more
// requests); they reach the real handlers, limits and error pages through
// the server's own request parser (httplib::Server::process_request on an
// in-memory stream, no socket). Behind it: a SQLite store in a temporary
// folder, filled at start with articles coded from a few sentences written
// here, the real dictionaries (data/ or $PARLEY_DATA) for POST /api/code,
// a bearer token for writes (the seeds send it, so stored writes are
// fuzzed too), a CORS origin and a small dashboard folder.
// Checks what the API promises: every answer with Content-Type
// application/json and a body is one valid JSON value in valid UTF-8.
#include <rapidjson/document.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "parley/pipeline.h"
#include "parley/store.h"
#include "server/app.h"

namespace {

// One connection's bytes: reads come from the input, writes are kept.
class BufferStream : public httplib::Stream {
 public:
  BufferStream(const char* data, size_t size) : in_(data, size) {}
  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, in_.size() - pos_);
    std::memcpy(ptr, in_.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return INVALID_SOCKET; }
  bool at_end() const { return pos_ >= in_.size(); }
  std::string& out() { return out_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  std::string out_;
};

// The server with its request parser opened up to a stream of our own.
class InProcessServer : public httplib::Server {
 public:
  InProcessServer() {
    // The chunked writer (GET /api/export) stops once the server looks shut
    // down, which it does while no listening socket is set: give it a
    // descriptor that is never listened on.
    svr_sock_ = ::dup(STDERR_FILENO);
  }
  // One request from `s`; false when the connection would close.
  bool Serve(BufferStream& s) {
    bool closed = false;
    bool ok = process_request(s, /*close_connection=*/false, closed, nullptr);
    return ok && !closed;
  }
};

// An answer in `out` (status line, headers, body): a JSON body must parse,
// as valid UTF-8. Chunked bodies (the export) are left to the export tests.
void CheckResponse(const std::string& out) {
  size_t end = out.find("\r\n\r\n");
  if (end == std::string::npos) return;  // nothing written (no request read)
  std::string head = out.substr(0, end);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (head.find("\r\ncontent-type: application/json") == std::string::npos) return;
  if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) return;
  size_t len_at = head.find("\r\ncontent-length: ");
  if (len_at == std::string::npos) return;
  size_t len = std::strtoul(head.c_str() + len_at + 18, nullptr, 10);
  std::string body = out.substr(end + 4, len);
  if (body.empty()) return;  // HEAD
  if (body.size() != len) {
    std::fprintf(stderr, "fuzz_http: body of %zu bytes, Content-Length %zu\n", body.size(), len);
    std::abort();
  }
  rapidjson::Document j;
  j.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
  if (j.HasParseError()) {
    std::fprintf(stderr, "fuzz_http: not valid JSON/UTF-8 at byte %zu:\n%s\n", j.GetErrorOffset(), out.c_str());
    std::abort();
  }
}

// Sentences for the store behind the API (written for this target).
const char* const kArticles[] = {
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday. "
    "The two leaders agreed to increase aid to Ukraine.",
    "Police in Nairobi arrested 12 protesters on Monday, the Kenyan interior ministry said. "
    "Opposition leaders accused the government of repression.",
    "Israeli forces struck targets in Gaza overnight, killing at least 9 people, officials said. "
    "Egypt called for an immediate ceasefire.",
    "Japan and South Korea signed a defence agreement in Tokyo. China criticised the deal.",
};

struct World {
  std::filesystem::path dir;
  parley::ServerOptions options;
  std::unique_ptr<parley::ServerApp> app;
  std::unique_ptr<InProcessServer> server;
};

void Die(const std::string& what) {
  std::fprintf(stderr, "fuzz_http: %s\n", what.c_str());
  std::abort();
}

World& Get() {
  static World* w = [] {
    auto* w = new World;
    char tmpl[] = "/tmp/parley-fuzz-http-XXXXXX";
    if (!::mkdtemp(tmpl)) Die("mkdtemp failed");
    w->dir = tmpl;
    static std::filesystem::path dir = w->dir;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    });
    std::filesystem::path data;
    parley::Status s = parley::FindDataDir(&data);
    if (!s.ok()) Die(s.message());
    std::unique_ptr<parley::Pipeline> p;
    s = parley::Pipeline::Create(data, parley::CodeOptions{}, &p);
    if (!s.ok()) Die(s.message());
    const std::string uri = (w->dir / "store.db").string();
    {
      std::unique_ptr<parley::Store> store;
      s = parley::Store::Open(uri, parley::StoreOptions{}, &store);
      if (!s.ok()) Die(s.message());
      std::vector<parley::Document> docs;
      int n = 0;
      for (const char* text : kArticles) {
        parley::Document d{std::string(text)};
        d.doc_id = "seed-" + std::to_string(++n);
        d.title = "Article " + std::to_string(n);
        d.source = "fuzz";
        parley::Date::Parse("2025-05-1" + std::to_string(n), &d.publish_date);
        (void)p->Code(&d);
        docs.push_back(std::move(d));
      }
      std::vector<const parley::Document*> ptrs;
      for (auto& d : docs) ptrs.push_back(&d);
      std::vector<parley::Status> per_doc;
      s = store->Ingest(ptrs, &per_doc);
      if (!s.ok()) Die(s.message());
    }
    std::filesystem::create_directories(w->dir / "web");
    std::ofstream(w->dir / "web" / "index.html") << "<!doctype html><title>parley</title>\n";
    w->options.store_uri = uri;
    w->options.data_dir = data;
    w->options.token = "fuzz-token";
    w->options.cors_origin = "http://127.0.0.1:5173";
    w->options.web_root = w->dir / "web";
    w->options.threads = 2;
    w->options.max_body_bytes = 1 << 16;
    w->options.max_query_bytes = 2048;
    w->options.max_page = 100;
    w->options.request_timeout_ms = 5000;
    s = parley::ServerApp::Open(w->options, &w->app);
    if (!s.ok()) Die(s.message());
    w->server = std::make_unique<InProcessServer>();
    s = w->app->Configure(*w->server);
    if (!s.ok()) Die(s.message());
    return w;
  }();
  return *w;
}

}  // namespace

// The dictionaries (and, for the server, the seeded store) are loaded once,
// here, before libFuzzer starts its per-input timer: a first load that
// builds the images from the text files can take longer than -timeout under
// a sanitizer on a busy machine, and must not be reported as a hang of the
// first input.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)Get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  World& w = Get();
  BufferStream s(reinterpret_cast<const char*>(data), size);
  // Keep-alive: up to 4 requests on one connection.
  for (int i = 0; i < 4 && !s.at_end(); ++i) {
    s.out().clear();
    bool more = w.server->Serve(s);
    CheckResponse(s.out());
    if (!more) break;
  }
  return 0;
}
