// The running example of DESIGN.md as a whole notebook, for the export and import tests: the wire
// report (graded B) and a paged study, six entities, one proposition asserted twice and denied once,
// a claim→claim contradiction, an ACH question with two rated hypotheses, and trashed objects that
// every export but the bundle must leave out. Deterministic: the same ids and times on every call.
import { createHash } from 'node:crypto';
import { describe as describeRange } from '../../../../notebook/common/anchoring.js';
import type { BundleFiles } from '../../../../notebook/common/bundle.js';
import { emptyNotebook, type Claim, type Id, type Instant, type Kind, type Link, type Notebook, type RatingValue } from '../../../../notebook/common/model.js';
import { apply, trashWithDependents } from '../../../../notebook/common/operations.js';
import { codePointIndex, codePointLength } from '../../../../notebook/common/text.js';
import {
  ACCUSATION_CLAIM,
  ACCUSATION_PASSAGE,
  CONTAINERS_CLAIM,
  CONTAINERS_PASSAGE,
  DENIAL_CLAIM,
  DENIAL_PASSAGE,
  HYPOTHESES,
  PROPOSITION,
  QUESTION,
  SHIPPED_PASSAGE,
  WIRE_REPORT,
} from '../../../e2e/running-example.js';

export { ACCUSATION_PASSAGE, CONTAINERS_PASSAGE, DENIAL_PASSAGE, HYPOTHESES, PROPOSITION, QUESTION, SHIPPED_PASSAGE, WIRE_REPORT };

export const EMOJI_PASSAGE = '“A dangerous trade 😠,” one Seoul lawmaker posted.';
export const BUILD_UP_PASSAGE = 'said the weapons tests belonged to a five-year build-up plan';
export const BUILD_UP_CLAIM = 'The weapons tests belong to a five-year build-up plan.';

/** A study whose original is a PDF: three pages, so excerpts cite "p. 2". */
export const STUDY = {
  title: 'Rail traffic at the Tumangang crossing, July–September 2023',
  publisher: 'Open Freight Monitor',
  published: '2023-10-02',
  url: 'https://freight-monitor.example/reports/tumangang-2023',
  pages: [
    'Rail traffic at the Tumangang crossing, July–September 2023\nA study by the Open Freight Monitor.\n',
    'Satellite images show 73 freight cars at Tumangang on 5 September, up from 12 in July. Containers of the size used for artillery shells were loaded at Rajin port.\n',
    'Not every container need hold munitions; some may carry food or fuel.\n',
  ],
} as const;
export const FREIGHT_PASSAGE = 'Satellite images show 73 freight cars at Tumangang on 5 September, up from 12 in July.';
export const NOT_EVERY_PASSAGE = 'Not every container need hold munitions; some may carry food or fuel.';

/** What is in the trash: none of it may appear in an export other than the bundle. */
export const TRASHED = {
  claim: 'Russia paid North Korea for the shells in oil.',
  sourceTitle: 'Discarded machine translation of the KCNA statement',
  sourceText: 'Machine translation: the accusation is a fabrication of the puppet forces.',
  excerpt: 'the accusation is a fabrication of the puppet forces',
  wireExcerpt: 'SEOUL, Oct. 14',
} as const;

export const NOTEBOOK_NOTES = 'Working file for the **munitions** brief. Open question: the rail data.';
export const ORGANISATION = 'Harbour Analysis Group';
export const EXPORTED_AT: Instant = '2023-10-20T12:00:00.000Z';

export interface RunningExample {
  notebook: Notebook;
  files: BundleFiles;
  /** Every stored text by its sha256 (the live sources' and the trashed one's). */
  texts: Map<string, string>;
  /** The ids of the objects, by role, for assertions. */
  ids: RunningExampleIds;
}

export interface RunningExampleIds {
  wire: Id;
  study: Id;
  trashedSource: Id;
  entities: { unitedStates: Id; ministry: Id; kim: Id; wire: Id; han: Id; northKorea: Id };
  proposition: Id;
  excerpts: { accusation: Id; containers: Id; shipped: Id; denial: Id; emoji: Id; buildUp: Id; freight: Id; notEvery: Id; trashedWire: Id; trashedSource: Id };
  claims: { accusation: Id; containers: Id; denial: Id; buildUp: Id; trashed: Id };
  links: Record<string, Id>;
  question: Id;
  hypotheses: [Id, Id];
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

export function runningExample(): RunningExample {
  let n = 0;
  // UUIDv7-shaped ids from a counter and times one second apart: ids sort in creation order.
  const stamp = () => {
    n++;
    const at = new Date(Date.UTC(2023, 9, 15, 9, 0, n)).toISOString();
    return { id: `01890000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`, createdAt: at, updatedAt: at };
  };
  const notebook = emptyNotebook('01890000-0000-7000-8000-ffffffffffff', 'Munitions to Russia', '2023-10-15T09:00:00.000Z');
  apply(notebook, { type: 'settings', set: { organisation: ORGANISATION, publicationUrl: 'https://harbour-analysis.example/assessments', notes: NOTEBOOK_NOTES } });

  const texts = new Map<string, string>();
  const originals = new Map<string, string>();
  const create = (kind: Kind, object: Record<string, unknown>): Id => {
    const s = stamp();
    apply(notebook, { type: 'create', kind, object: { ...s, ...object } });
    return s.id;
  };

  // ── Sources ──
  const wireText = WIRE_REPORT.text;
  const wireSha = sha256(wireText);
  texts.set(wireSha, wireText);
  originals.set(wireSha, Buffer.from(wireText, 'utf8').toString('base64'));
  const wire = create('source', {
    title: WIRE_REPORT.title,
    type: 'article',
    authors: ['Min-ji Park', 'Tom Reyes'],
    publisher: WIRE_REPORT.publisher,
    language: 'en',
    url: 'https://northwind-wire.example/world/asia/2023/10/14/korea-russia-arms',
    dates: {
      published: { value: WIRE_REPORT.published, from: 'metadata', detail: 'JSON-LD datePublished' },
      accessed: { value: '2023-10-15', from: 'analyst' },
    },
    reliability: { grade: 'B', rationale: 'Established wire service; reports officials by name and agency.' },
    content: { textSha256: wireSha, originalSha256: wireSha, mediaType: 'text/plain', filename: 'wire-report.txt', length: codePointLength(wireText) },
    tags: ['wire', 'korea/north'],
    notes: 'Filed from Seoul; the lawmaker is not named.',
  });

  const studyText = STUDY.pages.join('');
  const studySha = sha256(studyText);
  const studyOriginal = `%PDF-1.7\n% not a real PDF: stands in for the original bytes of the study\n${studyText}%%EOF\n`;
  const studyOriginalSha = sha256(studyOriginal);
  texts.set(studySha, studyText);
  originals.set(studySha, Buffer.from(studyText, 'utf8').toString('base64'));
  originals.set(studyOriginalSha, Buffer.from(studyOriginal, 'utf8').toString('base64'));
  const pageStarts: number[] = [];
  for (let i = 0, at = 0; i < STUDY.pages.length; at += codePointLength(STUDY.pages[i]!), i++) pageStarts.push(at);
  const study = create('source', {
    title: STUDY.title,
    type: 'report',
    authors: ['Open Freight Monitor'],
    publisher: STUDY.publisher,
    language: 'en',
    url: STUDY.url,
    dates: { published: { value: STUDY.published, from: 'file', detail: 'PDF info CreationDate' } },
    reliability: { grade: 'C', rationale: 'Independent monitor; methods published, imagery not released.' },
    content: { textSha256: studySha, originalSha256: studyOriginalSha, mediaType: 'application/pdf', filename: 'tumangang-2023.pdf', length: codePointLength(studyText), pageStarts },
  });

  const trashedSha = sha256(TRASHED.sourceText);
  texts.set(trashedSha, TRASHED.sourceText);
  originals.set(trashedSha, Buffer.from(TRASHED.sourceText, 'utf8').toString('base64'));
  const trashedSource = create('source', {
    title: TRASHED.sourceTitle,
    type: 'statement',
    content: { textSha256: trashedSha, originalSha256: trashedSha, mediaType: 'text/plain', length: codePointLength(TRASHED.sourceText) },
  });

  // ── Entities ──
  const entity = (name: string, kind: string, aliases: string[] = []) => create('entity', { name, kind, aliases });
  const entities = {
    unitedStates: entity('United States', 'state', ['U.S.']),
    ministry: entity(CONTAINERS_CLAIM.claimant, 'organisation', ['Ministry of National Defense']),
    kim: entity(DENIAL_CLAIM.claimant, 'person'),
    wire: entity(WIRE_REPORT.publisher, 'media outlet'),
    han: entity('Chloé Han', 'person'),
    northKorea: entity('North Korea', 'state', ['DPRK']),
  };

  // ── Excerpts: selectors as the reader would describe the selection ──
  const excerpt = (sourceId: Id, text: string, exact: string, fields: Record<string, unknown> = {}) => {
    const at = text.indexOf(exact);
    if (at < 0) throw new Error(`running example: "${exact}" is not in its source`);
    const start = codePointIndex(text, at);
    return create('excerpt', { sourceId, selectors: describeRange(text, { start, end: start + codePointLength(exact) }), ...fields });
  };
  const excerpts = {
    accusation: excerpt(wire, wireText, ACCUSATION_PASSAGE, { mentions: [entities.unitedStates, entities.northKorea], tags: ['accusation'] }),
    emoji: excerpt(wire, wireText, EMOJI_PASSAGE),
    containers: excerpt(wire, wireText, CONTAINERS_PASSAGE, { mentions: [entities.han], note: 'Second-hand: officials citing the ministry.' }),
    shipped: excerpt(wire, wireText, SHIPPED_PASSAGE),
    denial: excerpt(wire, wireText, DENIAL_PASSAGE, { mentions: [entities.kim] }),
    buildUp: excerpt(wire, wireText, BUILD_UP_PASSAGE),
    freight: excerpt(study, studyText, FREIGHT_PASSAGE),
    notEvery: excerpt(study, studyText, NOT_EVERY_PASSAGE),
    trashedWire: excerpt(wire, wireText, TRASHED.wireExcerpt),
    trashedSource: excerpt(trashedSource, TRASHED.sourceText, TRASHED.excerpt),
  };

  // ── The proposition and its claims ──
  const proposition = create('proposition', { statement: PROPOSITION, notes: 'The core question of the brief.' });
  const claim = (statement: string, fields: Partial<Claim>) => create('claim', { statement, ...fields });
  const claims = {
    accusation: claim(ACCUSATION_CLAIM.statement, {
      polarity: ACCUSATION_CLAIM.polarity,
      claimantId: entities.unitedStates,
      propositionId: proposition,
      attribution: [
        { role: 'publisher', entityId: entities.wire, label: '' },
        { role: 'speaker', entityId: entities.unitedStates, label: '', excerptId: excerpts.accusation },
      ],
      claimedAt: '2023-10-13',
      credibility: { grade: '3', rationale: 'Stated jointly by two governments; evidence not released.' },
      status: 'in progress',
    }),
    containers: claim(CONTAINERS_CLAIM.statement, {
      polarity: CONTAINERS_CLAIM.polarity,
      claimantId: entities.ministry,
      propositionId: proposition,
      attribution: [
        { role: 'publisher', entityId: entities.wire, label: '' },
        { role: 'intermediary', label: 'Officials in Seoul' },
        { role: 'speaker', entityId: entities.han, label: '', excerptId: excerpts.containers },
      ],
      claimedAt: '2023-10-13',
      credibility: { grade: '2', rationale: 'Consistent with the rail traffic the Open Freight Monitor counted.' },
      status: 'assessed',
      assessment: {
        likelihood: 'likely',
        confidence: 'moderate',
        basis: 'reported',
        rationale: 'Two independent sources agree on shipments by rail; the contents are not confirmed.',
      },
      tags: ['munitions', 'logistics/rail'],
      notes: 'Ask the ministry for the container count by month.',
    }),
    denial: claim(DENIAL_CLAIM.statement, {
      polarity: DENIAL_CLAIM.polarity,
      claimantId: entities.kim,
      propositionId: proposition,
      attribution: [
        { role: 'publisher', entityId: entities.wire, label: '' },
        { role: 'speaker', entityId: entities.kim, label: '', excerptId: excerpts.denial },
      ],
      claimedAt: '2023-10-14',
      credibility: { grade: '4', rationale: 'A party to the accusation; no evidence offered.' },
      status: 'assessed',
      assessment: { likelihood: 'unlikely', confidence: 'low', basis: 'judgment', rationale: 'The denial gives no account of the rail traffic.' },
    }),
    buildUp: claim(BUILD_UP_CLAIM, { polarity: 'asserts', claimantId: entities.kim, claimedAt: '2023-10-14' }),
    trashed: claim(TRASHED.claim, { polarity: 'asserts', claimantId: entities.northKorea }),
  };

  // ── Evidence links ──
  const link = (fromKind: Link['fromKind'], fromId: Id, toId: Id, relation: Link['relation'], fields: Partial<Link> = {}) =>
    create('link', { fromKind, fromId, toKind: 'claim', toId, relation, ...fields });
  const links = {
    accusationSupports: link('excerpt', excerpts.accusation, claims.accusation, 'supports', { strength: 'strong', rationale: 'The report quotes the accusation directly.' }),
    emojiContext: link('excerpt', excerpts.emoji, claims.accusation, 'context', { rationale: 'Mood in Seoul, not evidence.' }),
    containersSupports: link('excerpt', excerpts.containers, claims.containers, 'supports', { strength: 'moderate' }),
    shippedSupports: link('excerpt', excerpts.shipped, claims.containers, 'supports', { strength: 'weak', rationale: 'Same officials; adds the routes.' }),
    freightSupports: link('excerpt', excerpts.freight, claims.containers, 'supports', { strength: 'moderate', rationale: 'Independent count of freight cars.' }),
    notEveryQualifies: link('excerpt', excerpts.notEvery, claims.containers, 'qualifies', { rationale: 'Containers are not munitions.' }),
    denialSupports: link('excerpt', excerpts.denial, claims.denial, 'supports'),
    freightRefutes: link('excerpt', excerpts.freight, claims.denial, 'refutes', { strength: 'moderate', rationale: 'The rail traffic is there.' }),
    buildUpSupports: link('excerpt', excerpts.buildUp, claims.buildUp, 'supports'),
    buildUpContradicts: link('claim', claims.buildUp, claims.containers, 'contradicts', { rationale: 'A build-up at home leaves nothing to ship.' }),
    trashedClaimLink: link('excerpt', excerpts.accusation, claims.trashed, 'supports'),
    trashedSourceLink: link('excerpt', excerpts.trashedSource, claims.denial, 'supports'),
    trashedWireLink: link('excerpt', excerpts.trashedWire, claims.accusation, 'context'),
  };

  // ── Competing hypotheses ──
  const question = create('question', {
    text: QUESTION,
    evidence: [
      { kind: 'excerpt', id: excerpts.accusation, relevance: 'medium' },
      { kind: 'excerpt', id: excerpts.containers, relevance: 'high' },
      { kind: 'excerpt', id: excerpts.freight, relevance: 'high' },
      { kind: 'claim', id: claims.denial, relevance: 'low' },
      { kind: 'claim', id: claims.trashed, relevance: 'medium' },
    ],
    notes: 'Rated on 2023-10-16.',
  });
  const rate = (ratings: [Id, RatingValue][]) => Object.fromEntries(ratings);
  const hypotheses: [Id, Id] = [
    create('hypothesis', {
      questionId: question,
      statement: HYPOTHESES[0],
      ratings: rate([[excerpts.accusation, 'C'], [excerpts.containers, 'CC'], [excerpts.freight, 'CC'], [claims.denial, 'I'], [claims.trashed, 'C']]),
    }),
    create('hypothesis', {
      questionId: question,
      statement: HYPOTHESES[1],
      ratings: rate([[excerpts.accusation, 'I'], [excerpts.containers, 'I'], [excerpts.freight, 'II'], [claims.denial, 'C'], [claims.trashed, 'II']]),
    }),
  ];

  // ── The trash ──
  const trashedAt = '2023-10-16T10:00:00.000Z';
  apply(notebook, trashWithDependents(notebook, 'claim', claims.trashed, trashedAt));
  apply(notebook, trashWithDependents(notebook, 'excerpt', excerpts.trashedWire, trashedAt));
  apply(notebook, trashWithDependents(notebook, 'source', trashedSource, trashedAt));

  const files: BundleFiles = {
    text(sha) {
      const text = texts.get(sha);
      if (text === undefined) throw new Error(`running example: no text ${sha}`);
      return text;
    },
    originalBase64(sha) {
      const original = originals.get(sha);
      if (original === undefined) throw new Error(`running example: no original ${sha}`);
      return original;
    },
  };
  return { notebook, files, texts, ids: { wire, study, trashedSource, entities, proposition, excerpts, claims, links, question, hypotheses } };
}
