// metrics.h: MetricsServer — a minimal HTTP server for Prometheus scrapes:
// GET /metrics answers `render()`'s text (exposition format 0.0.4), any
// other path 404. One thread, one request at a time, connections closed
// after each answer; enough for a scraper every few seconds.
#ifndef PARLEY_CLUSTER_METRICS_H_
#define PARLEY_CLUSTER_METRICS_H_

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "parley/status.h"

namespace parley::cluster {

class MetricsServer {
 public:
  explicit MetricsServer(std::function<std::string()> render) : render_(std::move(render)) {}
  ~MetricsServer() { Stop(); }
  // addr: "PORT", "HOST:PORT" (HOST an IPv4 address; default 127.0.0.1).
  Status Start(const std::string& addr);
  void Stop();
  int port() const { return port_; }

 private:
  void Loop();
  std::function<std::string()> render_;
  std::atomic<bool> stop_{false};
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace parley::cluster

#endif  // PARLEY_CLUSTER_METRICS_H_
