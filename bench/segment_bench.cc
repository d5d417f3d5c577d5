// Micro-benchmarks of the first stage: text checks, tokenisation and sentence
// segmentation, reported in bytes/s. See bench/README.md.
//
//   build/bench/parley_bench                       all of them
//   build/bench/parley_bench --benchmark_filter=Segment
#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "io/reader.h"
#include "parley/document.h"
#include "text/segment.h"

namespace parley {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const std::string& ReferenceArticle() {
  static const std::string text = ReadFile(PARLEY_SOURCE_DIR "/examples/istanbul-talks/article.txt");
  return text;
}

// Newswire-like text of about `n` bytes: abbreviations, initials, numbers,
// quotes, clitics, non-ASCII letters and punctuation, paragraphs, a dateline.
std::string SyntheticText(size_t n) {
  static const char* kParts[] = {
      "    WASHINGTON, March 3 - The U.S. and the U.N. agreed on Tuesday to resume talks. ",
      "Mr. Smith met Gen. Jones and Dr. Lee on Jan. 5 in Washington, D.C., officials said. ",
      "Exports rose 3.5 pct to 1,234.5 mln dlrs in 1986, against 2.1 billion a year earlier. ",
      "“We will not accept these terms,” the minister told reporters in Dolmabahçe Palace. ",
      "Russia’s army didn't stop; Kyiv's call won't be heard — not yet, analysts said. ",
      "(The talks, which lasted 90 minutes, ended without a deal.) ",
      "\"Is this war?\" asked a reporter. No answer came from the full-scale press office... ",
      "Ukraine’s chief negotiator, Defense Minister Rustem Umerov, confirmed the exchange.\n\n",
      "SOUTH KOREA TO CUT TARIFFS ON 85 ITEMS\n\n",
  };
  std::string out;
  out.reserve(n + 128);
  for (size_t i = 0; out.size() < n; ++i) out += kParts[(i * 7) % std::size(kParts)];
  // Cut at a character boundary at or before n.
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  out.resize(cut);
  return out;
}

void BM_CheckText(benchmark::State& state) {
  const std::string text = SyntheticText(static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(CheckText(text).ok());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_CheckText)->Arg(64 << 10);

// The reference article (2 kB), as the pipeline sees it: a fresh Document.
void BM_SegmentReferenceArticle(benchmark::State& state) {
  const std::string& text = ReferenceArticle();
  if (text.empty()) {
    state.SkipWithError("examples/istanbul-talks/article.txt not found");
    return;
  }
  size_t tokens = 0, sentences = 0;
  for (auto _ : state) {
    Document doc(text);
    SegmentDocument(&doc);
    tokens = doc.tokens.size();
    sentences = doc.sentences.size();
    benchmark::DoNotOptimize(doc.sentences.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
  state.counters["tokens"] = static_cast<double>(tokens);
  state.counters["sentences"] = static_cast<double>(sentences);
}
BENCHMARK(BM_SegmentReferenceArticle);

// Synthetic text of 4 kB to 1 MiB (the default article limit): time per byte
// should stay flat as the text grows (linear time).
void BM_SegmentSynthetic(benchmark::State& state) {
  const std::string text = SyntheticText(static_cast<size_t>(state.range(0)));
  size_t tokens = 0;
  for (auto _ : state) {
    Document doc(text);
    SegmentDocument(&doc);
    tokens = doc.tokens.size();
    benchmark::DoNotOptimize(doc.sentences.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK(BM_SegmentSynthetic)->RangeMultiplier(4)->Range(4 << 10, 1 << 20)->Unit(benchmark::kMicrosecond);

// A slice of the real corpus (first 2,000 articles of each file in
// ../shared/corpus), segmented one after another.
void BM_SegmentCorpusSample(benchmark::State& state) {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    for (const char* f : {"/corpus/news5w1h.jsonl", "/corpus/reuters21578.jsonl"}) {
      ReaderOptions opt;
      opt.force_jsonl = true;
      ArticleReader reader({std::string(PARLEY_SHARED_DIR) + f}, opt);
      Document d;
      for (int n = 0; n < 2000 && reader.Next(&d); ++n)
        if (d.error.empty() && CheckText(d.text()).ok()) out.push_back(d.text());
    }
    return out;
  }();
  if (texts.empty()) {
    state.SkipWithError("no corpus under " PARLEY_SHARED_DIR "/corpus");
    return;
  }
  size_t bytes = 0;
  for (auto& t : texts) bytes += t.size();
  for (auto _ : state) {
    for (auto& t : texts) {
      Document doc(t);
      SegmentDocument(&doc);
      benchmark::DoNotOptimize(doc.sentences.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(texts.size()));
  state.counters["articles"] = static_cast<double>(texts.size());
}
BENCHMARK(BM_SegmentCorpusSample)->Unit(benchmark::kMillisecond);

void BM_FoldKey(benchmark::State& state) {
  const std::string name = "Dolmabahçe Palace “Erdoğan” — Ukraine’s";
  for (auto _ : state) benchmark::DoNotOptimize(FoldKey(name));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(name.size()));
}
BENCHMARK(BM_FoldKey);

}  // namespace
}  // namespace parley
