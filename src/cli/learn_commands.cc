#include "cli/learn_commands.h"

#include <cstdio>
#include <iostream>
#include <memory>

#include "code/event_model.h"
#include "io/reader.h"
#include "parley/pipeline.h"

namespace parley {
namespace {

void JsonString(std::string_view s, std::string* out) {
  *out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      *out += '\\';
      *out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      *out += buf;
    } else {
      *out += static_cast<char>(c);
    }
  }
  *out += '"';
}

// One JSON line per event of every article in `inputs`:
// {"doc_id", "sentence": [b, e], "span": [b, e], "cameo", "source",
//  "target", "rule", "features": [...]}; spans are byte offsets of the
// article's text.
int RunFeatures(const std::string& data_dir, const std::vector<std::string>& inputs) {
  std::filesystem::path data = data_dir;
  Status s = data_dir.empty() ? FindDataDir(&data) : Status::OK();
  CodeOptions opt;
  opt.event_model = "off";
  opt.root_model = "off";
  std::unique_ptr<Pipeline> pipeline;
  if (s.ok()) s = Pipeline::Create(data, opt, &pipeline);
  if (!s.ok()) {
    std::fprintf(stderr, "parley: %s\n", s.message().c_str());
    return 2;
  }
  ArticleReader reader(inputs, ReaderOptions{});
  Document doc;
  std::string line;
  int failed = 0;
  while (reader.Next(&doc)) {
    if (!pipeline->Code(&doc).ok()) {
      std::fprintf(stderr, "parley: %s: %s\n", doc.doc_id.c_str(), doc.error.c_str());
      ++failed;
      continue;
    }
    for (const Event& e : doc.events) {
      const Span sent = doc.sentences[e.sentence].span;
      line = "{\"doc_id\": ";
      JsonString(doc.doc_id, &line);
      line += ", \"sentence\": [" + std::to_string(sent.begin) + ", " + std::to_string(sent.end) + "]";
      line += ", \"span\": [" + std::to_string(e.span.begin) + ", " + std::to_string(e.span.end) + "]";
      line += ", \"cameo\": ";
      JsonString(e.cameo, &line);
      line += ", \"source\": ";
      JsonString(e.source ? e.source->code : "", &line);
      line += ", \"target\": ";
      JsonString(e.target ? e.target->code : "", &line);
      line += ", \"rule\": ";
      JsonString(e.rule, &line);
      line += ", \"features\": [";
      bool first = true;
      for (const std::string& f : EventFeatures(doc, e)) {
        if (!first) line += ", ";
        first = false;
        JsonString(f, &line);
      }
      line += "]}\n";
      std::fwrite(line.data(), 1, line.size(), stdout);
    }
  }
  for (auto& w : reader.TakeWarnings()) std::fprintf(stderr, "parley: warning: %s\n", w.c_str());
  return failed ? 1 : 0;
}

}  // namespace

void RegisterLearnCommands(CLI::App& app, const std::string* data_dir, int* exit_code) {
  auto* features = app.add_subcommand("features", "");  // no description: hidden from --help
  features->group("");
  auto inputs = std::make_shared<std::vector<std::string>>();
  features->add_option("inputs", *inputs, "JSONL or text inputs, as for code")->required();
  features->callback([=] { *exit_code = RunFeatures(*data_dir, *inputs); });
}

}  // namespace parley
