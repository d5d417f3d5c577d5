// Tested by tests/e2e/suggest.sh. The method is in suggest.h.
#include "cli/suggest.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include "io/reader.h"
#include "parley/lexicon.h"
#include "lexicon/gazetteer.h"
#include "text/segment.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

struct Candidate {
  std::string kind, name;
  size_t count = 0;
  std::map<std::string, int> codes, titles, acronyms;
  std::string first_date, last_date;
  std::vector<std::string> examples;  // "doc_id: sentence", from different articles
  std::set<std::string> example_docs;
  std::string last_doc;
};

// Head nouns of named bodies: the role block and the type they suggest.
struct OrgHead {
  const char* word;
  const char* role;
  bool group;  // a non-state armed or political group (organisations.tsv GROUP)
};
const OrgHead kOrgHeads[] = {
    {"party", "PTY", false},       {"front", "REB", true},          {"movement", "OPP", true},
    {"army", "REB", true},         {"brigade", "REB", true},        {"brigades", "REB", true},
    {"militia", "UAF", true},      {"militias", "UAF", true},       {"forces", "REB", true},
    {"ministry", "GOV", false},    {"agency", "GOV", false},        {"commission", "GOV", false},
    {"council", "GOV", false},     {"authority", "GOV", false},     {"court", "JUD", false},
    {"bank", "BUS", false},        {"corporation", "BUS", false},   {"corp", "BUS", false},
    {"company", "BUS", false},     {"group", "BUS", false},         {"inc", "BUS", false},
    {"association", "NGO", false}, {"organization", "NGO", false},  {"organisation", "NGO", false},
    {"foundation", "NGO", false},  {"institute", "EDU", false},     {"university", "EDU", false},
    {"police", "COP", false},      {"assembly", "LEG", false},      {"parliament", "LEG", false},
    {"congress", "LEG", false},    {"alliance", "PTY", false},      {"union", "LAB", false},
    {"federation", "NGO", false},  {"committee", "GOV", false},     {"office", "GOV", false},
    {"department", "GOV", false}};
const OrgHead* FindOrgHead(std::string_view lower) {
  for (auto& h : kOrgHeads)
    if (lower == h.word) return &h;
  return nullptr;
}

bool Connector(std::string_view lower) {
  return lower == "of" || lower == "for" || lower == "the" || lower == "and" || lower == "de" || lower == "&";
}

// Whitespace runs as one space, for one-line examples and names.
std::string OneLine(std::string_view s, size_t max = 220) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > max) {
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    out = out.substr(0, cut) + " ...";
  }
  return out;
}

std::string TitleCase(const std::string& s) {
  std::string out = s;
  bool start = true;
  for (char& c : out) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = c == ' ' || c == '-';
  }
  return out;
}

template <typename M>
std::string Top(const M& votes) {
  std::string best;
  int n = -1;
  for (auto& [k, v] : votes)
    if (v > n) { best = k; n = v; }
  return best;
}

// origin.id of every DIR/*/expected.json.
Status ReadOrigins(const std::vector<std::string>& dirs, std::set<std::string>* ids) {
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return Status::NotFound("--exclude-origins: no such folder: " + dir);
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      fs::path f = it->path() / "expected.json";
      if (!fs::is_regular_file(f, ec)) continue;
      std::ifstream in(f, std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      rapidjson::Document d;
      d.Parse(text.c_str());
      if (d.HasParseError() || !d.IsObject()) return Status::InvalidInput(f.string() + ": not a JSON object");
      auto o = d.FindMember("origin");
      if (o == d.MemberEnd() || !o->value.IsObject()) continue;
      auto id = o->value.FindMember("id");
      if (id != o->value.MemberEnd() && id->value.IsString()) ids->insert(id->value.GetString());
    }
  }
  return Status::OK();
}

class Collector {
 public:
  explicit Collector(const Pipeline& p) : p_(p), lex_(p.lexicon()) {
    for (auto& pat : lex_.patterns())
      if (!pat.noun) verb_heads_.insert(pat.head);
  }

  void Add(const Document& doc) {
    const auto& tk = doc.tokens;
    std::vector<char> actor(tk.size(), 0), known(tk.size(), 0);
    std::map<std::string, int> doc_countries;
    for (const Mention& m : doc.mentions) {
      if (m.type != MentionType::kActor && m.type != MentionType::kPlace) continue;
      for (uint32_t i = m.token_begin; i < m.token_end && i < tk.size(); ++i) {
        actor[i] = 1;
        if (m.type == MentionType::kPlace || m.rule.rfind("data/organisations", 0) == 0 ||
            m.rule.rfind("data/igos", 0) == 0 || m.rule.rfind("data/people", 0) == 0)
          known[i] = 1;
      }
      if (m.type == MentionType::kActor && !m.country.empty()) doc_countries[m.country]++;
    }
    auto sentence_of = [&](uint32_t tok) { return OneLine(doc.text(doc.sentences[tk[tok].sentence].span)); };
    auto country_near = [&](uint32_t tok) {
      std::map<std::string, int> votes;
      for (const Mention& m : doc.mentions)
        if (m.type == MentionType::kActor && !m.country.empty() && m.token_begin < tk.size() &&
            tk[m.token_begin].sentence == tk[tok].sentence)
          votes[m.country]++;
      std::string c = Top(votes);
      return c.empty() ? Top(doc_countries) : c;
    };

    // 1. Persons the recogniser found beside a title or a country.
    for (const Mention& m : doc.mentions) {
      if (m.type != MentionType::kActor || m.entity_type != EntityType::kPerson || m.pronoun) continue;
      if (m.rule.rfind("data/people", 0) == 0 || m.rule.find("->") != std::string::npos) continue;
      if (m.country.empty() && m.title.empty()) continue;
      std::string name = OneLine(m.name, 80);
      // Leading ordinary words are a description ("Billionaire Elon Musk").
      while (name.find(' ') != std::string::npos && lex_.IsCommonWord(FoldKey(name.substr(0, name.find(' ')))))
        name = name.substr(name.find(' ') + 1);
      if (std::count(name.begin(), name.end(), ' ') < 1 || !(name[0] >= 'A' && name[0] <= 'Z')) continue;
      if (FoldKey(name) == FoldKey(m.title)) continue;
      // Without a title, a name ending in an ordinary word ("Getty Images",
      // "Chicago Cubs") or naming a place ("Las Vegas") is no person.
      if (m.title.empty() && lex_.IsCommonWord(FoldKey(name.substr(name.rfind(' ') + 1)))) continue;
      if (!p_.gazetteer().Lookup(name).empty()) continue;
      Candidate* c = Get("person", name);
      if (!c) continue;
      std::string code = m.code;
      if (code.size() == 3) code += "ELI";
      if (code.size() >= 6) c->codes[code]++;
      if (!m.title.empty()) c->titles[FoldKey(OneLine(m.title, 60))]++;
      Note(c, doc, sentence_of(m.token_begin));
    }

    // 2. Capitalised words as the subject of an event verb, no actor at all.
    for (uint32_t i = 0; i < tk.size(); ++i) {
      if (!NameToken(tk[i]) || actor[i] || (i > 0 && NameToken(tk[i - 1]) && tk[i - 1].sentence == tk[i].sentence))
        continue;
      uint32_t e = i;
      while (e < tk.size() && e < i + 5 && NameToken(tk[e]) && !actor[e] && tk[e].sentence == tk[i].sentence) ++e;
      if (e - i < 2 || e - i > 4 || e >= tk.size() || tk[e].sentence != tk[i].sentence) continue;
      if (!IsEventVerb(tk[e]) || tk[i].lower == "the") continue;
      std::string name = OneLine(doc.text(Span{tk[i].span.begin, tk[e - 1].span.end}), 80);
      if (FindOrgHead(tk[e - 1].lower) || !p_.gazetteer().Lookup(name).empty()) continue;
      Candidate* c = Get("subject", name);
      if (!c) continue;
      std::string cc = country_near(i);
      if (!cc.empty()) c->codes[(lex_.FindCountry(cc) ? lex_.FindCountry(cc)->cameo : cc) + "ELI"]++;
      Note(c, doc, sentence_of(i));
    }

    // 3. Named bodies: capitalised words (with "of", "for", "the" ...
    //    inside) ending in a body's head noun, known to no dictionary.
    for (uint32_t i = 0; i < tk.size(); ++i) {
      if (!tk[i].has(kCapitalised) || tk[i].kind != TokenKind::kWord || known[i]) continue;
      if (i > 0 && tk[i - 1].sentence == tk[i].sentence && tk[i - 1].has(kCapitalised) &&
          tk[i - 1].kind == TokenKind::kWord)
        continue;
      uint32_t b = i;
      if (tk[b].lower == "the") ++b;
      uint32_t e = b, last_head = 0;
      while (e < tk.size() && e < b + 8 && tk[e].sentence == tk[i].sentence && !known[e] &&
             tk[e].kind == TokenKind::kWord && (tk[e].has(kCapitalised) || (e > b && Connector(tk[e].lower)))) {
        if (tk[e].has(kCapitalised) && FindOrgHead(tk[e].lower)) last_head = e + 1;
        ++e;
      }
      if (last_head < b + 2) continue;
      e = last_head;
      // A possessive that is part of the name ("Moody's Investors Service
      // Inc"), not a country's ("Japan's Agriculture Ministry").
      if (b >= 2 && tk[b - 1].lower == "'s" && NameToken(tk[b - 2]) && !actor[b - 2] && !known[b - 2] &&
          tk[b - 2].sentence == tk[b].sentence)
        b -= 2;
      // A headline in capitals ("EC COMMISSION") is no name as news prints it.
      bool caps = true;
      for (uint32_t k = b; k < e; ++k)
        if (!tk[k].has(kAllCaps) && !Connector(tk[k].lower)) caps = false;
      if (caps) continue;
      std::string name = OneLine(doc.text(Span{tk[b].span.begin, tk[e - 1].span.end}), 100);
      Candidate* c = Get("organisation", name);
      if (!c) continue;
      const OrgHead* h = FindOrgHead(tk[e - 1].lower);
      std::string cc = country_near(b);
      std::string cameo = cc.empty() ? "" : (lex_.FindCountry(cc) ? lex_.FindCountry(cc)->cameo : cc);
      std::string role = h->role;
      // A chamber's committee is the legislature's; a body named as
      // international or European is no country's.
      const std::string folded = FoldKey(name);
      for (const char* w : {"senate ", "house ", "congressional ", "parliamentary "})
        if (folded.rfind(w, 0) == 0 || folded.find(std::string(" ") + w) != std::string::npos) role = "LEG";
      if (role != "BUS")
        for (const char* w : {"international ", "world ", "european ", "ec ", "eu ", "united nations "})
          if (folded.rfind(w, 0) == 0) {
            cameo = "IGO";
            role.clear();
          }
      if (cameo.empty()) cameo = role == "BUS" ? "MNC" : "NGO";
      if (cameo == "NGO" && role == "NGO") role.clear();
      if (cameo == "MNC" && role == "BUS") role.clear();
      c->codes[cameo + role + (h->group ? "|GROUP" : "|ORG")]++;
      if (e + 2 < tk.size() && tk[e].norm == "(" && tk[e + 1].has(kAllCaps) && tk[e + 2].norm == ")")
        c->acronyms[std::string(tk[e + 1].norm)]++;
      Note(c, doc, sentence_of(b));
      i = e - 1;
    }
  }

  void Print(std::ostream& out, size_t top) const {
    std::vector<const Candidate*> all;
    for (auto& [k, c] : cands_) all.push_back(&c);
    std::sort(all.begin(), all.end(), [](const Candidate* a, const Candidate* b) {
      if (a->count != b->count) return a->count > b->count;
      if (a->kind != b->kind) return a->kind < b->kind;
      return a->name < b->name;
    });
    // A "person" or "subject" that is the start of a body's name met
    // elsewhere ("Salomon Brothers" of "Salomon Brothers Inc") is the body.
    std::set<std::string> bodies;
    for (const Candidate* c : all)
      if (c->kind == "organisation") bodies.insert(FoldKey(c->name));
    auto part_of_body = [&](const Candidate* c) {
      if (c->kind == "organisation") return false;
      std::string k = FoldKey(c->name);
      for (const char* tail : {" inc", " inc.", " corp", " co", " ltd", " plc", " brothers"})
        if (k.size() > std::strlen(tail) && k.compare(k.size() - std::strlen(tail), std::strlen(tail), tail) == 0)
          return true;
      auto it = bodies.lower_bound(k + " ");
      return it != bodies.end() && it->rfind(k + " ", 0) == 0;
    };
    size_t n = 0;
    for (const Candidate* c : all) {
      if (part_of_body(c)) continue;
      if (n++ >= top) break;
      std::string row = Row(*c);
      out << c->count << "\t" << c->kind << "\t" << c->name << "\t" << row << "\n";
      for (auto& ex : c->examples) out << "\te.g.\t" << ex << "\n";
    }
  }

  size_t size() const { return cands_.size(); }

 private:
  static bool NameToken(const Token& t) {
    return t.kind == TokenKind::kWord && t.has(kCapitalised) && !t.has(kAllCaps) && t.lower.size() > 1;
  }

  bool IsEventVerb(const Token& t) const {
    if (t.kind != TokenKind::kWord || t.has(kCapitalised)) return false;
    const std::string w(t.lower);
    if (const std::string* l = lex_.IrregularVerb(w); l && verb_heads_.count(*l)) return true;
    auto ends = [&](const char* s) {
      size_t n = std::char_traits<char>::length(s);
      return w.size() > n + 1 && w.compare(w.size() - n, n, s) == 0;
    };
    for (const char* suffix : {"ed", "d", "es", "s"})
      if (ends(suffix) && verb_heads_.count(w.substr(0, w.size() - std::char_traits<char>::length(suffix))))
        return true;
    // "accused" -> "accus" + "e": dropped final e.
    if (ends("ed") && verb_heads_.count(w.substr(0, w.size() - 1))) return true;
    return false;
  }

  // The candidate for (kind, name); nullptr when a dictionary knows the name.
  Candidate* Get(const std::string& kind, const std::string& name) {
    std::string key = kind + "\t" + FoldKey(name);
    auto it = cands_.find(key);
    if (it != cands_.end()) return &it->second;
    if (rejected_.count(key)) return nullptr;
    if (lex_.FindName(Lexicon::KeyOf(name))) {
      rejected_.insert(key);
      return nullptr;
    }
    Candidate& c = cands_[key];
    c.kind = kind;
    c.name = name;
    return &c;
  }

  // Counts articles, not mentions.
  void Note(Candidate* c, const Document& doc, const std::string& sentence) {
    if (c->last_doc == doc.doc_id && !doc.doc_id.empty()) return;
    c->last_doc = doc.doc_id;
    c->count++;
    std::string date = doc.publish_date.valid() ? doc.publish_date.ToString() : "";
    if (!date.empty()) {
      if (c->first_date.empty() || date < c->first_date) c->first_date = date;
      if (c->last_date.empty() || date > c->last_date) c->last_date = date;
    }
    if (c->examples.size() < 2 && c->example_docs.insert(doc.doc_id).second)
      c->examples.push_back(doc.doc_id + ": " + sentence);
  }

  // The proposed dictionary row, TABs shown as " | " (file: row).
  std::string Row(const Candidate& c) const {
    auto month = [](const std::string& d) { return d.substr(0, std::min<size_t>(7, d.size())); };
    if (c.kind == "organisation") {
      std::string v = Top(c.codes);
      size_t bar = v.find('|');
      return "organisations.tsv: " + v.substr(0, bar) + " | " + c.name + " | " + Top(c.acronyms) + " | " +
             v.substr(bar + 1) + " |  | ";
    }
    std::string code = Top(c.codes);
    std::string title = TitleCase(Top(c.titles));
    if (code.empty()) code = "---ELI";
    std::string surname = c.name.substr(c.name.rfind(' ') + 1);
    std::string alias = surname.size() > 3 && !lex_.IsCommonWord(FoldKey(surname)) ? surname : "";
    // The dates are when the articles named the person: edit them to the term.
    return "people.tsv: " + c.name + " | " + alias + " | " + code + " | " + title + " | " + month(c.first_date) +
           " | " + month(c.last_date);
  }

  const Pipeline& p_;
  const Lexicon& lex_;
  std::set<std::string> verb_heads_;
  std::unordered_map<std::string, Candidate> cands_;
  std::set<std::string> rejected_;
};

}  // namespace

int SuggestRows(const Pipeline& pipeline, const SuggestOptions& options, std::ostream& out) {
  std::set<std::string> skip;
  Status s = ReadOrigins(options.exclude_origins, &skip);
  if (!s.ok()) {
    std::fprintf(stderr, "parley: %s\n", s.message().c_str());
    return 2;
  }
  ArticleReader reader(options.inputs, ReaderOptions{});
  Collector collect(pipeline);
  Document doc;
  size_t read = 0, skipped = 0, failed = 0;
  while (reader.Next(&doc)) {
    ++read;
    if (skip.count(doc.doc_id)) {
      ++skipped;
      continue;
    }
    if (!pipeline.Code(&doc).ok()) {
      ++failed;
      continue;
    }
    collect.Add(doc);
  }
  for (auto& w : reader.TakeWarnings()) std::fprintf(stderr, "parley: warning: %s\n", w.c_str());
  out << "# parley dict suggest: " << read << " articles read, " << skipped << " left out (--exclude-origins), "
      << failed << " not coded; " << collect.size() << " candidates, the " << std::min(options.top, collect.size())
      << " most frequent below\n"
      << "# articles <TAB> kind <TAB> name <TAB> file: proposed row (columns shown as ' | '); then two examples.\n"
      << "# Person rows carry the months the articles named the person: edit them to the term of office.\n";
  collect.Print(out, options.top);
  if (read == 0) std::fprintf(stderr, "parley: no articles in the input\n");
  return 0;
}

}  // namespace parley
