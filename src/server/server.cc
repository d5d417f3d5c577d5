// `parley serve`: the HTTP API over a store, and the dashboard's files.
// Tested by tests/e2e/serve_api.sh (the API against a real server on a
// loopback port) and web/e2e/dashboard.test.mjs (the dashboard in Chromium).
//
// Each worker thread takes a connection (a Store and a StoreSummary) from a
// pool for the length of a request, so requests run in parallel and never
// share a connection; SQLite readers see one snapshot per query and never
// wait for a writer (WAL). Event records are written by the store's own
// JSON Lines export (Store::Export), so every field the store gains reaches
// the API without a change here.
#include "server/server.h"

#include <httplib.h>
#include <pthread.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <streambuf>
#include <thread>

#include "document/utf8.h"
#include "io/json_writer.h"
#include "pipeline/explain.h"
#include "parley/store.h"
#include "parley/store_summary.h"
#include "server/app.h"
#include "server/openapi.h"

namespace parley {
namespace {

using Clock = std::chrono::steady_clock;
using JsonOut = rapidjson::Writer<rapidjson::StringBuffer>;

// --- errors ----------------------------------------------------------------

// An error a handler answers with: HTTP status and a message for people.
struct ApiError {
  int status;
  std::string message;
};

// Messages echo what the client sent (a path, a parameter), which may be
// any bytes once percent-decoded: they are made valid UTF-8 first.
std::string ErrorJson(int status, const std::string& raw_message) {
  const std::string message = ToValidUtf8(raw_message);
  rapidjson::StringBuffer sb;
  JsonOut w(sb);
  w.StartObject();
  w.Key("error");
  w.String(message.c_str(), static_cast<rapidjson::SizeType>(message.size()));
  w.Key("status");
  w.Int(status);
  w.EndObject();
  return sb.GetString();
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(ErrorJson(status, message), "application/json");
}

// Maps a store status to an HTTP status.
int HttpStatus(const Status& s) {
  switch (s.code()) {
    case Status::Code::kInvalidInput: return 400;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kUnavailable: return 503;
    default: return 500;
  }
}

// --- store connections -----------------------------------------------------

struct Conn {
  std::unique_ptr<Store> store;
  std::unique_ptr<StoreSummary> summary;
};

// Connections for the worker threads; Acquire() waits for a free one.
class Pool {
 public:
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Conn> c) : pool_(pool), conn_(std::move(c)) {}
    ~Lease() {
      if (conn_) pool_->Release(std::move(conn_));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Conn* operator->() { return conn_.get(); }
    Conn* get() { return conn_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Conn> conn_;
  };

  Status Fill(const std::string& uri, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      auto c = std::make_unique<Conn>();
      StoreOptions so;
      so.create_if_missing = false;
      Status s = StoreSummary::Open(uri, &c->summary);  // first: refuses a missing store
      if (s.ok()) s = Store::Open(uri, so, &c->store);
      if (!s.ok()) return s;
      free_.push_back(std::move(c));
    }
    return Status::OK();
  }

  std::shared_ptr<Lease> Acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty(); });
    auto c = std::move(free_.back());
    free_.pop_back();
    return std::make_shared<Lease>(this, std::move(c));
  }

 private:
  void Release(std::unique_ptr<Conn> c) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      free_.push_back(std::move(c));
    }
    cv_.notify_one();
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> free_;
};

// An output stream that fails once a deadline has passed, which stops a
// running export (Store::Export stops when its stream fails).
class DeadlineBuf : public std::streambuf {
 public:
  DeadlineBuf(std::streambuf* inner, Clock::time_point deadline) : inner_(inner), deadline_(deadline) {}
  bool expired() const { return expired_; }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (Check()) return 0;
    return inner_->sputn(s, n);
  }
  int_type overflow(int_type c) override {
    if (Check() || traits_type::eq_int_type(c, traits_type::eof())) return traits_type::eof();
    return inner_->sputc(traits_type::to_char_type(c));
  }

 private:
  bool Check() {
    if (!expired_ && Clock::now() > deadline_) expired_ = true;
    return expired_;
  }
  std::streambuf* inner_;
  Clock::time_point deadline_;
  bool expired_ = false;
};

// --- query parameters ------------------------------------------------------

bool ParseInt(const std::string& s, int64_t lo, int64_t hi, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  size_t i = 0;
  bool neg = s[0] == '-';
  if (neg) i = 1;
  if (i == s.size()) return false;
  int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  if (neg) v = -v;
  if (v < lo || v > hi) return false;
  *out = v;
  return true;
}

bool Truthy(const std::string& v) { return v == "1" || v == "true" || v == "yes"; }

// The filters of `parley query`, by query parameter name.
const std::set<std::string>& FilterParams() {
  static const std::set<std::string> k = {"raw", "status", "from", "to", "actor", "source_actor", "target_actor",
                                          "cameo", "root", "quad", "place", "country", "text", "doc"};
  return k;
}

// Reads the filter parameters of `req` into *f; unknown parameters (not in
// FilterParams or `extra`) are an error, so a misspelt filter never silently
// widens the answer.
std::optional<ApiError> ParseFilter(const httplib::Request& req, const std::set<std::string>& extra, EventFilter* f) {
  for (auto& [key, value] : req.params) {
    if (!FilterParams().count(key) && !extra.count(key)) {
      std::string known;
      for (auto& k : FilterParams()) known += (known.empty() ? "" : ", ") + k;
      for (auto& k : extra) known += ", " + k;
      return ApiError{400, "unknown parameter '" + key + "' (known: " + known + ")"};
    }
    if (req.get_param_value_count(key) > 1) return ApiError{400, "parameter '" + key + "' given more than once"};
  }
  auto get = [&](const char* k) { return req.get_param_value(k); };
  f->raw = Truthy(get("raw"));
  // Outcomes, comma-separated (occurred, negated, planned, hypothetical,
  // denied, or all); none: only what occurred. The store checks the words.
  if (std::string v = get("status"); v == "all") {
    f->status = EventOutcomes();
  } else {
    for (size_t b = 0; b < v.size();) {
      size_t e = v.find(',', b);
      if (e == std::string::npos) e = v.size();
      if (e > b) f->status.push_back(v.substr(b, e - b));
      b = e + 1;
    }
  }
  for (auto [name, date] : {std::pair{"from", &f->from}, std::pair{"to", &f->to}}) {
    std::string v = get(name);
    if (!v.empty() && !Date::Parse(v, date))
      return ApiError{400, std::string(name) + ": expected YYYY-MM-DD, YYYY-MM or YYYY, got '" + v + "'"};
  }
  f->actor = get("actor");
  f->source_actor = get("source_actor");
  f->target_actor = get("target_actor");
  f->cameo = get("cameo");
  f->root = get("root");
  for (auto [name, v] : {std::pair{"cameo", &f->cameo}, std::pair{"root", &f->root}})
    for (char c : *v)
      if (c < '0' || c > '9') return ApiError{400, std::string(name) + ": expected digits, got '" + *v + "'"};
  if (req.has_param("quad")) {
    int64_t q;
    if (!ParseInt(get("quad"), 1, 4, &q)) return ApiError{400, "quad: expected 1, 2, 3 or 4, got '" + get("quad") + "'"};
    f->quad_class = static_cast<int>(q);
  }
  f->place = get("place");
  f->country = get("country");
  f->text = get("text");
  f->doc_id = get("doc");
  return std::nullopt;
}

std::optional<ApiError> ParseLimit(const httplib::Request& req, size_t def, size_t max, size_t* out) {
  *out = def;
  if (!req.has_param("limit")) return std::nullopt;
  int64_t v;
  if (!ParseInt(req.get_param_value("limit"), 1, INT64_MAX / 2, &v))
    return ApiError{400, "limit: expected a positive whole number, got '" + req.get_param_value("limit") + "'"};
  if (static_cast<size_t>(v) > max)
    return ApiError{400, "limit: at most " + std::to_string(max) + " per request, got " + std::to_string(v) +
                             " (page with cursor=)"};
  *out = static_cast<size_t>(v);
  return std::nullopt;
}

// --- dates -----------------------------------------------------------------

// "YYYY-MM-DD" of a day number (days since 1970-01-01), proleptic Gregorian.
std::string DayText(int64_t day) {
  // Shift to an era starting 0000-03-01 so leap days end each 4-year cycle.
  int64_t z = day + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[64];  // room for any int64 year, so GCC sees no truncation
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                static_cast<long long>(d));
  return buf;
}

// The row id of an exported record: "id" of a merged event, "row_id" of an
// article event (whose "id" is the contract's event id); 0 if none.
int64_t RecordId(const std::string& line) {
  rapidjson::Document d;
  d.Parse(line.c_str(), line.size());
  if (d.HasParseError() || !d.IsObject()) return 0;
  for (const char* k : {"row_id", "id"})
    if (d.HasMember(k) && d[k].IsInt64()) return d[k].GetInt64();
  return 0;
}

void Str(JsonOut& w, const std::string& s) { w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size())); }

// --- the server ------------------------------------------------------------

class Api {
 public:
  Api(const ServerOptions& o, Pool* pool, const Pipeline* pipeline) : o_(o), pool_(pool), pipeline_(pipeline) {
    // The data directory's tables: FIPS codes for GDELT rows, CAMEO names
    // for the `description` of records (as `parley export` uses them).
    std::error_code ec;
    if (!o_.data_dir.empty() && std::filesystem::exists(o_.data_dir / "countries.tsv", ec))
      export_.countries = o_.data_dir / "countries.tsv";
    if (!o_.data_dir.empty() && std::filesystem::exists(o_.data_dir / "cameo.tsv", ec))
      export_.cameo = o_.data_dir / "cameo.tsv";
  }

  void Register(httplib::Server& svr) {
    svr.Get("/healthz", [this](const httplib::Request& q, httplib::Response& r) { Run(q, r, &Api::Health); });
    svr.Get("/api/openapi.json", [](const httplib::Request&, httplib::Response& r) {
      r.set_content(OpenApiJson(), "application/json");
    });
    svr.Get("/api/events", [this](const httplib::Request& q, httplib::Response& r) { Run(q, r, &Api::Events); });
    svr.Get(R"(/api/events/(\d{1,18}))",
            [this](const httplib::Request& q, httplib::Response& r) { Run(q, r, &Api::Event); });
    svr.Get("/api/actors", [this](const httplib::Request& q, httplib::Response& r) { Run(q, r, &Api::Actors); });
    svr.Get("/api/timeline", [this](const httplib::Request& q, httplib::Response& r) { Run(q, r, &Api::Timeline); });
    svr.Get("/api/places", [this](const httplib::Request& q, httplib::Response& r) { Run(q, r, &Api::Places); });
    svr.Get("/api/export", [this](const httplib::Request& q, httplib::Response& r) { Run(q, r, &Api::Export); });
    svr.Post("/api/code", [this](const httplib::Request& q, httplib::Response& r) { Run(q, r, &Api::Code); });
    // Anything else under /api/ is an API 404 (not the dashboard's page).
    svr.Get(R"(/api/.*)", [](const httplib::Request& q, httplib::Response& r) {
      SendError(r, 404, "no such endpoint: " + q.path + " (see /api/openapi.json)");
    });
  }

 private:
  using Handler = std::optional<ApiError> (Api::*)(const httplib::Request&, httplib::Response&);

  void Run(const httplib::Request& req, httplib::Response& res, Handler h) {
    std::optional<ApiError> e;
    try {
      e = (this->*h)(req, res);
    } catch (const std::exception& ex) {
      e = ApiError{500, std::string("internal error: ") + ex.what()};
    }
    if (e) SendError(res, e->status, e->message);
    res.set_header("Cache-Control", "no-store");
  }

  Clock::time_point Deadline() const { return Clock::now() + std::chrono::milliseconds(o_.request_timeout_ms); }

  ApiError Timeout() const {
    return ApiError{408, "the query ran longer than " + std::to_string(o_.request_timeout_ms) +
                             " ms and was stopped; narrow the filters or lower limit"};
  }

  // Writes the JSON Lines export of `f` into *lines, one record each.
  std::optional<ApiError> ExportLines(Conn* c, const EventFilter& f, std::vector<std::string>* lines) {
    std::stringbuf sbuf;
    DeadlineBuf dbuf(&sbuf, Deadline());
    std::ostream os(&dbuf);
    Status s = c->store->Export(f, ExportFormat::kJsonl, export_, os);
    if (dbuf.expired()) return Timeout();
    if (!s.ok()) return ApiError{HttpStatus(s), s.message()};
    std::string all = sbuf.str();
    lines->clear();
    size_t start = 0;
    for (size_t nl; (nl = all.find('\n', start)) != std::string::npos; start = nl + 1)
      lines->push_back(all.substr(start, nl - start));
    return std::nullopt;
  }

  std::optional<ApiError> Health(const httplib::Request&, httplib::Response& res) {
    auto lease = pool_->Acquire();
    StoreStats st;
    Status s = (*lease)->store->Stats(&st);
    if (!s.ok()) return ApiError{503, "store: " + s.message()};
    rapidjson::StringBuffer sb;
    JsonOut w(sb);
    w.StartObject();
    w.Key("status"); w.String("ok");
    w.Key("version"); w.String(Version());
    w.Key("backend"); w.String((*lease)->store->backend());
    w.Key("articles"); w.Int64(st.articles);
    w.Key("events"); w.Int64(st.events);
    w.Key("merged_events"); w.Int64(st.merged_events);
    w.Key("coding"); w.Bool(pipeline_ != nullptr);
    w.EndObject();
    res.set_content(sb.GetString(), "application/json");
    return std::nullopt;
  }

  std::optional<ApiError> Events(const httplib::Request& req, httplib::Response& res) {
    EventFilter f;
    if (auto e = ParseFilter(req, {"limit", "cursor", "count"}, &f)) return e;
    size_t limit;
    if (auto e = ParseLimit(req, 50, o_.max_page, &limit)) return e;
    if (req.has_param("cursor") && !ParseInt(req.get_param_value("cursor"), 0, INT64_MAX / 2, &f.after_id))
      return ApiError{400, "cursor: expected the next_cursor of a previous page, got '" +
                               req.get_param_value("cursor") + "'"};
    f.limit = limit + 1;  // one more tells whether there is a next page
    auto lease = pool_->Acquire();
    std::vector<std::string> lines;
    if (auto e = ExportLines(lease->get(), f, &lines)) return e;
    std::string next = "null";
    if (lines.size() > limit) {
      lines.resize(limit);
      int64_t last = RecordId(lines.back());
      if (last <= 0) return ApiError{500, "the store's export has no id"};
      next = "\"" + std::to_string(last) + "\"";
    }
    std::string body = "{\"events\":[";
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i) body += ",\n";
      body += lines[i];
    }
    body += "],\"limit\":" + std::to_string(limit) + ",\"next_cursor\":" + next;
    if (Truthy(req.get_param_value("count"))) {
      int64_t total = 0;
      Status s = (*lease)->summary->Count(f, &total);
      if (!s.ok()) return ApiError{HttpStatus(s), s.message()};
      body += ",\"total\":" + std::to_string(total);
    }
    body += "}";
    res.set_content(body, "application/json");
    return std::nullopt;
  }

  std::optional<ApiError> Event(const httplib::Request& req, httplib::Response& res) {
    if (!req.params.empty()) return ApiError{400, "/api/events/{id} takes no parameters"};
    int64_t id;
    if (!ParseInt(req.matches[1], 1, INT64_MAX / 2, &id)) return ApiError{404, "no merged event " + std::string(req.matches[1])};
    auto lease = pool_->Acquire();
    EventFilter f;
    f.id = id;
    f.status = EventOutcomes();  // whatever its outcome
    std::vector<std::string> merged, members;
    if (auto e = ExportLines(lease->get(), f, &merged)) return e;
    if (merged.empty()) return ApiError{404, "no merged event " + std::to_string(id)};
    EventFilter mf;
    mf.raw = true;
    mf.merged_id = id;
    mf.status = EventOutcomes();
    if (auto e = ExportLines(lease->get(), mf, &members)) return e;
    std::vector<EvidenceContext> ctx;
    Status s = (*lease)->summary->Evidence(id, &ctx);
    if (!s.ok()) return ApiError{HttpStatus(s), s.message()};
    std::map<int64_t, const EvidenceContext*> by_row;
    for (auto& c : ctx) by_row[c.event_row] = &c;

    std::string body = "{\"event\":" + merged[0] + ",\"members\":[";
    bool first = true;
    for (const std::string& line : members) {
      const int64_t row = RecordId(line);
      rapidjson::StringBuffer sb;
      JsonOut w(sb);
      w.StartObject();
      auto it = by_row.find(row);
      w.Key("article");
      if (it == by_row.end()) {
        w.Null();
      } else {
        const EvidenceContext& c = *it->second;
        w.StartObject();
        w.Key("doc_id"); Str(w, c.doc_id);
        for (auto [k, v] : {std::pair{"title", &c.title}, std::pair{"source", &c.source}, std::pair{"url", &c.url},
                            std::pair{"publish_date", &c.publish_date}}) {
          w.Key(k);
          if (v->empty()) w.Null();
          else Str(w, *v);
        }
        w.EndObject();
        w.Key("context");
        if (!c.has_sentence) {
          w.Null();
        } else {
          w.StartObject();
          w.Key("sentence"); Str(w, c.sentence_text);
          w.Key("span");
          w.StartArray();
          w.Uint(c.span_begin);
          w.Uint(c.span_end);
          w.EndArray();
          w.EndObject();
        }
      }
      w.EndObject();
      // {"event": <the store's record>, "article": ..., "context": ...}
      std::string extra = sb.GetString();
      body += first ? "\n" : ",\n";
      first = false;
      body += "{\"event\":" + line + "," + extra.substr(1);
    }
    body += "]}";
    res.set_content(body, "application/json");
    return std::nullopt;
  }

  std::optional<ApiError> Actors(const httplib::Request& req, httplib::Response& res) {
    EventFilter f;
    if (auto e = ParseFilter(req, {"limit"}, &f)) return e;
    size_t limit;
    if (auto e = ParseLimit(req, 50, o_.max_page, &limit)) return e;
    auto lease = pool_->Acquire();
    std::vector<ActorSummary> actors;
    std::vector<ActorEdge> edges;
    Status s = (*lease)->summary->Actors(f, limit, &actors, &edges);
    if (!s.ok()) return ApiError{HttpStatus(s), s.message()};
    rapidjson::StringBuffer sb;
    JsonOut w(sb);
    w.StartObject();
    w.Key("actors");
    w.StartArray();
    for (auto& a : actors) {
      w.StartObject();
      w.Key("code"); Str(w, a.code);
      w.Key("country");
      if (a.country.empty()) w.Null();
      else Str(w, a.country);
      w.Key("events"); w.Int64(a.as_source + a.as_target);
      w.Key("as_source"); w.Int64(a.as_source);
      w.Key("as_target"); w.Int64(a.as_target);
      w.Key("goldstein_sum"); w.Double(a.goldstein_sum);
      w.EndObject();
    }
    w.EndArray();
    w.Key("edges");
    w.StartArray();
    for (auto& e : edges) {
      w.StartObject();
      w.Key("source"); Str(w, e.source);
      w.Key("target"); Str(w, e.target);
      w.Key("events"); w.Int64(e.events);
      w.Key("cooperation"); w.Int64(e.cooperation);
      w.Key("conflict"); w.Int64(e.conflict);
      w.Key("goldstein_sum"); w.Double(e.goldstein_sum);
      w.Key("mean_goldstein"); w.Double(e.events ? e.goldstein_sum / static_cast<double>(e.events) : 0);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    res.set_content(sb.GetString(), "application/json");
    return std::nullopt;
  }

  std::optional<ApiError> Timeline(const httplib::Request& req, httplib::Response& res) {
    EventFilter f;
    if (auto e = ParseFilter(req, {"interval"}, &f)) return e;
    std::string interval = req.has_param("interval") ? req.get_param_value("interval") : "day";
    if (interval != "day" && interval != "week")
      return ApiError{400, "interval: expected day or week, got '" + interval + "'"};
    auto lease = pool_->Acquire();
    std::vector<TimelineBucket> buckets;
    Status s = (*lease)->summary->Timeline(f, interval == "week", &buckets);
    if (!s.ok()) return ApiError{HttpStatus(s), s.message()};
    rapidjson::StringBuffer sb;
    JsonOut w(sb);
    w.StartObject();
    w.Key("interval"); Str(w, interval);
    w.Key("buckets");
    w.StartArray();
    for (auto& b : buckets) {
      w.StartObject();
      w.Key("date"); Str(w, DayText(b.day));
      w.Key("quad_class"); w.Int(b.quad_class);
      w.Key("events"); w.Int64(b.events);
      w.Key("goldstein_sum"); w.Double(b.goldstein_sum);
      w.Key("mean_goldstein"); w.Double(b.events ? b.goldstein_sum / static_cast<double>(b.events) : 0);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    res.set_content(sb.GetString(), "application/json");
    return std::nullopt;
  }

  std::optional<ApiError> Places(const httplib::Request& req, httplib::Response& res) {
    EventFilter f;
    if (auto e = ParseFilter(req, {"limit"}, &f)) return e;
    size_t limit;
    if (auto e = ParseLimit(req, 500, std::max<size_t>(o_.max_page, 5000), &limit)) return e;
    auto lease = pool_->Acquire();
    std::vector<PlaceSummary> places;
    Status s = (*lease)->summary->Places(f, limit, &places);
    if (!s.ok()) return ApiError{HttpStatus(s), s.message()};
    rapidjson::StringBuffer sb;
    JsonOut w(sb);
    w.StartObject();
    w.Key("places");
    w.StartArray();
    for (auto& p : places) {
      w.StartObject();
      w.Key("name"); Str(w, p.name);
      w.Key("country"); Str(w, p.country);
      w.Key("feature"); Str(w, p.feature);
      w.Key("lat"); w.Double(p.lat);
      w.Key("lon"); w.Double(p.lon);
      w.Key("events"); w.Int64(p.events);
      w.Key("by_quad");
      w.StartObject();
      for (int q = 1; q <= 4; ++q) {
        std::string k = std::to_string(q);
        w.Key(k.c_str());
        w.Int64(p.by_quad[q]);
      }
      w.EndObject();
      w.Key("goldstein_sum"); w.Double(p.goldstein_sum);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    res.set_content(sb.GetString(), "application/json");
    return std::nullopt;
  }

  std::optional<ApiError> Export(const httplib::Request& req, httplib::Response& res) {
    EventFilter f;
    if (auto e = ParseFilter(req, {"format", "limit"}, &f)) return e;
    if (req.has_param("limit")) {
      int64_t v;
      if (!ParseInt(req.get_param_value("limit"), 1, INT64_MAX / 2, &v))
        return ApiError{400, "limit: expected a positive whole number"};
      f.limit = static_cast<size_t>(v);
    }
    std::string name = req.has_param("format") ? req.get_param_value("format") : "jsonl";
    ExportFormat format;
    if (name == "table" || !ParseExportFormat(name, &format).ok())
      return ApiError{400, "format: expected gdelt, csv, json or jsonl, got '" + name + "'"};
    static const std::map<std::string, std::pair<const char*, const char*>> kTypes = {
        {"gdelt", {"text/tab-separated-values; charset=utf-8", "tsv"}},
        {"csv", {"text/csv; charset=utf-8", "csv"}},
        {"json", {"application/json", "json"}},
        {"jsonl", {"application/x-ndjson", "jsonl"}}};
    auto [type, ext] = kTypes.at(name);
    ExportOptions eo = export_;
    res.set_header("Content-Disposition", std::string("attachment; filename=\"parley-events.") + ext + "\"");
    // The export streams as it is read, on a connection held until it ends.
    auto lease = pool_->Acquire();
    res.set_chunked_content_provider(type, [lease, f, format, eo](size_t, httplib::DataSink& sink) {
      Status s = (*lease)->store->Export(f, format, eo, sink.os);
      if (!s.ok()) return false;  // the client sees a truncated chunked body
      sink.done();
      return true;
    });
    return std::nullopt;
  }

  // POST /api/code: plain text (with ?id=&date=&title=&url=&source=) or one
  // JSON Lines input record (Content-Type application/json).
  std::optional<ApiError> Code(const httplib::Request& req, httplib::Response& res) {
    static const std::set<std::string> kParams = {"store", "explain", "id", "date", "title", "url", "source"};
    // Parameters come from the query string only: a form-encoded body is
    // article text, not parameters.
    httplib::Params params;
    if (size_t q = req.target.find('?'); q != std::string::npos)
      httplib::detail::parse_query_text(req.target.substr(q + 1), params);
    for (auto& [k, v] : params)
      if (!kParams.count(k)) return ApiError{400, "unknown parameter '" + k + "' (known: store, explain, id, date, title, url, source)"};
    auto param = [&](const char* k) -> std::optional<std::string> {
      auto it = params.find(k);
      if (it == params.end()) return std::nullopt;
      return it->second;
    };
    const bool store = Truthy(param("store").value_or(""));
    const bool explain = Truthy(param("explain").value_or(""));
    if (store) {
      if (auto e = Authorise(req)) return e;
    }
    if (!pipeline_) return ApiError{503, "coding is not available: the dictionaries could not be loaded"};
    Document doc;
    std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) == 0 || type.rfind("application/x-ndjson", 0) == 0) {
      rapidjson::Document d;
      d.Parse(req.body.c_str(), req.body.size());
      if (d.HasParseError() || !d.IsObject()) return ApiError{400, "body: expected one JSON object (a JSON Lines input record)"};
      auto text_of = [&](const char* k) -> std::optional<std::string> {
        if (!d.HasMember(k) || d[k].IsNull()) return std::nullopt;
        if (!d[k].IsString()) return std::string("\x01");  // marks a wrong type
        return std::string(d[k].GetString(), d[k].GetStringLength());
      };
      for (const char* k : {"id", "doc_id", "text", "publish_date", "date", "title", "url", "source"}) {
        auto v = text_of(k);
        if (v && *v == "\x01") return ApiError{400, std::string("body: '") + k + "' must be a string"};
      }
      auto text = text_of("text");
      if (!text || text->empty()) return ApiError{400, "body: the record has no 'text'"};
      doc = Document(*text);
      auto id = text_of("id");
      if (!id) id = text_of("doc_id");
      doc.doc_id = id ? *id : "api";
      auto date = text_of("publish_date");
      if (!date) date = text_of("date");
      if (date && !date->empty() && !Date::Parse(*date, &doc.publish_date))
        return ApiError{400, "body: publish_date: expected YYYY-MM-DD, YYYY-MM or YYYY, got '" + *date + "'"};
      doc.title = text_of("title");
      doc.url = text_of("url");
      doc.source = text_of("source");
    } else {
      if (req.body.empty()) return ApiError{400, "body: no text to code"};
      doc = Document(req.body);
      doc.doc_id = param("id").value_or("api");
    }
    if (auto date = param("date"); date && !Date::Parse(*date, &doc.publish_date))
      return ApiError{400, "date: expected YYYY-MM-DD, YYYY-MM or YYYY, got '" + *date + "'"};
    for (auto [k, field] : {std::pair{"title", &doc.title}, std::pair{"url", &doc.url}, std::pair{"source", &doc.source}})
      if (auto v = param(k)) *field = *v;
    if (store && doc.doc_id == "api") return ApiError{400, "store=1 needs the article's id (?id= or the record's 'id')"};

    std::ostringstream trace;
    if (explain) {
      Explain(*pipeline_, &doc, trace);
    } else {
      (void)pipeline_->Code(&doc);
    }
    std::string line;
    WriteDocumentJson(doc, &line);
    if (!store && !explain) {
      res.set_content(line, "application/json");
      return std::nullopt;
    }
    std::string body = "{\"output\":" + line;
    if (explain) {
      rapidjson::StringBuffer sb;
      JsonOut w(sb);
      Str(w, ToValidUtf8(trace.str()));  // the trace quotes the text, which may not be UTF-8
      body += ",\"explain\":" + std::string(sb.GetString());
    }
    if (store) {
      if (!doc.error.empty()) return ApiError{422, "not stored: " + doc.error};
      auto lease = pool_->Acquire();
      std::vector<Status> per_doc;
      Status s = (*lease)->store->Ingest({&doc}, &per_doc);
      if (s.ok() && !per_doc.empty()) s = per_doc[0];
      if (!s.ok()) return ApiError{s.code() == Status::Code::kInvalidInput ? 422 : 503, "not stored: " + s.message()};
      body += ",\"stored\":true";
    }
    body += "}";
    res.set_content(body, "application/json");
    return std::nullopt;
  }

  // Writes need "Authorization: Bearer TOKEN" matching the configured token.
  std::optional<ApiError> Authorise(const httplib::Request& req) const {
    if (o_.token.empty())
      return ApiError{403, "writes are disabled: start parley serve with --token-file or PARLEY_TOKEN"};
    const std::string h = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (h.rfind(prefix, 0) != 0) return ApiError{401, "this request writes: send Authorization: Bearer TOKEN"};
    const std::string given = h.substr(prefix.size());
    // Compare in time independent of where the strings differ.
    unsigned char diff = given.size() != o_.token.size();
    for (size_t i = 0; i < given.size(); ++i) diff |= given[i] ^ o_.token[i % o_.token.size()];
    if (diff) return ApiError{401, "wrong token"};
    return std::nullopt;
  }

  const ServerOptions& o_;
  ExportOptions export_;
  Pool* pool_;
  const Pipeline* pipeline_;
};

const char* const kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::string DefaultMessage(int status) {
  switch (status) {
    case 400: return "bad request";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "request body too large";
    case 414: return "request URI too long";
    case 416: return "range not satisfiable";
    default: return "request failed";
  }
}

}  // namespace

struct ServerApp::State {
  explicit State(const ServerOptions& o) : options(o) {}
  const ServerOptions& options;
  Pool pool;
  std::unique_ptr<Pipeline> pipeline;
  std::unique_ptr<Api> api;
};

ServerApp::ServerApp(std::unique_ptr<State> s) : state_(std::move(s)) {}
ServerApp::~ServerApp() = default;

void ServerApp::KeepPipelineUntilExit() {
  if (state_->pipeline) Pipeline::KeepUntilExit(std::move(state_->pipeline));
}

Status ServerApp::Open(const ServerOptions& o, std::unique_ptr<ServerApp>* out) {
  if (o.threads == 0 || o.threads > 256) return Status::InvalidInput("--threads must be 1..256");
  auto st = std::make_unique<State>(o);
  Status s = st->pool.Fill(o.store_uri, o.threads);
  if (!s.ok()) return Status::Unavailable(o.store_uri + ": " + s.message());
  if (!o.data_dir.empty()) {
    s = Pipeline::Create(o.data_dir, CodeOptions{}, &st->pipeline);
    if (!s.ok()) return s;
  }
  st->api = std::make_unique<Api>(o, &st->pool, st->pipeline.get());
  out->reset(new ServerApp(std::move(st)));
  return Status::OK();
}

Status ServerApp::Configure(httplib::Server& svr) {
  const ServerOptions& o = state_->options;
  const size_t threads = o.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_payload_max_length(o.max_body_bytes);
  svr.set_read_timeout(10, 0);
  svr.set_write_timeout(std::max(1, o.request_timeout_ms / 1000) * 6, 0);
  svr.set_keep_alive_max_count(1000);

  httplib::Headers headers = {{"Content-Security-Policy", kCsp},
                              {"X-Content-Type-Options", "nosniff"},
                              {"X-Frame-Options", "DENY"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Cross-Origin-Resource-Policy", "same-origin"}};
  if (!o.cors_origin.empty()) {
    headers.emplace("Access-Control-Allow-Origin", o.cors_origin);
    headers.emplace("Vary", "Origin");
  }
  svr.set_default_headers(headers);

  const size_t max_query = o.max_query_bytes;
  const std::string cors = o.cors_origin;
  svr.set_pre_routing_handler([max_query, cors](const httplib::Request& req, httplib::Response& res) {
    // The API answers whole JSON bodies: a Range header applies to the
    // dashboard's files only (httplib would cut any answer to the range,
    // leaving a 400 or a 200 with a piece of JSON; found by fuzz_http).
    // httplib hands this handler its own, non-const Request.
    if (req.path.rfind("/api/", 0) == 0 || req.path == "/healthz")
      const_cast<httplib::Request&>(req).ranges.clear();
    if (req.target.size() > max_query) {
      SendError(res, 414,
                "request URI of " + std::to_string(req.target.size()) + " bytes; the limit is " + std::to_string(max_query));
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method == "OPTIONS") {
      // CORS preflight: answered only when an origin is allowed.
      if (cors.empty()) {
        SendError(res, 405, "cross-origin requests are not enabled (parley serve --cors ORIGIN)");
      } else {
        res.status = 204;
        res.set_header("Access-Control-Allow-Methods", "GET, POST");
        res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        res.set_header("Access-Control-Max-Age", "600");
      }
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  svr.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string message = DefaultMessage(res.status);
    if (res.status == 413) message += " (POST bodies are limited; see parley serve --help)";
    if (res.status == 404) message = "not found: " + req.path;
    res.set_content(ErrorJson(res.status, message), "application/json");
    // Unhandled, though the body is set: httplib cuts a Handled error page
    // to the request's Range ("Range: bytes=0-5" on a 404 gave {"erro, found
    // by fuzz_http); an error is always answered whole.
    return httplib::Server::HandlerResponse::Unhandled;
  }));

  state_->api->Register(svr);
  if (!o.web_root.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(o.web_root / "index.html", ec)) {
      std::fprintf(stderr, "parley serve: no dashboard at %s (build it: cd web && npm run build); serving the API only\n",
                   o.web_root.string().c_str());
    } else if (!svr.set_mount_point("/", o.web_root.string())) {
      return Status::Unavailable("cannot serve " + o.web_root.string());
    }
  }
  return Status::OK();
}

int RunServer(const ServerOptions& o) {
  std::unique_ptr<ServerApp> app;
  Status s = ServerApp::Open(o, &app);
  // The process ends with the server: the pipeline's tables are given back
  // by the exit, not freed one by one (the store connections still close).
  struct Keep {
    std::unique_ptr<ServerApp>& app;
    ~Keep() {
      if (app) app->KeepPipelineUntilExit();
    }
  } keep{app};
  if (!s.ok()) {
    std::fprintf(stderr, "parley serve: %s\n", s.message().c_str());
    return 2;
  }

  // SIGTERM and SIGINT go to one thread, which stops the server; the
  // workers (started by listen) inherit the blocked mask.
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);

  httplib::Server svr;
  s = app->Configure(svr);
  if (!s.ok()) {
    std::fprintf(stderr, "parley serve: %s\n", s.message().c_str());
    return 2;
  }

  int port = o.port;
  if (port == 0) {
    port = svr.bind_to_any_port(o.bind);
    if (port < 0) port = 0;
  } else if (!svr.bind_to_port(o.bind, port)) {
    port = 0;
  }
  if (port <= 0) {
    std::fprintf(stderr, "parley serve: cannot listen on %s:%d\n", o.bind.c_str(), o.port);
    return 2;
  }

  std::atomic<bool> signalled{false};
  std::thread stopper([&svr, &sigs, &signalled] {
    int sig = 0;
    sigwait(&sigs, &sig);
    signalled = true;
    svr.stop();
  });
  std::fprintf(stderr, "parley serve: listening on http://%s:%d (store %s)\n", o.bind.c_str(), port,
               o.store_uri.c_str());
  std::fflush(stderr);
  bool ok = svr.listen_after_bind();
  // listen returns after stop() and after the workers finished their
  // requests; wake the stopper if listen ended on its own.
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  std::fprintf(stderr, "parley serve: stopped\n");
  return ok ? 0 : 2;
}

}  // namespace parley
