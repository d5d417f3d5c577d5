// SentenceCoder: codes the events of one sentence. Its work is split along
// the seams of the code stage, one source file each:
//   clauses.cc   clause analysis: verbs, verb groups, subjects, coordination
//   patterns.cc  matching the patterns of a lemma against the words after it
//   events.cc    event framing: coding verbs and event nouns, and emitting
//   attach.cc    actor attachment: agents, implied targets, actor records
// coder.cc holds the Coder (the lemma and pattern-word tables, made once)
// and the order of the passes. Internal to src/code/.
#ifndef PARLEY_CODE_SENTENCE_CODER_H_
#define PARLEY_CODE_SENTENCE_CODER_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "code/coder.h"
#include "code/words.h"
#include "parley/document.h"
#include "parley/lexicon.h"

namespace parley {

class SentenceCoder {
 public:
  struct Group {
    uint32_t begin = 0, verb = 0;  // aux chain start, main verb
    std::string lemma;
    bool negated = false, passive = false, infinitive = false, participle = false;
    bool intent = false;       // "will meet", "would meet", "ready to meet": a stated intention
    // A reduced relative clause on the noun before it ("the raid carried
    // out by X", "a ban imposed by Y"): it does not end the clause of the
    // verb before it.
    bool reduced = false;
    // What someone is to do: 'd' a demand ("must leave", "has to leave"),
    // 'a' an appeal ("should leave", "ought to leave"), 0 neither.
    char obligation = 0;
    EventStatus status = EventStatus::kOccurred;
    std::vector<int> subject;  // mention indexes
    bool subject_done = false;
    int controller = -1;       // the verb whose infinitive this is
    std::string coded;         // CAMEO code of the pattern this verb fired
    size_t ev_begin = 0, ev_end = 0;  // events it emitted in doc->events
  };

  SentenceCoder(const Coder& c, Document* doc, uint32_t si, const std::vector<int>& actors,
                std::vector<int>* last_pair, std::ostream* trace)
      : c_(c), doc_(doc), tk_(doc->tokens), si_(si), s_(doc->sentences[si]), actors_(actors),
        last_pair_(last_pair), trace_(trace) {}

  // Codes the sentence: verbs, then event nouns (coder.cc).
  void Run();

 private:
  // attach.cc: the last two actors of different countries joined by "and"
  // before token b in this sentence (NamedPairBefore's), found from the
  // sentence's actors rather than by a scan of its tokens; false if none.
  bool NamedPairIn(uint32_t b, int* first, int* second) const;
  // clauses.cc: LooksVerb, which, when it answers true, also gives the
  // word's VerbFactsOf, for FindVerbs not to look them up again.
  bool LooksVerb(uint32_t i, std::string_view lemma, uint8_t* facts) const;
  // What FindVerbs and LooksVerb ask of token i's spelling as a form of
  // `lemma`, its record's verb lemma (kVerbFact* bits of clauses.cc), worked
  // out once per word id on a thread.
  uint8_t VerbFactsOf(uint32_t i, std::string_view lemma) const;
  uint8_t FillVerbFacts(uint32_t i, std::string_view lemma) const;  // its first look at a word

  const Token& T(uint32_t i) const { return tk_[i]; }

  // Lexicon::IrregularVerb of token i's word, looked up once per word id
  // of a thread's documents (clauses.cc).
  const std::string* IrregularOf(uint32_t i) const;

  bool InQuote(uint32_t i) const {
    for (auto& q : doc_->quotes)
      if (q.span.contains(T(i).span)) return true;
    return false;
  }

  int MentionAt(uint32_t i) const { return i >= s_.token_begin && i < s_.token_end ? mention_at_[i - s_.token_begin] : -1; }
  int MentionEnd(uint32_t i) const { return i >= s_.token_begin && i < s_.token_end ? mention_end_[i - s_.token_begin] : -1; }
  bool InMention(uint32_t i) const {
    return i >= s_.token_begin && i < s_.token_end && in_mention_[i - s_.token_begin];
  }

  // WordClass bits of token i (0 outside the sentence).
  uint32_t Cls(uint32_t i) const { return i >= s_.token_begin && i < s_.token_end ? cls_[i - s_.token_begin] : 0; }
  bool Is(uint32_t i, uint32_t bits) const { return (Cls(i) & bits) != 0; }

  // clause15: token i of the sentence is inside an "if" clause
  // (IndexMentions' conditions).
  bool InCondition(uint32_t i) const {
    for (const auto& [from, to] : tables_.conditions)
      if (i - s_.token_begin >= from && i - s_.token_begin < to) return true;
    return false;
  }

  int GroupOfVerb(uint32_t i) const {
    if (i < s_.token_begin || i >= s_.token_end || group_at_.empty()) return -1;
    return group_at_[i - s_.token_begin];
  }

  struct Match {
    const Pattern* p = nullptr;
    int score = -1;
    int target = -1, source = -1;
    // A visit's TGT slot filled by a place, not an actor ("flew to Hanoi",
    // "a visit to Washington"): the place mention; see DestinationTarget.
    int place = -1;
    uint32_t end = 0;
  };

  void Trace(const std::string& s) const {
    if (trace_) *trace_ << s << "\n";
  }

  // clauses.cc: clause analysis. Which words are verbs, their verb groups
  // (tense, negation, modality, voice), subjects, control, coordination and
  // where a clause ends.

  void IndexMentions();

  // Mention mi is one word, a country's adjective ("Brazilian", "Chinese",
  // "Turkish", "Israeli"), not its name or a plural ("Brazilians").
  bool IsNationalityAdjective(int mi) const;

  void FindVerbs();

  // "There were ten soldiers killed": the noun phrase starting at b follows
  // a form of "be" (with a number or determiner between).
  // Also a noun phrase after a copula: "he was the 31st person killed in
  // Barbados".
  bool AfterCopula(uint32_t b) const;

  // Subject actors of group g.
  std::vector<int> Subject(size_t gi);

  // Verbs whose object does what their infinitive says: "urged Russia to
  // withdraw". After other verbs the infinitive is a purpose and its doer
  // the subject: "X met Assad to discuss ...".
  static bool ObjectControls(const Group& ctl);

  void ApplyControl(const Group& ctl, Group* g);

  bool PrecededByPrep(uint32_t b) const;
  // Token b starts a name set after a common noun inside a prepositional
  // phrase: "(the embassy) in the Chilean capital Santiago".
  bool InPlacePhrase(uint32_t b) const;

  bool HasBetween(uint32_t a, uint32_t b, const char* w) const;
  // A dash with space on both sides: one end of an aside ("X - an ally
  // of Y - said").
  bool IsSpacedDash(uint32_t k) const;

  int FirstMentionBetween(uint32_t a, uint32_t b) const;
  // The mention at b follows a locative and its modifiers ("in the
  // southern", "near northern"): it names where, not who. (A mention right
  // after the preposition is PrecededByPrep's.)
  bool LocativeCountry(uint32_t b) const;

  // Token k (a verb, or the "in" of "gave in") is followed by a "to" that
  // is a preposition: "yield to pressure", "gave in to threats".
  bool ToIsPreposition(uint32_t k) const;

  // After "to": a lower-case word that is not a determiner, an actor or a
  // noun of our patterns reads as a verb ("efforts to counter", not "to
  // the talks", "to peace").
  bool LooksInfinitive(uint32_t k) const;

  // A target and the actors coordinated after it: "talks with the World
  // Bank and the IMF" are talks with each.
  std::vector<int> WithCoordinated(int t) const;

  // m and actors coordinated before it: "Russia and Ukraine".
  std::vector<int> Coordinated(int m) const;

  // End of the clause that follows token i.
  uint32_t ClauseEnd(uint32_t i) const;
  // Token e opens a subordinate clause with its own subject and verb
  // ("... as India prepared", "... after the minister left").
  bool SubordinateClauseAt(uint32_t e) const;
  // The antecedent of "who" when the mention before it is a country or a
  // place in a phrase of a person ("a Canadian living in Nepal who"): the
  // person; else m itself.
  int WhoAntecedent(int m) const;

  // patterns.cc: matching the patterns of a verb or noun lemma against the
  // words after it.

  bool WordMatches(uint32_t k, std::span<const int32_t> words) const;

  // The first (longest) pattern that matches after `from`. Patterns whose
  // words do not all occur in the clause are skipped without matching.
  Match BestMatch(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const;

  // An obligation ("must leave", "should leave") said by someone else, in
  // a quote or reported: emits that speaker's demand (10x, "must", "has
  // to") or appeal (02x, "should", "ought to") of its subject, read with
  // the demand or urge patterns from the verb on, and returns true.
  bool ReportedDemand(size_t gi);

  Match MatchPattern(const Pattern& p, uint32_t from, uint32_t end) const;

  // A place mention with a country starting at token k, or -1.
  int PlaceAt(uint32_t k) const;

  // events.cc: event framing. Coding each verb group and event noun, the
  // readings that change a code (refusal, intent, threat, claim, content)
  // and the emission of events.

  // "agreed to release prisoners", "pledged to expel": when what was agreed
  // or promised is itself an event, that event is coded and the agreement
  // or promise (03x) is not coded again beside it.
  void SubsumeIntentions();

  void CodeVerb(size_t gi);

  // Events from every source to the target and the targets coordinated with
  // it; coordinated sources with no other target act toward each other
  // ("Russia and Ukraine agreed"). A target that is one of the sources
  // ("Israel and Lebanon renewed talks on an Israeli pullback") is dropped.
  void EmitAll(const std::vector<int>& sources, int target, const Pattern& p, const Group& g, uint32_t span_b,
               uint32_t span_e);

  // Acts that two coordinated actors do with each other: agreeing, signing,
  // meeting, cooperating, and fighting ("clashed"). "Republicans and Democrats
  // warned" is not a warning to each other.
  bool Reciprocal(const Pattern& p, const Group& g) const;

  // "X claimed that Y attacked Z": a contested claim of force is coded as
  // what the claimant did: an accusation of Y (112), or, when Y is the
  // claimant's own side, a claim of responsibility (015). Reporting verbs
  // that do not contest ("said", "reported") leave the event as it is.
  bool ClaimedForce(size_t gi, const std::vector<int>& sources, int target);

  // "X said the Y vote was illegal", "'Y is sabotaging the talks,' X
  // said", "X said Y had lied": what speaker says (after the saying verb
  // of group gi, or before it) has another actor as its subject or the
  // subject's possessor, and a predicate holding a word of
  // evaluations.tsv: the speaker's criticism (111) or accusation (112) of
  // that actor. Returns true when it emitted one. With quote_b < quote_e,
  // tokens [quote_b, quote_e) are a quoted sentence whose speaker is named
  // in another sentence, and g is a group over its predicate.
  bool ReportedEvaluation(const Group& g, int speaker, uint32_t quote_b = 0, uint32_t quote_e = 0);
  // '"Y is sabotaging the talks. Y lied to us," X said': a sentence of a
  // quote whose speaker is named in an earlier or later sentence, and that
  // coded nothing, judges another actor as one that names its speaker
  // would (ReportedEvaluation). Returns true when it emitted an event.
  bool QuotedEvaluation(size_t events_before);
  // A verb of naming with no pattern of its own ("called the Chinese plan
  // a provocation", "branded the vote illegal") whose name for its object
  // (an actor, or the possessor or modifier of a noun) is a word of
  // evaluations.tsv: the subject's criticism (111) of that actor.
  bool NamedAs(size_t gi);
  // The code of the evaluation (data/evaluations.tsv) that token k opens,
  // two words before one, ending before `end`, with its last token in
  // *last; nullptr if none, or if "no" comes before it.
  const std::string* EvaluationAt(uint32_t k, uint32_t end, uint32_t* last) const;

  // Group gi is in the "that" clause of an earlier denial (016) in the
  // sentence, or says what will be done in the clause of a threat (13x):
  // what is denied or threatened, not an event.
  bool DeniedContent(size_t gi) const;

  // What an appeal, accusation, demand, refusal or threat is about is its
  // content, not an event: "urged Russia to withdraw", "accused Israel of
  // attacking Syria", "refused to attend the talks".
  bool IsContent(const Group& g) const;
  // "formed a police unit to intervene", "proposed a summit to improve
  // relations": an infinitive after a verb and its object (a thing, not
  // an actor told to act) says what the act is for, not what happened.
  bool PurposeInfinitive(const Group& g) const;
  // The actor phrase at token b follows "each other's" / "one another's".
  bool EachOthers(uint32_t b) const;

  // The verb group whose subject does the event noun of a prepositional
  // phrase opening at `prep` ("stressed in talks with Chad", "arrived in
  // Lima for talks with", "During his visit to Kenya, the minister
  // signed"), or SIZE_MAX. A phrase between commas after an actor sets
  // *aside_actor to that actor.
  size_t HolderOfPhrase(uint32_t prep, int* aside_actor) const;
  // An actor is named by "with" or "to" at token k, after an event noun's
  // pattern ("a phone conversation with Putin", "a state visit to Uganda").
  bool NamesParty(uint32_t k) const;
  // The actor after "by" in an event noun's own phrase, tokens [from,
  // end), before any verb, comma or clause word ("a visit by the Iranian
  // president to Iraq"); -1 when none, or after a participle.
  int ByAgentOfNoun(uint32_t from, uint32_t end) const;
  void CodeNouns();
  // noun15 (CodeNouns' yield):
  // The token from which no noun of the sentence can code or restate an
  // event (UINT32_MAX: none such), with is_support(group) telling a
  // support verb's group and roots_of(token) the roots of a noun's
  // patterns, as bits (events.cc says why).
  template <typename IsSupport, typename RootsOf>
  uint32_t QuietNounsFrom(const IsSupport& is_support, const RootsOf& roots_of);
  // (end of noun15's block)

  std::string Names(const std::vector<int>& ms) const;

  void Emit(int src, int tgt, const Pattern& p, const Group& g, uint32_t tb, uint32_t te);
  // The LemmaClass bits of group g's lemma (code/words.h), from
  // the coder's table rather than by the lemma's text.
  uint32_t LemmaClassesOf(const Group& g) const {
    const bool in = g.verb >= s_.token_begin && g.verb < s_.token_end;
    return c_.VerbOf(in ? info_[g.verb - s_.token_begin] : nullptr, g.lemma).classes;
  }
  // Force done to mention tgt by no one the text names (an agentless
  // passive): an event with a null source, over the target and the verb.
  void EmitUnknownSource(int tgt, const Pattern& p, const Group& g);

  // attach.cc: actor attachment beyond the pattern's own slots: agents of
  // passives and event nouns, implied targets (place, own country, other
  // party), the actor records of an event, and the pair for "both sides".

  // Where an act with no actor as its object happens names its target
  // country, as CAMEO coders do: "demonstrated in Kirkuk" is aimed at Iraq,
  // "extended the curfew in Abidjan" at Ivory Coast. Returns a new actor
  // mention for that country, or -1.
  int PlaceTarget(uint32_t from, uint32_t end, bool force = false);

  // "clashes broke out (again on Friday) between X and Y": the token of
  // "between" after an onset verb (break out, erupt, flare, resume, ...)
  // whose subject is the event noun at `noun`; s_.token_end when the noun
  // is not so followed.
  uint32_t OnsetBetween(uint32_t noun) const;
  // The onset verb whose subject is the event noun at `noun` ("fighting
  // erupted", "clashes had broken out"), or s_.token_end.
  uint32_t OnsetVerb(uint32_t noun) const;

  // An event noun (or a gerund) with no actor of its own that is the
  // subject of an onset verb ("fighting erupted again", "violent clashes
  // broke out", "clashes between rival groups broke out") reports again
  // an event of its root coded in an earlier sentence: the sentence gets
  // the events of the latest such sentence, with their actors, code and
  // status, over the noun and the onset verb. Not when the sentence has
  // an event of its own. `end` ends the noun's phrase; `where`, when not
  // -1, is an actor mention the sentence names ("fighting erupted in
  // Somalia's capital"): only events with that country on one side are
  // restated. Returns whether it did.
  // The event noun, with a definite determiner, that is the subject of
  // verb group gi ("The sanctions will end ...", "the raid killed ...",
  // "... and cut economic aid" sharing it); its token, or -1.
  int EventNounSubject(size_t gi) const;
  // Verb group gi whose subject is such an event noun does what that act's
  // doer does: the latest earlier event of a root the noun names gives the
  // source, and its target when the verb names none of another side ("New
  // Zealand imposed sanctions on Fiji. The sanctions will end all military
  // cooperation": New Zealand reduces relations with Fiji). Returns
  // whether it coded the verb so.
  bool ActAfterEventNoun(size_t gi, const Pattern& p, int target, uint32_t span_e);
  // The author of an act named before that a reaction (praise, criticism,
  // rejection, denial, disapproval: code) answers: "Japan condemned the
  // move", "Pakistan denied the charges", "the move angered Tokyo". The act
  // is a definite noun phrase opening tokens [b, e) (after a preposition:
  // "reacted angrily to the decision") whose head is an event noun (the
  // latest earlier event of a root it names) or a shell noun ("move",
  // "decision", "step": the latest earlier act of any root but statements),
  // done by another country than `reactor`'s. Its source's mention, or -1;
  // `head`, when given, gets the noun's token.
  int AuthorOfNamedAct(std::string_view code, uint32_t b, uint32_t e, int reactor, uint32_t* head = nullptr) const;
  // "Azerbaijan retaliated", "vowed to hit back": a threat or use of force
  // whose words [b, e) say it answers an act is aimed at whoever last did
  // a hostile act (roots 11-20) to the reactor's country. That actor's
  // mention, or -1.
  int AnsweredActor(std::string_view code, uint32_t b, uint32_t e, int reactor) const;
  bool RestateEarlier(uint32_t noun, const Pattern& p, uint32_t end, int where = -1);

  // The authorities who did an act of coercion reported with no agent and
  // no place ("the opposition leader was arrested", "two reporters were
  // detained"): the police (arrests, 173) or government of the state one
  // is expelled from, of the police the article last named, else of the
  // country the article is set in (never the target's own country alone:
  // a foreigner is arrested abroad). A new actor mention over the verb's
  // word, or -1 when no such country is known.
  int AuthoritiesOf(uint32_t verb, const std::string& code);
  // Who held mention `held` by the article's events so far: the source of
  // the last restriction or arrest (172-173) of the same entity (of the
  // same code when it has none), as a new actor mention over the verb's
  // word; -1 when the article reports none. The releaser of someone
  // released with no agent named.
  int Holder(int held, uint32_t verb);

  // The destination of a visit (042) written as a place ("travelled to
  // Hanoi", "arrived in Lima", "a trip to Tokyo"): its country is the
  // visited party. A new actor mention, or -1 when the place is in the
  // visitor's own country (domestic travel is no visit) or has none, or
  // when a visitor has no role (a private person's trip).
  int DestinationTarget(int place, const std::vector<int>& sources);

  // The actor starting at k is the agent of a participle: "brokered by
  // [the] Egypt[ian government]".
  bool ParticipleAgent(uint32_t k) const;

  // ParticipleAgent, with a participle that says who performed the act
  // named before it ("the raid carried out by", "the ban imposed by", "the
  // decision taken by"), not who helped it ("brokered by").
  bool PerformerAgent(uint32_t k) const;

  // In [from, end): "in|during|by|from [the] ACTOR [word [word]] NOUN" where
  // NOUN names an act of force in nouns.tsv (shelling, air strike, raid).
  // Returns the actor or -1.
  int AgentOfForceNoun(uint32_t from, uint32_t end) const;

  // The act of group gi was done by an explosive, with no hand named: the
  // noun right before the verb ("a car bomb exploded", "a grenade hit the
  // crowd"; for ", killing ..." the main clause's), or, for a passive, one
  // named after it ("were killed when a bomb went off", "were wounded by a
  // grenade"). The bombing has a null source (183), as coders write it.
  // Weapons only, not "explosion" or "blast", which may be accidents.
  bool ByExplosive(size_t gi) const;

  // After the noun at i: "[,] PARTICIPLE [particle] by [det] ACTOR". Returns
  // the actor or -1.
  int AgentAfterNoun(uint32_t i) const;

  // The target of a protest (14x) that names none, by people who are no
  // state force (civil society, but also prisoners, strikers' unions,
  // rebels): the protesters' own country. -1 for other codes and sources
  // (a candidate's rally or soldiers in a riot are no protest against the
  // state).
  int ProtestTarget(const Pattern& p, int src);

  // The target of an act that can only be done to people (sentencing,
  // arrest, repression, abduction, assault, assassination: 116, 173, 175,
  // 181, 182x, 186) whose people are named by common words at token b (up
  // to e): "executed a wrestler", "sentenced two brothers", "detained
  // him". Civilians of the source's country (a place or nationality would
  // have been found first), or -1.
  int PersonTarget(const Pattern& p, int src, uint32_t b, uint32_t e);

  // "seized two Kuwaiti boats and detained their crew": the people of a
  // possessive object ("its crew", "their captain") belong to what an
  // earlier verb of the sentence acted on; that verb's first actor after
  // it (the nearest such verb), when of another country than src; or -1.
  int EarlierObjectsPeople(size_t gi, int src) const;

  // A new actor mention for the country of mention m (at m's place), or -1
  // when m has no country or is the country itself.
  int OwnCountry(int mi);

  // Adds an actor mention for country c over mention m's words (a place or
  // an actor that implies the country); returns its index.
  int CountryActorAt(const Mention& m, const Country& c, const char* why);
  // The same over tokens [b, e) (text `span`), with `roles` ("COP", "CVL",
  // "" for the state itself) and the whole `rule` that says why.
  int CountryActorAt(uint32_t b, uint32_t e, Span span, const Country& c, std::string_view roles, std::string rule);

  // Mention src took the article's main country, and the only actor that
  // names that country is tgt, the country itself.
  bool GuessedFromOnly(int src, int tgt) const;

  // A copy of mention m with its role alone.
  int WithoutCountry(int mi);

  // A state body (a role that is not civil) and the bare name of its own
  // country: not a target found by position.
  bool StateOnItsOwnCountry(int src, int tgt) const;
  // tgt names the source's own state (its country, a place in it, one of
  // its bodies) as the modifier of a thing ("to annex Serbian enclaves",
  // "to end Portuguese rule", "along Kampala's main street"): not what
  // the source's act (code) aims at. Not another actor of that country
  // ("the opposition welcomed the Kenyan reforms"), nor a body's property
  // under force ("raided ANC bases").
  bool OwnModifier(int src, int tgt, const std::string& code) const;

  // An actor with no armed force of its own: its role is civilian.
  static bool Unarmed(const Mention& m);

  // No state force among its roles (MIL, COP, GOV, SPY, JUD, LEG): rebels,
  // gunmen, civilians, businesses. A bare country or IGO is a state.
  static bool NonState(const Mention& m);

  // An armed force among its roles (MIL, COP, PKO, REB, INS, UAF, SPY), or
  // a bare country.
  static bool Armed(const Mention& m);

  // An act aimed at no one by its nature, coded with a null target when
  // none is named (attach.cc): code is the event's, p its pattern, its
  // words from the verb of g to token te.
  bool Untargeted(const std::string& code, const Pattern& p, const Group& g, uint32_t te) const;

  // An event with no stated target between one of the two parties the
  // article is about (the last pair that met) is aimed at the other party:
  // "Umerov emphasized Kyiv's call for a ceasefire" in Russia-Ukraine talks.
  // With `counterparts`, the pair may also be the article's main
  // counterparts (CurrentPair).
  int OtherParty(int src, bool counterparts = false) const;
  // The addressee of an appeal (02x) that names none ("called for calm",
  // "appealed for mercy"), made by the verb group g of a party of another
  // country: the country the article is mostly about (main_country_), as
  // a new actor mention at its first mention. -1 when the appeal is the
  // main country's own, is a participle or infinitive, or there is no
  // main country.
  int AppealTarget(int src, const Group& g);
  // The implied target of coercion or force (17-20) by src, an armed
  // force (a role, not a bare country) of one side of the article's main
  // pair of counterparts once they have met or fought twice: the other
  // side's last mention. -1 when src is of neither side, both sides are
  // among g's subjects (a joint act), or g's object is a pronoun or
  // definite ("attacked the platform": a thing named before).
  int ConflictCounterpart(int src, const std::string& code, const Group& g) const;

  // The pair of parties that "both sides", "they" or an implied target
  // refer to, in order of confidence: the last pair that met or was named
  // together in a joint act (last_pair_), else the article's main pair of
  // counterparts (counterparts_). Empty when there is none.
  std::vector<int> CurrentPair() const;

  Actor ActorOf(int mi) const;

  // Remember coordinated subjects of this sentence for "both sides".
  // Two actors that agreed, met, negotiated or cooperated become "the two
  // sides" for what follows ("both parties", "they", "the talks").
  void RememberPair();

  // The last two actors of different countries joined by "and" before
  // token b in this sentence, else in the article; updates the article's
  // memory of such pairs. Empty when there is none.
  std::vector<int> NamedPairBefore(uint32_t b);

  // Remember g's subjects as what "it" refers to, when g coded an event and
  // its first subject is no person.
  // (Inline: most groups have no subject found, and the test is then all.)
  void RememberSubject(const Group& g) {
    if (g.infinitive || g.participle || !g.subject_done || g.subject.empty()) return;
    if (doc_->mentions[g.subject.front()].entity_type == EntityType::kPerson) return;
    *last_subject_ = g.subject;
  }

  // verb13 (events.cc): the tests that let CodeVerb skip work whose
  // result cannot reach the output.
  // Emit's GuessedFromOnly may hold for source mi and some target: its
  // country was guessed from the article, and the article does not name
  // that country twice otherwise.
  bool GuessedCountry(int mi);
  // A place mention with a country starts at a token of the sentence, or
  // the one just past it, from b on (PlaceTarget could then add an actor).
  bool PlaceFrom(uint32_t b);
  // (end of verb13)

  const Coder& c_;
  Document* doc_;
  const std::vector<Token>& tk_;
  uint32_t si_;
  const Sentence& s_;
  const std::vector<int>& actors_;  // actor mentions of this sentence
  std::vector<int>* last_pair_;
  std::ostream* trace_;
  uint32_t n_ = 0;
  // Per-token tables of the sentence, filled by IndexMentions and
  // FindVerbs; their storage is kept from one sentence to the next (one set
  // per thread).
  struct Tables {
    std::vector<int> mention_at, mention_end;
    std::vector<char> in_mention;
    std::vector<std::span<const int32_t>> forms;  // each token's pattern word ids
    std::vector<const Coder::FormInfo*> info;
    std::vector<uint32_t> cls;
    std::vector<Group> groups;  // FindVerbs' (cleared there)
    std::vector<int> group_at;
    // IndexMentions': the sentence's words (offsets from its first token)
    // with a verb lemma that are no auxiliary, and those with a noun lemma:
    // FindVerbs' and CodeNouns' candidates, in order.
    std::vector<uint32_t> verb_words, noun_words;
    // IrregularOf's lemmas by word id, for the coder (serial) and
    // vocabulary (tag) of irregular_key: null for a word not looked up
    // yet, &kNoIrregular for one that is no irregular verb form.
    uint64_t irregular_key[2] = {0, 0};
    std::vector<const std::string*> irregular;
    // Per token of the sentence: 1 where ClauseEnd has something to test
    // (a clause-stop or subordinating word, a token that is no word, a
    // verb group's verb), 0 for the words it passes over. Set by
    // IndexMentions and FindVerbs; only grows (its first n_ entries are
    // this sentence's).
    std::vector<char> clause_mark;
    // Tables kept clean between sentences:
    // mention_at, mention_end and in_mention hold -1, -1 and 0 everywhere
    // but at the token ranges [begin, end) of this sentence's actor
    // mentions listed here (offsets in the sentence), and group_at holds
    // -1 but at the verbs listed in group_marks: the next sentence resets
    // only those entries instead of refilling whole tables.
    std::vector<std::pair<uint32_t, uint32_t>> mention_marks;
    std::vector<uint32_t> group_marks;
    // The tokens every per-token table above has room for (IndexMentions
    // grows them together).
    size_t room = 0;
    // A word's facts as a verb form:
    // VerbFactsOf's answers by word id, for the coder (serial) and
    // vocabulary (tag) of verb_facts_key: 0 for a word not worked out yet.
    uint64_t verb_facts_key[2] = {0, 0};
    std::vector<uint8_t> verb_facts;
    // clause15: the sentence's conditions, [from, to) as offsets of its
    // tokens: an "if", "unless" or "whether" stands before each token of
    // them in its clause (IndexMentions; none in most sentences).
    std::vector<std::pair<uint32_t, uint32_t>> conditions;
    // (end of clause15)
  };
  static Tables& ThreadTables() {
    thread_local Tables t;
    return t;
  }
  Tables& tables_ = ThreadTables();
  std::vector<int>& mention_at_ = tables_.mention_at;
  std::vector<int>& mention_end_ = tables_.mention_end;
  std::vector<char>& in_mention_ = tables_.in_mention;
  std::vector<std::span<const int32_t>>& forms_ = tables_.forms;
  std::vector<const Coder::FormInfo*>& info_ = tables_.info;
  std::vector<uint32_t>& cls_ = tables_.cls;  // WordClass bits per token of the sentence
  std::vector<Group>& groups_ = tables_.groups;
  std::vector<int>& group_at_ = tables_.group_at;
  // (These two tables, and forms_, info_ and cls_, only grow: their first
  // verb_count_, noun_count_ and n_ entries are this sentence's.)
  std::vector<uint32_t>& verb_words_ = tables_.verb_words;
  std::vector<uint32_t>& noun_words_ = tables_.noun_words;
  size_t verb_count_ = 0, noun_count_ = 0;
  // patterns.cc: the pattern words of a clause (WordsOf), and the tests
  // that reject a pattern before it is matched.
  struct ClauseWords;
  ClauseWords WordsOf(uint32_t from, uint32_t end) const;
  // Finds the sentence's pattern words from token `from` on, each token
  // once per sentence (for WordsOf).
  void SentenceReady(uint32_t from) const;
  struct SentenceWords;
  mutable const SentenceWords* sentence_words_ = nullptr;
  mutable uint32_t sentence_stamp_ = 0;
  // The first token entered (offset in the sentence); a call of
  // SentenceReady from it or later has nothing to do.
  mutable uint32_t sentence_from_ = UINT32_MAX;
  // verb15: the patterns of a list that a clause may match are found from
  // the clause's own words (Candidates, through the list's first-word
  // index), then tested on their other word elements (RestPossible).
  // Candidates: bits by index in the list (a per-thread buffer, valid up
  // to the next call) of the patterns whose first word element has a word
  // within its reach after `from` (before `end`), and of those whose
  // first word element follows an actor or that have none.
  const uint64_t* Candidates(const Coder::ScreenList& l, size_t n, uint32_t from, uint32_t end) const;
  template <size_t kWords>
  void CandidatesOf(const Coder::ScreenList& l, size_t n, uint32_t from, uint32_t end, uint64_t* cand) const;
  mutable uint64_t candidates_ = 0;  // Candidates' answer for a list of at most 64 patterns
  mutable uint64_t may_candidates_ = 0;  // the candidates of MayMatch's last answer (at most 64 patterns)
  static bool BreaksSearch(const Token& t);
  bool ElementIn(uint32_t m, const ClauseWords& c) const;
  bool RestPossible(const Coder::Screen& s, ClauseWords& c, bool& have_c, uint32_t from, uint32_t end) const;
  // The index of the first candidate of `patterns` (list l) from `first` on
  // that is RestPossible in [from, end), kept as MayMatch's answer
  // (may_list_, ...), or kNoPattern. Never rejects a pattern that matches.
  size_t FirstScreen(const std::vector<const Pattern*>& patterns, const Coder::ScreenList& l, size_t first,
                     uint32_t from, uint32_t end) const;
  // verb15 (end of the block).
  // Some pattern may match after `from` up to `end` (FirstScreen). A clause
  // with none needs no end of its own: BestMatch over any part of
  // [from, end) finds nothing.
  bool MayMatch(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const;
  // MayMatch's last true answer, the index of the first candidate
  // possible in its clause, where BestMatch over the same list from the
  // same token starts (may_list_ null: none kept).
  mutable const std::vector<const Pattern*>* may_list_ = nullptr;
  mutable uint32_t may_from_ = 0, may_end_ = 0, may_first_ = 0;
  // (patterns.cc, for CodeVerb) MayMatch as the index of the first
  // candidate possible after `from` up to `end`, also for a list with a
  // pattern of no word (which MayMatch passes at once), or kNoPattern.
  // When that pattern has no element, BestMatch over any clause from
  // `from` returns it: the clause need not be found.
  static constexpr size_t kNoPattern = SIZE_MAX;
  size_t FirstPossible(const std::vector<const Pattern*>& patterns, uint32_t from, uint32_t end) const;

 public:
  // The subjects of the last event coded in the article whose first
  // subject is no person (a state, body or group): what "it" refers to.
  std::vector<int>* last_subject_ = nullptr;
  std::vector<int>* named_pair_ = nullptr;  // the article's last "A and B" of two countries
  // The parties of the article's dialogues and conflicts, from the events
  // coded so far (attach.cc): what an event with no target of its own may
  // be aimed at.
  struct Counterparts {
    struct Pair {
      std::string a, b;  // countries, a < b
      int count = 0;
      int ma = -1, mb = -1;  // their last actor mentions
    };
    std::vector<Pair> pairs;
    // Adds an event between mentions s and t of two different countries.
    void Add(const Mention& ms, int s, const Mention& mt, int t);
    // The two parties most often met so far (the first on a tie), or empty.
    std::vector<int> Main() const;
  };
  Counterparts* counterparts_ = nullptr;
  // verb13: what the article's sentences ask of it alike, found once
  // (events.cc).
  struct ArticleFacts {
    // The tokens where places with a country start, in order (places are
    // found before the code stage, and it adds none); made on first use.
    std::vector<uint32_t> places;
    bool places_done = false;
    // Per country: how many actor mentions of it not guessed from the
    // article (GuessedCountry) there are among the first `scanned`
    // mentions (mentions are only added).
    struct Known {
      std::string country;
      size_t scanned = 0;
      int count = 0;
    };
    std::vector<Known> known;
  };
  ArticleFacts* facts_ = nullptr;
  // The country the article is mostly about (ISO3, extract's
  // DominantCountry), or "": an appeal's implied addressee.
  const std::string* main_country_ = nullptr;
};

}  // namespace parley

#endif  // PARLEY_CODE_SENTENCE_CODER_H_
