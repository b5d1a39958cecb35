// Noun phrases of a tagged sentence: finding the one before or after a verb, and turning it into
// the claimants it names: "The United States, South Korea and several of their allies" is two
// states; "Civic Alliance leader Irena Kovac" is a person with a role. Pure; runs anywhere.
// Never makes a claimant of a phrase that names no one ("satellite images", "the report").
import type { EntityKind } from './types.js';
import { CAPITALS, CONTEXTUAL_FORMS, knownName } from './gazetteer.js';
import {
  COMMON_CAPITALISED,
  DROPPED_DETERMINERS,
  FEMALE_WORDS,
  GROUP_NOUNS,
  HONORIFICS,
  MALE_WORDS,
  MEDIA_HEADS,
  MEDIA_NAMES,
  NP_PREPOSITIONS,
  ORGANISATION_HEADS,
  ORGANISATION_SUFFIXES,
  PERSON_ROLES,
  SUBJECT_PRONOUNS,
} from './lexicon.js';
import type { Token } from './tagger.js';

/** Last words of a place's name ("Lenna River", "Corvo Province") and first words ("Port Amsel", "Mount Halla"). */
const PLACE_SUFFIXES = new Set(['river', 'province', 'island', 'islands', 'valley', 'bay', 'sea', 'lake', 'mountains', 'mountain', 'strait', 'reservoir', 'dam', 'bridge', 'street', 'square', 'airport', 'harbour', 'harbor', 'county', 'district', 'region', 'peninsula', 'coast', 'gulf', 'desert', 'forest', 'canal', 'park']);
const PLACE_PREFIXES = new Set(['port', 'mount', 'lake', 'cape', 'fort', 'saint', 'san', 'santa', 'st', 'st.', 'gulf', 'isle']);

/** A token range [start, end) of a sentence's tokens. */
export interface Span {
  start: number;
  end: number;
}

/** Someone a noun phrase names, before pronouns are resolved and aliases merged. */
export interface Named {
  /** How an analyst would write it: "Irena Kovac", "South Korean officials", "North Korea". */
  name: string;
  /** As written in the text: "Pyongyang", "The North", "Some economists". */
  surface: string;
  kind: EntityKind;
  /** UTF-16 range of what names it in the source's text. */
  start: number;
  end: number;
  /** Roles it was introduced with, lower case ("minister", "transport minister", "sister"). */
  roles: string[];
  gender: 'f' | 'm' | null;
  plural: boolean;
  /** A proper name (not a description such as "foreign experts"): it can be an entity's name. */
  proper: boolean;
  /** The quantifier dropped from the front ("some" of "Some economists"). */
  quantifier: string | null;
  /** An acronym written after it in brackets ("(KCNA)"). */
  acronym: string | null;
  /**
   * A lone capitalised word nothing else says is a name ("Meridian's former chairman"): an
   * entity only if it turns out to be a short form of one ("Meridian Savings Bank").
   */
  tentative?: boolean;
}

/** A pronoun or a definite description that points back ("She", "the company"). */
export interface Pointer {
  pointer: string;
  start: number;
  end: number;
}

export const hasComma = (t: Token | undefined): boolean => t !== undefined && /,/.test(t.post);
/** Punctuation after a token that ends any phrase: colon, semicolon, dash, bracket, quotation mark. */
export const hardStopAfter = (t: Token | undefined): boolean => t !== undefined && (/[;:()[\]"“”]/.test(t.post) || /\s[—–-]\s|[—–]/.test(t.post));
export const quoteBefore = (t: Token | undefined): boolean => t !== undefined && /["“]/.test(t.pre);
export const quoteAfter = (t: Token | undefined): boolean => t !== undefined && /["”]/.test(t.post);

const is = (t: Token | undefined, tag: string): boolean => t !== undefined && t.tags.has(tag);

/** A token that can be part of a noun phrase. */
export function isNounish(t: Token | undefined, next?: Token): boolean {
  if (!t) return false;
  if (t.tags.has('Pronoun') && !t.tags.has('Possessive')) return false;
  if (['that', 'which', 'who', 'whom', 'whose', 'what', 'and', 'or', 'but', 'not'].includes(t.word)) return false;
  if (t.word === 'no' || t.word === 'any') return true;
  if (t.tags.has('Date') && !t.capital) return false;
  if (t.tags.has('Date') && (t.tags.has('WeekDay') || t.tags.has('Month'))) return false;
  // Title-case words run together are a name whatever the tagger thought ("Transport Minister Lena Brandt").
  if (t.capital && next?.capital && !t.tags.has('Preposition') && !t.tags.has('Conjunction')) return true;
  if (t.tags.has('Verb') && !t.tags.has('Noun') && !(t.capital && !t.tags.has('Copula'))) return false;
  if (t.tags.has('Preposition') || t.tags.has('Conjunction') || t.tags.has('QuestionWord')) return false;
  if (t.tags.has('Adverb') && !t.capital) return false;
  return (
    t.tags.has('Noun') ||
    t.tags.has('Adjective') ||
    t.tags.has('Determiner') ||
    t.tags.has('Value') ||
    t.tags.has('Acronym') ||
    t.tags.has('Possessive') ||
    t.capital ||
    /\p{L}/u.test(t.text) === false
  );
}

/**
 * A word the tagger took for a verb that stands where only a noun can: after a determiner or a
 * possessive ("the dam", "its gates"), and not an auxiliary.
 */
export function nounByPosition(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  const before = tokens[i - 1];
  if (!t || !before || !t.tags.has('Verb') || t.tags.has('Copula') || t.tags.has('Auxiliary') || t.tags.has('Modal') || t.capital) return false;
  if (hasComma(before) || hardStopAfter(before)) return false;
  return (before.tags.has('Determiner') && !['that', 'which', 'what'].includes(before.word)) || (before.possessive && before.tags.has('Noun')) || ['his', 'her', 'its', 'their', 'our'].includes(before.word);
}

const isNoun = (t: Token | undefined): boolean => t !== undefined && (t.tags.has('Noun') || t.capital || t.tags.has('Acronym')) && !t.tags.has('Pronoun');

/**
 * The noun phrase that ends at token `end` (inclusive), read leftwards: determiners, adjectives,
 * nouns and names, with "of/in/from/at…" joining nouns ("officials in Corvo province") and, once
 * an "and" has been seen, commas and "and" joining a list ("Britain, Canada and Australia").
 */
export function phraseEndingAt(tokens: readonly Token[], end: number): Span | null {
  if (end < 0 || !(isNounish(tokens[end], tokens[end + 1]) || nounByPosition(tokens, end))) return null;
  let a = end;
  let sawAnd = false;
  while (a - 1 >= 0) {
    const t = tokens[a - 1] as Token;
    const right = tokens[a] as Token;
    // "Korean Central News Agency (KCNA)": the bracketed acronym belongs to the name before it.
    const bracketed = /\(/.test(right.pre) && /\)/.test(right.post) && right.tags.has('Acronym');
    if (bracketed && isNounish(t)) {
      a--;
      continue;
    }
    if (hardStopAfter(t) || /["“(]/.test(right.pre)) break;
    // "state-sponsored", "Anti-Doping": a hyphen joins two tokens into one word.
    if (t.post === '-' || t.post === '‑') {
      a--;
      continue;
    }
    if (hasComma(t)) {
      if (sawAnd && isNoun(t) && (t.capital || is(t, 'Plural'))) {
        a--;
        continue;
      }
      break;
    }
    if (t.word === 'and' || t.word === '&') {
      const before = tokens[a - 2];
      if (before && isNoun(before) && !hasComma(before) && (right.capital || right.tags.has('Determiner') || right.tags.has('Plural'))) {
        sawAnd = true;
        a--;
        continue;
      }
      break;
    }
    if (NP_PREPOSITIONS.has(t.word)) {
      const before = tokens[a - 2];
      // "several of their allies", "two of the experts".
      if (t.word === 'of' && before && (DROPPED_DETERMINERS.has(before.word) || before.tags.has('Value')) && !hasComma(before)) {
        a--;
        continue;
      }
      if (before && isNoun(before) && !hasComma(before) && !hardStopAfter(before) && !(right.tags.has('Date') || right.tags.has('Value'))) {
        a--;
        continue;
      }
      break;
    }
    if (isNounish(t, right) || nounByPosition(tokens, a - 1)) {
      a--;
      continue;
    }
    break;
  }
  // A phrase never begins with a joining word.
  while (a <= end && (NP_PREPOSITIONS.has((tokens[a] as Token).word) || (tokens[a] as Token).word === 'and')) a++;
  return a <= end ? { start: a, end: end + 1 } : null;
}

/**
 * The noun phrase that starts at token `start`, read rightwards, up to a comma, a clause or a
 * second determiner after a noun ("reporters the tests were …" is "reporters").
 */
export function phraseStartingAt(tokens: readonly Token[], start: number, options: { stopAtComma?: boolean } = {}): Span | null {
  const stopAtComma = options.stopAtComma ?? true;
  let b = start;
  let sawNoun = false;
  let afterPreposition = false;
  while (b < tokens.length) {
    const t = tokens[b] as Token;
    if (b > start && /["“(]/.test(t.pre) && !/\(/.test(t.pre)) break;
    if (b > start && ((tokens[b - 1] as Token).post === '-' || (tokens[b - 1] as Token).post === '‑')) {
      b++;
      continue;
    }
    if (NP_PREPOSITIONS.has(t.word) && b > start && sawNoun) {
      const next = tokens[b + 1];
      if (next && isNounish(next, tokens[b + 2]) && !next.tags.has('Date') && !hasComma(tokens[b - 1]) && !hardStopAfter(tokens[b - 1])) {
        b++;
        afterPreposition = true;
        continue;
      }
      break;
    }
    // "any wrongdoing", "the shelling": a gerund after a determiner is a noun.
    // "state radio", "card numbers": a word the tagger took for a verb, before a noun, is a noun here.
    if (b === start && t.tags.has('Verb') && !t.capital && !t.tags.has('Copula') && !t.tags.has('Auxiliary') && !t.tags.has('Modal') && !t.tags.has('Gerund') && (tokens[b + 1]?.tags.has('Noun') ?? false) && !tokens[b + 1]?.tags.has('Pronoun') && !hasComma(t)) {
      b++;
      sawNoun = true;
      continue;
    }
    // "that charge", "these reports": a demonstrative before a noun opens the phrase.
    if (b === start && ['that', 'this', 'these', 'those'].includes(t.word) && (tokens[b + 1]?.tags.has('Noun') ?? false) && !tokens[b + 1]?.tags.has('Pronoun')) {
      b++;
      continue;
    }
    const gerundNoun = t.tags.has('Gerund') && b > start && ((tokens[b - 1] as Token).tags.has('Determiner') || (tokens[b - 1] as Token).tags.has('Adjective'));
    if (!gerundNoun && !isNounish(t, tokens[b + 1]) && !(b > start && nounByPosition(tokens, b))) break;
    if (sawNoun && !afterPreposition && t.tags.has('Determiner') && !t.capital) break;
    if (sawNoun && !afterPreposition && t.tags.has('Value') && !t.capital) break;
    afterPreposition = false;
    if (t.tags.has('Noun') || t.capital || gerundNoun || t.tags.has('Verb') || t.tags.has('Value')) sawNoun = true;
    b++;
    if (stopAtComma && hasComma(t)) break;
    if (hardStopAfter(t)) break;
  }
  return b > start ? { start, end: b } : null;
}

/** The text a span covers in the source. */
export function spanText(text: string, tokens: readonly Token[], span: Span): string {
  const first = tokens[span.start] as Token;
  const last = tokens[span.end - 1] as Token;
  return text.slice(first.start, Math.max(first.start, last.end));
}

/** A pronoun or definite description ("she", "the company") to resolve, when the span is one. */
export function pointerIn(tokens: readonly Token[], span: Span): Pointer | null {
  const words = tokens.slice(span.start, span.end);
  const first = words[0] as Token;
  const last = words.at(-1) as Token;
  if (words.length === 1 && SUBJECT_PRONOUNS.has(first.word)) return { pointer: first.word, start: first.start, end: first.end };
  if (words.length === 1 && first.word === 'others') return { pointer: 'others', start: first.start, end: first.end };
  // "the company", "the minister", "the agency": a description without a name points back.
  if (words.length === 2 && ['the', 'this', 'that'].includes(first.word) && !last.capital && (PERSON_ROLES.has(last.word) || ORGANISATION_HEADS.has(last.word) || ['athlete', 'company', 'firm', 'group'].includes(last.word))) {
    return { pointer: last.word, start: first.start, end: last.end };
  }
  return null;
}

/**
 * The claimants a noun phrase names: one, or several for a list; none for a phrase that names no
 * one ("satellite images") or only vaguely ("several of their allies").
 */
export function namesIn(text: string, tokens: readonly Token[], span: Span, sentenceStart: boolean, whole: string, claimant = true): Named[] {
  // An acronym in brackets after a name is another form of it ("Korean Central News Agency (KCNA)").
  let acronym: string | null = null;
  const kept: number[] = [];
  for (let i = span.start; i < span.end; i++) {
    const t = tokens[i] as Token;
    if (/\(/.test(t.pre) && /\)/.test(t.post) && t.tags.has('Acronym')) acronym = t.text;
    else kept.push(i);
  }
  if (kept.length === 0) return [];
  const out: Named[] = [];
  for (const part of conjuncts(tokens, kept)) {
    const named = nameOf(text, tokens, part, sentenceStart && part[0] === span.start, whole, claimant);
    if (named) out.push(named);
  }
  if (acronym && out.length === 1) (out[0] as Named).acronym = acronym;
  return out;
}

/** Splits a list at its commas and "and": only where every part can stand alone as a name or a group. */
function conjuncts(tokens: readonly Token[], indices: readonly number[]): number[][] {
  const parts: number[][] = [[]];
  let separators = 0;
  for (const i of indices) {
    const t = tokens[i] as Token;
    if (t.word === 'and' || t.word === '&') {
      parts.push([]);
      separators++;
      continue;
    }
    (parts.at(-1) as number[]).push(i);
    if (hasComma(t) && i !== indices.at(-1)) {
      parts.push([]);
      separators++;
    }
  }
  const filled = parts.filter((p) => p.length > 0);
  if (separators === 0 || filled.length < 2) return [indices.filter((i) => (tokens[i] as Token).word !== 'and')];
  // "the Ministry of Science and Technology" is one name: an "of" before the "and" inside a title-case run keeps it whole.
  const ofInName = indices.some((i, n) => (tokens[i] as Token).word === 'of' && (tokens[indices[n - 1] ?? -1]?.capital ?? false) && (tokens[indices[n + 1] ?? -1]?.capital ?? false));
  if (ofInName && !indices.some((i) => hasComma(tokens[i]))) return [[...indices]];
  const standsAlone = (p: number[]) => {
    const content = p.filter((i) => !DROPPED_DETERMINERS.has((tokens[i] as Token).word));
    const head = tokens[content.at(-1) ?? -1];
    return content.length > 0 && (((tokens[content[0] as number] as Token).capital) || (head !== undefined && (GROUP_NOUNS.has(head.word) || head.tags.has('Plural'))) || (tokens[p[0] as number] as Token).word === 'several');
  };
  return filled.every(standsAlone) ? filled : [indices.filter((i) => (tokens[i] as Token).word !== 'and')];
}

/** The run of title-case tokens (with "of", "for", "and" or a plural possessive inside) that ends the part, if it does. */
function finalNameRun(tokens: readonly Token[], part: readonly number[]): number[] {
  const run: number[] = [];
  for (let n = part.length - 1; n >= 0; n--) {
    const t = tokens[part[n] as number] as Token;
    const inside = run.length > 0 && ['of', 'for', 'de', 'du', 'la', 'le', 'von', 'van', 'al', 'bin'].includes(t.word) && (tokens[part[n - 1] ?? -1]?.capital ?? false);
    if (inside) {
      run.unshift(part[n] as number);
      continue;
    }
    if (!t.capital && !(t.tags.has('Acronym') && /\p{Lu}/u.test(t.text))) break;
    // "DPRK's Korean Central News Agency": an 's possessive belongs to another name.
    if (run.length > 0 && t.possessive && /['’]s$/i.test(t.text)) break;
    run.unshift(part[n] as number);
  }
  return run;
}

/** The one claimant a list item names, or null when it names no one. */
function nameOf(text: string, tokens: readonly Token[], part: number[], atSentenceStart: boolean, whole: string, claimant: boolean): Named | null {
  let quantifier: string | null = null;
  let content = [...part];
  while (content.length > 1 && DROPPED_DETERMINERS.has((tokens[content[0] as number] as Token).word) && !(tokens[content[1] as number] as Token).tags.has('Preposition')) {
    const word = (tokens[content[0] as number] as Token).word;
    if (quantifier === null && !['the', 'a', 'an'].includes(word)) quantifier = word;
    content = content.slice(1);
  }
  if (content.length === 0) return null;
  const first = tokens[content[0] as number] as Token;
  // "several of their allies", "some of the experts": no one in particular.
  if (DROPPED_DETERMINERS.has(first.word) || first.word === 'of' || (tokens[content[1] ?? -1]?.word === 'of' && DROPPED_DETERMINERS.has(first.word))) return null;
  // "several other states", "other countries": no one in particular either.
  if (first.word === 'other' || first.word === 'others') return null;
  if (content.length === 1 && (first.word === 'others' || SUBJECT_PRONOUNS.has(first.word))) return null;
  const at = (k: number) => tokens[content[k] as number] as Token;
  const hasPreposition = content.some((i, k) => k > 0 && NP_PREPOSITIONS.has((tokens[i] as Token).word));
  const slice = (from: number, to: number) => text.slice(at(from).start, at(to).end);

  // A name at the end, after a role or a description, and not inside a prepositional phrase:
  // "Transport Minister Lena Brandt", "Power company Westgrid", "The opposition Civic Alliance".
  const run = finalNameRun(tokens, content);
  if (run.length > 0 && !hasPreposition) {
    let nameStart = 0;
    for (let k = 0; k < run.length - 1; k++) {
      const w = (tokens[run[k] as number] as Token).word.replace(/\.$/, '');
      if (HONORIFICS.has(w) || HONORIFICS.has(`${w}.`) || PERSON_ROLES.has(w)) nameStart = k + 1;
    }
    const nameTokens = run.slice(nameStart);
    const first = tokens[nameTokens[0] as number] as Token;
    // A sentence-initial common word is no name ("Local", "Some", "Hydrologists").
    // A lone group noun is never a name, wherever its capital comes from ("Officials" after a dateline, in a headline).
    const commonAtStart =
      (nameTokens.length === 1 && GROUP_NOUNS.has(first.word) && !knownName(first.text)) ||
      (nameTokens.length === 1 && atSentenceStart && first.index === 0 && (COMMON_CAPITALISED.has(first.word) || (!first.tags.has('ProperNoun') && first.tags.has('Plural'))));
    if (!commonAtStart) {
      const roleWords = [...content.slice(0, content.indexOf(run[0] as number)), ...run.slice(0, nameStart)]
        .map((i) => (tokens[i] as Token).word.replace(/\.$/, ''))
        .filter((w) => !DROPPED_DETERMINERS.has(w));
      const nameText = text.slice(first.start, (tokens[nameTokens.at(-1) as number] as Token).end);
      const lastName = tokens[nameTokens.at(-1) as number] as Token;
      const descriptorKind = kindOfWords(roleWords);
      const kind = kindOfName(nameText, nameTokens.map((i) => tokens[i] as Token), roleWords, whole, descriptorKind, claimant);
      if (kind) {
        return {
          name: kind === 'state' ? stateName(nameText, whole) : nameText,
          surface: slice(0, content.length - 1),
          kind,
          start: first.start,
          end: lastName.end,
          roles: roles(roleWords),
          gender: genderOf(roleWords, nameTokens.map((i) => tokens[i] as Token)),
          plural: false,
          proper: true,
          quantifier,
          acronym: null,
        };
      }
    }
  }

  // A description: a group ("South Korean officials"), an organisation ("the port authority"),
  // a person by role ("Meridian's former chairman"), a medium ("North Korea's state media").
  const headIndex = (() => {
    const k = content.findIndex((i, n) => n > 0 && NP_PREPOSITIONS.has((tokens[i] as Token).word));
    return k > 0 ? k - 1 : content.length - 1;
  })();
  const head = at(headIndex);
  const words = content.map((i) => (tokens[i] as Token).word);
  let kind: EntityKind | null = null;
  const known = knownName(slice(0, content.length - 1));
  if (known) kind = known.kind;
  else if (MEDIA_HEADS.has(head.word) || /\bnews agency$|\bstate media$|\bstate television$/.test(words.slice(0, headIndex + 1).join(' '))) kind = 'media outlet';
  else if (GROUP_NOUNS.has(head.word) || (head.tags.has('Plural') && (head.tags.has('Actor') || /(?:ists|ers|ors|ians|ants|ents)$/.test(head.word)) && !ORGANISATION_HEADS.has(head.word))) kind = 'group';
  else if (ORGANISATION_HEADS.has(head.word) || ORGANISATION_SUFFIXES.has(head.word)) kind = 'organisation';
  else if (PERSON_ROLES.has(head.word) && !head.tags.has('Plural')) kind = 'person';
  if (!kind) return null;
  let name = known ? known.name : slice(0, content.length - 1);
  // A capital letter only because the sentence starts there is not part of the name.
  const nextCapital = content.length > 1 && at(1).capital;
  if (!known && atSentenceStart && content[0] === part[0] && first.index === 0 && !nextCapital && !first.possessive && !first.tags.has('ProperNoun') && !first.tags.has('Demonym') && !first.tags.has('Acronym') && !first.tags.has('Person')) {
    name = name.charAt(0).toLowerCase() + name.slice(1);
  } else if (!known && content.length === 1 && GROUP_NOUNS.has(first.word) && first.capital) {
    name = name.charAt(0).toLowerCase() + name.slice(1);
  } else if (!known && first.index === 0 && !nextCapital && ['local', 'foreign', 'some', 'data', 'shipping', 'industry', 'security', 'environmental', 'international', 'residents', 'officials'].includes(first.word)) {
    name = name.charAt(0).toLowerCase() + name.slice(1);
  }
  return {
    name,
    surface: slice(0, content.length - 1),
    kind,
    start: first.start,
    end: at(content.length - 1).end,
    roles: [],
    gender: genderOf(words, []),
    plural: kind === 'group' || head.tags.has('Plural'),
    proper: kind === 'state' || (kind === 'organisation' && content.every((i) => (tokens[i] as Token).capital || NP_PREPOSITIONS.has((tokens[i] as Token).word))),
    quantifier,
    acronym: null,
  };
}

/** Roles as lower-case phrases, the head alone and with its modifiers ("transport minister", "minister"). */
function roles(words: readonly string[]): string[] {
  const out = new Set<string>();
  const cleaned = words.filter((w) => !/['’]s$/.test(w) && !HONORIFICS.has(`${w}.`) && w !== 'of');
  const headAt = cleaned.findLastIndex((w) => PERSON_ROLES.has(w) || HONORIFICS.has(w));
  if (headAt >= 0) {
    out.add(cleaned[headAt] as string);
    out.add(cleaned.slice(0, headAt + 1).join(' '));
  } else if (cleaned.length) {
    out.add(cleaned.at(-1) as string);
  }
  return [...out].filter((r) => r !== '');
}

function genderOf(words: readonly string[], name: readonly Token[]): 'f' | 'm' | null {
  if (words.some((w) => FEMALE_WORDS.has(w))) return 'f';
  if (words.some((w) => MALE_WORDS.has(w))) return 'm';
  // The tagger's first-name lexicon, only for a first name it is sure of.
  const firstName = name[0];
  if (name.length >= 2 && firstName?.tags.has('FemaleName') && !firstName.tags.has('MaleName')) return 'f';
  if (name.length >= 2 && firstName?.tags.has('MaleName') && !firstName.tags.has('FemaleName')) return 'm';
  return null;
}

/** What a descriptor before a name says it is ("Power company" → organisation). */
function kindOfWords(words: readonly string[]): EntityKind | null {
  const head = words.at(-1);
  if (head === undefined) return null;
  if (MEDIA_HEADS.has(head) || words.join(' ').endsWith('news agency') || head === 'newspaper') return 'media outlet';
  if (ORGANISATION_HEADS.has(head) || ['opposition', 'operator', 'company', 'firm', 'group', 'retailer', 'lender', 'maker', 'producer', 'carrier', 'insurer', 'bank'].includes(head)) return 'organisation';
  if (PERSON_ROLES.has(head) || HONORIFICS.has(head)) return 'person';
  return null;
}

/**
 * What a proper name is: a known state or organisation, a person (by the tagger's lexicon of
 * names, or a role before it), an organisation (by a telling last word: "Chemicals", "Agency"),
 * a medium, a place. Null for a word that is no name at all.
 */
export function kindOfName(name: string, words: readonly Token[], descriptor: readonly string[], whole: string, descriptorKind?: EntityKind | null, claimant = false): EntityKind | null {
  const known = knownName(name);
  if (known) {
    if (CAPITALS.has(name) && descriptor.some((w) => ['city', 'capital', 'town'].includes(w))) return 'place';
    return known.kind;
  }
  const contextual = CONTEXTUAL_FORMS.get(`the ${name}`);
  if (contextual && mentionsOtherForm(whole, contextual.name, contextual.aliases)) return contextual.kind;
  const last = (words.at(-1) as Token).word;
  const lower = words.map((w) => w.word);
  if (words.length > 1 && (PLACE_SUFFIXES.has(last) || PLACE_PREFIXES.has(lower[0] as string))) return 'place';
  if (MEDIA_NAMES.has(lower.join('-')) || MEDIA_NAMES.has(lower.join(''))) return 'media outlet';
  if (descriptorKind) return descriptorKind;
  if (words.length > 1 && (MEDIA_HEADS.has(last) || lower.join(' ').endsWith('news agency'))) return 'media outlet';
  if (ORGANISATION_SUFFIXES.has(last) || (lower.includes('of') && lower.some((w) => ORGANISATION_SUFFIXES.has(w))) || words.some((w) => w.tags.has('Organization') && !w.tags.has('Person'))) return 'organisation';
  if (words.some((w) => w.tags.has('Person') || w.tags.has('FirstName') || w.tags.has('LastName'))) return 'person';
  if (words.some((w) => w.tags.has('Country'))) return 'state';
  if (words.some((w) => w.tags.has('Place') || w.tags.has('City') || w.tags.has('Region'))) return 'place';
  if (words.length === 1 && words[0]?.tags.has('Acronym')) return 'organisation';
  if (words.some((w) => w.tags.has('Date') || w.tags.has('Value') || w.tags.has('Demonym'))) return null;
  if (words.length === 1 && /(?:ia|land|stan)$/.test(last)) return 'state';
  if (words.length >= 2 && words.length <= 3) return 'person';
  // A lone unknown word that reports something is most often a company or a body ("Quarrow said");
  // elsewhere it is as often a product or a heading's word, and is left out.
  if (words.length === 1) return claimant ? 'organisation' : null;
  return null;
}

/** A state's usual name, for a capital or a short form standing for it ("Pyongyang" → "North Korea"). */
function stateName(name: string, whole: string): string {
  const known = knownName(name);
  if (known) return known.name;
  const contextual = CONTEXTUAL_FORMS.get(`the ${name}`);
  if (contextual && mentionsOtherForm(whole, contextual.name, contextual.aliases)) return contextual.name;
  return name;
}

/** Whether the text names the entity by one of its usual forms (so "the North" can mean it). */
let formsOf: { whole: string; answers: Map<string, boolean> } | undefined;
export function mentionsOtherForm(whole: string, name: string, aliases: readonly string[]): boolean {
  // Asked for every "the North" of a long source: answered once per text.
  if (formsOf?.whole !== whole) formsOf = { whole, answers: new Map() };
  const known = formsOf.answers.get(name);
  if (known !== undefined) return known;
  const answer = [name, ...aliases].some((form) => new RegExp(`(?<![\\p{L}])${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(whole));
  formsOf.answers.set(name, answer);
  return answer;
}
