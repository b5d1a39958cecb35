// The attribution rules: in each tagged sentence, who reports what, with which stance. Reads
// sentences in order and remembers who was named, so "She said …" and "the company added …" point
// back, and "the accusation" a denial refers to is the proposition accused before. Pure; runs
// anywhere. Never attributes without a reporting verb or phrase from reporting-verbs.ts, and never
// to a phrase that names no one.
//
// The rules, in the order they are tried for each reporting verb (details at each function):
//   passive   "It was reported that P" · "X was said to be V-ing" · "X was accused by Y of V-ing"
//   subject   the noun phrase before the verb (appositives, titles and lists handled), or after it
//             ("…," said Maria Duarte), or shared ("… and said", ", saying"), or a pronoun resolved
//   content   after the verb (that-clause, bare clause, quotation, addressee first for "told"),
//             else before it ("P, officials said"), or both ("The talks, diplomats said, are …")
//   frames    accuse/blame/attribute/call/deny build the proposition from their objects
//   phrases   "according to X, P" and "P, according to X" (an intermediary when the sentence
//             already attributes P to someone else)
//   quotes    a sentence that is only a quotation continues the previous speaker's
import type { Stance } from './types.js';
import {
  BETWEEN_SUBJECT_AND_VERB,
  CLAUSE_OPENERS,
  DISMISSIVE,
  DISMISSIVE_PHRASES,
  DROPPED_DETERMINERS,
  MODALS,
  NEGATORS,
  ORGANISATION_HEADS,
  PERSON_ROLES,
  STATEMENT_NOUNS,
  SUBJECT_PRONOUNS,
  WRONGDOING,
} from './lexicon.js';
import {
  hardStopAfter,
  hasComma,
  isNounish,
  kindOfName,
  namesIn,
  phraseEndingAt,
  phraseStartingAt,
  pointerIn,
  quoteAfter,
  quoteBefore,
  type Named,
  type Pointer,
  type Span,
} from './noun-phrases.js';
import { asSubject, be, didWhat, lowerFirst, raised, statement } from './propositions.js';
import { ACCORDING_TO, PASSIVE_REPORTING, reportingVerb, type ReportingVerb } from './reporting-verbs.js';
import type { Sentence } from './sentences.js';
import { conjugate, verbalGerund, type Token } from './tagger.js';
import { COMMON_CAPITALISED } from './lexicon.js';
import { knownName } from './gazetteer.js';

/** How a claimant was found: named, pointed back to, shared with the previous verb of the sentence, or left unnamed by a passive. */
export type Via = 'name' | 'pronoun' | 'back-reference' | 'relative' | 'shared' | 'unnamed';

export interface Claimant extends Named {
  via: Via;
}

/** Which rule found an attribution: the evaluation reports its figures by these. */
export type Rule =
  | 'clause'
  | 'trailing'
  | 'parenthetical'
  | 'according-to'
  | 'passive'
  | 'raising'
  | 'accuse'
  | 'blame'
  | 'attribute'
  | 'call'
  | 'what-called'
  | 'object'
  | 'intransitive'
  | 'participle'
  | 'continuation';

/** One attributed statement, in UTF-16 offsets of the source's text. */
export interface Attribution {
  sentence: number;
  claimant: Claimant;
  /** The reporting verb or phrase as written ("said", "according to", "it was reported"). */
  verb: string;
  lemma: string;
  stance: Stance;
  hedge: boolean;
  proposition: string;
  /** The clause: the attribution and its content, within the sentence. */
  clauseStart: number;
  clauseEnd: number;
  rule: Rule;
  quote: boolean;
  fromList: boolean;
  coordinated: boolean;
}

/** Someone named in a sentence, remembered for pronouns and descriptions that point back. */
interface Mention extends Named {
  sentence: number;
}

/** The unnamed claimant of an agentless passive ("it was reported that …"). */
const UNNAMED = 'unnamed sources';

/** How far back a pronoun, a description or an anaphoric "the claim" may point, in sentences. */
const LOOKBACK = { pronoun: 3, description: 6, statement: 3, statementByKind: 8 } as const;

/** Which reporting verbs a statement noun stands for: "the accusation" is what someone accused. */
const NOUN_VERBS: Readonly<Record<string, readonly string[]>> = {
  accusation: ['accuse', 'allege', 'charge', 'blame', 'attribute', 'claim'],
  allegation: ['allege', 'accuse', 'charge', 'claim', 'blame'],
  charge: ['accuse', 'charge', 'allege', 'blame', 'attribute'],
  criticism: ['accuse', 'blame', 'charge'],
  report: ['report', 'claim', 'passive', 'according to'],
  reporting: ['report', 'passive', 'according to'],
  claim: ['claim', 'say', 'report', 'confirm', 'state', 'according to'],
  estimate: ['estimate', 'suggest', 'predict'],
  ruling: ['rule'],
  verdict: ['rule'],
  assurance: ['say', 'confirm', 'assure', 'tell', 'insist'],
  suggestion: ['suggest', 'indicate', 'imply'],
  finding: ['report', 'conclude', 'find'],
  figure: ['estimate', 'report', 'say'],
};

const singular = (noun: string): string => (noun.endsWith('ies') ? `${noun.slice(0, -3)}y` : noun.replace(/s$/, ''));

/** What the analysis keeps from sentence to sentence. */
export class Discourse {
  readonly mentions: Mention[] = [];
  readonly attributions: Attribution[] = [];
  /** The same, by sentence: looking back a few sentences must not cost a pass over the whole source. */
  readonly #mentionsBySentence = new Map<number, Mention[]>();
  readonly #attributionsBySentence = new Map<number, Attribution[]>();
  constructor(
    /** The source's whole text. */
    readonly text: string,
  ) {}

  /** Records a sentence's attributions. */
  add(found: readonly Attribution[]): void {
    for (const a of found) {
      this.attributions.push(a);
      const list = this.#attributionsBySentence.get(a.sentence) ?? [];
      list.push(a);
      this.#attributionsBySentence.set(a.sentence, list);
    }
  }

  #mention(m: Mention): void {
    this.mentions.push(m);
    const list = this.#mentionsBySentence.get(m.sentence) ?? [];
    list.push(m);
    this.#mentionsBySentence.set(m.sentence, list);
  }

  /** Attributions of the `max` sentences before `sentence`, the latest first. */
  recentAttributions(sentence: number, max: number): Attribution[] {
    const out: Attribution[] = [];
    for (let s = sentence - 1; s >= Math.max(0, sentence - max); s--) out.push(...[...(this.#attributionsBySentence.get(s) ?? [])].reverse());
    return out;
  }

  /** Mentions of the `max` sentences before `sentence`: the latest sentence first, each in reading order. */
  recentMentions(sentence: number, max: number): Mention[] {
    const out: Mention[] = [];
    for (let s = sentence - 1; s >= Math.max(0, sentence - max); s--) out.push(...(this.#mentionsBySentence.get(s) ?? []));
    return out;
  }

  mentionsOf(sentence: number): readonly Mention[] {
    return this.#mentionsBySentence.get(sentence) ?? [];
  }

  /** Everyone a tagged sentence names, for pronouns and descriptions later on. */
  remember(sentence: number, tokens: readonly Token[]): void {
    let i = 0;
    while (i < tokens.length) {
      const span = isNounish(tokens[i], tokens[i + 1]) ? phraseStartingAt(tokens, i) : null;
      if (!span) {
        i++;
        continue;
      }
      const named = namesIn(this.text, tokens, span, span.start === 0, this.text, false);
      for (const n of named) this.#mention({ ...n, sentence });
      for (const n of innerNames(this.text, tokens, span, named)) this.#mention({ ...n, sentence });
      i = span.end;
    }
  }

  /** The claimants a pronoun or a description points back to; empty when it points nowhere clear. */
  resolve(pointer: Pointer, sentence: number, sameSentence: readonly Attribution[]): Claimant[] {
    const p = pointer.pointer;
    const before = (m: { start: number }) => m.start < pointer.start;
    const previousClaims = this.recentAttributions(sentence, LOOKBACK.pronoun);
    const previousMentions = this.recentMentions(sentence, LOOKBACK.pronoun);
    const here = this.mentionsOf(sentence).filter(before).reverse();
    const as = (n: Named, via: Via): Claimant => ({ ...n, via, start: pointer.start, end: pointer.end, surface: this.text.slice(pointer.start, pointer.end) });

    if (p === 'he' || p === 'she') {
      const gender = p === 'she' ? 'f' : 'm';
      const fits = (n: Named) => n.kind === 'person' && n.proper && (n.gender === null || n.gender === gender);
      const found = previousClaims.map((a) => a.claimant).find(fits) ?? previousMentions.find(fits) ?? here.find(fits);
      return found ? [as(found, 'pronoun')] : [];
    }
    if (p === 'it') {
      const fits = (n: Named) => (n.kind === 'state' || n.kind === 'organisation' || n.kind === 'media outlet') && !n.plural;
      const found = here.find(fits) ?? previousClaims.map((a) => a.claimant).find(fits) ?? previousMentions.find(fits);
      return found ? [as(found, 'pronoun')] : [];
    }
    if (p === 'they') {
      const group = (n: Named) => n.kind === 'group' || n.plural;
      const inSentence = sameSentence.filter((a) => a.claimant.start < pointer.start).reverse();
      const sameHere = inSentence.find((a) => group(a.claimant));
      if (sameHere) return [as(sameHere.claimant, 'pronoun')];
      const last = previousClaims[0];
      if (last) {
        const all = previousClaims.filter((a) => a.sentence === last.sentence && a.fromList);
        if (all.length > 1) return all.map((a) => as(a.claimant, 'pronoun'));
        if (group(last.claimant)) return [as(last.claimant, 'pronoun')];
      }
      const mention = this.mentionsOf(sentence - 1).find(group);
      return mention ? [as(mention, 'pronoun')] : [];
    }
    if (p === 'others') {
      const some = previousClaims.find((a) => a.claimant.kind === 'group' && a.claimant.quantifier !== null && sentence - a.sentence <= 2);
      return some ? [{ ...as(some.claimant, 'back-reference'), name: `other ${some.claimant.name}` }] : [];
    }
    // A description: "the company", "the minister", "the agency", "the athlete".
    const candidates = [
      ...here,
      ...this.recentAttributions(sentence, LOOKBACK.description).map((a) => ({ ...a.claimant, sentence: a.sentence })),
      ...this.recentMentions(sentence, LOOKBACK.description).sort((a, b) => b.sentence - a.sentence || b.start - a.start),
    ];
    const matches = (n: Named): boolean => {
      const words = n.name.toLowerCase().split(/\s+/);
      if (n.roles.includes(p) || words.at(-1) === p) return true;
      if (p === 'athlete') return n.kind === 'person' && n.roles.some((r) => /sprinter|runner|swimmer|athlete|player|jumper|cyclist|boxer|skier/.test(r));
      if (p === 'company' || p === 'firm') return n.kind === 'organisation' && n.proper;
      if (p === 'group') return n.kind === 'organisation';
      return false;
    };
    const found = candidates.find(matches);
    if (found) return [as(found, 'back-reference')];
    // An organisation not named before is still a claimant, as written ("the ministry").
    if (ORGANISATION_HEADS.has(p) || PERSON_ROLES.has(p)) {
      const surface = this.text.slice(pointer.start, pointer.end);
      return [
        {
          // As a description is named elsewhere: "the ministry" is "ministry", like "port authority".
          name: surface.toLowerCase().replace(/^(?:the|this|that)\s+/, ''),
          surface,
          kind: PERSON_ROLES.has(p) && !ORGANISATION_HEADS.has(p) ? 'person' : 'organisation',
          start: pointer.start,
          end: pointer.end,
          roles: [p],
          gender: null,
          plural: false,
          proper: false,
          quantifier: null,
          acronym: null,
          via: 'name',
        },
      ];
    }
    return [];
  }

  /**
   * The proposition an anaphoric statement noun refers to ("the accusation", "that report"): the
   * latest one reported with a matching verb within a few sentences, else the latest one at all
   * within fewer, never one the claimant itself made, nor a denial.
   */
  statementFor(noun: string | null, sentence: number, claimant: string, sameSentence: readonly Attribution[]): string | null {
    const verbs = noun ? NOUN_VERBS[singular(noun)] : undefined;
    const candidates = [...[...sameSentence].reverse(), ...this.recentAttributions(sentence, LOOKBACK.statementByKind)].filter(
      (a) => a.stance === 'asserts' && a.claimant.name.toLowerCase() !== claimant.toLowerCase(),
    );
    if (verbs) {
      const found = candidates.find((a) => sentence - a.sentence <= LOOKBACK.statementByKind && (verbs.includes(a.lemma) || (verbs.includes('passive') && a.rule === 'passive')));
      if (found) return found.proposition;
    }
    // Any proposition at all only when it could be someone else's: not a quotation in the first person.
    const any = candidates.find((a) => sentence - a.sentence <= LOOKBACK.statement && !(a.quote && /\b(?:we|i|our|us|my)\b/i.test(a.proposition)));
    return any?.proposition ?? null;
  }
}

/** Names inside a phrase besides the one it stands for ("Kim Jong Un" in "the sister of leader Kim Jong Un"). */
function innerNames(text: string, tokens: readonly Token[], span: Span, already: readonly Named[]): Named[] {
  const out: Named[] = [];
  let i = span.start;
  while (i < span.end) {
    const t = tokens[i] as Token;
    if (!t.capital || (i === 0 && COMMON_CAPITALISED.has(t.word))) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < span.end) {
      const next = tokens[j + 1] as Token;
      const current = tokens[j] as Token;
      if (current.possessive && /['’]s$/i.test(current.text)) break;
      if (next.capital) j++;
      else if (['of', 'for'].includes(next.word) && tokens[j + 2]?.capital && j + 2 < span.end) j += 2;
      else break;
    }
    let first = tokens[i] as Token;
    // "South Korean officials", "Foreign experts": an adjective, or a capital that only starts the sentence.
    if (tokens.slice(i, j + 1).some((w) => w.tags.has('Demonym'))) {
      i = j + 1;
      continue;
    }
    if (first.index === 0 && !first.possessive && !first.tags.has('ProperNoun') && !first.tags.has('Person') && !first.tags.has('Place') && !first.tags.has('Organization') && !first.tags.has('Acronym')) {
      if (j === i) {
        i++;
        continue;
      }
      i++;
      while (i < j && ['of', 'for'].includes((tokens[i] as Token).word)) i++;
      first = tokens[i] as Token;
    }
    const last = tokens[j] as Token;
    const end = last.possessive && /['’]s$/i.test(last.text) ? last.end - 2 : last.end;
    const covered = already.some((n) => n.proper && n.start < end && first.start < n.end);
    const words = tokens.slice(i, j + 1);
    const descriptor: string[] = [];
    for (let k = i - 1; k >= span.start && !(tokens[k] as Token).capital && !DROPPED_DETERMINERS.has((tokens[k] as Token).word) && (tokens[k] as Token).word !== 'of'; k--) descriptor.unshift((tokens[k] as Token).word);
    const name = text.slice(first.start, end);
    // "the Russian ambassador", "the Northline fuel pipeline": a lone word before a noun describes it.
    const next = tokens[j + 1];
    if (i === j && j + 1 < span.end && next && !next.capital && next.tags.has('Noun') && !last.possessive && !knownName(name)) {
      i = j + 1;
      continue;
    }
    // "Soviet-era": a name joined to a lower-case word by a hyphen is an adjective.
    const hyphenated = /^-/.test(last.post) && /^\p{Ll}/u.test(tokens[j + 1]?.text ?? '');
    const place = PLACE_BEFORE.test(text.slice(Math.max(0, first.start - 24), first.start));
    let kind = covered || hyphenated ? null : kindOfName(name, words, descriptor, text);
    // An unknown name after "in", "near", "the port of" is a place ("a shopkeeper in São Brás").
    const personByLexicon = words.some((w) => w.tags.has('Person') || w.tags.has('FirstName') || w.tags.has('LastName'));
    if (!covered && !hyphenated && place && !knownName(name) && !words.some((w) => w.tags.has('Date') || CALENDAR.test(w.text)) && (kind === null || (kind === 'person' && !personByLexicon))) kind = 'place';
    // A lone word nothing says is a name may still be a short one ("Meridian's", "Baptiste's").
    const tentative = !kind && !covered && !hyphenated && words.length === 1 && (first.index > 0 || first.possessive) && !words[0]?.tags.has('Date');
    if (tentative) kind = 'organisation';
    if (kind && !words.every((w) => w.tags.has('Date') || w.tags.has('Value'))) {
      out.push({
        name,
        surface: name,
        kind,
        start: first.start,
        end,
        roles: descriptor.length ? [descriptor.at(-1) as string, descriptor.join(' ')] : [],
        gender: null,
        plural: false,
        proper: true,
        quantifier: null,
        acronym: null,
        ...(tentative ? { tentative } : {}),
      });
    }
    i = j + 1;
  }
  return out;
}

/** Words before a name that make an unknown one a place ("the port of Rajin", "near Rzeszów"). */
const PLACE_BEFORE = /(?:\b(?:port|city|town|village|province|region|island|district|capital|county|state) of|\b(?:in|near|outside|towards|at))\s+$/i;

/** Months and weekdays, which the tagger's first pass does not always know as dates. */
const CALENDAR = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

/** Nouns of documents whose author is the claimant ("according to a UN report"). */
const DOCUMENTS = new Set(['report', 'study', 'survey', 'statement', 'document', 'documents', 'data', 'figures', 'estimate', 'estimates', 'assessment', 'analysis', 'filing', 'records', 'findings', 'poll', 'release', 'memo', 'letter', 'review', 'audit', 'investigation', 'indictment', 'complaint', 'lawsuit', 'briefing']);

/** Nouns of the occasion a statement was made on ("in a brief statement", "in an interview"). */
const OCCASIONS = new Set(['statement', 'interview', 'briefing', 'conference', 'letter', 'post', 'speech', 'tweet', 'video', 'broadcast', 'message', 'release', 'rally', 'hearing', 'meeting', 'filing']);

/** Verbs that put their subject after them in news style ("…," said Maria Duarte). */
const INVERTING = new Set(['say', 'tell', 'add', 'write', 'reply', 'insist', 'explain', 'note', 'claim', 'argue', 'warn', 'conclude', 'declare', 'state', 'confirm']);

const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
const REPORTING_GERUND_BEFORE = new Set(['and', 'while', 'before', 'after', 'by', 'when']);

/** A reporting verb or phrase found in a sentence. */
interface Occurrence {
  index: number;
  /** Index just past it: "according to" is two tokens. */
  after: number;
  verb: ReportingVerb & { form?: string };
}

/** A proposition with where it is in the sentence (token range) and whether it is a quotation. */
interface Content {
  proposition: string;
  from: number;
  to: number;
  quote: boolean;
}

/** Finds the attributions of one sentence; `discourse` holds what earlier sentences said. */
export function attributionsIn(discourse: Discourse, index: number, sentence: Sentence, tokens: readonly Token[]): Attribution[] {
  return new SentenceRules(discourse, index, sentence, tokens).run();
}

class SentenceRules {
  readonly found: Attribution[] = [];
  /** Token ranges already read as some attribution's content: a verb inside one is reported speech within it. */
  readonly covered: Span[] = [];
  readonly text: string;

  constructor(
    readonly discourse: Discourse,
    readonly index: number,
    readonly sentence: Sentence,
    readonly tokens: readonly Token[],
  ) {
    this.text = discourse.text;
  }

  run(): Attribution[] {
    if (this.tokens.length === 0) return [];
    const last = this.tokens.at(-1) as Token;
    const question = /\?/.test(last.post) && !quoteAfter(last);
    if (!question) {
      for (const occurrence of this.occurrences()) {
        if (this.isCovered(occurrence.index)) continue;
        try {
          this.attribute(occurrence);
        } catch (e) {
          // A rule that trips over an odd sentence loses that sentence's suggestion, not the source's.
          if (!(e instanceof RangeError)) throw e;
        }
      }
    }
    if (this.found.length === 0) this.continuation();
    return this.found;
  }

  // ── Finding the verbs ──────────────────────────────────────────────────────────────────────

  occurrences(): Occurrence[] {
    const out: Occurrence[] = [];
    this.tokens.forEach((t, i) => {
      if (t.word === 'according' && this.tokens[i + 1]?.word === 'to') {
        out.push({ index: i, after: i + 2, verb: ACCORDING_TO });
        return;
      }
      const lower = t.text.toLowerCase();
      const verb = reportingVerb(lower);
      if (!verb) return;
      // "claims", "estimate", "reports" are nouns too: a verb where the tagger says so, or where a
      // name or a pronoun comes before and "that" after ("Analysts … estimate that …").
      const prevToken = this.tokens[i - 1];
      const verbByPosition = this.tokens[i + 1]?.word === 'that' && prevToken !== undefined && (prevToken.tags.has('Noun') || prevToken.capital) && !prevToken.tags.has('Determiner') && !hasComma(prevToken) && !(prevToken.tags.has('Verb') && !prevToken.tags.has('Noun'));
      if (verb.ambiguous.includes(lower) && !t.tags.has('Verb') && !verbByPosition) return;
      if (t.tags.has('Adjective') && !t.tags.has('Verb')) return;
      const prev = this.tokens[i - 1];
      if (prev && ['the', 'a', 'an', 'its', 'their', 'his', 'her'].includes(prev.word) && !hasComma(prev)) return;
      out.push({ index: i, after: i + 1, verb });
    });
    return out;
  }

  isCovered(i: number): boolean {
    return this.covered.some((s) => i >= s.start && i < s.end);
  }

  // ── One verb ───────────────────────────────────────────────────────────────────────────────

  attribute(occurrence: Occurrence): void {
    const { index: i, verb } = occurrence;
    if (verb === ACCORDING_TO) {
      this.accordingTo(i);
      return;
    }
    // The words between the subject and the verb: auxiliaries, adverbs, a date.
    let j = i - 1;
    let passiveAux: Token | null = null;
    while (j >= 0) {
      const t = this.tokens[j] as Token;
      if (hasComma(t) || hardStopAfter(t)) break;
      if (NEGATORS.has(t.word) || /n['’]t$/.test(t.word)) return;
      if (MODALS.has(t.word)) return;
      if (t.word === 'to') return; // "declined to comment", "expected to say"
      if (BE.has(t.word)) {
        passiveAux ??= t;
        j--;
        continue;
      }
      if (BETWEEN_SUBJECT_AND_VERB.has(t.word) || (t.tags.has('Adverb') && !t.capital)) {
        j--;
        continue;
      }
      if (t.tags.has('Date')) {
        j--;
        if (j >= 0 && ['on', 'in', 'at', 'last', 'this', 'earlier', 'late'].includes((this.tokens[j] as Token).word)) j--;
        continue;
      }
      break;
    }
    const form = (verb as { form?: string }).form;
    if (passiveAux && form === 'past') {
      this.passive(i, j, passiveAux, verb);
      return;
    }
    if (form === 'gerund' && !passiveAux) {
      const prev = this.tokens[i - 1];
      if (!(hasComma(prev) || REPORTING_GERUND_BEFORE.has(prev?.word ?? ''))) return;
      const claimants = this.shared(i);
      if (claimants.length) this.withContent(i, verb, claimants, 'participle', true);
      return;
    }
    const before = this.tokens[j];
    let claimants: Claimant[] = [];
    let subject: Span | null = null;
    let coordinated = false;
    if (before && (before.word === 'and' || before.word === 'but')) {
      claimants = this.shared(i);
      coordinated = true;
    } else if (before && before.word === 'who' && hasComma(this.tokens[j - 1])) {
      const antecedent = this.subjectEndingAt(j - 1);
      if (antecedent) claimants = this.claimantsOf(antecedent.span, antecedent.names, 'relative');
    } else if (this.isInverted(i)) {
      const after = this.subjectAfter(i);
      if (after) {
        claimants = this.claimantsOf(after.span, after.names);
        this.withInvertedContent(i, verb, claimants, after.span);
      }
      return;
    } else {
      const found = this.subjectEndingAt(j);
      if (found) {
        subject = found.span;
        if ((verb.lemma === 'call' || verb.lemma === 'describe') && this.tokens[subject.start - 1]?.word === 'what') {
          this.whatCalled(i, verb, subject, found.names);
          return;
        }
        claimants = this.claimantsOf(found.span, found.names);
      }
    }
    if (claimants.length === 0) return;
    this.withContent(i, verb, claimants, coordinated ? 'clause' : 'clause', coordinated, subject);
  }

  /** Whether nothing but an addressee ("told reporters"), dates and places follow the verb in its clause. */
  endsClause(i: number, verb: ReportingVerb): boolean {
    let k = i + 1;
    if (verb.frame === 'tell') k = phraseStartingAt(this.tokens, k)?.end ?? k;
    k = this.skipAdverbials(k);
    return k >= this.tokens.length || hasComma(this.tokens[k - 1]) || hardStopAfter(this.tokens[k - 1]);
  }

  /** The verb comes right after a quotation or a comma and its subject after it: `"…," said X`. */
  isInverted(i: number): boolean {
    const prev = this.tokens[i - 1];
    const next = this.tokens[i + 1];
    if (!prev || !next) return false;
    if (!INVERTING.has(reportingVerb((this.tokens[i] as Token).text)?.lemma ?? '')) return false;
    if (!(hasComma(prev) || quoteAfter(prev))) return false;
    if (!next.capital && !DROPPED_DETERMINERS.has(next.word)) return false;
    const span = phraseStartingAt(this.tokens, i + 1);
    if (!span || this.names(span).length === 0) return false;
    const after = this.tokens[span.end];
    return after === undefined || hasComma(this.tokens[span.end - 1]) || ['in', 'at', 'on', 'after', 'outside'].includes(after.word);
  }

  // ── Subjects ───────────────────────────────────────────────────────────────────────────────

  /**
   * The subject whose last token is `end` (which may carry a comma): a plain phrase, or one of two
   * phrases in apposition ("Kim Yo Jong, the influential sister of …," / "Its chairman, Tomas
   * Varga,"), the one that is a name winning and the other giving its role; or, before a relative
   * clause ("Dr. Ayesha Malik, who led the trial …,"), the phrase before it.
   */
  subjectEndingAt(end: number): { span: Span; names: Named[] } | null {
    if (end < 0) return null;
    const last = this.tokens[end] as Token;
    if (SUBJECT_PRONOUNS.has(last.word) || (last.word === 'others' && last.capital)) return { span: { start: end, end: end + 1 }, names: [] };
    if (!hasComma(last)) {
      const span = this.extendGerundModifier(phraseEndingAt(this.tokens, end));
      return span ? { span, names: this.names(span) } : null;
    }
    let c = end - 1;
    while (c >= 0 && !hasComma(this.tokens[c]) && !hardStopAfter(this.tokens[c])) c--;
    if (c < 0 || hardStopAfter(this.tokens[c])) {
      const span = phraseEndingAt(this.tokens, end);
      return span ? { span, names: this.names(span) } : null;
    }
    const opener = this.tokens[c + 1] as Token;
    if (['who', 'which', 'whose'].includes(opener.word) || (opener.tags.has('Gerund') && !opener.capital)) {
      return this.subjectEndingAt(c);
    }
    const b = phraseEndingAt(this.tokens, end);
    const a = phraseEndingAt(this.tokens, c);
    if (!b) return a ? { span: a, names: this.names(a) } : null;
    if (!a || b.start !== c + 1) return { span: b, names: this.names(b) };
    const namesA = this.names(a);
    const namesB = this.names(b);
    const proper = (ns: Named[]) => ns.length > 0 && ns.every((n) => n.proper);
    // A list is never an appositive: "Britain, Canada and Australia".
    if (namesA.length > 1) return { span: { start: a.start, end: b.end }, names: [...namesA, ...namesB] };
    if (proper(namesB) && !proper(namesA)) return { span: b, names: withRoles(namesB, this.roleWords(a)) };
    if (namesA.length) return { span: a, names: withRoles(namesA, this.roleWords(b)) };
    return { span: b, names: namesB };
  }

  /** "The union representing the workers": a phrase at the start of the sentence with a participle after it. */
  extendGerundModifier(span: Span | null): Span | null {
    if (!span || span.start < 2) return span;
    const g = this.tokens[span.start - 1] as Token;
    if (!g.tags.has('Gerund') || hasComma(this.tokens[span.start - 2])) return span;
    const head = phraseEndingAt(this.tokens, span.start - 2);
    return head && head.start === 0 ? { start: head.start, end: span.end } : span;
  }

  /** The subject after an inverted verb (`said Nordavia's director, Erik Holm`). */
  subjectAfter(i: number): { span: Span; names: Named[] } | null {
    const a = phraseStartingAt(this.tokens, i + 1);
    if (!a) return null;
    const namesA = this.names(a);
    if (!hasComma(this.tokens[a.end - 1])) return { span: a, names: namesA };
    const b = phraseStartingAt(this.tokens, a.end);
    const bEnds = b && (b.end === this.tokens.length || hasComma(this.tokens[b.end - 1]));
    if (!b || !bEnds) return { span: a, names: namesA };
    const namesB = this.names(b);
    const proper = (ns: Named[]) => ns.length > 0 && ns.every((n) => n.proper);
    if (proper(namesB) && !proper(namesA)) return { span: { start: a.start, end: b.end }, names: withRoles(namesB, this.roleWords(a)) };
    return { span: { start: a.start, end: b.end }, names: withRoles(namesA, this.roleWords(b)) };
  }

  /** The lower-case words of a descriptive phrase up to its head, for roles: "the influential sister of …" → influential, sister. */
  roleWords(span: Span): string[] {
    const words: string[] = [];
    for (let k = span.start; k < span.end; k++) {
      const t = this.tokens[k] as Token;
      if (['of', 'at', 'for', 'in', 'from'].includes(t.word)) break;
      if (DROPPED_DETERMINERS.has(t.word) || t.possessive || t.capital) continue;
      words.push(t.word);
    }
    return words;
  }

  names(span: Span): Named[] {
    const pointer = pointerIn(this.tokens, span);
    if (pointer) return [];
    return namesIn(this.text, this.tokens, span, span.start === 0, this.text);
  }

  /** The claimants a subject phrase stands for: its names, or what its pronoun or description points back to. */
  claimantsOf(span: Span, names: Named[], via: Via = 'name'): Claimant[] {
    const pointer = pointerIn(this.tokens, span);
    if (pointer) return this.discourse.resolve(pointer, this.index, this.found);
    const fromList = names.length > 1;
    return names.map((n) => ({ ...n, via: fromList ? 'name' : via }));
  }

  /** The subject shared by a coordinated or participial verb: the latest claimant of the sentence, else the main clause's subject. */
  shared(i: number): Claimant[] {
    const earlier = this.found.filter((a) => a.clauseStart < (this.tokens[i] as Token).start);
    if (earlier.length) {
      const last = earlier.at(-1) as Attribution;
      const same = earlier.filter((a) => a.verb === last.verb && a.clauseStart === last.clauseStart);
      return same.map((a) => ({ ...a.claimant, via: a.claimant.via === 'name' ? 'shared' : a.claimant.via }));
    }
    // The first finite verb of the sentence and its subject.
    for (let k = 0; k < i; k++) {
      const t = this.tokens[k] as Token;
      if (!t.tags.has('Verb') || t.tags.has('Gerund') || this.tokens[k - 1]?.word === 'to' || t.capital) continue;
      let j = k - 1;
      while (j >= 0 && (BETWEEN_SUBJECT_AND_VERB.has((this.tokens[j] as Token).word) || (this.tokens[j] as Token).tags.has('Adverb') || (this.tokens[j] as Token).tags.has('Date') || ['on', 'in'].includes((this.tokens[j] as Token).word)) && !hasComma(this.tokens[j])) j--;
      const found = this.subjectEndingAt(j);
      if (!found) return [];
      return this.claimantsOf(found.span, found.names).map((c) => ({ ...c, via: c.via === 'name' ? 'shared' : c.via }));
    }
    return [];
  }

  // ── Content ────────────────────────────────────────────────────────────────────────────────

  /**
   * Finds the content of a verb whose subject is known, by its frame, and records the attribution
   * for each claimant.
   */
  withContent(i: number, verb: ReportingVerb, claimants: Claimant[], rule: Rule, coordinated: boolean, subject: Span | null = null): void {
    const claimant = claimants[0] as Claimant;
    let content: Content | null = null;
    let stance = verb.stance;
    let ruleUsed: Rule = rule;
    switch (verb.frame) {
      case 'accuse':
        content = this.accused(i + 1);
        ruleUsed = 'accuse';
        break;
      case 'blame':
        content = this.blamed(i + 1);
        ruleUsed = 'blame';
        break;
      case 'attribute':
        content = this.attributed(i + 1);
        ruleUsed = 'attribute';
        break;
      case 'call': {
        const called = this.called(i, claimant);
        if (called) {
          content = called.content;
          stance = called.stance;
        }
        ruleUsed = 'call';
        break;
      }
      case 'intransitive': {
        const proposition = this.discourse.statementFor(null, this.index, claimant.name, this.found);
        if (proposition) content = { proposition, from: i + 1, to: this.clauseEnd(i + 1), quote: false };
        ruleUsed = 'intransitive';
        break;
      }
      default: {
        content = this.contentAfter(i, verb);
        if (!content && verb.takesObject) {
          content = this.objectOf(i, verb, claimant);
          if (content) ruleUsed = 'object';
        }
        // "P, officials said (on Monday)." — the verb ends its clause: only an addressee, a date or
        // a place may follow, not an object ("…, rejected calls for his resignation").
        if (!content && subject && this.endsClause(i, verb)) {
          const before = this.contentBefore(subject);
          if (before) {
            const rest = hasComma(this.tokens[i]) ? this.bareClause(i + 1) : null;
            if (rest) {
              content = { proposition: statement(`${this.slice(before.from, before.to)} ${this.slice(rest.from, rest.to)}`), from: before.from, to: rest.to, quote: before.quote };
              ruleUsed = 'parenthetical';
            } else {
              content = before;
              ruleUsed = 'trailing';
            }
          }
        }
      }
    }
    if (!content || !content.proposition) return;
    if (content.quote && stance === 'asserts' && dismisses(this.slice(content.from, content.to))) {
      const accused = this.discourse.statementFor('accusation', this.index, claimant.name, this.found);
      if (accused && this.recentAccusation()) {
        content = { ...content, proposition: accused };
        stance = 'denies';
      }
    }
    this.record(i, i + 1, verb, stance, claimants, content, ruleUsed, coordinated, subject);
  }

  /** Content of an inverted verb: what comes before it (`"Q," said X` / `P, said X`). */
  withInvertedContent(i: number, verb: ReportingVerb, claimants: Claimant[], subject: Span): void {
    if (claimants.length === 0) return;
    const from = this.firstUncovered();
    if (from >= i) return;
    const quote = quoteBefore(this.tokens[from]) && quoteAfter(this.tokens[i - 1]);
    const content: Content = { proposition: statement(this.slice(from, i)), from, to: i, quote };
    this.record(i, subject.end, verb, verb.stance, claimants, content, 'trailing', false, subject);
  }

  /** The first token not part of an earlier attribution's clause in this sentence. */
  firstUncovered(): number {
    let from = 0;
    for (const a of this.found) {
      const k = this.tokens.findIndex((t) => t.start >= a.clauseEnd);
      if (k > from) from = k;
    }
    return from;
  }

  /**
   * What follows the verb: after "told", the addressee; then dates and places skipped when a
   * that-clause or a quotation follows them; then a quotation, a that-clause or a bare clause
   * (which must have a finite verb: "suggested a compromise" reports no proposition).
   */
  contentAfter(i: number, verb: ReportingVerb): Content | null {
    let k = i + 1;
    const first = this.tokens[k];
    if (!first) return null;
    // "The talks, diplomats said, are likely …": a comma right after the verb ends its clause.
    if (hasComma(this.tokens[i]) && !quoteBefore(first)) return null;
    if (quoteBefore(first) && !/[a-z]/.test(first.pre.replace(/["“\s]/g, ''))) {
      const quoted = this.quotation(k);
      if (quoted) return quoted;
    }
    // "told a crowd outside the port gates that …", "said on Tuesday that …", "said in a statement that …".
    const opensOccasion = first.tags.has('Preposition') || first.tags.has('Date') || first.tags.has('Adverb') || ['on', 'in', 'at', 'late', 'earlier', 'last'].includes(first.word);
    if (verb.frame === 'tell' || opensOccasion) {
      for (let m = k; m < Math.min(this.tokens.length, k + 12); m++) {
        const t = this.tokens[m] as Token;
        if (t.word === 'that' && m > k) {
          const to = this.clauseEnd(m + 1);
          if (this.hasFiniteVerb(m + 1, to) && this.bareClause(m + 1)) return { proposition: statement(this.slice(m + 1, to)), from: m + 1, to, quote: false };
          break;
        }
        if (hasComma(t) || hardStopAfter(t) || (m > k && quoteBefore(t)) || SUBJECT_PRONOUNS.has(t.word)) break;
      }
    }
    if (verb.frame === 'tell') {
      const addressee = phraseStartingAt(this.tokens, k);
      if (addressee) k = addressee.end;
      else return null;
    }
    const skipped = this.skipAdverbials(k);
    const at = this.tokens[skipped];
    if (skipped >= this.tokens.length || (at && (at.word === 'that' || quoteBefore(at))) || (at && CLAUSE_OPENERS.has(at.word) && verb.frame === 'tell')) k = skipped;
    const t = this.tokens[k];
    if (!t) return null;
    if (hasComma(this.tokens[k - 1]) && k - 1 > i) return null;
    if (t.word === 'that' && this.hasFiniteVerb(k + 1, this.clauseEnd(k + 1))) {
      const to = this.clauseEnd(k + 1);
      return { proposition: statement(this.slice(k + 1, to)), from: k + 1, to, quote: false };
    }
    if (quoteBefore(t)) {
      const quoted = this.quotation(k);
      if (quoted) return quoted;
    }
    if (verb.frame === 'tell' && !(CLAUSE_OPENERS.has(t.word) || t.tags.has('Determiner') || t.capital || t.tags.has('Noun'))) return null;
    return this.bareClause(k);
  }

  /** A clause that starts at token k: to the end of the clause, if it has a finite verb. */
  bareClause(k: number): Content | null {
    if (k >= this.tokens.length) return null;
    const to = this.clauseEnd(k);
    if (to <= k || !this.hasFiniteVerb(k, to)) return null;
    // It must start with its subject and the subject's verb: "the shipments may have included …",
    // not "claims that …" (a noun phrase, read by objectOf) nor "a compromise to end the strike".
    const first = this.tokens[k] as Token;
    if (first.tags.has('Preposition')) return null;
    // The tagger takes some plural nouns for verbs ("supplies had returned"): a verb right after settles it.
    const second = this.tokens[k + 1];
    const nounAfterAll =
      first.tags.has('Verb') &&
      !first.tags.has('Copula') &&
      !first.tags.has('Auxiliary') &&
      !first.tags.has('Modal') &&
      !first.tags.has('Gerund') &&
      !first.tags.has('PastTense') &&
      ((second?.tags.has('Verb') ?? false) || ((second?.tags.has('Noun') ?? false) && !second?.tags.has('Pronoun') && !second?.tags.has('Determiner')));
    if (first.tags.has('Verb') && !first.tags.has('Noun') && !first.capital && !nounAfterAll) {
      if (!first.tags.has('Copula') && !first.tags.has('Auxiliary') && !first.tags.has('Modal')) return null;
    } else {
      const subject = nounAfterAll ? { start: k, end: (second?.tags.has('Noun') ? phraseStartingAt(this.tokens, k + 1, { stopAtComma: false })?.end : undefined) ?? k + 1 } : SUBJECT_PRONOUNS.has(first.word) || ['we', 'i', 'you', 'there'].includes(first.word) ? { start: k, end: k + 1 } : phraseStartingAt(this.tokens, k, { stopAtComma: false });
      if (!subject) return null;
      let v = subject.end;
      while (this.tokens[v] && (this.tokens[v]?.tags.has('Adverb') || NEGATORS.has(this.tokens[v]?.word ?? '')) && !this.tokens[v]?.tags.has('Verb')) v++;
      const verb = this.tokens[v];
      if (!verb || !verb.tags.has('Verb') || verb.tags.has('Gerund') || this.tokens[v - 1]?.word === 'that') return null;
    }
    return { proposition: statement(this.slice(k, to)), from: k, to, quote: false };
  }

  /** A quotation opening at token k: its words up to the closing mark. */
  quotation(k: number): Content | null {
    let to = k;
    while (to < this.tokens.length && !quoteAfter(this.tokens[to])) to++;
    if (to >= this.tokens.length) return null;
    return { proposition: statement(this.slice(k, to + 1)), from: k, to: to + 1, quote: true };
  }

  /** Dates, adverbs and prepositional phrases of place and occasion ("on Tuesday", "in a statement", "at a rally in the capital"). */
  skipAdverbials(k: number): number {
    let at = k;
    for (;;) {
      const t = this.tokens[at];
      if (!t) return at;
      if (hasComma(this.tokens[at - 1]) && at > k) return at;
      const modifiesNext = this.tokens[at + 1]?.tags.has('Noun') ?? false;
      if ((t.tags.has('Adverb') && !t.capital && t.word !== 'that' && !modifiesNext) || t.tags.has('Date')) {
        at++;
        continue;
      }
      if (['on', 'in', 'at', 'last', 'this', 'earlier', 'late'].includes(t.word) && this.tokens[at + 1]?.tags.has('Date')) {
        at += 2;
        continue;
      }
      if (['on', 'in', 'at', 'to', 'during', 'via', 'from', 'outside', 'after', 'before', 'through', 'with'].includes(t.word)) {
        const np = phraseStartingAt(this.tokens, at + 1);
        if (np) {
          at = np.end;
          continue;
        }
      }
      return at;
    }
  }

  /**
   * Where a clause that starts at `from` ends: at a semicolon, colon or dash; before "and"/"but"
   * followed by another reporting verb; before ", saying/adding…", ", according to",
   * ", although/while/but"; at the end of the sentence.
   */
  clauseEnd(from: number): number {
    for (let k = from + 1; k < this.tokens.length; k++) {
      const t = this.tokens[k] as Token;
      const prev = this.tokens[k - 1] as Token;
      if (/[;:]/.test(prev.post) || /\s[—–]\s|[—–]/.test(prev.post)) return k;
      if ((t.word === 'and' || t.word === 'but') && this.reportingAhead(k + 1)) return k;
      if (hasComma(prev)) {
        const v = reportingVerb(t.text.toLowerCase());
        if (v && v.form === 'gerund') return k;
        if (t.word === 'according' && this.tokens[k + 1]?.word === 'to') return k;
        if (['although', 'though', 'while', 'whereas', 'but'].includes(t.word)) return k;
      }
    }
    return this.tokens.length;
  }

  /** Whether a reporting verb comes at k, after adverbs. */
  reportingAhead(k: number): boolean {
    let at = k;
    while (at < this.tokens.length && (BETWEEN_SUBJECT_AND_VERB.has((this.tokens[at] as Token).word) || (this.tokens[at] as Token).tags.has('Adverb'))) at++;
    const t = this.tokens[at];
    return t !== undefined && reportingVerb(t.text.toLowerCase()) !== undefined && t.tags.has('Verb');
  }

  hasFiniteVerb(from: number, to: number): boolean {
    for (let k = from; k < to; k++) {
      const t = this.tokens[k] as Token;
      if (!t.tags.has('Verb') || t.capital) continue;
      if (t.tags.has('Gerund') && !BE.has(this.tokens[k - 1]?.word ?? '')) continue;
      if (this.tokens[k - 1]?.word === 'to') continue;
      if (t.tags.has('Infinitive') && !t.tags.has('PresentTense') && !MODALS.has(this.tokens[k - 1]?.word ?? '')) continue;
      return true;
    }
    return false;
  }

  /** Content before the subject: `P, officials said` or `"Q," chief executive Marta Lindqvist told reporters`. */
  contentBefore(subject: Span): Content | null {
    const b = subject.start - 1;
    const t = this.tokens[b];
    if (!t || !(hasComma(t) || quoteAfter(t))) return null;
    const from = this.firstUncovered();
    if (from > b) return null;
    const quote = quoteBefore(this.tokens[from]) && quoteAfter(t);
    return { proposition: statement(this.slice(from, b + 1)), from, to: b + 1, quote };
  }

  // ── Frames ─────────────────────────────────────────────────────────────────────────────────

  /** "accused Y of V-ing Z" → "Y V-ed Z"; "accused Y of NP" → "Y committed NP". */
  accused(k: number, object?: string): Content | null {
    let at = k;
    let target = object;
    if (target === undefined) {
      const y = phraseStartingAt(this.tokens, k);
      if (!y) return null;
      // "North Korea of shipping shells": the phrase reads "of shipping" as part of a name; the deed starts there.
      let end = y.end;
      for (let n = y.start + 1; n < y.end - 1; n++) {
        if ((this.tokens[n] as Token).word === 'of' && this.isDeedGerund(n + 1)) {
          end = n;
          break;
        }
      }
      target = this.slice(y.start, end);
      at = end;
    }
    at = this.skipDates(at);
    if (this.tokens[at]?.word !== 'of') return null;
    return this.deed(target, at + 1, 'committed');
  }

  /** What someone did, from "of/for V-ing …" or "of/for NP": "North Korea sent …", "The company was responsible for …". */
  deed(subject: string, at: number, withNoun: string): Content | null {
    const g = this.tokens[at];
    if (!g) return null;
    const to = this.clauseEnd(at);
    if (this.isDeedGerund(at)) {
      // "of funding, arming and training the militia": each verb of the list in the past.
      let last = at;
      let verbs = '';
      for (;;) {
        const t = this.tokens[last] as Token;
        const joiner = this.tokens[last + 1];
        const listed = hasComma(t) && !hardStopAfter(t) ? last + 1 : joiner && ['and', 'or'].includes(joiner.word) ? last + 2 : -1;
        const next = listed > 0 ? this.tokens[listed] : undefined;
        if (!next || listed >= to || !/ing$/.test(next.word) || !verbalGerund(next)) break;
        verbs += `${conjugate(t.word).past}${listed === last + 1 ? ',' : ` ${(joiner as Token).word}`} `;
        last = listed;
      }
      const lastVerb = (this.tokens[last] as Token).text;
      return { proposition: didWhat(subject.replace(/[,\s]+$/, ''), lastVerb, this.slice(last + 1, to), verbs), from: at, to, quote: false };
    }
    return { proposition: statement(`${subject} ${withNoun} ${this.slice(at, to)}`), from: at, to, quote: false };
  }

  /** Whether the word at k, right after "of"/"for", is a verb's -ing form heading a deed ("of shipping shells", "for hacking the pipeline"), not a noun ("of the shipping"). */
  isDeedGerund(k: number): boolean {
    const g = this.tokens[k];
    if (!g || !verbalGerund(g)) return false;
    if (g.tags.has('Gerund') || g.tags.has('Verb')) return true;
    // After "of" (accused Y of …) a deed is what Y did: "of smuggling" → "Y smuggled". After "for" a
    // noun-tagged -ing word is a verb only when what it acts on follows ("for flooding the valley",
    // not "for flooding in the valley": the noun reads better there).
    if (this.tokens[k - 1]?.word === 'of') return true;
    const next = this.tokens[k + 1];
    return next !== undefined && !hardStopAfter(g) && !hasComma(g) && isNounish(next, this.tokens[k + 2]) && !next.tags.has('Date');
  }

  skipDates(k: number): number {
    let at = k;
    while (this.tokens[at] && (this.tokens[at]?.tags.has('Date') || ['on', 'in', 'last', 'this'].includes(this.tokens[at]?.word ?? '') && this.tokens[at + 1]?.tags.has('Date'))) at++;
    return at;
  }

  /** "blamed Y for V-ing/NP" → what Y did; "blamed NP on Y" → "Y was responsible for NP". */
  blamed(k: number, object?: string): Content | null {
    let at = k;
    let target = object;
    if (target === undefined) {
      const y = phraseStartingAt(this.tokens, k, { stopAtComma: true });
      if (!y) return null;
      // "for" joins noun phrases elsewhere; here it introduces what Y is blamed for.
      let end = y.end;
      for (let n = y.start; n < y.end; n++) if ((this.tokens[n] as Token).word === 'for') end = n;
      target = this.slice(y.start, end);
      at = end;
    }
    at = this.skipDates(at);
    const word = this.tokens[at]?.word;
    if (word === 'for') return this.deed(target, at + 1, 'was responsible for');
    if (word === 'on') {
      const to = this.clauseEnd(at + 1);
      return { proposition: statement(`${this.slice(at + 1, to)} was responsible for ${lowerFirst(target, /^\p{Lu}/u.test(target) && !/^(the|a|an) /i.test(target))}`), from: at + 1, to, quote: false };
    }
    return null;
  }

  /** "attributed NP to Y" → "Y was responsible for NP" (an embedded "they said" read as "that"). */
  attributed(k: number): Content | null {
    const to = this.clauseEnd(k);
    let toIndex = -1;
    for (let n = k + 1; n < to; n++) if ((this.tokens[n] as Token).word === 'to') {
      toIndex = n;
      break;
    }
    if (toIndex < 0) return null;
    const what = this.slice(k, toIndex);
    const who = this.slice(toIndex + 1, to).replace(/\b(?:they|he|she|it|officials|experts)\s+(?:said|say|says|believe|believed)\s+/i, 'that ');
    // The verb inside is part of this content, not another attribution.
    return { proposition: statement(`${who} was responsible for ${lowerFirst(what, false)}`), from: k, to, quote: false };
  }

  /**
   * "called Y Z" / "described Y as Z": "Y is Z"; a denial when Z dismisses and Y is a statement
   * ("called the accusation absurd"): then the proposition is what Y referred to.
   */
  called(i: number, claimant: Claimant): { content: Content; stance: Stance } | null {
    const next = this.tokens[i + 1];
    if (!next || ['for', 'on', 'off', 'up', 'in', 'back', 'out', 'it', 'him', 'her', 'them'].includes(next.word)) return null;
    const y = phraseStartingAt(this.tokens, i + 1);
    if (!y) return null;
    let yEnd = y.end;
    // "called the accusation absurd": an adjective at the end is what it is called.
    const lastY = this.tokens[yEnd - 1] as Token;
    if (yEnd - y.start >= 2 && lastY.tags.has('Adjective') && !lastY.tags.has('Noun')) yEnd--;
    let zStart = yEnd;
    if (['as'].includes(this.tokens[zStart]?.word ?? '')) zStart++;
    const to = this.clauseEnd(zStart);
    if (to <= zStart) return null;
    const object = this.slice(y.start, yEnd);
    const predicate = this.slice(zStart, to);
    const head = (this.tokens[yEnd - 1] as Token).word;
    if (dismisses(predicate) && STATEMENT_NOUNS.has(head)) {
      const referred = this.discourse.statementFor(head, this.index, claimant.name, this.found);
      const proposition = referred ?? statement(`${object} ${be(object)} true`);
      return { content: { proposition, from: i + 1, to, quote: quoteBefore(this.tokens[zStart]) }, stance: 'denies' };
    }
    return { content: { proposition: statement(`${lowerFirst(object, false)} ${be(object)} ${predicate}`), from: i + 1, to, quote: quoteBefore(this.tokens[zStart]) }, stance: 'asserts' };
  }

  /** "carrying what it called a reconnaissance satellite": the clause without "what it called" is what it claims. */
  whatCalled(i: number, verb: ReportingVerb, subject: Span, names: Named[]): void {
    const claimants = this.claimantsOf(subject, names);
    if (!claimants.length) return;
    const what = subject.start - 1;
    const from = this.firstUncovered();
    const to = this.clauseEnd(i + 1);
    const proposition = statement(`${this.slice(from, what)} ${this.slice(i + 1, to)}`);
    this.record(i, i + 1, verb, 'asserts', claimants, { proposition, from, to, quote: false }, 'what-called', false, subject);
  }

  /**
   * A noun phrase as content ("denied the report", "maintained his innocence", "reported dozens
   * of dead fish"). For a denial it must stand for a statement, or for something done ("any
   * wrongdoing"), else it is a refusal ("rejected calls for his resignation") and attributes nothing.
   */
  objectOf(i: number, verb: ReportingVerb, claimant: Claimant): Content | null {
    const k = this.skipAdverbials(i + 1);
    const g = this.tokens[k];
    if (!g) {
      return null;
    }
    const to = this.clauseEnd(k);
    if (g.tags.has('Gerund') || (/ing$/.test(g.word) && g.tags.has('Verb') && !g.tags.has('Noun'))) {
      return { proposition: didWhat(asSubject(claimant.name, claimant.kind, claimant.proper), g.text, this.slice(k + 1, to)), from: k, to, quote: false };
    }
    const np = phraseStartingAt(this.tokens, k);
    if (!np) return null;
    let headAt = np.end - 1;
    for (let n = np.start + 1; n < np.end; n++) {
      if (['of', 'for', 'in', 'from', 'at', 'on', 'with', 'to'].includes((this.tokens[n] as Token).word)) {
        headAt = n - 1;
        break;
      }
    }
    const head = (this.tokens[headAt] as Token).word;
    const after = this.tokens[np.end];
    // "claims that P", "suggestions that P".
    if (after?.word === 'that' && STATEMENT_NOUNS.has(head)) {
      const end = this.clauseEnd(np.end + 1);
      if (this.hasFiniteVerb(np.end + 1, end)) return { proposition: statement(this.slice(np.end + 1, end)), from: np.end + 1, to: end, quote: false };
    }
    const phrase = this.slice(np.start, np.end);
    if (verb.stance === 'denies') {
      if (['it', 'this', 'that', 'them', 'these'].includes(g.word) && np.end - np.start === 1) {
        const referred = this.discourse.statementFor(null, this.index, claimant.name, this.found);
        return referred ? { proposition: referred, from: k, to, quote: false } : null;
      }
      if (STATEMENT_NOUNS.has(head)) {
        const referred = this.discourse.statementFor(head, this.index, claimant.name, this.found);
        const proposition = referred ?? statement(`${phrase} ${be(phrase)} true`);
        return { proposition, from: k, to, quote: false };
      }
      const deed = WRONGDOING[head];
      if (deed) {
        // "in the attack" belongs to the deed; "in a brief statement" is where it was denied.
        const restTokens = this.tokens.slice(headAt + 1, np.end);
        const rest = restTokens.some((t) => OCCASIONS.has(t.word)) ? '' : this.slice(headAt + 1, np.end);
        return { proposition: statement(deed(asSubject(claimant.name, claimant.kind, claimant.proper), rest ? ` ${rest}` : '')), from: k, to, quote: false };
      }
      return null;
    }
    if (/^(?:his|her|their|its) innocence$/i.test(phrase)) {
      return { proposition: statement(`${asSubject(claimant.name, claimant.kind, claimant.proper)} ${claimant.plural ? 'are' : 'is'} innocent`), from: k, to, quote: false };
    }
    // Something reported as there: "reported dozens of dead fish", "noted long queues in several cities".
    const determiner = (this.tokens[np.start] as Token).word;
    if (['the', 'this', 'that', 'these', 'those', 'his', 'her', 'its', 'their'].includes(determiner)) return null;
    const thing = this.slice(np.start, to);
    return { proposition: statement(`there ${be(this.slice(np.start, headAt + 1), true)} ${thing}`), from: k, to, quote: false };
  }

  // ── Passives ───────────────────────────────────────────────────────────────────────────────

  /**
   * "It was reported (by X) that P"; "X was said (by Y) to be …"; "Y was accused by X of …",
   * "That assurance was contested by X". An agentless passive of anything else ("was told to
   * leave", "was denied entry") attributes nothing.
   */
  passive(i: number, j: number, aux: Token, verb: ReportingVerb): void {
    const participle = this.tokens[i] as Token;
    let at = i + 1;
    let agent: Claimant[] = [];
    let agentEnd = i + 1;
    if (this.tokens[at]?.word === 'by') {
      const found = this.agentAt(at + 1);
      if (!found) return;
      agent = found.claimants;
      at = found.end;
      agentEnd = found.end;
    }
    const subjectToken = this.tokens[j];
    const unnamed = (): Claimant[] => [
      { name: UNNAMED, surface: '', kind: 'group', start: participle.start, end: participle.end, roles: [], gender: null, plural: true, proper: false, quantifier: null, acronym: null, via: 'unnamed' },
    ];
    const verbText = (from: number) => this.text.slice((this.tokens[from] as Token).start, participle.end).toLowerCase();
    // It was reported that …
    if (subjectToken?.word === 'it' && PASSIVE_REPORTING.has(participle.word) && this.tokens[at]?.word === 'that') {
      const to = this.clauseEnd(at + 1);
      if (!this.hasFiniteVerb(at + 1, to)) return;
      const content: Content = { proposition: statement(this.slice(at + 1, to)), from: at + 1, to, quote: false };
      this.record(i, agentEnd, { ...verb, lemma: verb.lemma }, 'asserts', agent.length ? agent : unnamed(), content, 'passive', false, { start: j, end: j + 1 }, verbText(j));
      return;
    }
    const subject = this.subjectEndingAt(j);
    if (!subject) return;
    const subjectText = this.slice(subject.span.start, subject.span.end);
    // X was said to be …
    if (PASSIVE_REPORTING.has(participle.word) && this.tokens[at]?.word === 'to') {
      const to = this.clauseEnd(at + 1);
      if (to <= at + 1) return;
      const content: Content = { proposition: raised(subjectText, aux.word, this.slice(at + 1, to)), from: subject.span.start, to, quote: false };
      this.record(i, agentEnd, verb, 'asserts', agent.length ? agent : unnamed(), content, 'raising', false, subject.span, `${aux.word} ${participle.word} to`);
      return;
    }
    if (agent.length === 0) return;
    // Y was accused by X of …; that assurance was contested by X.
    let content: Content | null = null;
    if (verb.frame === 'accuse') content = this.accused(at, subjectText);
    else if (verb.frame === 'blame') content = this.blamed(at, subjectText);
    else if (verb.stance === 'denies') {
      const head = (this.tokens[subject.span.end - 1] as Token).word;
      if (STATEMENT_NOUNS.has(head)) {
        const referred = this.discourse.statementFor(head, this.index, (agent[0] as Claimant).name, this.found);
        content = { proposition: referred ?? statement(`${subjectText} ${be(subjectText)} true`), from: subject.span.start, to: agentEnd, quote: false };
      }
    }
    if (!content) return;
    this.record(i, agentEnd, verb, verb.stance, agent, content, 'passive', false, subject.span, `${aux.word} ${participle.word} by`);
  }

  /** The agent after "by", with an appositive name ("by an independent researcher, Tom Fielding,"). */
  agentAt(k: number): { claimants: Claimant[]; end: number } | null {
    const a = phraseStartingAt(this.tokens, k);
    if (!a) return null;
    let span = a;
    let names = this.names(a);
    if (hasComma(this.tokens[a.end - 1])) {
      const b = phraseStartingAt(this.tokens, a.end);
      if (b) {
        const namesB = this.names(b);
        if (namesB.length && namesB.every((n) => n.proper) && !names.every((n) => n.proper)) {
          names = withRoles(namesB, this.roleWords(a));
          span = { start: a.start, end: b.end };
        }
      }
    }
    const claimants = this.claimantsOf(span, names);
    return claimants.length ? { claimants, end: span.end } : null;
  }

  // ── Phrases and quotations ─────────────────────────────────────────────────────────────────

  /**
   * "According to X, P" and "P, according to X". When P is already someone's attributed content
   * in this sentence, X is the intermediary that reports it (labelled so in the evaluation set),
   * not another claimant.
   */
  accordingTo(i: number): void {
    const np = phraseStartingAt(this.tokens, i + 2);
    if (!np) return;
    let span: Span = np;
    let names = this.names(np);
    // An appositive after the name: "According to Henrik Dahl, an economist at …, at least …".
    if (hasComma(this.tokens[np.end - 1])) {
      const b = phraseStartingAt(this.tokens, np.end);
      if (b && hasComma(this.tokens[b.end - 1]) && !this.hasFiniteVerb(b.start, b.end)) {
        names = withRoles(names, this.roleWords(b));
        span = { start: np.start, end: b.end };
      }
    }
    let claimants = this.claimantsOf(span, names);
    // "According to a UN report", "according to a statement by the ministry": who wrote it.
    if (claimants.length === 0) {
      const author = this.authorOf(span);
      claimants = author.claimants;
      span = { start: span.start, end: author.end };
    }
    if (claimants.length === 0) return;
    let content: Content | null = null;
    if (i > 0 && hasComma(this.tokens[i - 1])) {
      if (this.found.length > 0) return; // an intermediary
      const from = this.firstUncovered();
      // "The army's assessment, according to officials, is that …": the words on both sides.
      const rest = hasComma(this.tokens[span.end - 1]) && span.end < this.tokens.length ? this.clauseEnd(span.end) : span.end;
      const after = rest > span.end ? ` ${this.slice(span.end, rest)}` : '';
      if (from < i) content = { proposition: statement(`${this.slice(from, i)}${after}`), from, to: Math.max(i, rest), quote: false };
    } else if (hasComma(this.tokens[span.end - 1])) {
      const to = this.clauseEnd(span.end);
      if (this.hasFiniteVerb(span.end, to)) content = { proposition: statement(this.slice(span.end, to)), from: span.end, to, quote: false };
    }
    if (!content) return;
    this.record(i, i + 2, ACCORDING_TO, 'asserts', claimants, content, 'according-to', false, span, 'according to');
  }

  /**
   * The author of a document a phrase names: "a UN report" → the UN; "a statement by the
   * ministry", "the ministry's assessment" → the ministry. Nobody for "a statement posted on its
   * website" (its author is named elsewhere) or "satellite images".
   */
  authorOf(span: Span): { claimants: Claimant[]; end: number } {
    const none = { claimants: [], end: span.end };
    const words = this.tokens.slice(span.start, span.end);
    const headAt = words.findIndex((t) => DOCUMENTS.has(t.word));
    if (headAt < 0) return none;
    const afterAt = span.start + headAt + 1;
    const after = this.tokens[afterAt];
    if (after && ['by', 'from', 'of'].includes(after.word) && !hasComma(this.tokens[afterAt - 1])) {
      const np = phraseStartingAt(this.tokens, afterAt + 1);
      if (np) return { claimants: this.claimantsOf(np, this.names(np)), end: np.end };
    }
    for (let k = 0; k < headAt; k++) {
      const t = words[k] as Token;
      if (!t.capital && !t.possessive) continue;
      let end = k;
      while (end + 1 < headAt && ((words[end + 1] as Token).capital || (t.possessive && false))) end++;
      const sub = { start: span.start + k, end: span.start + end + 1 };
      const found = this.names(sub);
      if (found.length) return { claimants: this.claimantsOf(sub, found), end: span.end };
      if (t.possessive) {
        const owner = phraseEndingAt(this.tokens, span.start + k);
        if (owner) return { claimants: this.claimantsOf(owner, this.names(owner)), end: span.end };
      }
    }
    return none;
  }

  /** A sentence that is only a quotation, after one quoting a speaker: that speaker's words too. */
  continuation(): void {
    const first = this.tokens[0] as Token;
    const last = this.tokens.at(-1) as Token;
    if (!quoteBefore(first) || !quoteAfter(last)) return;
    const previous = this.discourse.recentAttributions(this.index, 1);
    if (previous.length !== 1) return;
    const p = previous[0] as Attribution;
    if (!p.quote) return;
    const content: Content = { proposition: statement(this.slice(0, this.tokens.length)), from: 0, to: this.tokens.length, quote: true };
    this.found.push({
      sentence: this.index,
      claimant: { ...p.claimant, via: 'shared' },
      verb: p.verb,
      lemma: p.lemma,
      stance: 'asserts',
      hedge: p.hedge,
      proposition: content.proposition,
      clauseStart: this.sentence.start,
      clauseEnd: this.sentence.end,
      rule: 'continuation',
      quote: true,
      fromList: false,
      coordinated: false,
    });
  }

  /** Whether an accusation was reported in the last few sentences: a dismissive quotation then denies it. */
  recentAccusation(): boolean {
    return this.discourse.recentAttributions(this.index, LOOKBACK.statement).some((a) => ['accuse', 'allege', 'charge', 'blame', 'attribute'].includes(a.lemma));
  }

  // ── Recording ──────────────────────────────────────────────────────────────────────────────

  record(i: number, verbEnd: number, verb: ReportingVerb, stance: Stance, claimants: Claimant[], content: Content, rule: Rule, coordinated: boolean, subject: Span | null, verbText?: string): void {
    if (!content.proposition || content.proposition.length < 3) return;
    this.covered.push({ start: content.from, end: content.to });
    const t = this.tokens[i] as Token;
    const starts = [t.start, (this.tokens[content.from] as Token | undefined)?.start ?? t.start];
    if (subject) starts.push((this.tokens[subject.start] as Token).start);
    const lastContent = this.tokens[Math.max(content.to, verbEnd) - 1] as Token;
    let end = Math.max(lastContent.end, t.end);
    // A closing quotation mark belongs to the clause.
    const closing = /^[^\S\n]*[.,!?]?["”]/.exec(lastContent.post);
    if (closing) end = lastContent.end + closing[0].length;
    const fromList = claimants.length > 1;
    for (const claimant of claimants) {
      this.found.push({
        sentence: this.index,
        claimant,
        verb: verbText ?? t.text.toLowerCase(),
        lemma: verb.lemma,
        stance,
        hedge: verb.hedge,
        proposition: content.proposition,
        clauseStart: Math.min(...starts),
        clauseEnd: Math.min(end, this.sentence.end),
        rule,
        quote: content.quote,
        fromList,
        coordinated,
      });
    }
  }

  slice(from: number, to: number): string {
    if (to <= from) return '';
    const a = this.tokens[from] as Token;
    const b = this.tokens[to - 1] as Token;
    return this.text.slice(a.start, Math.max(a.start, b.end));
  }
}

/** Whether words dismiss what they describe ("the most absurd paradox", "fantasies without a shred of evidence"). */
function dismisses(words: string): boolean {
  const lower = words.toLowerCase();
  return lower.split(/[^\p{L}]+/u).some((w) => DISMISSIVE.has(w)) || DISMISSIVE_PHRASES.some((r) => r.test(lower));
}

function withRoles(names: Named[], words: string[]): Named[] {
  if (names.length !== 1 || words.length === 0) return names;
  const n = names[0] as Named;
  const head = words.findLast((w) => PERSON_ROLES.has(w)) ?? (words.at(-1) as string);
  const roles = [...new Set([...n.roles, head, words.join(' ')])];
  const female = words.some((w) => ['sister', 'spokeswoman', 'chairwoman', 'wife', 'mother', 'daughter', 'queen'].includes(w));
  const male = words.some((w) => ['brother', 'spokesman', 'husband', 'father', 'son', 'king'].includes(w));
  // "The regional airport operator, Nordavia": the description says what the name is.
  const described = ['operator', 'company', 'firm', 'group', 'retailer', 'lender', 'maker', 'carrier', 'insurer', 'airline', 'manufacturer', 'producer', 'regulator', 'agency', 'union'].includes(head) ? 'organisation' : PERSON_ROLES.has(head) ? 'person' : null;
  const kind = described && n.proper && n.kind !== described && !(n.kind === 'state' && knownName(n.name)) ? described : n.kind;
  return [{ ...n, kind, roles, gender: n.gender ?? (female ? 'f' : male ? 'm' : null) }];
}

