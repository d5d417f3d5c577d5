// _parley: the C++ side of `import parley` (python/parley/__init__.py is the
// Python side users see).
//
// Tested by python/tests/test_parley.py (pytest).
// The module holds no logic of its own: it builds a Document from Python
// arguments, runs the same Pipeline the CLI runs, and hands back the same
// JSON line the CLI writes (json_writer.cc), which the Python side parses.
// So a result from Python is byte for byte the line `parley code` prints.
// The GIL is released while C++ codes, reads or writes the store.
//
// Threads: Engine.code_batch codes a list of records on N threads with the
// CLI's OrderedParallelMap (results in input order). The Pipeline is
// immutable after Create, so threads share it.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/json_writer.h"
#include "parley/pipeline.h"
#include "parley/store.h"
#include "pipeline/explain.h"
#include "pipeline/parallel.h"
#include "store/output_reader.h"

namespace py = pybind11;

namespace parley {
namespace {

// One input record as Python gives it.
struct Record {
  std::string text;
  std::optional<std::string> date, doc_id, title, url, source;
};

// A usage error (a bad argument) raises ValueError with the CLI's wording;
// a bad article does not raise: its result carries `error`.
Document MakeDocument(const Record& r, size_t index) {
  Document doc(r.text);
  doc.doc_id = r.doc_id ? *r.doc_id : "record:" + std::to_string(index + 1);
  if (r.date && !r.date->empty() && !Date::Parse(*r.date, &doc.publish_date))
    doc.error = "publish_date: expected YYYY-MM-DD, YYYY-MM or YYYY, got '" + *r.date + "'";
  doc.title = r.title;
  doc.url = r.url;
  doc.source = r.source;
  return doc;
}

std::string CodeOne(const Pipeline& p, const Record& r, size_t index) {
  Document doc = MakeDocument(r, index);
  (void)p.Code(&doc);  // a failure is in doc.error, written to the line
  std::string line;
  WriteDocumentJson(doc, &line);
  return line;
}

class Engine {
 public:
  explicit Engine(std::optional<std::string> data_dir) {
    std::filesystem::path dir;
    Status s = data_dir ? Status::OK() : FindDataDir(&dir);
    if (data_dir) dir = *data_dir;
    if (s.ok()) s = Pipeline::Create(dir, CodeOptions{}, &pipeline_);
    if (!s.ok()) throw std::runtime_error("parley: " + s.message());
    data_dir_ = dir.string();
  }

  std::string Code(const Record& r) {
    py::gil_scoped_release unlocked;
    return CodeOne(*pipeline_, r, 0);
  }

  // Codes records[i] on `threads` threads; result i is record i's line.
  // The same ordered, windowed pool as `parley code --threads`
  // (pipeline/parallel.h): slot k holds record k % window.
  std::vector<std::string> CodeBatch(const std::vector<Record>& records, size_t first_index, int threads) {
    std::vector<std::string> out(records.size());
    py::gil_scoped_release unlocked;
    WindowOptions wopt;
    wopt.threads = threads > 1 ? static_cast<size_t>(threads) : 0;
    std::vector<size_t> slot_item(WindowSize(wopt));
    size_t next = 0;
    auto read = [&](size_t slot, size_t* cost) {
      if (next >= records.size()) return false;
      slot_item[slot] = next;
      *cost = records[next].text.size();
      ++next;
      return true;
    };
    auto work = [&](size_t slot) {
      size_t i = slot_item[slot];
      out[i] = CodeOne(*pipeline_, records[i], first_index + i);
    };
    OrderedParallelMap(wopt, read, work, [](size_t) {});
    return out;
  }

  std::string Explain(const std::string& text, const std::optional<std::string>& date) {
    Record r{text, date, std::string("explain"), {}, {}, {}};
    Document doc = MakeDocument(r, 0);
    std::ostringstream out;
    py::gil_scoped_release unlocked;
    parley::Explain(*pipeline_, &doc, out);
    return out.str();
  }

  const std::string& data_dir() const { return data_dir_; }

 private:
  std::unique_ptr<Pipeline> pipeline_;
  std::string data_dir_;
};

// EventFilter from Python keyword arguments, named as `parley query`'s
// options (source_actor for --source-actor). Unknown names raise TypeError.
EventFilter MakeFilter(const py::dict& kw) {
  EventFilter f;
  auto date = [](const py::handle& v, const char* name) {
    Date d;
    std::string s = py::str(v);
    if (!Date::Parse(s, &d))
      throw py::value_error(std::string("parley query: --") + name + ": expected YYYY-MM-DD, YYYY-MM or YYYY, got '" +
                            s + "'");
    return d;
  };
  bool all = false;
  for (auto [k, v] : kw) {
    std::string key = py::str(k);
    if (v.is_none()) continue;
    if (key == "raw") f.raw = v.cast<bool>();
    else if (key == "include_unrealised") all = all || v.cast<bool>();
    else if (key == "status") {
      // "occurred", ["planned", "negated"], or "occurred,planned" as on the command line.
      std::vector<std::string> names;
      if (py::isinstance<py::str>(v)) {
        std::string text = py::str(v);
        for (size_t b = 0; b <= text.size();) {
          size_t e = text.find(',', b);
          if (e == std::string::npos) e = text.size();
          if (e > b) names.push_back(text.substr(b, e - b));
          b = e + 1;
        }
      } else {
        for (auto item : v) names.push_back(py::str(item));
      }
      for (const std::string& n : names) {
        if (n == "all") { all = true; continue; }
        const auto& known = EventOutcomes();
        if (std::find(known.begin(), known.end(), n) == known.end())
          throw py::value_error("parley query: --status: '" + n +
                                "' is not one of occurred, negated, planned, hypothetical, denied, all");
        if (std::find(f.status.begin(), f.status.end(), n) == f.status.end()) f.status.push_back(n);
      }
    }
    else if (key == "id") f.id = v.cast<int64_t>();
    else if (key == "from_" || key == "start") f.from = date(v, "from");
    else if (key == "to" || key == "end") f.to = date(v, "to");
    else if (key == "actor") f.actor = py::str(v);
    else if (key == "source_actor") f.source_actor = py::str(v);
    else if (key == "target_actor") f.target_actor = py::str(v);
    else if (key == "cameo") f.cameo = py::str(v);
    else if (key == "root") f.root = py::str(v);
    else if (key == "quad") {
      int q = v.cast<int>();
      if (q < 1 || q > 4) throw py::value_error("parley query: --quad: quad class 1..4");
      f.quad_class = q;
    } else if (key == "place") f.place = py::str(v);
    else if (key == "country") f.country = py::str(v);
    else if (key == "text") f.text = py::str(v);
    else if (key == "doc" || key == "doc_id") f.doc_id = py::str(v);
    else if (key == "limit") {
      long long n = v.cast<long long>();
      if (n < 0) throw py::value_error("parley query: --limit: expected a count of 0 or more");
      f.limit = static_cast<size_t>(n);
    } else throw py::type_error("parley query: unknown filter '" + key + "'");
  }
  if (all) f.status = EventOutcomes();
  return f;
}

class PyStore {
 public:
  PyStore(const std::string& uri, int merge_window, size_t batch) {
    StoreOptions o;
    o.merge_window_days = merge_window;
    o.batch_size = batch;
    Status s;
    {
      py::gil_scoped_release unlocked;
      s = Store::Open(uri, o, &store_);
    }
    if (!s.ok()) throw std::runtime_error("parley: " + uri + ": " + s.message());
  }

  // Stores output lines (JSON text); returns one error message per line, ""
  // when stored. Raises only when the store itself fails.
  std::vector<std::string> Ingest(const std::vector<std::string>& lines) {
    std::vector<std::string> errors(lines.size());
    py::gil_scoped_release unlocked;
    std::vector<Document> docs(lines.size());
    std::vector<const Document*> ok;
    std::vector<size_t> where;
    for (size_t i = 0; i < lines.size(); ++i) {
      Status s = ReadOutputLine(lines[i], &docs[i]);
      if (!s.ok()) { errors[i] = s.message(); continue; }
      ok.push_back(&docs[i]);
      where.push_back(i);
    }
    std::vector<Status> per;
    Status s = store_->Ingest(ok, &per);
    for (size_t j = 0; j < where.size() && j < per.size(); ++j)
      if (!per[j].ok()) errors[where[j]] = per[j].message();
    if (!s.ok()) {
      py::gil_scoped_acquire locked;
      throw std::runtime_error("parley: store: " + s.message());
    }
    return errors;
  }

  // The matching events in `format` ("jsonl", "csv", "gdelt", "json").
  std::string Export(const py::dict& filters, const std::string& format, const std::string& countries) {
    EventFilter f = MakeFilter(filters);
    ExportFormat fmt;
    Status s = ParseExportFormat(format, &fmt);
    if (!s.ok()) throw py::value_error("parley export: " + s.message());
    ExportOptions eo;
    eo.countries = countries;
    std::ostringstream out;
    {
      py::gil_scoped_release unlocked;
      s = store_->Export(f, fmt, eo, out);
    }
    if (!s.ok()) throw std::runtime_error("parley: export: " + s.message());
    return out.str();
  }

  py::dict Stats() {
    StoreStats st;
    Status s = store_->Stats(&st);
    if (!s.ok()) throw std::runtime_error("parley: store: " + s.message());
    py::dict d;
    d["articles"] = st.articles;
    d["events"] = st.events;
    d["merged_events"] = st.merged_events;
    d["entities"] = st.entities;
    d["quotes"] = st.quotes;
    d["counts"] = st.counts;
    return d;
  }

  std::string backend() const { return store_->backend(); }

 private:
  std::unique_ptr<Store> store_;
};

}  // namespace
}  // namespace parley

PYBIND11_MODULE(_parley, m) {
  using namespace parley;
  m.doc() = "C++ core of the parley event coder; use the `parley` package.";
  m.attr("__version__") = Version();
  // The cores this process may run on, as `parley code --threads` counts
  // them (its default): code_many's default too.
  m.def("available_cores", [] { return AvailableCores(); });
  m.def("find_data_dir", [] {
    std::filesystem::path dir;
    return FindDataDir(&dir).ok() ? dir.string() : std::string();
  });

  py::class_<Record>(m, "Record")
      .def(py::init([](py::bytes text, std::optional<std::string> date, std::optional<std::string> doc_id,
                       std::optional<std::string> title, std::optional<std::string> url,
                       std::optional<std::string> source) {
             return Record{std::string(text), std::move(date), std::move(doc_id), std::move(title), std::move(url),
                           std::move(source)};
           }),
           py::arg("text"), py::arg("date") = py::none(), py::arg("doc_id") = py::none(),
           py::arg("title") = py::none(), py::arg("url") = py::none(), py::arg("source") = py::none());

  py::class_<Engine>(m, "Engine")
      .def(py::init<std::optional<std::string>>(), py::arg("data_dir") = py::none())
      .def("code", [](Engine& e, const Record& r) { return py::bytes(e.Code(r)); })
      .def("code_batch",
           [](Engine& e, const std::vector<Record>& rs, size_t first, int threads) {
             std::vector<std::string> lines = e.CodeBatch(rs, first, threads);
             py::list out;
             for (auto& l : lines) out.append(py::bytes(l));
             return out;
           })
      .def("explain", &Engine::Explain)
      .def_property_readonly("data_dir", &Engine::data_dir);

  py::class_<PyStore>(m, "Store")
      .def(py::init<const std::string&, int, size_t>(), py::arg("uri"), py::arg("merge_window") = 1,
           py::arg("batch") = 1024)
      .def("ingest", &PyStore::Ingest)
      .def("export_text",
           [](PyStore& s, const py::dict& filters, const std::string& format, const std::string& countries) {
             return py::bytes(s.Export(filters, format, countries));
           })
      .def("stats", &PyStore::Stats)
      .def_property_readonly("backend", &PyStore::backend);
}
