// Tested by tests/lexicon_test.cc.
//
// Loading: each file is read whole, split into lines and TAB-separated
// columns; every row is checked (column count, code shape, dates) and a bad
// row adds "file:line: reason" to the error list instead of stopping the
// load. Names (countries, aliases, demonyms, capitals, bodies, people, role
// phrases) are tokenised with the article tokenizer and folded, so a name
// matches text exactly when their token keys are equal.
#include "parley/lexicon.h"

#include "lexicon/image_file.h"
#include "lexicon/name_tables.h"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <functional>
#include <fstream>
#include <sstream>

#include "text/segment.h"
#include "text/string_table.h"
#include "text/vocabulary.h"

namespace parley {
namespace {

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t b = 0;
  for (;;) {
    size_t e = s.find(sep, b);
    out.emplace_back(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> List(std::string_view s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  for (auto& item : Split(s, '|')) {
    std::string t = Trim(item);
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

bool IsCodeBlocks(std::string_view c) {
  if (c.empty() || c.size() % 3 != 0) return false;
  for (char ch : c)
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-')) return false;
  return true;
}

bool IsCameoCode(std::string_view c) {
  if (c.size() < 2 || c.size() > 4) return false;
  for (char ch : c)
    if (ch < '0' || ch > '9') return false;
  return true;
}

}  // namespace

class LexiconLoader {
 public:
  LexiconLoader(const std::filesystem::path& dir, Lexicon* lex) : dir_(dir), lex_(lex) {}
  // Bad rows are skipped and listed in errors() instead of failing Run().
  void KeepGoing() { keep_going_ = true; }
  const std::vector<std::string>& errors() const { return errors_; }

  Status Run() {
    LoadCameo();
    LoadForms("generated/verb_forms.tsv", &lex_->verb_forms_);
    LoadForms("generated/noun_forms.tsv", &lex_->noun_forms_);
    LoadCommonWords();
    LoadCountries();
    LoadOrgs("igos.tsv", &lex_->igos_, NameRef::kIgo, 2, 3, false);
    LoadOrgs("organisations.tsv", &lex_->orgs_, NameRef::kOrg, 2, 6, true);
    LoadRoles();
    LoadPeople();
    LoadPatterns("verbs.tsv", false);
    LoadPatterns("nouns.tsv", true);
    LoadEvaluations();
    LayOut();
    if (!errors_.empty() && keep_going_) return Status::OK();
    if (!errors_.empty()) {
      std::string msg;
      for (auto& e : errors_) msg += (msg.empty() ? "" : "\n") + e;
      return Status::InvalidInput(msg);
    }
    return Status::OK();
  }

 private:
  using RowFn = std::function<void(const std::vector<std::string>&, const std::string& where, uint32_t line)>;

  // Calls fn for each data row of `file` with [min_cols, max_cols] columns.
  // Every file but the generated ones is required: one that is missing,
  // unreadable or without a single row is an error (without verbs.tsv the
  // coder would find almost nothing, and say nothing about it).
  void ForRows(const std::string& file, size_t min_cols, size_t max_cols, const RowFn& fn) {
    const bool required = file.rfind("generated/", 0) != 0;
    std::error_code ec;
    auto st = std::filesystem::status(dir_ / file, ec);
    if (ec || !std::filesystem::is_regular_file(st)) {
      if (required)
        Error(file, ec ? "cannot open: " + ec.message() + " (a required dictionary)"
                       : "cannot open: not a regular file (a required dictionary)");
      return;
    }
    std::ifstream in(dir_ / file, std::ios::binary);
    if (!in) {
      if (required) Error(file, std::string("cannot open: ") + std::strerror(errno) + " (a required dictionary)");
      return;
    }
    std::string line;
    uint32_t n = 0, rows = 0;
    while (std::getline(in, line)) {
      ++n;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) {
        Error(file + ":1", "starts with a UTF-8 byte order mark (BOM); save the file without one");
        line.erase(0, 3);
      }
      if (line.empty() || line[0] == '#') continue;
      // `where` names the row for rules ("people.tsv:12"); errors carry
      // the real path (Error() prefixes the data folder).
      ++rows;
      std::string where = file + ":" + std::to_string(n);
      if (CheckText(line).ok() == false) { Error(where, "not valid UTF-8 text"); continue; }
      auto cols = Split(line, '\t');
      while (cols.size() > min_cols && cols.back().empty() && cols.size() > max_cols) cols.pop_back();
      if (cols.size() < min_cols || cols.size() > max_cols) {
        Error(where, "expected " + (min_cols == max_cols ? std::to_string(min_cols)
                                                          : std::to_string(min_cols) + " to " + std::to_string(max_cols)) +
                         " TAB-separated columns, found " + std::to_string(cols.size()));
        continue;
      }
      for (auto& c : cols) c = Trim(c);
      fn(cols, where, n);
    }
    if (in.bad()) Error(file, std::string("cannot read: ") + std::strerror(errno));
    else if (required && rows == 0) Error(file, "holds no rows (a required dictionary is empty)");
  }

  void Error(const std::string& where, const std::string& what) {
    errors_.push_back((dir_ / where).string() + ": " + what);
  }

  void AddName(std::string_view name, NameRef::Kind kind, uint32_t index, uint32_t line, bool allow_short = false) {
    std::string key = Lexicon::KeyOf(name);
    if (key.empty()) return;
    NameRef ref{.kind = kind, .index = index, .line = line};
    // Short all-capital forms ("US", "UK", "IT") match only in capitals.
    bool caps = name.size() <= 4;
    for (char c : name)
      if (!(c >= 'A' && c <= 'Z') && c != '.') caps = false;
    ref.case_sensitive = caps;
    if (!caps && name.size() <= 2 && !allow_short) return;
    auto& v = lex_->names_[key];
    for (auto& r : v)
      if (r.kind == kind && r.index == index) return;
    v.push_back(ref);
    size_t ntok = 1 + static_cast<size_t>(std::count(key.begin(), key.end(), ' '));
    std::string first = key.substr(0, key.find(' '));
    int& m = lex_->first_token_max_[first];
    m = std::max(m, static_cast<int>(ntok));
  }

  // A person's name, and for names from Russian, Ukrainian and Belarusian
  // the other common spelling of a final "-ych"/"-ich" (Yanukovych and
  // Yanukovich, Abramovich and Abramovych): news agencies differ on it.
  // Hyphenated given names and Korean names are also written with spaces
  // ("Jean-Claude Duvalier" / "Jean Claude Duvalier", "Kim Jong-un" / "Kim
  // Jong Un"): a name of two words or more with a hyphen answers to both.
  void AddPersonName(const std::string& name, std::string_view code, uint32_t idx, uint32_t line) {
    AddName(name, NameRef::kPerson, idx, line);
    // The last word of a name of two words or more, for spellings the
    // rows do not list (Lexicon::PeopleByLastName).
    if (size_t sp = name.rfind(' '); sp != std::string::npos) {
      std::string last = Lexicon::LastNameKey(Lexicon::KeyOf(std::string_view(name).substr(sp + 1)));
      if (last.size() >= 3) {
        auto& v = lex_->last_names_[last];
        if (std::find(v.begin(), v.end(), idx) == v.end()) v.push_back(idx);
      }
    }
    if (name.find(' ') != std::string::npos && name.find('-') != std::string::npos) {
      std::string spaced = name;
      std::replace(spaced.begin(), spaced.end(), '-', ' ');
      AddName(spaced, NameRef::kPerson, idx, line);
    }
    std::string_view c = code.substr(0, 3);
    if (c != "RUS" && c != "UKR" && c != "BLR") return;
    auto ends = [&](const char* suffix) {
      return name.size() > 5 && name.compare(name.size() - 3, 3, suffix) == 0;
    };
    if (ends("ych")) AddName(name.substr(0, name.size() - 3) + "ich", NameRef::kPerson, idx, line);
    else if (ends("ich")) AddName(name.substr(0, name.size() - 3) + "ych", NameRef::kPerson, idx, line);
  }

  void LoadCameo() {
    ForRows("cameo.tsv", 4, 5, [&](const std::vector<std::string>& c, const std::string& where, uint32_t) {
      CameoCode k;
      if (!IsCameoCode(c[0])) return Error(where, "code must be 2 to 4 digits, got '" + c[0] + "'");
      k.code = Keep(c[0]);
      k.name = Keep(c[1]);
      try {
        // Codes GDELT never adopted have no value: they take their parent's.
        k.goldstein = c[2].empty() ? 99 : std::stod(c[2]);
        k.quad_class = std::stoi(c[3]);
      } catch (...) {
        return Error(where, "goldstein and quad_class must be numbers");
      }
      if ((k.goldstein < -10 || k.goldstein > 10) && k.goldstein != 99) return Error(where, "goldstein out of -10..10");
      if (k.quad_class < 1 || k.quad_class > 4) return Error(where, "quad_class must be 1..4");
      if (c.size() > 4) k.plover = Keep(c[4]);
      lex_->cameo_.emplace(k.code, k);
    });
    for (auto& [code, k] : lex_->cameo_) {
      for (size_t n = code.size() - 1; k.goldstein == 99 && n >= 2; --n) {
        auto it = lex_->cameo_.find(code.substr(0, n));
        if (it != lex_->cameo_.end() && it->second.goldstein != 99) k.goldstein = it->second.goldstein;
      }
      if (k.goldstein == 99) k.goldstein = 0;
    }
  }

  void LoadForms(const std::string& file, StringMap<std::string>* out) {
    std::error_code ec;
    if (!std::filesystem::exists(dir_ / file, ec)) {
      // Not built (a test fixture, a hand-made data dir): read WordNet's
      // exception list directly when it is installed.
      std::string pos = file.find("verb") != std::string::npos ? "verb" : "noun";
      std::ifstream in("/usr/share/wordnet/" + pos + ".exc");
      std::string form, lemma;
      while (in >> form >> lemma) {
        out->emplace(form, lemma);
        in.ignore(1 << 20, '\n');
      }
      return;
    }
    ForRows(file, 2, 2, [&](const std::vector<std::string>& c, const std::string& where, uint32_t) {
      if (c[0].empty() || c[1].empty()) return Error(where, "form and lemma must not be empty");
      out->emplace(c[0], c[1]);
    });
  }

  // evaluations.tsv: words that judge a party in reported speech ("said
  // the vote was illegal"): a CAMEO 11x code and a lower-case word or
  // two-word phrase. Optional: a data folder without it has none.
  void LoadEvaluations() {
    std::error_code ec;
    if (!std::filesystem::exists(dir_ / "evaluations.tsv", ec)) return;
    ForRows("evaluations.tsv", 2, 3, [&](const std::vector<std::string>& c, const std::string& where, uint32_t) {
      if (!IsCameoCode(c[0]) || c[0].compare(0, 2, "11") != 0)
        return Error(where, "code '" + c[0] + "' is no CAMEO code of disapproval (11x)");
      if (lex_->cameo_.find(c[0]) == lex_->cameo_.end())
        return Error(where, "CAMEO code " + c[0] + " is not in cameo.tsv");
      const std::string& w = c[1];
      size_t spaces = static_cast<size_t>(std::count(w.begin(), w.end(), ' '));
      bool lower = !w.empty() && w.front() != ' ' && w.back() != ' ' && spaces <= 1;
      for (char ch : w) lower = lower && ((ch >= 'a' && ch <= 'z') || ch == ' ' || ch == '-' || ch == '\'');
      if (!lower) return Error(where, "'" + w + "' is not a lower-case word or two-word phrase");
      if (!lex_->evaluations_.emplace(w, c[0]).second) return Error(where, "'" + w + "' is listed twice");
    });
  }

  void LoadCommonWords() {
    std::error_code ec;
    std::filesystem::path f = dir_ / "generated" / "common_words.txt";
    if (!std::filesystem::exists(f, ec)) f = "/usr/share/hunspell/en_US.dic";
    std::ifstream in(f);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#' || !(line[0] >= 'a' && line[0] <= 'z')) continue;
      size_t slash = line.find('/');
      lex_->common_words_.insert(line.substr(0, slash));
    }
  }

  void LoadCountries() {
    ForRows("countries.tsv", 12, 12, [&](const std::vector<std::string>& c, const std::string& where, uint32_t line) {
      Country k;
      if (c[0].size() != 3 || !IsCodeBlocks(c[0])) return Error(where, "iso3 must be three capital letters, got '" + c[0] + "'");
      if (c[1].size() != 3 || !IsCodeBlocks(c[1])) return Error(where, "cameo must be three capital letters");
      if (c[4].empty()) return Error(where, "name is empty");
      try {
        k.lat = c[8].empty() ? 0 : std::stod(c[8]);
        k.lon = c[9].empty() ? 0 : std::stod(c[9]);
        k.capital_lat = c[10].empty() ? 0 : std::stod(c[10]);
        k.capital_lon = c[11].empty() ? 0 : std::stod(c[11]);
      } catch (...) {
        return Error(where, "lat/lon must be numbers");
      }
      if (k.lat < -90 || k.lat > 90 || k.lon < -180 || k.lon > 180) return Error(where, "lat/lon out of range");
      if (k.capital_lat < -90 || k.capital_lat > 90 || k.capital_lon < -180 || k.capital_lon > 180)
        return Error(where, "capital_lat/capital_lon out of range");
      k.iso3 = Keep(c[0]); k.cameo = Keep(c[1]); k.iso2 = Keep(c[2]); k.fips = Keep(c[3]); k.name = Keep(c[4]);
      k.rule = Keep(where);
      uint32_t idx = static_cast<uint32_t>(lex_->countries_.size());
      lex_->country_by_code_.emplace(k.iso3, idx);
      lex_->country_by_code_.emplace(k.cameo, idx);
      AddName(k.name, NameRef::kCountry, idx, line);
      for (auto& a : List(c[5])) AddName(a, NameRef::kCountry, idx, line);
      for (auto& d : List(c[6])) AddName(d, NameRef::kDemonym, idx, line);
      auto capitals = List(c[7]);
      k.capital = capitals.empty() ? std::string_view() : Keep(capitals.front());
      for (auto& cap : capitals) AddName(cap, NameRef::kCapital, idx, line);
      lex_->countries_.push_back(std::move(k));
    });
  }

  bool ParseDateCol(const std::string& s, const std::string& where, const char* what, Date* d) {
    if (s.empty()) return true;
    if (!Date::Parse(s, d)) {
      Error(where, std::string(what) + " must be YYYY, YYYY-MM or YYYY-MM-DD, got '" + s + "'");
      return false;
    }
    return true;
  }

  void LoadOrgs(const std::string& file, std::vector<Organisation>* table, NameRef::Kind kind, size_t min_cols,
                size_t max_cols, bool typed) {
    ForRows(file, min_cols, max_cols, [&](const std::vector<std::string>& c, const std::string& where, uint32_t line) {
      Organisation o;
      if (!IsCodeBlocks(c[0])) return Error(where, "code must be three-letter capital blocks, got '" + c[0] + "'");
      if (c[1].empty()) return Error(where, "name is empty");
      o.type = kind == NameRef::kIgo ? EntityType::kOrg : EntityType::kOrg;
      if (typed && c.size() > 3 && !c[3].empty()) {
        if (c[3] == "GROUP") o.type = EntityType::kGroup;
        else if (c[3] != "ORG") return Error(where, "type must be ORG or GROUP, got '" + c[3] + "'");
      }
      if (typed && c.size() > 4 && !ParseDateCol(c[4], where, "start", &o.start)) return;
      if (typed && c.size() > 5 && !ParseDateCol(c[5], where, "end", &o.end)) return;
      o.code = Keep(c[0]);
      o.name = Keep(c[1]);
      o.rule = Keep(where);
      uint32_t idx = static_cast<uint32_t>(table->size());
      AddName(o.name, kind, idx, line);
      if (c.size() > 2)
        for (auto& a : List(c[2])) AddName(a, kind, idx, line);
      table->push_back(std::move(o));
    });
  }

  void LoadRoles() {
    ForRows("roles.tsv", 3, 3, [&](const std::vector<std::string>& c, const std::string& where, uint32_t line) {
      Role r;
      if (c[0].empty()) return Error(where, "phrase is empty");
      if (!IsCodeBlocks(c[1])) return Error(where, "role must be three-letter capital blocks, got '" + c[1] + "'");
      if (c[2] == "title") r.kind = RoleKind::kTitle;
      else if (c[2] == "person") r.kind = RoleKind::kPerson;
      else if (c[2] == "group") r.kind = RoleKind::kGroup;
      else return Error(where, "kind must be title, person or group, got '" + c[2] + "'");
      r.phrase = Keep(c[0]);
      r.code = Keep(c[1]);
      r.rule = Keep(where);
      uint32_t idx = static_cast<uint32_t>(lex_->roles_.size());
      lex_->roles_.push_back(r);
      std::string key = Lexicon::KeyOf(r.phrase);
      auto& v = lex_->names_[key];
      v.push_back(NameRef{.kind = NameRef::kRole, .index = idx, .line = line});
      size_t ntok = 1 + static_cast<size_t>(std::count(key.begin(), key.end(), ' '));
      int& m = lex_->first_token_max_[key.substr(0, key.find(' '))];
      m = std::max(m, static_cast<int>(ntok));
    });
  }

  // people.tsv, then every people/*.tsv in name order (one file per region,
  // data/README.md). Rows of one name join across files.
  void LoadPeople() {
    std::vector<std::string> files = {"people.tsv"};
    std::error_code ec;
    std::vector<std::string> more;
    for (std::filesystem::directory_iterator it(dir_ / "people", ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".tsv" && it->is_regular_file(ec))
        more.push_back("people/" + it->path().filename().string());
    std::sort(more.begin(), more.end());
    files.insert(files.end(), more.begin(), more.end());
    lex_->people_files_ = files;
    std::unordered_map<std::string, uint32_t> by_name;
    for (const auto& file : files) LoadPeopleFile(file, &by_name);
  }

  void LoadPeopleFile(const std::string& file, std::unordered_map<std::string, uint32_t>* by_name_ptr) {
    auto& by_name = *by_name_ptr;
    ForRows(file, 5, 6, [&](const std::vector<std::string>& c, const std::string& where, uint32_t line) {
      OfficeTerm t;
      if (c[0].empty()) return Error(where, "name is empty");
      if (!IsCodeBlocks(c[2])) return Error(where, "code must be three-letter capital blocks, got '" + c[2] + "'");
      if (!ParseDateCol(c[4], where, "start", &t.start)) return;
      if (c.size() > 5 && !ParseDateCol(c[5], where, "end", &t.end)) return;
      // At the precision each side has: an end "2017" may follow a start "2017-05".
      auto low = [](const Date& d) { return d.year * 10000 + (d.month ? d.month : 1) * 100 + (d.day ? d.day : 1); };
      auto high = [](const Date& d) { return d.year * 10000 + (d.month ? d.month : 12) * 100 + (d.day ? d.day : 31); };
      if (t.start.valid() && t.end.valid() && high(t.end) < low(t.start))
        return Error(where, "end " + t.end.ToString() + " is before start " + t.start.ToString());
      t.code = Keep(c[2]);
      t.office = Keep(c[3]);
      t.rule = Keep(where);
      t.title = t.office;
      if (SlotOf(t.office) != OfficeSlot::kNone) {
        size_t open = t.office.find('('), close = t.office.rfind(')');
        if (open != std::string::npos && close != std::string::npos && close > open + 1)
          t.title = Keep(Trim(t.office.substr(open + 1, close - open - 1)));
      }
      auto it = by_name.find(c[0]);
      uint32_t idx;
      if (it == by_name.end()) {
        idx = static_cast<uint32_t>(lex_->people_.size());
        by_name.emplace(c[0], idx);
        lex_->people_.push_back(Person{Keep(c[0]), {}});
        terms_.emplace_back();
        AddPersonName(c[0], t.code, idx, line);
      } else {
        idx = it->second;
      }
      auto aliases = List(c[1]);
      for (auto& a : aliases) AddPersonName(a, t.code, idx, line);
      // An Arabic surname listed bare ("Maliki") is also written with its
      // article ("al-Maliki"): the name's last word is then an alias too.
      std::string_view last = std::string_view(c[0]).substr(c[0].rfind(' ') + 1);
      for (const char* article : {"al-", "el-", "Al-", "El-"})
        if (c[0].find(' ') != std::string::npos && last.size() > 5 && last.substr(0, 3) == article &&
            std::find(aliases.begin(), aliases.end(), std::string(last.substr(3))) != aliases.end())
          AddName(last, NameRef::kPerson, idx, line);
      terms_[idx].push_back(t);
    });
  }

  void LoadPatterns(const std::string& file, bool noun) {
    ForRows(file, 2, 3, [&](const std::vector<std::string>& c, const std::string& where, uint32_t line) {
      Pattern p;
      if (!(IsCameoCode(c[0]) || (noun && c[0] == "support")))
        return Error(where, "code must be a CAMEO code of 2 to 4 digits" + std::string(noun ? " or 'support'" : "") +
                                ", got '" + c[0] + "'");
      p.noun = noun;
      std::vector<Element> rest;
      // Words separated by white space (what `istream >> std::string` reads).
      auto space = [](char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\v' || ch == '\f' || ch == '\r';
      };
      std::string_view rest_text(c[1]);
      std::string w;
      bool first = true;
      int tgt = 0, src = 0;
      for (;;) {
        size_t wb = 0;
        while (wb < rest_text.size() && space(rest_text[wb])) ++wb;
        if (wb == rest_text.size()) break;
        size_t we = wb;
        while (we < rest_text.size() && !space(rest_text[we])) ++we;
        w.assign(rest_text.substr(wb, we - wb));
        rest_text.remove_prefix(we);
        if (first) {
          if (w == "TGT" || w == "SRC" || w == "...") return Error(where, "pattern must start with a head word");
          p.head = Keep(FoldKey(w));
          first = false;
          continue;
        }
        Element e;
        if (w == "TGT") { e.kind = PatternElement::kTarget; ++tgt; }
        else if (w == "SRC") { e.kind = PatternElement::kSource; ++src; }
        else if (w == "...") e.kind = PatternElement::kGap;
        else {
          e.kind = PatternElement::kWord;
          for (auto& alt : Split(w, '|')) {
            if (alt.empty()) return Error(where, "empty alternative in '" + w + "'");
            e.words.push_back(Keep(FoldKey(alt)));
          }
        }
        rest.push_back(std::move(e));
      }
      if (first) return Error(where, "pattern is empty");
      if (c[0] != "support" && !lex_->cameo_.empty() && !lex_->cameo_.count(c[0]))
        return Error(where, "CAMEO code " + c[0] + " is not in cameo.tsv");
      if (tgt > 1 || src > 1) return Error(where, "TGT and SRC may each appear once");
      p.code = Keep(c[0]);
      p.text = Keep(c[1]);
      p.rule = Keep(where);
      lex_->patterns_.push_back(p);
      rests_.push_back(std::move(rest));
    });
  }

  std::string_view Keep(std::string_view s) { return lex_->Keep(s); }

  // The people's terms and the patterns' elements as read, laid out in the
  // Lexicon's flat tables once every row is in (the views then stay put).
  struct Element {
    PatternElement::Kind kind = PatternElement::kWord;
    std::vector<std::string_view> words;
  };
  void LayOut() {
    size_t n = 0;
    for (auto& t : terms_) n += t.size();
    lex_->terms_.reserve(n);
    for (size_t i = 0; i < terms_.size(); ++i) {
      const size_t b = lex_->terms_.size();
      lex_->terms_.insert(lex_->terms_.end(), terms_[i].begin(), terms_[i].end());
      lex_->people_[i].terms = std::span<const OfficeTerm>(lex_->terms_.data() + b, terms_[i].size());
    }
    size_t elements = 0, words = 0;
    for (auto& r : rests_) {
      elements += r.size();
      for (auto& e : r) words += e.words.size();
    }
    lex_->elements_.reserve(elements);
    lex_->words_.reserve(words);
    for (size_t i = 0; i < rests_.size(); ++i) {
      const size_t b = lex_->elements_.size();
      for (auto& e : rests_[i]) {
        const size_t wb = lex_->words_.size();
        lex_->words_.insert(lex_->words_.end(), e.words.begin(), e.words.end());
        lex_->elements_.push_back(
            PatternElement{e.kind, std::span<const LexStr>(lex_->words_.data() + wb, e.words.size())});
      }
      lex_->patterns_[i].rest = std::span<const PatternElement>(lex_->elements_.data() + b, rests_[i].size());
    }
  }

  std::filesystem::path dir_;
  Lexicon* lex_;
  std::vector<std::vector<OfficeTerm>> terms_;  // by person
  std::vector<std::vector<Element>> rests_;     // by pattern
  std::vector<std::string> errors_;
  bool keep_going_ = false;
};

// Flat tables for the per-token lookups; values point into (or are copied
// from) the Lexicon's maps, which do not change after Load().
struct Lexicon::FlatIndex {
  StringTable<const std::string*> verb_forms, noun_forms;
  StringTable<const Country*> countries;
};

Status Lexicon::Load(const std::filesystem::path& dir, std::unique_ptr<Lexicon>* out) {
  return LoadForCheck(dir, out, nullptr);
}

Status Lexicon::LoadForCheck(const std::filesystem::path& dir, std::unique_ptr<Lexicon>* out,
                             std::vector<std::string>* row_errors) {
  std::error_code ec;
  if (!std::filesystem::exists(dir / "countries.tsv", ec))
    return Status::NotFound("no dictionaries in " + dir.string() + " (countries.tsv is missing)");
  auto lex = std::unique_ptr<Lexicon>(new Lexicon());
  lex->dir_ = dir;
  LexiconLoader loader(dir, lex.get());
  if (row_errors) loader.KeepGoing();
  Status s = loader.Run();
  if (!s.ok()) return s;
  if (row_errors) *row_errors = loader.errors();
  lex->RecordOrders();
  lex->LayOutNames();
  lex->BuildIndex();
  lex->BuildCommonTable();
  *out = std::move(lex);
  return Status::OK();
}

void Lexicon::RecordOrders() {
  verb_order_.clear();
  noun_order_.clear();
  for (const auto& [f, l] : verb_forms_) verb_order_.emplace_back(&f, &l);
  for (const auto& [f, l] : noun_forms_) noun_order_.emplace_back(&f, &l);
}

void Lexicon::BuildIndex() {
  auto index = std::make_shared<FlatIndex>();
  for (const auto& [k, v] : verb_forms_) index->verb_forms.Add(k, &v);
  for (const auto& [k, v] : noun_forms_) index->noun_forms.Add(k, &v);
  for (const auto& [k, v] : country_by_code_) index->countries.Add(k, &countries_[v]);
  index_ = std::move(index);
}

// Calls fn(word) for each word after the first of a name of several
// words ("korea" of "south korea").
template <typename Fn>
static void ForEachInnerWord(std::string_view key, Fn fn) {
  for (size_t sp = key.find(' '); sp != std::string_view::npos;) {
    const size_t b = sp + 1;
    sp = key.find(' ', b);
    fn(key.substr(b, (sp == std::string_view::npos ? key.size() : sp) - b));
  }
}

void Lexicon::AddWords(Vocabulary* v) const {
  name_tables_->name_keys.ForEach([&](std::string_view k) {
    if (k.find(' ') == std::string_view::npos) v->Add(k);
    else ForEachInnerWord(k, [&](std::string_view w) { v->Add(w); });
  });
  name_tables_->first_keys.ForEach([&](std::string_view k) { v->Add(k); });
}

// NameFact bits of a word's longest name and its names alone.
static uint8_t FactsByte(int max_name_tokens, const NameRefs* alone) {
  return static_cast<uint8_t>((max_name_tokens > 0 ? Lexicon::kOpensName : 0) |
                              (max_name_tokens > 1 ? Lexicon::kOpensLonger : 0) | (alone ? Lexicon::kNameAlone : 0));
}

void Lexicon::UseVocabulary(std::shared_ptr<const Vocabulary> v) {
  by_word_.assign(v->size(), WordFacts{});
  const NameTables& t = *name_tables_;
  size_t i = 0;
  // The ids of the first two words of each name of several words, for the
  // pair filter below (found here, with the inner words, in one pass over
  // the names); a word the vocabulary lacks makes the list incomplete.
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  bool complete = true;
  t.name_keys.ForEach([&](std::string_view k) {
    const size_t sp = k.find(' ');
    if (sp == std::string_view::npos) {
      const uint32_t id = v->Find(k);
      assert(id != kUnknownWord);  // AddWords put it there
      if (id != kUnknownWord) by_word_[id].name = &t.name_lists[i];
    } else {
      uint32_t second = kUnnumberedWord;  // (no inner word found yet)
      ForEachInnerWord(k, [&](std::string_view w) {
        const uint32_t id = v->Find(w);
        assert(id != kUnknownWord);  // AddWords put it there
        if (id != kUnknownWord) by_word_[id].inner = true;
        if (second == kUnnumberedWord) second = id;
      });
      const uint32_t first = v->Find(k.substr(0, sp));
      if (first == kUnknownWord || second == kUnknownWord) complete = false;
      pairs.emplace_back(first, second);
    }
    ++i;
  });
  // MayContinueName answers a known word's space by its id (entry e is
  // id e + 2), with no text to read.
  // (One search of the whole pool first: most vocabularies hold no space.)
  const Vocabulary::Tables words = v->tables();
  if (words.pool.find(' ') != std::string_view::npos)
    for (size_t e = 0; e < words.entries.size(); ++e)
      if (words.pool.substr(words.entries[e].off, words.entries[e].len).find(' ') != std::string_view::npos)
        by_word_[e + kUnknownWord + 1].space = true;
  i = 0;
  t.first_keys.ForEach([&](std::string_view k) {
    const uint32_t id = v->Find(k);
    if (id != kUnknownWord) by_word_[id].max_name_tokens = t.first_max[i];
    ++i;
  });
  name_facts_.assign(by_word_.size(), 0);
  for (size_t id = 0; id < by_word_.size(); ++id) name_facts_[id] = FactsByte(by_word_[id].max_name_tokens, by_word_[id].name);
  // Id 0 is a token not numbered, whose facts only its text tells: it
  // may open a name, so that a skip loop stops there and asks NameFactsOf.
  if (!name_facts_.empty()) name_facts_[kNotNumbered] = kOpensName;
  for (size_t id = kUnknown + 1; id < by_word_.size(); ++id)
    if (by_word_[id].space) name_facts_[id] |= kHasSpace;
  // The first two words of every name of several words, as bits (about 16
  // a name: few false maybes). A word the vocabulary lacks (none should:
  // AddWords put them there) leaves no filter at all.
  {
    int bits = 10;
    while (bits < 30 && (size_t{1} << bits) < 16 * pairs.size()) ++bits;
    pair_shift_ = 64 - bits;
    pair_bits_.assign((size_t{1} << bits) / 64, 0);
    if (complete) {
      for (const auto& [a, b] : pairs) {
        const uint64_t bit = PairBit(a, b);
        pair_bits_[bit >> 6] |= uint64_t{1} << (bit & 63);
      }
    } else {
      pair_bits_.clear();
    }
  }
  vocabulary_ = std::move(v);
}

void Lexicon::NumberWords(Document* doc) const {
  if (vocabulary_) {
    if (doc->vocabulary != vocabulary_->tag()) vocabulary_->Number(doc);
  } else if (doc->vocabulary != 0) {  // numbered by another: look up by string
    for (Token& t : doc->tokens) t.word = kUnnumberedWord;
    doc->vocabulary = 0;
  }
}

const PersonIds* Lexicon::PeopleByLastName(std::string_view key) const {
  const NameTables& t = *name_tables_;
  const int64_t i = t.last_keys.IndexOf(key, StringTable<int>::Hash(key));
  return i < 0 ? nullptr : &t.last_lists[i];
}

size_t Lexicon::name_count() const { return name_tables_->name_keys.size(); }

std::string Lexicon::LastNameKey(std::string_view folded) {
  for (std::string_view article : {"al-", "el-"})
    if (folded.size() > article.size() + 2 && folded.substr(0, article.size()) == article)
      return std::string(folded.substr(article.size()));
  return std::string(folded);
}

std::string Lexicon::KeyOf(std::string_view name) {
  Document d{std::string(name)};
  if (!CheckText(d.text()).ok()) return "";
  SegmentDocument(&d);
  std::string key;
  for (auto& t : d.tokens) {
    if (!key.empty()) key += ' ';
    key += t.lower;
  }
  return key;
}

const NameRefs* Lexicon::FindName(std::string_view key) const {
  const NameTables& t = *name_tables_;
  const int64_t i = t.name_keys.IndexOf(key, StringTable<int>::Hash(key));
  return i < 0 ? nullptr : &t.name_lists[i];
}

// FindName, MaxNameTokens and MayContinueName of a token are inline
// (parley/lexicon.h); these answer a token they cannot by its word id.
const NameRefs* Lexicon::FindNameByText(const Token& t) const {
  static_assert(kNotNumbered == kUnnumberedWord && kUnknown == kUnknownWord);
  const NameTables& n = *name_tables_;
  const int64_t i = n.name_keys.IndexOf(t.lower, t.hash);
  return i < 0 ? nullptr : &n.name_lists[i];
}

uint8_t Lexicon::NameFactsOf(const Token& t) const {
  if (t.word != kNotNumbered && !name_facts_.empty()) return name_facts_[t.word];
  return FactsByte(MaxNameTokensByText(t), FindNameByText(t));
}

int Lexicon::MaxNameTokensByText(const Token& t) const {
  const NameTables& n = *name_tables_;
  const int64_t i = n.first_keys.IndexOf(t.lower, t.hash);
  return i < 0 ? 0 : n.first_max[i];
}

int Lexicon::MaxNameTokens(std::string_view first) const {
  const NameTables& n = *name_tables_;
  const int64_t i = n.first_keys.IndexOf(first, StringTable<int>::Hash(first));
  return i < 0 ? 0 : n.first_max[i];
}

const CameoCode* Lexicon::FindCameo(std::string_view code) const {
  auto it = cameo_.find(code);
  return it == cameo_.end() ? nullptr : &it->second;
}

const std::string* Lexicon::Evaluation(std::string_view words) const {
  if (evaluations_.empty()) return nullptr;
  auto it = evaluations_.find(words);
  return it == evaluations_.end() ? nullptr : &it->second;
}

const std::string* Lexicon::IrregularVerb(std::string_view form) const {
  if (index_) {
    auto* v = index_->verb_forms.Find(form);
    return v ? *v : nullptr;
  }
  auto it = verb_forms_.find(form);
  return it == verb_forms_.end() ? nullptr : &it->second;
}

const std::string* Lexicon::IrregularNoun(std::string_view form) const {
  if (index_) {
    auto* v = index_->noun_forms.Find(form);
    return v ? *v : nullptr;
  }
  auto it = noun_forms_.find(form);
  return it == noun_forms_.end() ? nullptr : &it->second;
}

bool Lexicon::IsCommonWord(std::string_view lower) const {
  if (common_table_) return common_table_->Contains(lower);
  return common_words_.find(lower) != common_words_.end();
}

const Country* Lexicon::FindCountry(std::string_view code) const {
  if (index_) {
    auto* v = index_->countries.Find(code);
    return v ? *v : nullptr;
  }
  auto it = country_by_code_.find(code);
  return it == country_by_code_.end() ? nullptr : &countries_[it->second];
}

namespace {

// Date::ToString() orders dates as strings ("2017" < "2017-05" <
// "2017-05-03", "" first). For years 1..9999 and months and days 0..99 the
// number y*10000 + m*100 + d orders them the same way, without formatting;
// false (use the strings) otherwise.
bool Comparable(const Date& d) {
  return d.year >= 0 && d.year <= 9999 && d.month >= 0 && d.month <= 99 && d.day >= 0 && d.day <= 99 &&
         (d.month != 0 || d.day == 0) && (d.valid() || (d.month == 0 && d.day == 0));
}
int64_t DateNumber(const Date& d) {
  return d.valid() ? int64_t{d.year} * 10000 + d.month * 100 + d.day : -1;
}

}  // namespace

const OfficeTerm* Lexicon::TermOn(const Person& p, const Date& when) {
  if (p.terms.empty()) return nullptr;
  bool numeric = Comparable(when);
  for (auto& t : p.terms) numeric = numeric && Comparable(t.start) && Comparable(t.end);
  if (!when.valid()) {
    const OfficeTerm* best = &p.terms[0];
    for (auto& t : p.terms)
      if (!t.end.valid() || (numeric ? DateNumber(t.start) > DateNumber(best->start)
                                     : t.start.ToString() > best->start.ToString()))
        best = &t;
    return best;
  }
  // Compare as strings at the precision each side has: a term "2017" covers
  // any date in 2017.
  auto fill = [](const Date& d, bool upper) {
    Date x = d;
    if (x.month == 0) x.month = upper ? 12 : 1;
    if (x.day == 0) x.day = upper ? 31 : 1;
    return x;
  };
  if (numeric) {
    const int64_t w = DateNumber(fill(when, false));
    for (auto& t : p.terms) {
      bool after = !t.start.valid() || DateNumber(fill(t.start, false)) <= w;
      bool before = !t.end.valid() || w <= DateNumber(fill(t.end, true));
      // Prefer the more senior (earlier listed) term when several overlap.
      if (after && before) return &t;
    }
    return nullptr;
  }
  auto key = [&](const Date& d, bool upper) { return fill(d, upper).ToString(); };
  std::string w = key(when, false);
  const OfficeTerm* hit = nullptr;
  for (auto& t : p.terms) {
    bool after = !t.start.valid() || key(t.start, false) <= w;
    bool before = !t.end.valid() || w <= key(t.end, true);
    if (after && before) {
      // Prefer the more senior (earlier listed) term when several overlap.
      if (!hit) hit = &t;
    }
  }
  return hit;
}

}  // namespace parley
