// Event places: the method is in resolve.h (ResolveEventPlaces).
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "extract/places.h"
#include "resolve/resolve.h"
#include "text/work.h"

namespace parley {

void ResolveEventPlaces(const Gazetteer& gaz, Document* doc) {
  (void)gaz;
  const auto& tk = doc->tokens;
  const uint32_t n = static_cast<uint32_t>(tk.size());
  for (Event& ev : doc->events) {
    ev.location.reset();
    ev.location_basis.clear();
  }
  // Without events or place mentions nothing gets a place.
  if (n == 0 || doc->sentences.empty() || doc->events.empty()) return;
  if (std::none_of(doc->mentions.begin(), doc->mentions.end(),
                   [](const Mention& m) { return m.type == MentionType::kPlace; }))
    return;

  // Buffers kept from one article to the next.
  struct Scratch {
    std::vector<uint8_t> actor;            // per token: kMetonym | kActor
    std::vector<uint32_t> blocks, subs;    // tokens that are block words; those but "which"
    std::vector<std::pair<std::string_view, uint32_t>> by_name;  // place names, index into places
    std::vector<std::array<uint32_t, 3>> ev_tok;  // per event: first token, end token, sentence
    std::vector<std::pair<uint32_t, uint32_t>> regions;  // token ranges the block-word lists cover
  };
  thread_local Scratch scratch;
  enum : uint8_t { kMetonym = 1, kActor = 2 };
  std::vector<uint8_t>& actor_at = scratch.actor;
  actor_at.assign(n, 0);
  for (const Mention& m : doc->mentions) {
    if (m.type != MentionType::kActor) continue;
    const uint8_t bit = m.metonym ? kMetonym : kActor;
    for (uint32_t i = m.token_begin; i < m.token_end && i < n; ++i) actor_at[i] |= bit;
  }
  struct P {
    const Mention* m;
    uint32_t b, e, s;
    bool locative, attachable, dateline;
    bool country;
  };
  // "according to the Chinese Consulate General in Marseille": where a
  // source sits, not where the event was.
  auto attribution = [&](uint32_t b) {
    uint32_t sb = doc->sentences[tk[b].sentence].token_begin;
    for (uint32_t i = b, k = 0; i > sb && k < 8; ++k) {
      --i;
      if (std::string_view(tk[i].lower) == "according") return true;
      if (tk[i].kind == TokenKind::kPunct) return false;
    }
    return false;
  };
  std::vector<P> places;
  for (const Mention& m : doc->mentions) {
    if (m.type != MentionType::kPlace || m.token_begin >= m.token_end || m.token_end > n) continue;
    bool met = false;
    for (uint32_t i = m.token_begin; i < m.token_end; ++i) met = met || (actor_at[i] & kMetonym);
    // A dateline city is where the story was filed, even if a recogniser
    // took it for its government ("TOKYO, April 11 - ...").
    if (met && IsDatelineSentence(*doc, tk[m.token_begin].sentence)) met = false;
    if (met || attribution(m.token_begin)) continue;
    P p{&m, m.token_begin, m.token_end, tk[m.token_begin].sentence, false, false, false, m.feature == "country"};
    LocativeKind kind = p.country ? LocativeKind::kCountry : m.feature == "site" ? LocativeKind::kSite : LocativeKind::kArea;
    p.locative = !LocativePreposition(*doc, p.b, kind).empty();
    bool possessive = p.e < n && std::string_view(tk[p.e].lower) == "'s";
    bool is_actor = false;
    for (uint32_t i = p.b; i < p.e; ++i) is_actor = is_actor || (actor_at[i] & kActor);
    p.attachable = p.locative || (!possessive && !is_actor && !p.country);
    p.dateline = IsDatelineSentence(*doc, p.s);
    places.push_back(p);
  }
  std::sort(places.begin(), places.end(), [](const P& a, const P& b) { return a.b < b.b; });

  auto location = [](const Mention& m) {
    Location l;
    l.name = m.name;
    l.country = m.country;
    l.lat = m.lat;
    l.lon = m.lon;
    l.feature = m.feature;
    l.admin1 = m.admin1;
    return l;
  };

  // The story's place of action: the place (not a country) named most often
  // where things happen ("in Nice" counts twice), outside the dateline; else
  // the country named most often after a locative preposition. The dateline
  // city is where the story was filed: where what is said was said, but for
  // anything else it is used last (`dateline`).
  const P* dominant = nullptr;
  const P* dateline = nullptr;
  for (const P& p : places)
    if (p.dateline) { dateline = &p; break; }
  {
    // Places by name: (name, index into places) sorted, so that each name's
    // places are a run, in name order, its first place first (as a map
    // from name would give them, without a string per place).
    std::vector<std::pair<std::string_view, uint32_t>>& by_name = scratch.by_name;
    int best = 0;
    // Each run of by_name is one name: its weight (`weigh` of each place),
    // its first place and whether `counts` holds for any; the heaviest name
    // for which it does, the earliest on a tie, becomes dominant.
    auto choose = [&](auto weigh, auto counts) {
      std::sort(by_name.begin(), by_name.end());
      for (size_t k = 0; k < by_name.size();) {
        size_t e = k;
        int w = 0;
        bool any = false;
        for (; e < by_name.size() && by_name[e].first == by_name[k].first; ++e) {
          w += weigh(places[by_name[e].second]);
          any = any || counts(places[by_name[e].second]);
        }
        const P* first = &places[by_name[k].second];
        if (any && (w > best || (w == best && first->b < dominant->b))) { best = w; dominant = first; }
        k = e;
      }
    };
    by_name.clear();
    for (uint32_t k = 0; k < places.size(); ++k) {
      const P& p = places[k];
      if (p.country || !p.attachable || p.dateline) continue;
      const std::string_view name(p.m->name);
      by_name.emplace_back(name.substr(0, name.find(',')), k);  // "Nice, France" is Nice
    }
    // Only a name ever named after a preposition is a scene.
    choose([](const P& p) { return p.locative ? 2 : 1; }, [](const P& p) { return p.locative; });
    if (!dominant) {
      by_name.clear();
      for (uint32_t k = 0; k < places.size(); ++k) {
        const P& p = places[k];
        if (!p.country || !p.locative || p.dateline) continue;
        by_name.emplace_back(std::string_view(p.m->name), k);
      }
      choose([](const P&) { return 1; }, [](const P&) { return true; });
    }
  }
  // An event dated from the text well before the news ("the 2022 invasion")
  // is background: the story's place and dateline are not its place.
  const Date pub = doc->publish_date;
  auto background = [&](const Event& ev) {
    if (ev.date_basis != "text" || !ev.date.valid() || !pub.valid()) return false;
    if (ev.date.year != pub.year) return ev.date.year < pub.year;
    if (ev.date.month == 0 || pub.month == 0) return false;
    if (ev.date.month != pub.month) return ev.date.month + 1 < pub.month;
    return false;
  };

  auto opens_paragraph = [&](uint32_t s) {
    if (s == 0 || s >= doc->sentences.size()) return true;
    if (IsDatelineSentence(*doc, s - 1)) return false;
    if (doc->sentences[s - 1].headline) return true;
    uint32_t t = doc->sentences[s].token_begin;
    return t >= n || tk[t].has(kNewlineBefore) || tk[t].has(kParagraphBefore);
  };

  // Per-event work is bounded by lookups, not by the places of the article
  // or the tokens of the sentence: place mentions do not overlap, so in
  // token order both their begins and ends increase, and the candidates of
  // each step below are found by binary search over the locative or the
  // attachable places. The positions of the BlockWords, in order, answer
  // "is a subordinator between here and there" by one binary search.
  // Each event's tokens [tb, te) and sentence s, found once.
  std::vector<std::array<uint32_t, 3>>& ev_tok = scratch.ev_tok;
  ev_tok.clear();
  for (const Event& ev : doc->events) {
    auto first_tok = std::lower_bound(tk.begin(), tk.end(), ev.span.begin,
                                      [](const Token& t, uint32_t b) { return t.span.begin < b; });
    auto end_tok = std::lower_bound(tk.begin(), tk.end(), ev.span.end,
                                    [](const Token& t, uint32_t b) { return t.span.begin < b; });
    uint32_t tb = static_cast<uint32_t>(first_tok - tk.begin());
    uint32_t te = static_cast<uint32_t>(end_tok - tk.begin());
    if (tb >= n) tb = n - 1;
    if (te <= tb) te = tb + 1;
    const uint32_t s = ev.sentence < doc->sentences.size() ? ev.sentence : tk[tb].sentence;
    ev_tok.push_back({tb, te, s});
  }
  // The block words are asked about only between an event's span and a
  // place of its sentence (or inside the span): within the span and its
  // sentence. Only those tokens are scanned, not the whole article; the
  // lists stay sorted (the regions in order, each token once), and every
  // range asked lies inside one region, so the answers are the same.
  std::vector<std::pair<uint32_t, uint32_t>>& regions = scratch.regions;
  regions.clear();
  for (const auto& [tb, te, s] : ev_tok) {
    const Sentence& st = doc->sentences[s];
    regions.emplace_back(std::min(tb, st.token_begin), std::min(std::max(te, st.token_end), n));
  }
  std::sort(regions.begin(), regions.end());
  std::vector<uint32_t>& blocks = scratch.blocks;
  std::vector<uint32_t>& subs = scratch.subs;
  blocks.clear();
  subs.clear();
  uint32_t scanned = 0;  // tokens before this are done
  for (const auto& [from, to] : regions) {
    for (uint32_t i = std::max(from, scanned); i < to; ++i)
      if (IsPlaceBlockWord(tk[i])) {
        blocks.push_back(i);
        if (std::string_view(tk[i].lower) != "which") subs.push_back(i);
      }
    scanned = std::max(scanned, to);
  }
  auto any_in = [](const std::vector<uint32_t>& list, uint32_t from, uint32_t to) {  // a position in [from, to)
    auto it = std::lower_bound(list.begin(), list.end(), from);
    return it != list.end() && *it < to;
  };
  auto blocked_between = [&](uint32_t from, uint32_t to) {  // BlockWord in [from, to)
    return to > from && any_in(blocks, from, to);
  };
  std::vector<uint32_t> locs, atts;  // indexes into places, in token order
  for (uint32_t k = 0; k < places.size(); ++k) {
    if (places[k].locative) locs.push_back(k);
    if (places[k].attachable) atts.push_back(k);
  }
  // Position in `list` of the first place beginning at or after token b.
  auto first_from = [&](const std::vector<uint32_t>& list, uint32_t b) {
    return static_cast<size_t>(std::lower_bound(list.begin(), list.end(), b,
                                                 [&](uint32_t k, uint32_t v) { return places[k].b < v; }) -
                               list.begin());
  };
  // First locative place of sentence s, and the last one.
  auto first_locative_of = [&](uint32_t s) -> const P* {
    if (s >= doc->sentences.size()) return nullptr;
    size_t k = first_from(locs, doc->sentences[s].token_begin);
    WorkCounter::Add(Work::kPlaceCandidates);
    return k < locs.size() && places[locs[k]].s == s ? &places[locs[k]] : nullptr;
  };
  auto last_locative_of = [&](uint32_t s) -> const P* {
    size_t k = first_from(locs, doc->sentences[s].token_end);
    WorkCounter::Add(Work::kPlaceCandidates);
    while (k > 0 && places[locs[k - 1]].s > s) --k;  // a place whose token range outruns its sentence
    return k > 0 && places[locs[k - 1]].s == s ? &places[locs[k - 1]] : nullptr;
  };

  for (size_t k_ev = 0; k_ev < doc->events.size(); ++k_ev) {
    Event& ev = doc->events[k_ev];
    // Named variables, not a structured binding: the lambdas below capture
    // them, which clang 14 (the fuzz build's compiler) does not allow of a binding.
    const uint32_t tb = ev_tok[k_ev][0], te = ev_tok[k_ev][1], s = ev_tok[k_ev][2];
    const P* pick = nullptr;
    const char* basis = "clause";

    // 1. Locative place in the span, else nearest in the clause.
    // A subordinator inside the span precedes it ("which" does not count:
    // "talks which ended in Washington" are still the talks; "who" does:
    // "Tsvangirai, who shared power with Mugabe in Harare, said").
    auto subordinate = [&](const P& p) { return p.b > tb + 1 && any_in(subs, tb + 1, p.b); };
    // The first place of `list` in the span whose begin no subordinator
    // precedes: places after a subordinated one are subordinated too.
    auto first_in_span = [&](const std::vector<uint32_t>& list) -> const P* {
      for (size_t k = first_from(list, tb); k < list.size(); ++k) {
        const P& p = places[list[k]];
        WorkCounter::Add(Work::kPlaceCandidates);
        if (p.b >= te || subordinate(p)) break;
        if (p.s == s && p.e <= te) return &p;
      }
      return nullptr;
    };
    pick = first_in_span(locs);
    if (!pick) {
      // The nearest locative place outside the span with no BlockWord in
      // between. Farther places on either side are blocked whenever a nearer
      // one is, and farther: only the nearest before the span (or the one
      // before it, when that one straddles the span's start), the first
      // after it and a place straddling its end can win.
      const size_t at_tb = first_from(locs, tb), at_te = first_from(locs, te);
      size_t cand[5];
      int nc = 0;
      for (size_t k = at_tb >= 2 ? at_tb - 2 : 0; k < at_tb; ++k) cand[nc++] = k;
      if (at_te > at_tb) cand[nc++] = at_te - 1;
      if (at_te < locs.size()) cand[nc++] = at_te;
      uint32_t best_dist = UINT32_MAX;
      for (int c = 0; c < nc; ++c) {
        const P& p = places[locs[cand[c]]];
        WorkCounter::Add(Work::kPlaceCandidates);
        if (p.s != s || (p.b >= tb && p.e <= te)) continue;
        uint32_t from = p.e <= tb ? p.e : te, to = p.e <= tb ? tb : p.b;
        if (blocked_between(from, to)) continue;
        if (to - from < best_dist) { best_dist = to - from; pick = &p; }
      }
    }
    // 2. A place named in the span without a preposition.
    if (!pick) basis = "sentence";
    if (!pick)
      for (const P& p : places)
        if (p.s == s && p.attachable && p.b >= tb && p.e <= te && !subordinate(p)) { pick = &p; break; }
    // 3. The scene: previous two sentences of the paragraph, then the next one.
    if (!pick) basis = "story";
    if (!pick) {
      for (uint32_t k = s, steps = 0; steps < 2 && !opens_paragraph(k) && !pick; ++steps) {
        --k;
        pick = last_locative_of(k);
      }
    }
    if (!pick && s + 1 < doc->sentences.size() && !opens_paragraph(s + 1)) pick = first_locative_of(s + 1);
    // 4. The story's place of action, else the dateline (not for background
    // events). What is said (verbal events: quad classes 1 and 3) is said
    // where the story was filed, so for them the dateline comes first.
    // A story's place that is only a country gives way to a dateline city
    // inside it ("DHAKA" over "in Bangladesh"): the same place, said more
    // precisely.
    if (!pick && !background(ev)) {
      const bool verbal = ev.quad_class == 1 || ev.quad_class == 3;
      const bool finer = dateline && dominant && dominant->country && !dateline->country &&
                         dateline->m->country == dominant->m->country;
      pick = (verbal || finer) && dateline ? dateline : dominant;
      if (!pick) pick = dateline;
    }
    if (pick) {
      ev.location = location(*pick->m);
      ev.location_basis = pick->dateline ? "dateline" : basis;
    }
  }
}

}  // namespace parley
