// parley submit / worker / cluster status: the command-line face of
// src/cluster (cluster.h has the design, docs/cluster.md the deployment).
#ifdef PARLEY_HAVE_CLUSTER
#include "cli/cluster_commands.h"

#include <cstdio>
#include <memory>

#include "cluster/cluster.h"

namespace parley {

void RegisterClusterCommands(CLI::App& app, const std::string* data_dir, int* exit_code) {
  // submit
  auto* submit = app.add_subcommand("submit", "queue articles in a Redis Stream for `parley worker`");
  auto inputs = std::make_shared<std::vector<std::string>>();
  auto sopt = std::make_shared<cluster::SubmitOptions>();
  auto ropt = std::make_shared<ReaderOptions>();
  auto date = std::make_shared<std::string>();
  auto kind = std::make_shared<std::string>("auto");
  submit->add_option("inputs", *inputs, "text files, directories of .txt files, .jsonl files, or - for stdin")
      ->required();
  submit->add_option("--queue", sopt->queue, "redis://HOST:PORT/STREAM")->required();
  submit->add_option("--group", sopt->group, "consumer group, created if missing [parley]");
  submit->add_option("--max-len", sopt->max_len, "wait while the stream holds this many entries [10000]")
      ->check(CLI::Range(1, 100000000));
  submit->add_option("--date", *date, "publish date (YYYY-MM-DD) of text input; fills JSON records without one");
  submit->add_option("--input", *kind, "input kind: auto|text|jsonl [auto]")
      ->check(CLI::IsMember({"auto", "text", "jsonl"}));
  submit->add_option("--max-bytes", ropt->max_article_bytes, "articles larger than this are queued as errors [1048576]");
  submit->add_flag("-q,--quiet", sopt->quiet, "no summary or per-article lines on stderr");
  submit->callback([=] {
    if (!date->empty() && !Date::Parse(*date, &ropt->date))
      throw CLI::ValidationError("--date", "expected YYYY-MM-DD, YYYY-MM or YYYY, got '" + *date + "'");
    ropt->force_jsonl = *kind == "jsonl";
    *exit_code = cluster::RunSubmit(*inputs, *ropt, *sopt);
  });

  // worker
  auto* worker = app.add_subcommand("worker", "code queued articles into a shared store (consumer-group member)");
  auto wopt = std::make_shared<cluster::WorkerOptions>();
  auto claim_s = std::make_shared<double>(30);
  auto idle_s = std::make_shared<double>(0);
  worker->add_option("--queue", wopt->queue, "redis://HOST:PORT/STREAM")->required();
  worker->add_option("--store", wopt->store, "postgresql://... (shared) or a SQLite file (one machine)")->required();
  worker->add_option("--group", wopt->group, "consumer group [parley]");
  worker->add_option("--consumer", wopt->consumer, "this worker's name in the group [HOSTNAME-PID]");
  worker->add_option("--batch", wopt->batch, "entries per batch (one store transaction) [64]")
      ->check(CLI::Range(1, 100000));
  worker->add_option("--threads", wopt->threads, "coding threads [1]")->check(CLI::Range(1, 256));
  worker->add_option("--claim-timeout", *claim_s, "claim entries pending this many seconds on another worker [30]")
      ->check(CLI::Range(0.1, 86400.0));
  worker->add_option("--max-deliveries", wopt->max_deliveries,
                     "an entry delivered more often than this goes to the dead letters [5]")
      ->check(CLI::Range(1, 1000));
  worker->add_option("--metrics", wopt->metrics, "serve Prometheus /metrics on [HOST:]PORT (HOST default 127.0.0.1)");
  worker->add_option("--exit-when-idle", *idle_s, "exit after this many seconds without work [never]")
      ->check(CLI::Range(0.0, 1e9));
  worker->add_option("--max-bytes", wopt->code.max_article_bytes, "articles larger than this get an error [1048576]");
  worker->callback([=] {
    wopt->claim_timeout_ms = static_cast<int64_t>(*claim_s * 1000);
    wopt->exit_when_idle_ms = static_cast<int64_t>(*idle_s * 1000);
    if (!data_dir->empty()) {
      wopt->data = *data_dir;
    } else {
      Status s = FindDataDir(&wopt->data);
      if (!s.ok()) {
        std::fprintf(stderr, "parley worker: %s\n", s.message().c_str());
        *exit_code = 2;
        return;
      }
    }
    *exit_code = cluster::RunWorker(*wopt);
  });

  // cluster status
  auto* cl = app.add_subcommand("cluster", "the state of a queue and its workers");
  cl->require_subcommand(1);
  auto* status = cl->add_subcommand("status", "stream length, pending per consumer, dead letters, store, rate");
  auto topt = std::make_shared<cluster::StatusOptions>();
  status->add_option("--queue", topt->queue, "redis://HOST:PORT/STREAM")->required();
  status->add_option("--store", topt->store, "postgresql://... or SQLite file (optional)");
  status->add_option("--group", topt->group, "consumer group [parley]");
  status->add_flag("--json", topt->json, "one JSON object instead of text");
  status->callback([=] { *exit_code = cluster::RunStatus(*topt); });
}

}  // namespace parley
#endif  // PARLEY_HAVE_CLUSTER
