// The learned check on events (src/code/event_model.h): features, the model
// file, and the veto, with a model trained here on sentences of our own.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "code/event_model.h"
#include "parley/pipeline.h"
#include "test_util.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::CodeText;
using testing::EventsOf;

bool Has(const std::vector<std::string>& f, const std::string& x) {
  return std::find(f.begin(), f.end(), x) != f.end();
}

fs::path TempDir(const std::string& name) {
  fs::path d = fs::path(::testing::TempDir()) / ("parley-learn-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

TEST(EventFeatures, AreTheSameForTheSameDocumentAndNameTheRuleAndCues) {
  Document d = CodeText("If France criticized Germany, the talks would fail.");
  Document e = CodeText("If France criticized Germany, the talks would fail.");
  ASSERT_EQ(EventsOf(d), EventsOf(e));
  ASSERT_FALSE(d.events.empty()) << "the fixture codes no event here";
  std::vector<std::string> f = EventFeatures(d, d.events[0]);
  EXPECT_EQ(f, EventFeatures(e, e.events[0]));
  EXPECT_TRUE(Has(f, "root=11")) << ::testing::PrintToString(f);
  EXPECT_TRUE(Has(f, "head=criticize")) << ::testing::PrintToString(f);
  EXPECT_TRUE(Has(f, "head_root=criticize|11"));
  EXPECT_TRUE(Has(f, "s=if"));
  EXPECT_TRUE(Has(f, "src_role=-"));
  EXPECT_TRUE(Has(f, "position=lead"));
}

TEST(EventFeatures, SayWhichActorIsMissing) {
  Document d = CodeText("Germany condemned France on Monday.");
  ASSERT_FALSE(d.events.empty());
  std::vector<std::string> f = EventFeatures(d, d.events[0]);
  EXPECT_FALSE(Has(f, "tgt=none"));
  EXPECT_FALSE(Has(f, "negated"));
  EXPECT_TRUE(Has(f, "b1=<s>") || Has(f, "e=germany")) << ::testing::PrintToString(f);
}

TEST(EventFeatures, AreEachOnceInTheOrderFirstSeen) {
  // "the", "talks" and "France" stand several times in and near the
  // evidence; every feature is listed once, where it first came.
  Document d = CodeText("France criticized Germany over the talks, the talks and the talks of France.");
  ASSERT_FALSE(d.events.empty());
  for (int round = 0; round < 2; ++round) {  // the second from storage kept by the first
    std::vector<std::string> f = EventFeatures(d, d.events[0]);
    std::vector<std::string> sorted = f;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end()) << ::testing::PrintToString(f);
    ASSERT_GE(f.size(), 3u);
    EXPECT_EQ(f[0].rfind("root=", 0), 0u) << f[0];
    EXPECT_EQ(f[1].rfind("code=", 0), 0u) << f[1];
    EXPECT_TRUE(Has(f, "s=the"));
    auto at = [&](const std::string& x) { return std::find(f.begin(), f.end(), x) - f.begin(); };
    EXPECT_LT(at("s=france"), at("s=the"));  // the sentence's words in order
    EXPECT_LT(at("s=the"), at("s=talks"));
  }
}

TEST(EventModel, ReadsItsRowsAndScoresALogisticRegression) {
  std::unique_ptr<EventModel> m;
  Status s = EventModel::Parse("# a comment\ntrained_on\tx-batch-001.jsonl\nthreshold\t0.75\nbias\t-1\ns=if\t3\n",
                               "m.tsv", &m);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(m->size(), 1u);
  EXPECT_DOUBLE_EQ(m->threshold(), 0.75);
  EXPECT_EQ(m->trained_on(), "x-batch-001.jsonl");
  EXPECT_NEAR(m->PNone({"s=if", "s=unknown"}), 1 / (1 + std::exp(-2.0)), 1e-12);
  EXPECT_NEAR(m->PNone({}), 1 / (1 + std::exp(1.0)), 1e-12);
}

TEST(EventModel, BadFilesAreClearErrors) {
  std::unique_ptr<EventModel> m;
  Status s = EventModel::Load("/nonexistent/event_model.tsv", &m);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_NE(s.message().find("/nonexistent/event_model.tsv"), std::string::npos);
  s = EventModel::Parse("threshold\t0.5\nbias\t0\ns=if\tabc\n", "m.tsv", &m);
  EXPECT_EQ(s.message(), "m.tsv:3: weight 'abc' is not a number");
  s = EventModel::Parse("threshold\t0.5\nbias\t0\ns=if\t1\textra\n", "m.tsv", &m);
  EXPECT_EQ(s.message(), "m.tsv:3: expected 2 tab-separated columns (feature, weight)");
  s = EventModel::Parse("threshold\t1.5\nbias\t0\n", "m.tsv", &m);
  EXPECT_EQ(s.message(), "m.tsv:1: threshold 1.5 is not in (0, 1]");
  s = EventModel::Parse("bias\t0\ns=if\t1\ns=if\t2\n", "m.tsv", &m);
  EXPECT_EQ(s.message(), "m.tsv:3: feature 's=if' given twice");
  s = EventModel::Parse("not a model at all\n", "m.tsv", &m);
  EXPECT_FALSE(s.ok());
  s = EventModel::Parse("bias\t0\n", "m.tsv", &m);
  EXPECT_EQ(s.message(), "m.tsv: no threshold row: not an event model (see data/README.md)");
  EXPECT_EQ(m, nullptr);  // untouched on error
}

// A corrupt model in the data directory stops the pipeline's set-up like
// any dictionary when it is used (the model of roots by default, the veto
// with "on"), and `dict check` names its row either way; a model named by
// the options that is missing is an error too.
TEST(EventModel, ACorruptModelIsASetUpErrorAndACheckProblem) {
  fs::path dir = TempDir("corrupt");
  fs::copy(fs::path(PARLEY_TEST_DATA_DIR) / "lexicon", dir, fs::copy_options::recursive);
  std::ofstream(dir / "event_model.tsv") << "threshold\t0.5\nbias\t0\nroot=11\n";
  std::unique_ptr<Pipeline> p;
  EXPECT_TRUE(Pipeline::Create(dir, CodeOptions{}, &p).ok());  // the veto is off by default
  CodeOptions on;
  on.event_model = "on";
  Status s = Pipeline::Create(dir, on, &p);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), (dir / "event_model.tsv").string() + ":3: expected 2 tab-separated columns (feature, weight)");
  std::vector<std::string> problems;
  std::string summary;
  ASSERT_TRUE(CheckDictionaries(dir, &problems, &summary).ok());
  ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0], s.message());
  fs::remove(dir / "event_model.tsv");
  std::ofstream(dir / "root_model.tsv") << "threshold\t0.5\nclasses\t04 11\nbias\t04\tx\n";
  s = Pipeline::Create(dir, CodeOptions{}, &p);
  EXPECT_EQ(s.message(), (dir / "root_model.tsv").string() + ":3: weight 'x' is not a number");
  CodeOptions off;
  off.root_model = "off";
  EXPECT_TRUE(Pipeline::Create(dir, off, &p).ok());
  CodeOptions missing;
  missing.event_model = (dir / "no_such_model.tsv").string();
  s = Pipeline::Create(dir, missing, &p);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  fs::remove_all(dir);
}

// Trains a logistic regression by gradient descent on the features of events
// the fixture codes in sentences of our own (1 = the sentence reports no
// event), as train/tools/train.py does with liblinear, and writes it as a
// model file.
std::string TrainTinyModel(const std::vector<std::pair<std::string, int>>& sentences, double threshold) {
  std::vector<std::pair<std::vector<std::string>, int>> rows;
  for (auto& [text, y] : sentences) {
    Document d = CodeText(text);
    for (const Event& e : d.events) rows.push_back({EventFeatures(d, e), y});
  }
  std::map<std::string, double> w;
  double b = 0;
  for (int it = 0; it < 300; ++it) {
    for (auto& [f, y] : rows) {
      double z = b;
      for (auto& x : f) z += w[x];
      const double g = 1 / (1 + std::exp(-z)) - y;
      b -= 0.1 * g;
      for (auto& x : f) w[x] -= 0.1 * (g + 0.01 * w[x]);
    }
  }
  std::ostringstream out;
  out << "# trained in tests/learn_test.cc\nthreshold\t" << threshold << "\nbias\t" << b << "\n";
  for (auto& [x, v] : w)
    if (v != 0) out << x << "\t" << v << "\n";
  return out.str();
}

TEST(EventModel, VetoesWhatItLearnedReportsNothingAndExplainsItsDecision) {
  // Conditions and hopes report nothing that happened; plain reports do.
  const std::string model = TrainTinyModel(
      {
          {"If Germany criticized France, the markets would fall.", 1},
          {"If France condemned Germany, nobody would listen.", 1},
          {"If Germany met France, the talks would go on.", 1},
          {"Germany criticized France over the budget on Monday.", 0},
          {"France condemned Germany for its tariffs.", 0},
          {"Germany met France in Berlin on Tuesday.", 0},
      },
      0.7);
  fs::path dir = TempDir("veto");
  std::ofstream(dir / "model.tsv") << model;
  CodeOptions opt;
  opt.event_model = (dir / "model.tsv").string();
  std::unique_ptr<Pipeline> p;
  Status s = Pipeline::Create(std::string(PARLEY_TEST_DATA_DIR) + "/lexicon", opt, &p);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_NE(p->event_model(), nullptr);
  auto code = [&](const std::string& text, std::string* trace) {
    Document d(text);
    d.doc_id = "t";
    Date::Parse("2025-05-17", &d.publish_date);
    std::ostringstream tr;
    EXPECT_TRUE(p->Code(&d, &tr).ok());
    *trace = tr.str();
    return EventsOf(d);
  };
  // Without the model both are coded.
  ASSERT_FALSE(EventsOf(CodeText("If France criticized Germany, prices would rise.")).empty());
  std::string trace;
  EXPECT_EQ(code("If France criticized Germany, prices would rise.", &trace), "");
  EXPECT_NE(trace.find("vetoed"), std::string::npos) << trace;
  EXPECT_NE(trace.find("P(none)"), std::string::npos) << trace;
  EXPECT_EQ(code("France criticized Germany over the border on Friday.", &trace), "FRA>DEU:111");
  EXPECT_NE(trace.find("kept"), std::string::npos) << trace;
  fs::remove_all(dir);
}

TEST(RootModel, ReadsClassesAndNormalisesTheirProbabilities) {
  std::unique_ptr<EventModel> m;
  Status s = EventModel::Parse("threshold\t0.6\nclasses\t04 11\nbias\t04\t0\nbias\t11\t0\nhead=criticize\t04\t4\n",
                               "r.tsv", &m);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(m->classes(), (std::vector<std::string>{"04", "11"}));
  std::vector<double> p = m->ClassProbs({"head=criticize"});
  ASSERT_EQ(p.size(), 2u);
  EXPECT_NEAR(p[0] + p[1], 1.0, 1e-12);
  EXPECT_GT(p[0], 0.6);
  EXPECT_NEAR(m->ClassProbs({})[0], 0.5, 1e-12);
  s = EventModel::Parse("threshold\t0.6\nclasses\t04 11\nbias\t05\t0\n", "r.tsv", &m);
  EXPECT_EQ(s.message(), "r.tsv:3: class '05' is not in the classes row");
  s = EventModel::Parse("threshold\t0.6\nclasses\t04 11\nbias\t0\n", "r.tsv", &m);
  EXPECT_EQ(s.message(), "r.tsv:3: expected 3 tab-separated columns (feature, class, weight)");
  s = EventModel::Parse("threshold\t0.6\nclasses\t04\n", "r.tsv", &m);
  EXPECT_EQ(s.message(), "r.tsv:2: classes: expected at least two, separated by spaces");
}

// A model of roots sure that a criticism is a consultation recodes it, and
// the event's rule says so; a veto model given as a model of roots is a
// set-up error.
TEST(RootModel, RecodesWhatItIsSureOfAndNamesItselfAsTheRule) {
  fs::path dir = TempDir("roots");
  std::ofstream(dir / "roots.tsv") << "threshold\t0.9\nclasses\t04 11\nbias\t04\t0\nbias\t11\t0\n"
                                      "head=criticize\t04\t6\nhead=criticize\t11\t-6\n";
  CodeOptions opt;
  opt.root_model = (dir / "roots.tsv").string();
  std::unique_ptr<Pipeline> p;
  Status s = Pipeline::Create(std::string(PARLEY_TEST_DATA_DIR) + "/lexicon", opt, &p);
  ASSERT_TRUE(s.ok()) << s.ToString();
  Document d("France criticized Germany over the border on Friday. France condemned Germany.");
  d.doc_id = "t";
  std::ostringstream trace;
  ASSERT_TRUE(p->Code(&d, &trace).ok());
  EXPECT_EQ(EventsOf(d), "FRA>DEU:040 FRA>DEU:111");
  EXPECT_EQ(d.events[0].cameo_root, "04");
  EXPECT_EQ(d.events[0].rule.rfind("model:roots 040 (P 1.00) over 111 ", 0), 0u) << d.events[0].rule;
  EXPECT_NE(trace.str().find("recoded 040"), std::string::npos) << trace.str();
  std::ofstream(dir / "veto.tsv") << "threshold\t0.9\nbias\t0\n";
  opt.root_model = (dir / "veto.tsv").string();
  s = Pipeline::Create(std::string(PARLEY_TEST_DATA_DIR) + "/lexicon", opt, &p);
  EXPECT_NE(s.message().find("a veto model, not a model of roots"), std::string::npos) << s.ToString();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace parley
