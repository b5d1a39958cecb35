// Turns the reported content into a claim statement an analyst can accept as it is: one or more
// full sentences, capitalised, with a full stop, the attribution and the quotation marks gone.
// Pure; runs anywhere. Never invents content: every word comes from the source, except the few
// words a transformation needs ("North Korea sent …" from "accused North Korea of sending …").
import { conjugate } from './tagger.js';

/** Quotation marks of every kind, straight and curly. */
const QUOTES = /["“”«»„]/g;

/**
 * A clean statement from a piece of the source: outer spaces, quotation marks, a leading "that",
 * trailing commas and dashes dropped; the first letter capitalised; a full stop added when it ends
 * without one.
 *
 * @example
 *   statement('that the tests belonged to a five-year build-up plan') // 'The tests belonged to a five-year build-up plan.'
 */
export function statement(raw: string): string {
  let s = raw.replace(QUOTES, '').replace(/\s+/g, ' ').trim();
  s = s.replace(/^(?:that|,|;|:|—|–|-)\s+/i, '').replace(/[\s,;:—–-]+$/, '').trim();
  // A full stop inside the closing quotation mark stays the last character.
  s = s.replace(/\s+([.!?])$/, '$1');
  if (s === '') return '';
  s = s.charAt(0).toUpperCase() + s.slice(1);
  if (!/[.!?…]$/.test(s)) s += '.';
  return s;
}

/** Lower-cases the first letter unless the word is a name ("The union" → "the union", "North Korea" stays). */
export function lowerFirst(phrase: string, isName: boolean): string {
  return isName ? phrase : phrase.charAt(0).toLowerCase() + phrase.slice(1);
}

/** "is" or "are", by whether the subject looks plural. */
export function be(subject: string, past = false): string {
  const last = subject.trim().split(/\s+/).at(-1)?.toLowerCase() ?? '';
  const plural = (/s$/.test(last) && !/(?:ss|us|is)$/.test(last)) || / and /.test(subject);
  return past ? (plural ? 'were' : 'was') : plural ? 'are' : 'is';
}

/**
 * "<subject> <past of the gerund> <rest>": what the accused did, from "of sending …" or what the
 * denier did not do, from "denied supplying …". `earlierVerbs` are the verbs of a list before the
 * last, already in the past ("funded, armed and ").
 */
export function didWhat(subject: string, gerund: string, rest: string, earlierVerbs = ''): string {
  const verb = gerund.toLowerCase();
  let past: string;
  if (verb === 'having') past = 'had';
  else if (verb === 'being') past = be(subject, true);
  else past = conjugate(verb).past;
  return statement(`${subject} ${earlierVerbs}${past}${rest ? ` ${rest}` : ''}`);
}

/**
 * What "X was said to <verb phrase>" claims of X: "was said to be preparing" → "was preparing",
 * "was reported to have hidden" → "had hidden", "is believed to own" → "owns".
 */
export function raised(subject: string, auxiliary: string, verbPhrase: string): string {
  const aux = auxiliary.toLowerCase();
  const past = aux === 'was' || aux === 'were';
  const plural = aux === 'were' || aux === 'are';
  const [first = '', ...rest] = verbPhrase.trim().split(/\s+/);
  const tail = rest.join(' ');
  let verb: string;
  if (first === 'be') verb = past ? (plural ? 'were' : 'was') : plural ? 'are' : 'is';
  else if (first === 'have') verb = past ? 'had' : plural ? 'have' : 'has';
  else {
    const forms = conjugate(first);
    verb = past ? forms.past : plural ? forms.infinitive : forms.present;
  }
  return statement(`${subject} ${verb}${tail ? ` ${tail}` : ''}`);
}

/** Last words of a body's name that take "the" ("the World Anti-Doping Agency"). */
const BODY_HEADS = new Set(['agency', 'ministry', 'council', 'court', 'union', 'commission', 'committee', 'authority', 'service', 'department', 'office', 'alliance', 'organisation', 'organization', 'federation', 'association', 'institute', 'command', 'army', 'navy', 'police', 'government', 'party', 'assembly', 'parliament', 'senate', 'congress', 'tribunal', 'bank']);

/** Names that take "the" in a sentence. */
const WITH_THE = new Set(['United States', 'United Kingdom', 'Netherlands', 'Philippines', 'Czech Republic', 'United Nations', 'European Union', 'UN Security Council', 'Kremlin', 'White House', 'Pentagon']);

/**
 * A claimant's name as the subject of a sentence: "the" before a description ("the ministry"), a
 * body ("the World Anti-Doping Agency") or a name that takes it ("the United States").
 */
export function asSubject(name: string, kind: string, proper: boolean): string {
  const words = name.toLowerCase().split(/\s+/);
  const body = words.length > 1 && (BODY_HEADS.has(words.at(-1) as string) || words.includes('of'));
  return /^the /i.test(name) || !(WITH_THE.has(name) || body || (!proper && kind !== 'group')) ? name : `the ${name}`;
}
