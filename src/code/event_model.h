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

#include <array>
#include <filesystem>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "parley/document.h"
#include "parley/lexicon.h"
#include "parley/status.h"
#include "lexicon/image_file.h"
#include "text/string_table.h"

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
  // Load() through a compiled image in `cache_dir` (event_model_image.cc):
  // the tables as Parse() builds them from the same bytes of `path` (and
  // `version`, which names the build), read in place from the mapped
  // image. Without a valid image the text is read as by Load() and, when it
  // has no error, an image is written for the next run. An empty
  // `cache_dir`, or an image that cannot be read or written, falls back to
  // the text, whose errors are reported exactly as Load() reports them.
  struct CacheInfo {
    bool from_image = false;      // the tables came from the image
    bool written = false;         // an image was written for the next run
    std::filesystem::path image;  // the image's path ("" = no cache)
    std::string note;             // why an image was not used or written
  };
  static Status LoadCached(const std::filesystem::path& path, const std::filesystem::path& cache_dir,
                           std::string_view version, std::unique_ptr<EventModel>* out, CacheInfo* info = nullptr);

  // P(the event reports nothing a careful coder would record), in [0, 1].
  // REQUIRES: classes().empty() (a veto model).
  double PNone(const std::vector<std::string>& features) const;
  // The classes of a model that chooses among several (CAMEO roots), in
  // file order; empty for a veto model.
  const std::vector<std::string>& classes() const { return classes_; }
  // P(class) for each of classes(), summing to 1.
  // REQUIRES: !classes().empty().
  std::vector<double> ClassProbs(const std::vector<std::string>& features) const;
  // The same into *probs, with each feature's StringTable hash
  // (text/string_table.h) given: hashes[i] of features[i]. (The root model
  // scores every event with it, allocating nothing once *probs has room.)
  void ClassProbs(std::span<const std::string_view> features, std::span<const uint32_t> hashes,
                  std::vector<double>* probs) const;
  // The row of `feature` (StringTable hash `hash`) among the model's
  // features, or -1: what ClassProbsOfRows takes.
  int64_t Row(std::string_view feature, uint32_t hash) const { return features_.IndexOf(feature, hash); }
  // The rows of one word's features, by prefix in this order: "e=",
  // "b1=", "a1=", "b2=", "a2=", "s=" (-1: the model lacks that feature).
  using WordRows = std::array<int32_t, 6>;
  // The rows of the features of `word` (StringTable hash `hash`), or
  // nullptr when the model has none of them. Built when a model with
  // classes is attached (IndexWords): one probe per word instead of a
  // joined, hashed feature string per prefix.
  const WordRows* RowsOfWord(std::string_view word, uint32_t hash) const { return word_rows_.Find(word, hash); }
  // ClassProbs of the features whose rows are `rows` (each once, in the
  // order the features were listed): the same sums in the same order.
  void ClassProbsOfRows(std::span<const int32_t> rows, std::vector<double>* probs) const;
  double threshold() const { return threshold_; }
  // The number of features with weights (the bias aside).
  size_t size() const { return features_.size(); }
  const std::string& trained_on() const { return trained_on_; }

  // The compiled form of the model (a header of lexicon/image_file.h,
  // then the payload below), as written to the cache.
  std::string Image(uint64_t key) const;
  // A model from an image made by Image() with the same key; false when
  // the bytes are not one (wrong key, damaged, truncated).
  static bool FromImage(std::string_view bytes, uint64_t key, std::unique_ptr<EventModel>* out);

 private:
  // The features' weights, one table for the text load and the image:
  // features_ is an image::KeyTable of the features (in byte order), and
  // feature i's weights are weights_[i * width .. (i + 1) * width), width =
  // the number of classes (1 for a veto model). Both point into owner_: the
  // mapped image, or the bytes the text load laid out.
  // Lays out the tables (features in byte order) as an image payload
  // after the header's room, and attaches to those bytes.
  using Rows = std::vector<std::pair<std::string, std::vector<double>>>;
  bool Build(Rows rows);
  // Reads the payload (the bytes after the header) in place; false, with
  // nothing attached, when its layout is wrong. Every slot and entry is
  // checked against the tables' sizes, so a lookup stays in bounds.
  bool Attach(std::string_view payload, std::shared_ptr<const void> owner);
  // Fills word_rows_ from features_ (a model with classes only: the veto
  // model is scored by strings).
  void IndexWords();
  // The width() weights of `feature`, or nullptr.
  const double* Weights(std::string_view feature) const;
  size_t width() const { return classes_.empty() ? 1 : classes_.size(); }
  // Each class's logistic probability, then all divided by their sum.
  static void Normalise(std::vector<double>* probs);

  double bias_ = 0, threshold_ = 1.0;
  std::string trained_on_;
  std::vector<std::string> classes_;
  std::vector<double> class_bias_;
  image::KeyTable features_;
  std::span<const double> weights_;
  std::string_view payload_;  // all of the above, for Image()
  StringTable<WordRows> word_rows_;  // IndexWords'; not in the image
  std::shared_ptr<const void> owner_;

 public:
  // This model's number, never reused in the process (an address may be):
  // the key of the root model's per-thread cache of rows (event_model.cc).
  uint64_t serial() const { return serial_; }

 private:
  uint64_t serial_ = NewSerial();
  static uint64_t NewSerial();
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
