#include "pipeline/explain.h"

#include <fmt/format.h>

#include <sstream>

namespace parley {

int Explain(const Pipeline& pipeline, Document* doc, std::ostream& out) {
  std::ostringstream trace;
  Status s = pipeline.Code(doc, &trace);
  if (!s.ok()) {
    out << "error: " << s.message() << "\n";
    return 1;
  }
  for (size_t si = 0; si < doc->sentences.size(); ++si) {
    const Sentence& sent = doc->sentences[si];
    out << fmt::format("sentence {} [{}, {}){}: {}\n", si, sent.span.begin, sent.span.end,
                       sent.headline ? " (headline)" : "", doc->text(sent.span));
    out << "  tokens:";
    for (uint32_t i = sent.token_begin; i < sent.token_end; ++i) {
      const Token& t = doc->tokens[i];
      out << ' ' << t.norm;
    }
    out << "\n";
    for (auto& m : doc->mentions) {
      if (m.token_begin < sent.token_begin || m.token_begin >= sent.token_end) continue;
      const char* type = m.type == MentionType::kActor ? "actor" : m.type == MentionType::kPlace ? "place"
                       : m.type == MentionType::kDate ? "date" : "number";
      out << fmt::format("  {} \"{}\"", type, doc->text(m.span));
      if (!m.code.empty()) out << " code=" << m.code;
      if (!m.name.empty()) out << " name=\"" << m.name << '"';
      if (m.date.valid()) out << " date=" << m.date.ToString();
      if (m.entity >= 0 && m.entity < static_cast<int>(doc->entities.size()))
        out << " entity=" << doc->entities[m.entity].id;
      if (!m.rule.empty()) out << "  <- " << m.rule;
      out << "\n";
    }
    for (auto& ev : doc->events) {
      if (ev.sentence != si) continue;
      out << fmt::format("  event {} {} -> {} cameo={} negated={} status={}  <- {}\n", ev.id,
                         ev.source ? ev.source->code : "-", ev.target ? ev.target->code : "-", ev.cameo,
                         ev.negated, EventStatusName(ev.status), ev.rule);
    }
  }
  out << "\ncoder:\n" << trace.str();
  return 0;
}

}  // namespace parley
