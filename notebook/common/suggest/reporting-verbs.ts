// The reporting lexicon: the verbs and phrases that attribute a statement to someone, each with its
// stance (asserts or denies) and the frame it takes. Pure data and lookups; runs anywhere.
// Never guesses a stance from a verb it does not list: an unknown verb attributes nothing.
import type { Stance } from './types.js';

/**
 * How a reporting verb carries its content; the attribution rules (attributions.ts) read it.
 * - clause: a that-clause, a bare clause or a quotation ("said the tests were routine").
 * - tell: an addressee, then a clause ("told reporters that …", "told Le Monde the data …").
 * - object: a clause, or a noun phrase that stands for a proposition ("denied the report",
 *   "reported dozens of dead fish", "maintained his innocence").
 * - accuse: someone, then "of" and what they did ("accused North Korea of sending …").
 * - blame: someone, then "for" what happened ("blamed the company for a spill").
 * - attribute: what happened, then "to" whom ("attributed the attack to a hacking group").
 * - call: a noun phrase and what it is called ("called the accusation absurd").
 * - intransitive: no content of its own; refers back ("Some economists disagreed.").
 */
export type Frame = 'clause' | 'tell' | 'object' | 'accuse' | 'blame' | 'attribute' | 'call' | 'intransitive';

export interface ReportingVerb {
  /** The dictionary form: "say", "deny". */
  lemma: string;
  stance: Stance;
  frame: Frame;
  /** A hedge: the claimant suggests rather than states ("suggested", "indicated"). */
  hedge: boolean;
  /**
   * Whether a noun phrase alone can be its content ("denied the report"); otherwise a clause or
   * a quotation is needed, so "told a different story" and "announced an inquiry" attribute nothing.
   */
  takesObject: boolean;
  /** Forms that are also common nouns or adjectives ("claims", "reports", "states"): counted only where the tagger says verb. */
  ambiguous: readonly string[];
}

interface Entry {
  stance?: Stance;
  frame?: Frame;
  hedge?: boolean;
  object?: boolean;
  /** Irregular forms: [third person, past, gerund]; regular ones are derived. */
  forms?: readonly [string, string, string];
  /** Forms that need the tagger's confirmation that they are verbs here. */
  ambiguous?: readonly string[];
}

const ASSERT_VERBS: Record<string, Entry> = {
  say: { forms: ['says', 'said', 'saying'] },
  tell: { frame: 'tell', forms: ['tells', 'told', 'telling'] },
  inform: { frame: 'tell' },
  assure: { frame: 'tell' },
  state: { ambiguous: ['state', 'states', 'stated'] },
  declare: {},
  announce: {},
  assert: {},
  insist: {},
  maintain: { object: true },
  argue: {},
  contend: {},
  add: { ambiguous: ['add'] },
  note: { object: true, ambiguous: ['note', 'notes'] },
  stress: { ambiguous: ['stress'] },
  emphasise: {},
  emphasize: {},
  explain: {},
  write: { forms: ['writes', 'wrote', 'writing'] },
  reply: {},
  acknowledge: { object: true },
  admit: { object: true, forms: ['admits', 'admitted', 'admitting'] },
  concede: {},
  confirm: { object: true },
  reveal: { object: true },
  disclose: { object: true },
  report: { object: true, ambiguous: ['report', 'reports'] },
  claim: { ambiguous: ['claim', 'claims'] },
  allege: {},
  charge: { ambiguous: ['charge', 'charges', 'charged'] },
  warn: {},
  predict: {},
  estimate: { object: true, ambiguous: ['estimate', 'estimates'] },
  conclude: {},
  testify: {},
  believe: { hedge: true },
  think: { hedge: true, forms: ['thinks', 'thought', 'thinking'], ambiguous: ['thought'] },
  suggest: { hedge: true },
  indicate: { hedge: true },
  imply: { hedge: true },
  hint: { hedge: true, ambiguous: ['hint', 'hints'] },
  speculate: { hedge: true },
  assess: { hedge: true },
  rule: { ambiguous: ['rule', 'rules', 'ruled'] },
  agree: { ambiguous: ['agree', 'agrees', 'agreed', 'agreeing'] },
  accuse: { frame: 'accuse' },
  blame: { frame: 'blame' },
  // "suspected the captain of dumping fuel": an accusation held, not stated. "the suspected
  // smugglers", "a suspect" are no reporting: counted only where the tagger says verb.
  suspect: { frame: 'accuse', hedge: true, ambiguous: ['suspect', 'suspects', 'suspected', 'suspecting'] },
  attribute: { frame: 'attribute' },
  call: { frame: 'call' },
  describe: { frame: 'call' },
  brand: { frame: 'call', ambiguous: ['brand', 'brands'] },
  label: { frame: 'call', ambiguous: ['label', 'labels'] },
};

const DENY_VERBS: Record<string, Entry> = {
  deny: { object: true },
  dismiss: { object: true },
  refute: { object: true },
  reject: { object: true },
  rebuff: { object: true },
  dispute: { object: true, ambiguous: ['dispute', 'disputes'] },
  contest: { object: true, ambiguous: ['contest', 'contests'] },
  question: { object: true, ambiguous: ['question', 'questions'] },
  challenge: { object: true, ambiguous: ['challenge', 'challenges'] },
  contradict: { object: true },
  repudiate: { object: true },
  disagree: { frame: 'intransitive' },
  doubt: { hedge: true, ambiguous: ['doubt', 'doubts'] },
  downplay: { object: true, hedge: true },
};

/** Regular inflections: third person, past, gerund ("deny" → denies, denied, denying). */
function inflect(lemma: string): [string, string, string] {
  if (/[^aeiou]y$/.test(lemma)) return [`${lemma.slice(0, -1)}ies`, `${lemma.slice(0, -1)}ied`, `${lemma}ing`];
  if (lemma.endsWith('ee')) return [`${lemma}s`, `${lemma}d`, `${lemma}ing`];
  if (lemma.endsWith('e')) return [`${lemma}s`, `${lemma}d`, `${lemma.slice(0, -1)}ing`];
  if (/(s|sh|ch|x|z)$/.test(lemma)) return [`${lemma}es`, `${lemma}ed`, `${lemma}ing`];
  // A short stressed final syllable doubles its consonant (rebuff is already doubled).
  if (/^(?:[^aeiou]*[aeiou][bdgmnprt])$/.test(lemma)) {
    const last = lemma.at(-1) as string;
    return [`${lemma}s`, `${lemma}${last}ed`, `${lemma}${last}ing`];
  }
  return [`${lemma}s`, `${lemma}ed`, `${lemma}ing`];
}

/** Every form of every reporting verb, lower case → its entry. */
const BY_FORM = new Map<string, ReportingVerb & { form: 'base' | 'third' | 'past' | 'gerund' }>();

for (const [table, stance] of [
  [ASSERT_VERBS, 'asserts'],
  [DENY_VERBS, 'denies'],
] as const) {
  for (const [lemma, entry] of Object.entries(table)) {
    const verb: ReportingVerb = {
      lemma,
      stance: entry.stance ?? stance,
      frame: entry.frame ?? (entry.object ? 'object' : 'clause'),
      hedge: entry.hedge ?? false,
      takesObject: entry.object ?? false,
      ambiguous: entry.ambiguous ?? [],
    };
    const [third, past, gerund] = entry.forms ?? inflect(lemma);
    BY_FORM.set(lemma, { ...verb, form: 'base' });
    BY_FORM.set(third, { ...verb, form: 'third' });
    BY_FORM.set(past, { ...verb, form: 'past' });
    BY_FORM.set(gerund, { ...verb, form: 'gerund' });
  }
}

/** The reporting verb a word form is, if any: "denied" → deny (denies, object frame). */
export function reportingVerb(word: string): (ReportingVerb & { form: 'base' | 'third' | 'past' | 'gerund' }) | undefined {
  return BY_FORM.get(word.toLowerCase());
}

/** The phrase "according to", which attributes without a verb. */
export const ACCORDING_TO: ReportingVerb = { lemma: 'according to', stance: 'asserts', frame: 'clause', hedge: false, takesObject: false, ambiguous: [] };

/**
 * Participles of the impersonal passive and of raising ("it was reported that …", "X was said to
 * be …"): these attribute to someone unnamed, or to the agent after "by".
 */
export const PASSIVE_REPORTING = new Set(['said', 'reported', 'claimed', 'alleged', 'believed', 'thought', 'understood', 'rumoured', 'rumored', 'feared', 'suggested', 'estimated', 'expected', 'known']);

/** Participles that take an agent in the passive and keep their own frame ("was accused by X of …", "was contested by X"). */
export function passiveWithAgent(word: string): ReportingVerb | undefined {
  const verb = reportingVerb(word);
  return verb && verb.form === 'past' ? verb : undefined;
}

const WORDS = /[\p{L}]+/gu;

/**
 * A quick test of whether a sentence may hold an attribution at all, so the tagger (the slow
 * part) runs only on those: any form of a reporting verb, "according to", or an opening quotation
 * mark (a quotation may continue the previous speaker's). A scan of its words against a set: a
 * regular expression of every form costs ten times more on a long source.
 */
export function mayReport(sentence: string): boolean {
  if (/^\s*["“]/.test(sentence)) return true;
  let previous = '';
  for (const m of sentence.matchAll(WORDS)) {
    const word = m[0].toLowerCase();
    if (BY_FORM.has(word) || EXTRA_FORMS.has(word) || (previous === 'according' && word === 'to')) return true;
    previous = word;
  }
  return false;
}

/** Passive participles that report without being reporting verbs themselves ("it is understood that"). */
const EXTRA_FORMS = new Set(['rumoured', 'rumored', 'understood', 'feared']);
