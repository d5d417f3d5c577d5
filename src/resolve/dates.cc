// Event dates: the method is in resolve.h (ResolveEventDates).
#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "extract/dates.h"
#include "resolve/resolve.h"

namespace parley {
namespace {

bool OneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

bool IsBlockWord(std::string_view w) {
  return OneOf(w, {"after", "before", "following", "despite", "although", "though", "because", "which", "who",
                   "whom", "whose", "if", "unless", "until"});
}

// Index of the first token whose span starts at or after `byte`.
uint32_t TokenAt(const Document& doc, uint32_t byte) {
  auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), byte,
                             [](const Token& t, uint32_t b) { return t.span.begin < b; });
  return static_cast<uint32_t>(it - doc.tokens.begin());
}

}  // namespace

void ResolveEventDates(Document* doc) {
  const auto& tk = doc->tokens;
  const auto& sents = doc->sentences;
  const Date pub = doc->publish_date;
  const bool has_pub = pub.valid();
  // Everything below serves the events: an article without one (most of
  // them) needs no pass over its tokens and mentions.
  if (doc->events.empty()) return;

  // Date mentions by sentence, in text order, resolved ones only.
  std::vector<std::vector<const Mention*>> by_sentence(sents.size());
  for (const Mention& m : doc->mentions) {
    if (m.type != MentionType::kDate || !m.date.valid() || m.token_begin >= tk.size()) continue;
    uint32_t s = tk[m.token_begin].sentence;
    if (s < by_sentence.size()) by_sentence[s].push_back(&m);
  }
  for (auto& v : by_sentence)
    std::sort(v.begin(), v.end(), [](const Mention* a, const Mention* b) { return a->token_begin < b->token_begin; });

  // Paragraphs: a sentence opens one after a blank line, or after a line
  // break when the text is not hard-wrapped (most line breaks fall between
  // sentences); in wrapped text an indented line opens one.
  // Whether the text is wrapped is counted over every token, so only when
  // a sentence that opens a line asks (-1: not counted yet).
  int wrapped = -1;
  auto is_wrapped = [&] {
    if (wrapped < 0) {
      size_t breaks_at_start = 0, breaks_inside = 0;
      for (size_t i = 1; i < tk.size(); ++i) {
        if (!tk[i].has(kNewlineBefore)) continue;
        bool start = tk[i].sentence < sents.size() && sents[tk[i].sentence].token_begin == i;
        (start ? breaks_at_start : breaks_inside)++;
      }
      wrapped = breaks_inside > breaks_at_start;
    }
    return wrapped == 1;
  };
  auto opens_paragraph = [&](uint32_t s) {
    if (s == 0 || s >= sents.size()) return true;
    if (sents[s - 1].headline && !sents[s - 1].span.empty()) {
      // A dateline sentence runs on into the one it opens.
      const Token& last = tk[sents[s - 1].token_end - 1];
      if (!(last.kind == TokenKind::kPunct &&
            (std::string_view(last.norm) == "-" || std::string_view(last.norm) == "--")))
        return true;
    }
    uint32_t t = sents[s].token_begin;
    if (t >= tk.size()) return true;
    if (tk[t].has(kParagraphBefore)) return true;
    if (!tk[t].has(kNewlineBefore)) return false;
    if (!is_wrapped()) return true;
    uint32_t b = tk[t].span.begin;
    return b > 0 && (doc->text()[b - 1] == ' ' || doc->text()[b - 1] == '\t') && b > 1 &&
           (doc->text()[b - 2] == ' ' || doc->text()[b - 2] == '\t');
  };
  auto news_day = [&](const Date& d) {
    if (!has_pub || d.day == 0) return false;
    int64_t diff = DaysFromCivil(pub.year, pub.month, pub.day) - DaysFromCivil(d.year, d.month, d.day);
    return diff >= 0 && diff <= 7;
  };

  // The news day: the first recent day (at most a week before the publish
  // date) named in the dateline or the first three sentences of running
  // text; a numeric stamp ("Updated: 2016-07-15 13:14") is metadata, not it.
  const Mention* lead_day = nullptr;
  for (uint32_t s = 0, prose = 0; s < sents.size() && prose < 3 && !lead_day; ++s) {
    if (!sents[s].headline) ++prose;
    else if (!(sents[s].token_end > sents[s].token_begin && tk[sents[s].token_end - 1].norm == "-")) continue;
    for (const Mention* m : by_sentence[s])
      if (news_day(m->date) && m->rule != "date:iso") {
        lead_day = m;
        break;
      }
  }

  for (Event& ev : doc->events) {
    ev.date = Date();
    ev.date_basis.clear();
    if (tk.empty() || sents.empty()) {
      if (has_pub) { ev.date = pub; ev.date_basis = "publish_date"; }
      continue;
    }
    uint32_t tb = TokenAt(*doc, ev.span.begin);
    uint32_t te = TokenAt(*doc, ev.span.end);
    if (tb >= tk.size()) tb = static_cast<uint32_t>(tk.size()) - 1;
    if (te <= tb) te = tb + 1;
    uint32_t s = ev.sentence < sents.size() ? ev.sentence : tk[tb].sentence;
    const Mention* pick = nullptr;
    const auto& here = by_sentence[std::min<size_t>(s, by_sentence.size() - 1)];

    // 1. In the event's span (not behind a subordinator inside it: "talks
    // ... marked the first dialogue since the invasion in 2022"), else
    // nearest in its clause.
    for (const Mention* m : here) {
      if (m->token_begin < tb || m->token_end > te) continue;
      bool sub = false;
      for (uint32_t i = tb + 1; i < m->token_begin && !sub; ++i)
        sub = (IsBlockWord(tk[i].lower) && std::string_view(tk[i].lower) != "which") ||
              std::string_view(tk[i].lower) == "since";
      if (!sub) { pick = m; break; }
    }
    if (!pick) {
      const Mention* before = nullptr;
      const Mention* after = nullptr;
      // Before the span: the sentence's frame ("In July, ...", "On Sunday,
      // ...") or the nearest day or month; a bare year before the event
      // ("secretary of state from 2009-13, but ...") is background.
      const Mention* frame = nullptr;
      if (!here.empty() && here.front()->token_end <= tb) {
        const Mention* f = here.front();
        uint32_t sb = sents[s].token_begin;
        bool opening = f->token_begin <= sb + 2;
        for (uint32_t i = sb; i < f->token_begin && opening; ++i)
          opening = OneOf(tk[i].lower, {"in", "on", "and", "but", "by", "during", "until", "\""});
        if (opening) frame = f;
      }
      for (const Mention* m : here) {
        if (m->token_begin >= tb && m->token_end <= te) continue;
        if (m->token_end <= tb) {
          if (m == frame || m->date.month != 0) before = m;
        }
        else if (m->token_begin >= te && !after) {
          bool blocked = false;
          for (uint32_t i = te; i < m->token_begin && !blocked; ++i)
            blocked = IsBlockWord(tk[i].lower) || std::string_view(tk[i].lower) == "since";
          if (!blocked) after = m;
          break;
        }
      }
      if (!before) before = frame;
      if (before && after) pick = (tb - before->token_end) <= (after->token_begin - te) ? before : after;
      else pick = before ? before : after;
    }
    if (pick && pick->token_begin >= tb && pick->token_end <= te) {
      // A more precise expression of the same date in the span wins
      // ("eight months ago ... on Nov. 13").
      std::string base = pick->date.ToString();
      for (const Mention* m : here) {
        if (m->token_begin < tb || m->token_end > te) continue;
        std::string d = m->date.ToString();
        if (d.size() > base.size() && d.compare(0, base.size(), base) == 0) {
          pick = m;
          base = d;
        }
      }
    }
    if (pick) {
      ev.date = pick->date;
      ev.date_basis = "text";
      continue;
    }
    // 2. The scene set by the previous two sentences of the paragraph.
    for (uint32_t k = s, n = 0; n < 2 && !opens_paragraph(k); ++n) {
      --k;
      for (const Mention* m : by_sentence[k])
        if (m->date.month != 0) pick = m;  // the last day or month; years are background
      if (pick) break;
    }
    // 3. The article's news day.
    if (!pick) pick = lead_day;
    if (pick) {
      ev.date = pick->date;
      ev.date_basis = "text";
    } else if (has_pub) {
      ev.date = pub;
      ev.date_basis = "publish_date";
    }
  }
}

}  // namespace parley
