// event_model.h: EventModel, EventFeatures, ApplyEventModel. A learned check
// on the coder's events, read from data/event_model.tsv.
//
// Tested by tests/learn_test.cc.
// The coder's rules were written against a few hundred articles; where they
// carry over badly to other text they fire on sentences that report no
// event. The model is a logistic regression over features of each event the
// rules emitted, all taken from parley's own analysis (the rule's lemma and
// root, the verb group's status, negation and quote, which actors were
// found, the words around the evidence): P(none) = 1 / (1 + exp(-(b + sum
// w_f))), over the features f the event has. An event whose P(none) is at
// least the model's threshold is vetoed: not emitted. The weights are
// trained (train/tools/train.py, with liblinear) on hand-labelled sentences
// of the unlabelled corpus (train/labels/), and the threshold chosen by
// cross-validation on those labels. Cost: one hash lookup per feature, some
// fifty per event; nothing per token.
//
// A second model of the same form (data/root_model.tsv) chooses among
// CAMEO roots instead, one logistic regression per root (one against the
// rest, the probabilities normalised to sum to 1): where its most probable
// root is another than the rule's and its probability reaches the model's
// threshold, the event is recoded to that root's two-digit-and-0 code and
// its rule says "model:roots".
//
// Reads: tokens, sentences, mentions, quotes, events.
// Changes: removes vetoed events from Document::events; recodes events the
// root model is sure of (cameo, cameo_root, goldstein, quad_class, plover,
// rule); adds nothing.
#ifndef PARLEY_CODE_EVENT_MODEL_H_
#define PARLEY_CODE_EVENT_MODEL_H_

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "parley/document.h"
#include "parley/lexicon.h"
#include "parley/status.h"

namespace parley {

// The features of event `e` of `doc`, as strings "group=value" (group names
// are listed in data/README.md), each once. The same document gives the
// same list, in the same order. REQUIRES: e is one of doc.events.
std::vector<std::string> EventFeatures(const Document& doc, const Event& e);

class EventModel {
 public:
  // Reads a model file (format: data/README.md, "event_model.tsv").
  // OK: *out holds the model. NotFound: no such file. InvalidInput: a
  // malformed row, "path:line: reason". On error *out is left as it was.
  static Status Load(const std::filesystem::path& path, std::unique_ptr<EventModel>* out);
  // The same from the file's bytes; `name` is used in messages.
  static Status Parse(std::string_view text, const std::string& name, std::unique_ptr<EventModel>* out);

  // P(the event reports nothing a careful coder would record), in [0, 1].
  // REQUIRES: classes().empty() (a veto model).
  double PNone(const std::vector<std::string>& features) const;
  // The classes of a model that chooses among several (CAMEO roots), in
  // file order; empty for a veto model.
  const std::vector<std::string>& classes() const { return classes_; }
  // P(class) for each of classes(), summing to 1.
  // REQUIRES: !classes().empty().
  std::vector<double> ClassProbs(const std::vector<std::string>& features) const;
  double threshold() const { return threshold_; }
  size_t size() const { return classes_.empty() ? weights_.size() : class_weights_.size(); }
  const std::string& trained_on() const { return trained_on_; }

 private:
  double bias_ = 0, threshold_ = 1.0;
  std::string trained_on_;
  std::unordered_map<std::string, double> weights_;
  std::vector<std::string> classes_;
  std::vector<double> class_bias_;
  std::unordered_map<std::string, std::vector<double>> class_weights_;
};

// Scores every event of `doc` and removes those whose P(none) reaches the
// model's threshold. With `trace`, writes one line per event: its code,
// rule, score and the decision (for `parley explain`).
void ApplyEventModel(const EventModel& model, Document* doc, std::ostream* trace);

// Recodes each event of `doc` whose most probable root under `model` (a
// model with classes) is another than its own, with at least the model's
// threshold, to that root's code in `lex` (root + "0"); events whose code
// `lex` lacks stay as they are. With `trace`, one line per event.
void ApplyRootModel(const EventModel& model, const Lexicon& lex, Document* doc, std::ostream* trace);

}  // namespace parley

#endif  // PARLEY_CODE_EVENT_MODEL_H_
