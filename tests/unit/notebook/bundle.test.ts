import { Buffer } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Bundle, BUNDLE_SCHEMA_VERSION, buildBundle } from '../../../notebook/common/bundle.js';
import { NotebookError } from '../../../notebook/common/errors.js';
import { newId, now } from '../../../notebook/common/ids.js';
import { trashWithDependents } from '../../../notebook/common/operations.js';
import { prepareReadFile, prepareTextSource, storeAndApply } from '../../../notebook/node/add-source.js';
import { extractFile } from '../../../notebook/node/import/extract.js';
import { importBundle, type KindCounts } from '../../../notebook/node/bundle-import.js';
import { openStore, type Store } from '../../../notebook/node/store.js';
import { folderBytes } from './cli-harness.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url)));
const fixtureJson = (name: string): unknown => JSON.parse(fixture(name).toString('utf8'));

const temps: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {});
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function newStore(name: string): Promise<Store> {
  const root = mkdtempSync(join(tmpdir(), 'corroborate-bundle-'));
  temps.push(root);
  const store = await openStore(join(root, `${name}.corroborate`), { create: true });
  stores.push(store);
  return store;
}


const exportOf = (store: Store): unknown =>
  JSON.parse(
    JSON.stringify(
      buildBundle(store.notebook, { text: (sha) => store.readText(sha), originalBase64: (sha) => Buffer.from(store.readFile(sha)).toString('base64') }, now()),
    ),
  );

/** Notebook A: the running example, with a windows-1252 file (original ≠ text), and something in the trash. */
async function notebookA(): Promise<Store> {
  const a = await newStore('a');
  const wire = prepareTextSource(a.notebook, {
    title: 'Wire report: arms to Russia',
    text: 'Seoul, Jan. 5 — The U.S. and South Korea accuse North Korea of shipping artillery.\r\nOfficials report thousands of containers.\r\n',
    publisher: 'Wire',
    published: '2024-01-05',
    url: '',
    type: 'article',
  });
  storeAndApply(a, wire);
  const kcnaBytes = fixture('windows-1252-curly-quotes.txt');
  const kcnaFile = { filename: 'windows-1252-curly-quotes.txt', bytes: kcnaBytes };
  const kcna = prepareReadFile(a.notebook, { ...kcnaFile, extracted: await extractFile(kcnaFile) });
  storeAndApply(a, kcna);

  const t = now();
  const kim = newId();
  const officials = newId();
  const quote = newId();
  const containers = newId();
  const trashed = newId();
  const absurd = newId();
  const shipped = newId();
  const wireText = a.readText(wire.source.content.textSha256);
  const kcnaText = a.readText(kcna.source.content.textSha256);
  const at = (text: string, exact: string) => ({ start: [...text.slice(0, text.indexOf(exact))].length, end: [...text.slice(0, text.indexOf(exact))].length + [...exact].length });
  a.apply({
    type: 'batch',
    label: 'fixture',
    ops: [
      { type: 'create', kind: 'entity', object: { id: kim, createdAt: t, updatedAt: t, name: 'Kim Yo Jong', kind: 'person' } },
      { type: 'create', kind: 'entity', object: { id: officials, createdAt: t, updatedAt: t, name: 'South Korean officials', kind: 'organisation' } },
      {
        type: 'create',
        kind: 'excerpt',
        object: { id: quote, createdAt: t, updatedAt: t, sourceId: kcna.source.id, selectors: { position: at(kcnaText, 'the most absurd paradox'), quote: { exact: 'the most absurd paradox' } } },
      },
      {
        type: 'create',
        kind: 'excerpt',
        object: { id: containers, createdAt: t, updatedAt: t, sourceId: wire.source.id, selectors: { position: at(wireText, 'thousands of containers'), quote: { exact: 'thousands of containers' } } },
      },
      {
        type: 'create',
        kind: 'excerpt',
        object: { id: trashed, createdAt: t, updatedAt: t, sourceId: wire.source.id, selectors: { position: at(wireText, 'Seoul'), quote: { exact: 'Seoul' } }, note: 'not needed' },
      },
      { type: 'create', kind: 'claim', object: { id: absurd, createdAt: t, updatedAt: t, statement: 'The accusation is absurd', claimantId: kim, polarity: 'denies' } },
      { type: 'create', kind: 'claim', object: { id: shipped, createdAt: t, updatedAt: t, statement: 'North Korea shipped containers of arms to Russia', claimantId: officials } },
      { type: 'create', kind: 'link', object: { id: newId(), createdAt: t, updatedAt: t, fromKind: 'excerpt', fromId: quote, toKind: 'claim', toId: absurd, relation: 'supports' } },
      { type: 'create', kind: 'link', object: { id: newId(), createdAt: t, updatedAt: t, fromKind: 'excerpt', fromId: containers, toKind: 'claim', toId: shipped, relation: 'supports' } },
      { type: 'create', kind: 'link', object: { id: newId(), createdAt: t, updatedAt: t, fromKind: 'claim', fromId: absurd, toKind: 'claim', toId: shipped, relation: 'contradicts' } },
    ],
  });
  a.apply(trashWithDependents(a.notebook, 'excerpt', trashed, now()));
  return a;
}

/** Counts per kind, zero for every kind not named. */
const kinds = (some: Partial<KindCounts>): KindCounts => ({ source: 0, excerpt: 0, claim: 0, link: 0, entity: 0, proposition: 0, question: 0, hypothesis: 0, ...some });

/**
 * Notebook A with its analysis (schema v2): a proposition grouping the shipment claim, a mention of
 * the officials in the containers excerpt, and a question whose rows are an excerpt, a claim and the
 * excerpt in the trash, with two hypotheses rated against them and a third in the trash.
 */
async function notebookAWithAnalysis(): Promise<{ store: Store; questionId: string; hypothesisIds: string[] }> {
  const a = await notebookA();
  const nb = a.notebook;
  const excerpt = (exact: string) => Object.values(nb.excerpts).find((e) => e.selectors.quote.exact === exact)!.id;
  const claim = (start: string) => Object.values(nb.claims).find((c) => c.statement.startsWith(start))!.id;
  const officials = Object.values(nb.entities).find((e) => e.name === 'South Korean officials')!.id;
  const [containers, trashed] = [excerpt('thousands of containers'), excerpt('Seoul')];
  const [absurd, shipped] = [claim('The accusation'), claim('North Korea shipped')];
  const t = now();
  const proposition = newId();
  const questionId = newId();
  const hypothesisIds = [newId(), newId(), newId()];
  a.apply({
    type: 'batch',
    label: 'analysis',
    ops: [
      { type: 'create', kind: 'proposition', object: { id: proposition, createdAt: t, updatedAt: t, statement: 'North Korea supplies Russia with munitions' } },
      { type: 'update', kind: 'claim', id: shipped, set: { propositionId: proposition, updatedAt: t }, unset: [] },
      { type: 'update', kind: 'excerpt', id: containers, set: { mentions: [officials], updatedAt: t }, unset: [] },
      {
        type: 'create',
        kind: 'question',
        object: {
          id: questionId,
          createdAt: t,
          updatedAt: t,
          text: 'Is North Korea supplying Russia with munitions?',
          evidence: [
            { kind: 'excerpt', id: containers, relevance: 'high' },
            { kind: 'claim', id: absurd, credibility: 'low' },
            { kind: 'excerpt', id: trashed },
          ],
        },
      },
      { type: 'create', kind: 'hypothesis', object: { id: hypothesisIds[0], createdAt: t, updatedAt: t, questionId, statement: 'Yes, at scale', ratings: { [containers]: 'CC', [absurd]: 'I' } } },
      { type: 'create', kind: 'hypothesis', object: { id: hypothesisIds[1], createdAt: t, updatedAt: t, questionId, statement: 'No', ratings: { [containers]: 'II', [absurd]: 'C' } } },
      { type: 'create', kind: 'hypothesis', object: { id: hypothesisIds[2], createdAt: t, updatedAt: t, questionId, statement: 'Only small arms' } },
    ],
  });
  a.apply({ type: 'delete', kind: 'hypothesis', id: hypothesisIds[2]!, at: now() });
  return { store: a, questionId, hypothesisIds };
}

/** The v1 running example (tests/fixtures/notebooks) as Corroborate 0.1 exported it: bundle schemaVersion 1, no v2 fields. */
function v1Export(): Record<string, unknown> {
  const dir = fileURLToPath(new URL('../../fixtures/notebooks/', import.meta.url));
  const nb = JSON.parse(readFileSync(join(dir, 'v1-notebook.json'), 'utf8')) as Record<string, Record<string, object>>;
  const text = readFileSync(join(dir, 'v1-wire-report.txt'), 'utf8');
  return {
    format: 'corroborate-bundle',
    schemaVersion: 1,
    exportedAt: '2024-01-06T10:00:00.000Z',
    notebook: { id: nb.id, name: nb.name, createdAt: nb.createdAt },
    sources: Object.values(nb.sources!).map((s) => ({ ...s, text })),
    excerpts: Object.values(nb.excerpts!),
    claims: Object.values(nb.claims!),
    links: Object.values(nb.links!),
    entities: Object.values(nb.entities!),
  };
}

function refusal(f: () => unknown): NotebookError {
  try {
    f();
  } catch (e) {
    if (e instanceof NotebookError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('notebook bundle', () => {
  it('round-trips a notebook: B imported from A’s export has the same objects, ids and texts', async () => {
    const a = await notebookA();
    const bundle = exportOf(a);
    const parsed = Bundle.parse(bundle);
    // The CRLF paste and the windows-1252 file both differ from their normalised text: their originals travel too.
    expect(parsed.sources.filter((s) => s.originalBase64 !== undefined)).toHaveLength(2);

    const b = await newStore('b');
    const result = importBundle(b, bundle);
    expect(result.added).toEqual(kinds({ source: 2, excerpt: 3, claim: 2, link: 3, entity: 2 }));
    expect(b.canUndo).toBe(true);

    for (const key of ['sources', 'excerpts', 'claims', 'links', 'entities'] as const) {
      expect(b.notebook[key]).toEqual(a.notebook[key]);
    }
    expect(Object.values(b.notebook.excerpts).filter((e) => e.deletedAt)).toHaveLength(1);
    for (const source of Object.values(a.notebook.sources)) {
      expect(b.readText(source.content.textSha256)).toBe(a.readText(source.content.textSha256));
      expect(Buffer.from(b.readFile(source.content.originalSha256))).toEqual(Buffer.from(a.readFile(source.content.originalSha256)));
    }

    // Importing the same bundle again adds nothing and journals nothing.
    const seq = b.seq;
    const again = importBundle(b, bundle);
    expect(again.added).toEqual(kinds({}));
    expect(again.skipped).toEqual(kinds({ source: 2, excerpt: 3, claim: 2, link: 3, entity: 2 }));
    expect(again.applied).toBeNull();
    expect(b.seq).toBe(seq);
  });

  it('undoes a whole import in one step', async () => {
    const a = await notebookA();
    const b = await newStore('b');
    importBundle(b, exportOf(a));
    b.undo();
    expect(Object.keys(b.notebook.sources)).toHaveLength(0);
    expect(Object.keys(b.notebook.links)).toHaveLength(0);
  });

  it('imports a bundle a script wrote without content or times, and skips it the second time', async () => {
    const b = await newStore('b');
    const before = Date.now();
    const result = importBundle(b, fixtureJson('producer-bundle-without-content.json'));
    expect(result.added).toEqual(kinds({ source: 1, excerpt: 1, claim: 1, link: 1, entity: 1 }));
    const source = Object.values(b.notebook.sources)[0]!;
    expect(source.content.mediaType).toBe('text/plain');
    expect(source.content.textSha256).toBe(source.content.originalSha256);
    expect(b.readText(source.content.textSha256)).toMatch(/^Pyongyang, Jan\. 6/);
    expect(Date.parse(source.createdAt)).toBeGreaterThanOrEqual(before - 1);

    const again = importBundle(b, fixtureJson('producer-bundle-without-content.json'));
    expect(again.applied).toBeNull();
    expect(again.skipped.source).toBe(1);
  });

  it('refuses a bundle whose excerpt quote is not in its text, and leaves B as it was on disk', async () => {
    const b = await newStore('b');
    await b.compact();
    const bytes = folderBytes(b.dir);
    const e = refusal(() => importBundle(b, fixtureJson('bundle-with-mismatched-quote.json')));
    expect(e.code).toBe('invalid');
    expect(e.message).toContain('excerpt 01941c2a-0000-7000-8000-0000000000b1');
    expect(e.message).toContain('"the most reasonable claim" does not match');
    expect(Object.keys(b.notebook.sources)).toHaveLength(0);
    expect(folderBytes(b.dir)).toEqual(bytes);
  });

  it('refuses an id that already means something else, naming it', async () => {
    const b = await newStore('b');
    importBundle(b, fixtureJson('producer-bundle-without-content.json'));
    const changed = fixtureJson('producer-bundle-without-content.json') as { claims: { statement: string }[] };
    changed.claims[0]!.statement = 'The accusation is a fabrication';
    const e = refusal(() => importBundle(b, changed));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/^claim 01941c2a-0000-7000-8000-0000000000c1 .* differs in its statement;/);
  });

  it('refuses a reference to nothing, a wrong textSha256, and a bad field, naming the object', async () => {
    const b = await newStore('b');
    const base = () => fixtureJson('producer-bundle-without-content.json') as Record<string, Record<string, unknown>[]>;

    const orphan = base();
    orphan.sources = [];
    expect(refusal(() => importBundle(b, orphan)).message).toBe(
      'excerpt 01941c2a-0000-7000-8000-0000000000b1: sourceId 01941c2a-0000-7000-8000-0000000000a1 is neither in the bundle nor in the notebook',
    );

    const wrongSha = base();
    wrongSha.sources![0]!.content = { textSha256: 'a'.repeat(64) };
    expect(refusal(() => importBundle(b, wrongSha)).message).toMatch(/^sources\[0\] \(source 01941c2a-0000-7000-8000-0000000000a1\): content\.textSha256 does not match/);

    const badRelation = base();
    badRelation.links![0]!.relation = 'proves';
    expect(refusal(() => importBundle(b, badRelation)).message).toMatch(/^links\[0\] \(link 01941c2a-0000-7000-8000-0000000000d1\): relation: /);

    expect(refusal(() => importBundle(b, { format: 'something-else' })).message).toMatch(/not a Corroborate bundle/);
    expect(refusal(() => importBundle(b, { format: 'corroborate-bundle', schemaVersion: BUNDLE_SCHEMA_VERSION + 1 })).code).toBe('newer-schema');
    expect(Object.keys(b.notebook.sources)).toHaveLength(0);
  });
});

describe('notebook bundle, schema v2', () => {
  it('round-trips the analysis: propositions, questions with their rows, hypotheses with their ratings, and mentions', async () => {
    const { store: a, questionId, hypothesisIds } = await notebookAWithAnalysis();
    const bundle = exportOf(a);
    const parsed = Bundle.parse(bundle);
    expect(parsed.schemaVersion).toBe(BUNDLE_SCHEMA_VERSION);
    expect(parsed.propositions).toHaveLength(1);
    expect(parsed.questions.map((q) => q.evidence.length)).toEqual([3]);
    expect(parsed.hypotheses.map((h) => h.id)).toEqual([...hypothesisIds].sort());

    const b = await newStore('b');
    const result = importBundle(b, bundle);
    expect(result.added).toEqual(kinds({ source: 2, excerpt: 3, claim: 2, link: 3, entity: 2, proposition: 1, question: 1, hypothesis: 3 }));
    for (const key of ['sources', 'excerpts', 'claims', 'links', 'entities', 'propositions', 'questions', 'hypotheses'] as const) {
      expect(b.notebook[key]).toEqual(a.notebook[key]);
    }
    expect(b.notebook.hypotheses[hypothesisIds[2]!]!.deletedAt).toBeDefined();
    expect(Object.values(b.notebook.hypotheses).filter((h) => h.questionId === questionId)).toHaveLength(3);

    const again = importBundle(b, bundle);
    expect(again.applied).toBeNull();
    expect(again.skipped).toEqual(result.added);

    // One undo takes all of it back, the analysis included.
    b.undo();
    expect(Object.keys(b.notebook.hypotheses)).toHaveLength(0);
    expect(Object.keys(b.notebook.questions)).toHaveLength(0);
    expect(Object.keys(b.notebook.propositions)).toHaveLength(0);
  });

  it('imports a v1 export as Corroborate 0.1 wrote it, and finds it identical to the same notebook upgraded', async () => {
    const b = await newStore('b');
    const result = importBundle(b, v1Export());
    expect(result.added).toEqual(kinds({ source: 1, excerpt: 3, claim: 3, link: 3, entity: 3 }));
    expect(Object.values(b.notebook.excerpts).every((e) => e.mentions.length === 0)).toBe(true);
    expect(b.readText('933840595c8a7585b62c559b08c10fec72b8c0e3313d698cae0f35c570fb2132')).toMatch(/^SEOUL, Jan\. 5 \(Wire\)/);
    expect(importBundle(b, v1Export()).applied).toBeNull();

    // The v2 export of what came in reads the same objects back.
    const c = await newStore('c');
    importBundle(c, exportOf(b));
    for (const key of ['sources', 'excerpts', 'claims', 'links', 'entities'] as const) expect(c.notebook[key]).toEqual(b.notebook[key]);
  });

  it('refuses a hypothesis whose question is neither in the bundle nor in the notebook, naming both, and writes nothing', async () => {
    const b = await newStore('b');
    await b.compact();
    const bytes = folderBytes(b.dir);
    const missing = '01941c2a-0000-7000-8000-0000000000f9';
    const bundle = {
      format: 'corroborate-bundle',
      schemaVersion: 2,
      hypotheses: [{ id: '01941c2a-0000-7000-8000-0000000000f1', questionId: missing, statement: 'North Korea is clearing old stock' }],
    };
    const e = refusal(() => importBundle(b, bundle));
    expect(e.code).toBe('invalid');
    expect(e.message).toBe(`hypothesis 01941c2a-0000-7000-8000-0000000000f1 "North Korea is clearing old stock": questionId ${missing} is neither in the bundle nor in the notebook`);
    expect(folderBytes(b.dir)).toEqual(bytes);
  });

  it('refuses the other references of v2 that lead nowhere: a proposition, an evidence row, a mention', async () => {
    const b = await newStore('b');
    const nowhere = '01941c2a-0000-7000-8000-0000000000f9';
    const base = () => fixtureJson('producer-bundle-without-content.json') as Record<string, Record<string, unknown>[]>;

    const proposition = base();
    proposition.claims![0]!.propositionId = nowhere;
    expect(refusal(() => importBundle(b, proposition)).message).toBe(
      `claim 01941c2a-0000-7000-8000-0000000000c1 "The accusation of arms shipments to Russia is absurd": propositionId ${nowhere} is neither in the bundle nor in the notebook`,
    );

    const row = base();
    row.questions = [{ id: '01941c2a-0000-7000-8000-0000000000f2', text: 'Is the denial credible?', evidence: [{ kind: 'claim', id: '01941c2a-0000-7000-8000-0000000000c1' }, { kind: 'excerpt', id: nowhere }] }];
    expect(refusal(() => importBundle(b, row)).message).toBe(
      `question 01941c2a-0000-7000-8000-0000000000f2 "Is the denial credible?": evidence[1].id ${nowhere} is neither in the bundle nor in the notebook`,
    );

    const mention = base();
    mention.excerpts![0]!.mentions = ['01941c2a-0000-7000-8000-0000000000e1', nowhere];
    expect(refusal(() => importBundle(b, mention)).message).toBe(`excerpt 01941c2a-0000-7000-8000-0000000000b1: mentions[1] ${nowhere} is neither in the bundle nor in the notebook`);

    expect(Object.keys(b.notebook.sources)).toHaveLength(0);
    expect(b.seq).toBe(0);
  });

  it('lets a question in a later bundle take rows and hypotheses from what the notebook already has', async () => {
    const b = await newStore('b');
    importBundle(b, fixtureJson('producer-bundle-without-content.json'));
    const later = {
      format: 'corroborate-bundle',
      schemaVersion: 2,
      questions: [{ id: '01941c2a-0000-7000-8000-0000000000f2', text: 'Is the denial credible?', evidence: [{ kind: 'excerpt', id: '01941c2a-0000-7000-8000-0000000000b1' }] }],
      hypotheses: [{ id: '01941c2a-0000-7000-8000-0000000000f3', questionId: '01941c2a-0000-7000-8000-0000000000f2', statement: 'It is', ratings: { '01941c2a-0000-7000-8000-0000000000b1': 'C' } }],
    };
    expect(importBundle(b, later).added).toEqual(kinds({ question: 1, hypothesis: 1 }));
    expect(b.notebook.hypotheses['01941c2a-0000-7000-8000-0000000000f3']!.ratings).toEqual({ '01941c2a-0000-7000-8000-0000000000b1': 'C' });
  });
});
