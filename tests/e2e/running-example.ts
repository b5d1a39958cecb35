// The running example of DESIGN.md as the e2e suite types it in: a short wire report (written for
// these tests) with reported speech, two claimants who contradict each other, one emoji and one
// accented word, so excerpt offsets in code points differ from UTF-16 indices and from bytes.

export const WIRE_REPORT = {
  title: 'U.S. and South Korea say North Korea is arming Russia',
  publisher: 'Northwind Wire',
  published: '2023-10-14',
  text: [
    'SEOUL, Oct. 14 (Northwind Wire) — The United States and South Korea on Friday accused North Korea of shipping artillery shells and missiles to Russia for its war in Ukraine. “A dangerous trade 😠,” one Seoul lawmaker posted.',
    'Officials in Seoul, citing Chloé Han of the defence ministry, said some 1,000 containers had been shipped by rail and sea since August.',
    'Kim Yo Jong, a senior North Korean official, called the accusation “the most absurd paradox” and said the weapons tests belonged to a five-year build-up plan.',
  ].join('\n'),
} as const;

/** Selected with the mouse and saved first: it holds the accented word and follows the emoji. */
export const CONTAINERS_PASSAGE = 'citing Chloé Han of the defence ministry, said some 1,000 containers had been shipped';

/** Saved second; it overlaps the first ("1,000 containers had been shipped"). */
export const SHIPPED_PASSAGE = '1,000 containers had been shipped by rail and sea since August.';

/** The other side of the story, for the screenshot. */
export const DENIAL_PASSAGE = 'called the accusation “the most absurd paradox”';

export const CONTAINERS_CLAIM = {
  statement: 'North Korea has shipped about 1,000 containers of munitions to Russia.',
  claimant: 'South Korean defence ministry',
  polarity: 'asserts',
} as const;

export const DENIAL_CLAIM = {
  statement: 'North Korea has shipped weapons to Russia.',
  claimant: 'Kim Yo Jong',
  polarity: 'denies',
} as const;

/** The accusation itself, as the wire report words it. */
export const ACCUSATION_PASSAGE = 'The United States and South Korea on Friday accused North Korea of shipping artillery shells and missiles to Russia';

export const ACCUSATION_CLAIM = {
  statement: 'North Korea is shipping artillery shells and missiles to Russia.',
  claimant: 'United States',
  polarity: 'asserts',
} as const;

/** What the three claims are about: one asserts it with numbers, one asserts it, one denies it. */
export const PROPOSITION = 'North Korea is supplying munitions to Russia.';

/** The question of the competing-hypotheses matrix and its two hypotheses. */
export const QUESTION = 'Is North Korea supplying Russia with munitions?';
export const HYPOTHESES = ['North Korea is supplying munitions to Russia.', 'The shipments are its own five-year build-up plan.'] as const;
