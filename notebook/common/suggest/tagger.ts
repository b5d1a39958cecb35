// Words and their parts of speech, from compromise (its lexicon ships in the npm package: nothing is
// downloaded). Its "two" build: the tagger without the named selections (.people(), .verbs()),
// which the rules do not use; it tags exactly as the full build does (checked on the evaluation
// set) and loads faster. Tags a chosen set of sentences in one call, as tagging costs some 50 µs a
// word and a call per sentence would add a millisecond each. Never changes compromise's lexicon.
import nlp from 'compromise/two';
import type { Sentence } from './sentences.js';

/** One word of a sentence, where it is in the source's text, and how compromise tagged it. */
export interface Token {
  /** The word as written, without the punctuation around it ("U.S.", "Japan's"). */
  text: string;
  /** Lower case, without a possessive ending: "japan", "dockworkers". */
  word: string;
  /** UTF-16 range of `text` in the source's text (empty for the "not" of "didn't"). */
  start: number;
  end: number;
  /** Punctuation and spaces before and after ('"', ', '). */
  pre: string;
  post: string;
  tags: ReadonlySet<string>;
  /** Ends in 's or s' ("Japan's", "Dockworkers'"). */
  possessive: boolean;
  /** Begins with a capital letter. */
  capital: boolean;
  /** Index in its sentence. */
  index: number;
}

/** A term as compromise keeps it (its documented json() output has the same fields). */
interface Term {
  text: string;
  pre: string;
  post: string;
  tags: ReadonlySet<string>;
  implicit?: string;
  offset?: { start: number; length: number };
}

/**
 * compromise's tagging steps that run: the lexicon, the first-pass tagger (suffixes, neighbours)
 * and contractions. Its second pass (a sweep of some hundreds of match rules) is left out: it
 * costs two thirds of the time. What it would fix that the rules read (a noun left with a verb
 * tag: "the dam", "state radio") they read by position instead (noun-phrases.ts nounByPosition);
 * with that, the evaluation's figures are the same either way (docs/suggest.md).
 */
const TAGGING = ['lexicon', 'preTagger', 'contractionTwo'];

/** What separates sentences in the text handed to compromise: it ends a sentence there too. */
const JOIN = '\n\n';

/**
 * Tokens of each of the given sentences, in the order given. Sentences are tagged together in one
 * compromise call over their texts joined by blank lines; offsets are mapped back to the source.
 */
export function tagSentences(text: string, sentences: readonly Sentence[]): Token[][] {
  if (sentences.length === 0) return [];
  const parts: string[] = [];
  const batchStarts: number[] = [];
  let length = 0;
  for (const s of sentences) {
    batchStarts.push(length);
    const part = text.slice(s.start, s.end);
    parts.push(part);
    length += part.length + JOIN.length;
  }
  const batch = parts.join(JOIN);
  const out: Token[][] = sentences.map(() => []);
  const doc = nlp.tokenize(batch);
  doc.compute([...TAGGING, 'offset']);
  // The terms themselves, not json(): that copies every term into a bigger object, and on a long
  // source the copies cost more than the walk.
  const terms = (doc as unknown as { docs: Term[][] }).docs;
  let k = 0;
  for (const sentence of terms) {
    for (const term of sentence) {
      if (!term.offset) continue;
      const at = term.offset.start;
      while (k + 1 < batchStarts.length && (batchStarts[k + 1] as number) <= at) k++;
      const s = sentences[k] as Sentence;
      const start = s.start + (at - (batchStarts[k] as number));
      const implicit = term.text === '' && term.implicit !== undefined;
      const written = implicit ? (term.implicit as string) : term.text;
      const tokens = out[k] as Token[];
      // compromise reads "DPRK's" as "DPRK has": after a name, 's is a possessive.
      const previous = tokens.at(-1);
      if (implicit && (written === 'has' || written === 'is') && previous && previous.capital && /['’]s$/i.test(previous.text)) continue;
      tokens.push(makeToken(written, start, implicit ? start : start + term.offset.length, term, tokens.length));
    }
  }
  return out;
}

function makeToken(written: string, start: number, end: number, term: Term, index: number): Token {
  let base = written;
  let possessive = false;
  if (/['’]s$/i.test(written)) {
    base = written.slice(0, -2);
    possessive = true;
  } else if (/s$/i.test(written) && /^['’]/.test(term.post)) {
    possessive = true;
  }
  return {
    text: written,
    word: base.toLowerCase(),
    start,
    end,
    pre: term.pre,
    post: term.post,
    tags: term.tags,
    possessive,
    capital: /^\p{Lu}/u.test(written),
    index,
  };
}

/** compromise's verb inflection, used without parsing any text. */
interface VerbMethods {
  two: {
    transform: {
      verb: {
        toInfinitive(word: string, model: object, tense: string): string;
        conjugate(infinitive: string, model: object): { Infinitive?: string; PastTense?: string; PresentTense?: string; Gerund?: string };
      };
    };
  };
}
let inflection: { methods: VerbMethods; model: object } | undefined;
const conjugated = new Map<string, { infinitive: string; past: string; present: string }>();

/**
 * The inflections of a verb, by compromise's rules and lexicon: "sending" → { past: "sent",
 * present: "sends" }. Checked against the word itself, as compromise takes some gerunds for
 * nouns ("shelling" → "shellung"); then the regular rules answer.
 */
export function conjugate(verb: string): { infinitive: string; past: string; present: string } {
  const lower = verb.toLowerCase();
  const cached = conjugated.get(lower);
  if (cached) return cached;
  inflection ??= { methods: nlp.methods() as VerbMethods, model: nlp.model() };
  const { methods, model } = inflection;
  const tense = /ing$/.test(lower) ? 'Gerund' : /ed$/.test(lower) ? 'PastTense' : 'Infinitive';
  const infinitive = methods.two.transform.verb.toInfinitive(lower, model, tense) || lower;
  const found = methods.two.transform.verb.conjugate(infinitive, model);
  let result: { infinitive: string; past: string; present: string };
  if (found.Infinitive && found.PastTense && found.PresentTense && (found.Gerund === lower || found.Infinitive === lower || found.PastTense === lower) && !/ung$|inging$/.test(found.PastTense + (found.Gerund ?? ''))) {
    result = { infinitive: found.Infinitive, past: found.PastTense, present: found.PresentTense };
  } else {
    let stem = lower.endsWith('ing') ? lower.slice(0, -3) : lower;
    if (/([bdgmnprt])\1$/.test(stem)) stem = stem.slice(0, -1);
    const past = /e$/.test(stem) ? `${stem}d` : /[^aeiou]y$/.test(stem) ? `${stem.slice(0, -1)}ied` : `${stem}ed`;
    const present = /(s|sh|ch|x|z)$/.test(stem) ? `${stem}es` : /[^aeiou]y$/.test(stem) ? `${stem.slice(0, -1)}ies` : `${stem}s`;
    result = { infinitive: stem, past, present };
  }
  if (conjugated.size > 10_000) conjugated.clear();
  conjugated.set(lower, result);
  return result;
}

let lexicon: Readonly<Record<string, string | undefined>> | undefined;

/**
 * Whether a word is a verb's -ing form that the tagger took for a noun where it heads a deed:
 * "accused North Korea of shipping shells" (compromise tags "shipping" a noun after "of"). Its
 * lexicon knows the word as a gerund, or its infinitive as a verb ("stockpile"); "morning",
 * "evening" and "something" are neither.
 */
export function verbalGerund(token: Token): boolean {
  if (token.tags.has('Gerund')) return true;
  if (!/ing$/.test(token.word) || token.capital || token.word.length < 5) return false;
  if (token.tags.has('Verb')) return true;
  lexicon ??= (nlp.model() as { one: { lexicon: Record<string, string | undefined> } }).one.lexicon;
  if (lexicon[token.word] === 'Gerund') return true;
  const infinitive = conjugate(token.word).infinitive;
  return lexicon[infinitive] === 'Infinitive';
}

