// The suggester: reads a source's text once and proposes who claims what (attributed statements
// with their excerpts) and the entities it names. Pure and synchronous: runs in a worker thread
// or in Node, never in the renderer (compromise is too big for the page, and a long source takes
// a second). Never changes a notebook: `known` is only read, to match names.
//
// How, and why in this order (docs/suggest.md has the rules and their limits):
//   1. Sentences (sentences.ts): UTF-16 ranges of the text, so every excerpt is a real slice.
//   2. A quick test per sentence (reporting-verbs.ts, mayReport) picks those that may hold
//      an attribution; the sentence before one that points back ("She said …") is taken too.
//   3. compromise tags only those (tagger.ts), in one call: tagging is the slow part, some 50 µs
//      a word, so a 20,000-word source with a third of its sentences reporting costs a third.
//   4. The rules (attributions.ts) find the attributions, sentence by sentence, remembering names.
//   5. Entities (entities.ts) from every name found, the untagged sentences' title-case names
//      included, forms merged, matched to the notebook's entities.
//   6. Excerpts as W3C selectors in code points (anchoring.ts describe), grapheme-safe.
import { describe } from '../anchoring.js';
import { asSubject } from './propositions.js';
import type { Entity } from '../model.js';
import { CodePointIndex } from '../text.js';
import { attributionsIn, Discourse, type Attribution, type Rule, type Via } from './attributions.js';
import { buildEntities, type NameUse } from './entities.js';
import { COMMON_CAPITALISED, ORGANISATION_HEADS, PERSON_ROLES } from './lexicon.js';
import { kindOfName, type Named } from './noun-phrases.js';
import { knownName } from './gazetteer.js';
import { mayReport } from './reporting-verbs.js';
import { splitSentences, type Sentence } from './sentences.js';
import { tagSentences, type Token } from './tagger.js';
import type { SuggestedClaim, SuggestedEntity } from './types.js';

/** What the suggester found: claims in reading order, entities in order of first mention. */
export interface Suggested {
  claims: SuggestedClaim[];
  entities: SuggestedEntity[];
}

/** How a suggestion was found, for the evaluation and for tests; not part of the API. */
export interface Trace {
  rule: Rule;
  via: Via;
  /** The claimant as written where the attribution is ("Pyongyang", "She", "the company"). */
  surface: string;
  fromList: boolean;
  quote: boolean;
  coordinated: boolean;
  hedge: boolean;
}

/** Longest text the rules read as one sentence; a longer run (a table, a log) is skipped, so a huge line cannot stall the worker. */
export const MAX_SENTENCE = 2_000;

/**
 * The attributed statements and entities of a source's text (normalised, as stored).
 *
 * @example
 *   suggest('Officials said the border was closed.', []).claims[0]
 *   // { claimant: 'officials', claimantKind: 'group', verb: 'said', stance: 'asserts',
 *   //   proposition: 'The border was closed.', exact: 'Officials said the border was closed.', … }
 */
export function suggest(text: string, known: readonly Entity[]): Suggested {
  const { claims, entities } = analyse(text, known);
  return { claims: claims.map(({ trace: _trace, ...claim }) => claim), entities };
}

/** `suggest` with each claim's trace: which rule found it and how its claimant was named. */
export function analyse(text: string, known: readonly Entity[]): { claims: (SuggestedClaim & { trace: Trace })[]; entities: SuggestedEntity[] } {
  if (text.trim() === '') return { claims: [], entities: [] };
  const sentences = splitSentences(text).filter((s) => s.end - s.start <= MAX_SENTENCE);
  const { chosen, candidates } = chooseSentences(text, sentences);
  const tagged = tagSentences(
    text,
    chosen.map((i) => sentences[i] as Sentence),
  );
  const tokensOf = new Map<number, Token[]>(chosen.map((i, n) => [i, tagged[n] as Token[]]));

  const discourse = new Discourse(text);
  for (const i of chosen) {
    const tokens = tokensOf.get(i) as Token[];
    discourse.remember(i, tokens);
    if (!candidates.has(i)) continue;
    discourse.add(attributionsIn(discourse, i, sentences[i] as Sentence, tokens));
  }

  const uses: NameUse[] = [];
  for (const a of discourse.attributions) {
    if (a.claimant.via === 'unnamed') continue;
    const named: Named = a.claimant.via === 'name' || a.claimant.via === 'relative' ? a.claimant : { ...a.claimant, surface: a.claimant.name };
    uses.push({ named, mention: false });
  }
  for (const m of discourse.mentions) uses.push({ named: m, mention: true });
  for (const m of untaggedNames(text, sentences, new Set(chosen))) uses.push({ named: m, mention: true });
  const entities = buildEntities(text, uses, known);

  const index = new CodePointIndex(text);
  const claims: (SuggestedClaim & { trace: Trace })[] = [];
  const keys = new Set<string>();
  const bySentence = new Map<number, Attribution[]>();
  for (const a of discourse.attributions) bySentence.set(a.sentence, [...(bySentence.get(a.sentence) ?? []), a]);
  for (const a of discourse.attributions) {
    const group = a.claimant.via === 'unnamed' ? null : entities.groupOf(a.claimant.name);
    const claimant = group?.textName ?? a.claimant.name;
    const range = excerptRange(a, bySentence.get(a.sentence) ?? [], sentences[a.sentence] as Sentence, claimant);
    const start = index.toCodePoint(range.start);
    const end = index.toCodePoint(range.end);
    const selectors = describe(text, { start, end }, index);
    const key = `${selectors.position.start}:${selectors.position.end}:${claimant.toLowerCase()}`;
    if (keys.has(key)) continue;
    keys.add(key);
    claims.push({
      key,
      start: selectors.position.start,
      end: selectors.position.end,
      exact: selectors.quote.exact,
      prefix: selectors.quote.prefix,
      suffix: selectors.quote.suffix,
      claimant,
      claimantKind: group?.entity.kind ?? a.claimant.kind,
      entityKey: group?.key ?? null,
      entityId: group?.entity.entityId ?? null,
      verb: a.verb,
      stance: a.stance,
      proposition: a.quote ? a.proposition : ownPronoun(a.proposition, claimant, group?.entity.kind ?? a.claimant.kind, a.claimant.proper),
      trace: {
        rule: a.rule,
        via: a.claimant.via,
        surface: a.claimant.surface,
        fromList: a.fromList,
        quote: a.quote,
        coordinated: a.coordinated,
        hedge: a.hedge,
      },
    });
  }
  claims.sort((x, y) => x.start - y.start || x.end - y.end);
  return { claims, entities: entities.list };
}

/**
 * The sentences to tag: those the reporting test picks, and the one before each whose subject
 * points back ("She said", "They said", "the minister told"), so the name it points to is known.
 */
function chooseSentences(text: string, sentences: readonly Sentence[]): { chosen: number[]; candidates: Set<number> } {
  const chosen = new Set<number>();
  const candidates = new Set<number>();
  sentences.forEach((s, i) => {
    const body = text.slice(s.start, s.end);
    if (!mayReport(body)) return;
    candidates.add(i);
    chosen.add(i);
    if (i > 0 && pointsBack(body)) {
      chosen.add(i - 1);
      if (i > 1) chosen.add(i - 2);
    }
  });
  return { chosen: [...chosen].sort((a, b) => a - b), candidates };
}

const ROLE_WORDS = new Set([...PERSON_ROLES, ...ORGANISATION_HEADS, 'athlete', 'company', 'firm']);
const POINTERS = new Set(['he', 'she', 'they', 'it', 'others']);

/** Whether a subject may point back: a pronoun, "others", or "the" with a role or an organisation's head noun opening a clause. */
function pointsBack(sentence: string): boolean {
  let previous = '';
  let opensClause = true;
  for (const m of sentence.matchAll(/[\p{L}]+|[.,;]/gu)) {
    const word = m[0].toLowerCase();
    if (word === '.' || word === ',' || word === ';') {
      opensClause = true;
      previous = '';
      continue;
    }
    if (POINTERS.has(word)) return true;
    if (opensClause && (previous === 'the' || previous === 'this' || previous === 'that') && ROLE_WORDS.has(word)) return true;
    if (previous !== '') opensClause = false;
    previous = word;
  }
  return false;
}

/** The range an attribution's excerpt covers: its sentence, or its clause when the same claimant says something else later in the sentence (`all`: the sentence's attributions). */
function excerptRange(a: Attribution, all: readonly Attribution[], sentence: Sentence, claimant: string): { start: number; end: number } {
  const later = all.some((b) => b !== a && b.sentence === a.sentence && b.clauseStart >= a.clauseStart && b.clauseEnd > a.clauseEnd && b.claimant.name.toLowerCase() === a.claimant.name.toLowerCase());
  if (!later || claimant === '') return { start: sentence.start, end: sentence.end };
  return { start: sentence.start, end: a.clauseEnd };
}

const TITLE_RUN = /\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:(?:of|for|de|del|la|le|van|von|al)\s+)?\p{Lu}[\p{L}\p{M}'’.-]*)*/gu;

/**
 * Title-case names in the sentences that were not tagged, for the entity list: each distinct run
 * tagged once, out of its sentence, and kept when it is a person, an organisation, a state or a
 * place (a sentence-initial "The" or "However" is not).
 */
function untaggedNames(text: string, sentences: readonly Sentence[], tagged: ReadonlySet<number>): Named[] {
  const runs: { name: string; start: number; possessive: boolean }[] = [];
  sentences.forEach((s, i) => {
    if (tagged.has(i)) return;
    const body = text.slice(s.start, s.end);
    for (const m of body.matchAll(TITLE_RUN)) {
      let name = m[0].replace(/[’']s$/, '').replace(/[.'’-]+$/, '');
      // A lone word before a lower-case noun describes it ("the Russian ambassador").
      const after = body.slice((m.index ?? 0) + m[0].length);
      if (!name.includes(' ') && !/[’']s$/.test(m[0]) && /^[ -]\p{Ll}/u.test(after) && !knownName(name)) continue;
      let start = s.start + (m.index ?? 0);
      const words = name.split(/\s+/);
      // A capital that only starts the sentence (or follows a quotation mark) is not a name.
      if ((m.index ?? 0) <= 1 && COMMON_CAPITALISED.has((words[0] as string).toLowerCase())) {
        words.shift();
        if (!words.length) continue;
        const rest = words.join(' ');
        start += name.indexOf(rest);
        name = rest;
      }
      if (name.length < 2 || COMMON_CAPITALISED.has(name.toLowerCase())) continue;
      runs.push({ name, start, possessive: /[’']s$/.test(m[0]) });
    }
  });
  if (runs.length === 0) return [];
  const distinct = [...new Set(runs.map((r) => r.name))];
  // Tagged together, one name per "sentence" of a scratch text.
  const scratch = distinct.join('.\n\n');
  let at = 0;
  const spans = distinct.map((name) => {
    const span = { start: at, end: at + name.length, paragraph: 0 };
    at += name.length + 3;
    return span;
  });
  const tokens = tagSentences(scratch, spans);
  const kinds = new Map(distinct.map((name, n) => [name, kindOfName(name, tokens[n] as Token[], [], text)]));
  const out: Named[] = [];
  const starts = new Set(sentences.flatMap((s) => [s.start, s.start + 1]));
  for (const { name, start, possessive } of runs) {
    const toks = tokens[distinct.indexOf(name)] as Token[];
    const t = toks[0] as Token;
    const sentenceStart = starts.has(start);
    let kind = kinds.get(name) ?? null;
    // A lone word that starts its sentence is a name only when the tagger knows it as one.
    if (toks.length === 1 && sentenceStart && !possessive && !knownName(name) && !(t.tags.has('Person') || t.tags.has('Country') || t.tags.has('City'))) continue;
    // A lone capitalised word nothing says is a name may still be a short form of one ("Quarrow").
    const tentative = toks.length === 1 && !knownName(name) && (kind === null || (kind === 'organisation' && !t.tags.has('ProperNoun') && !t.tags.has('Acronym')));
    if (tentative) kind = 'organisation';
    if (!kind) continue;
    out.push({ name, surface: name, kind, start, end: start + name.length, roles: [], gender: null, plural: false, proper: true, quantifier: null, acronym: null, ...(tentative ? { tentative } : {}) });
  }
  return out;
}

/**
 * A proposition that starts with the claimant's own pronoun says it of the claimant ("London said
 * it had summoned …" → "The United Kingdom had summoned …"), so the statement stands alone.
 * An "it" before "is/was" is left alone: it may be the weather's ("it was raining").
 */
function ownPronoun(proposition: string, claimant: string, kind: SuggestedEntity['kind'], proper: boolean): string {
  const m = /^(He|She|It|They) (\S+)/.exec(proposition);
  if (!m || claimant === '') return proposition;
  const [, pronoun, next] = m as unknown as [string, string, string];
  const fits =
    ((pronoun === 'He' || pronoun === 'She') && kind === 'person') ||
    (pronoun === 'It' && (kind === 'state' || kind === 'organisation' || kind === 'media outlet') && !/^(?:is|was|'s)$/.test(next)) ||
    (pronoun === 'They' && kind === 'group');
  if (!fits) return proposition;
  const name = asSubject(claimant, kind, proper);
  const rest = proposition.slice(pronoun.length);
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}${rest}`;
}
