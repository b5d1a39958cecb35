// A small notebook for the search tests, as the operations that make it, so the same notebook can be
// built in memory (search-index tests) or through a real store (search-host tests). The texts are
// real files' content: their sha256 is what a store computes.
import { createHash } from 'node:crypto';
import { newId } from '../../../../notebook/common/ids.js';
import { emptyNotebook, type Notebook } from '../../../../notebook/common/model.js';
import { apply, type Operation } from '../../../../notebook/common/operations.js';
import { codePointIndex, codePointLength } from '../../../../notebook/common/text.js';

/** Imagery report: the word "artillery" and a name with a diacritic in its metadata. */
export const RAJIN_TEXT = [
  'Satellite imagery of Rajin port',
  'Images taken on 5 March show about 2,000 containers on the quay. Analysts say the containers hold artillery shells bound for Russia.',
  'The Ministry of National Defense says the shipments continue.',
].join('\n\n');

/** A statement whose text starts with astral characters (flags, a rocket) before the words searched. */
export const KCNA_TEXT = '🇰🇵🚀 KCNA statement\n\nThe claims of arms deals are absurd, said Kim Yo Jong. No munitions were transferred.';

export const sha256 = (text: string): string => createHash('sha256').update(new TextEncoder().encode(text)).digest('hex');

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

export interface Fixture {
  ops: Operation[];
  texts: Map<string, string>;
  ids: {
    rajin: string;
    kcna: string;
    shells: string;
    absurd: string;
    mnd: string;
    kim: string;
    supplied: string;
    denied: string;
    link: string;
    proposition: string;
    question: string;
    hypothesis: string;
  };
}

function source(id: string, second: number, title: string, text: string, fields: Record<string, unknown>): Operation {
  const sha = sha256(text);
  return {
    type: 'create',
    kind: 'source',
    object: {
      id,
      createdAt: at(second),
      updatedAt: at(second),
      title,
      content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: codePointLength(text) },
      ...fields,
    },
  };
}

function excerpt(id: string, second: number, sourceId: string, text: string, exact: string, fields: Record<string, unknown> = {}): Operation {
  const start = codePointIndex(text, text.indexOf(exact));
  return {
    type: 'create',
    kind: 'excerpt',
    object: { id, createdAt: at(second), updatedAt: at(second), sourceId, selectors: { position: { start, end: start + codePointLength(exact) }, quote: { exact } }, ...fields },
  };
}

const create = (kind: 'entity' | 'claim' | 'link' | 'proposition' | 'question' | 'hypothesis', id: string, second: number, fields: Record<string, unknown>): Operation => ({
  type: 'create',
  kind,
  object: { id, createdAt: at(second), updatedAt: at(second), ...fields },
});

/** The operations, in order, that make the fixture notebook; every object is created a second after the last. */
export function searchFixture(): Fixture {
  const ids = {
    rajin: newId(),
    kcna: newId(),
    shells: newId(),
    absurd: newId(),
    mnd: newId(),
    kim: newId(),
    supplied: newId(),
    denied: newId(),
    link: newId(),
    proposition: newId(),
    question: newId(),
    hypothesis: newId(),
  };
  const ops: Operation[] = [
    source(ids.rajin, 1, 'Satellite imagery of Rajin port', RAJIN_TEXT, {
      authors: ['Chloé Martin'],
      publisher: 'Open Desk',
      tags: ['weapons/artillery', 'places/rajin'],
      reliability: { grade: 'B', rationale: '' },
      dates: { published: { value: '2024-03-05', from: 'analyst' } },
    }),
    source(ids.kcna, 2, 'KCNA statement on arms deals', KCNA_TEXT, {
      tags: ['statements'],
      reliability: { grade: 'E', rationale: '' },
      dates: { published: { value: '2024-01', from: 'analyst' } },
    }),
    excerpt(ids.shells, 3, ids.rajin, RAJIN_TEXT, 'the containers hold artillery shells', { note: 'Counted from imagery', tags: ['weapons/artillery/shells'] }),
    excerpt(ids.absurd, 4, ids.kcna, KCNA_TEXT, 'The claims of arms deals are absurd'),
    create('entity', ids.mnd, 5, { name: 'Ministry of National Defense', kind: 'organisation', aliases: ['MND'] }),
    create('entity', ids.kim, 6, { name: 'Kim Yo Jong', aliases: ['KYJ'], notes: 'Vice department director' }),
    create('proposition', ids.proposition, 7, { statement: 'North Korea sends munitions to Russia' }),
    create('claim', ids.supplied, 8, {
      statement: 'North Korea supplied artillery shells to Russia',
      claimantId: ids.mnd,
      propositionId: ids.proposition,
      claimedAt: '2024-02-27',
      credibility: { grade: '2', rationale: '' },
      tags: ['weapons'],
    }),
    create('claim', ids.denied, 9, {
      statement: 'No munitions were transferred',
      polarity: 'denies',
      claimantId: ids.kim,
      propositionId: ids.proposition,
      claimedAt: '2024-03-01',
      credibility: { grade: '5', rationale: '' },
      notes: 'Issued through KCNA',
    }),
    create('link', ids.link, 10, { fromKind: 'excerpt', fromId: ids.shells, toKind: 'claim', toId: ids.supplied, relation: 'supports' }),
    create('question', ids.question, 11, { text: 'Is North Korea arming Russia?' }),
    create('hypothesis', ids.hypothesis, 12, { questionId: ids.question, statement: 'Shipments are continuing by sea' }),
    { type: 'settings', set: { notes: 'Working notes: check the rail crossing at Tumangang.' } },
  ];
  return { ops, texts: new Map([RAJIN_TEXT, KCNA_TEXT].map((t) => [sha256(t), t])), ids };
}

/** The fixture notebook built in memory. */
export function fixtureNotebook(fixture: Fixture = searchFixture()): Notebook {
  const nb = emptyNotebook(newId(), 'Korea arms', '2026-01-01T00:00:00.000Z');
  for (const op of fixture.ops) apply(nb, op);
  return nb;
}

/**
 * About `chars` UTF-16 units of made-up prose (seeded, so always the same): paragraphs of words of
 * two to four syllables, some with accents, from a vocabulary large enough that each passage holds
 * a hundred distinct terms. For the tests of a large source.
 */
export function largeText(chars: number, seed = 1): string {
  const syllables = ['ka', 'ro', 'mi', 'sen', 'tal', 'vo', 'dre', 'nu', 'pol', 'ash', 'ki', 'lum', 'bor', 'ets', 'gra', 'hin', 'jo', 'quar', 'zel', 'fi', 'mont', 'ré', 'ça', 'ün'];
  let state = seed >>> 0;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const vocabulary = Array.from({ length: 6000 }, () => Array.from({ length: 2 + next(3) }, () => syllables[next(syllables.length)]).join(''));
  const paragraphs: string[] = [];
  let length = 0;
  while (length < chars) {
    const words = Array.from({ length: 60 + next(80) }, () => vocabulary[next(vocabulary.length)]!);
    const paragraph = `${words.join(' ')}.`;
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}
