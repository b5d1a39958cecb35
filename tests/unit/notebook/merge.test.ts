// Merging a notebook bundle into a notebook that already has some of it: new objects added,
// identical ones skipped, differing ones listed as conflicts and resolved as the analyst chose.
import { Buffer } from 'node:buffer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBundle } from '../../../notebook/common/bundle.js';
import { NotebookError } from '../../../notebook/common/errors.js';
import { newId, now } from '../../../notebook/common/ids.js';
import { KINDS, COLLECTION, type Id, type Kind, type Notebook } from '../../../notebook/common/model.js';
import { trashWithDependents } from '../../../notebook/common/operations.js';
import { importBundle, planMerge, UnresolvedConflicts, type KindCounts } from '../../../notebook/node/bundle-import.js';
import { openStore, type Store } from '../../../notebook/node/store.js';
import { runningExample, type RunningExample } from './export/running-example.js';
import { folderBytes } from './cli-harness.js';

const temps: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {});
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function newStore(name: string): Promise<Store> {
  const root = mkdtempSync(join(tmpdir(), 'corroborate-merge-'));
  temps.push(root);
  const store = await openStore(join(root, `${name}.corroborate`), { create: true });
  stores.push(store);
  return store;
}

/** The bundle as it would be read back from its file. */
const asJson = (value: unknown): Record<string, unknown[]> => JSON.parse(JSON.stringify(value)) as Record<string, unknown[]>;

const exampleBundle = (example: RunningExample) => asJson(buildBundle(example.notebook, example.files, '2023-10-20T12:00:00.000Z'));

const exportOf = (store: Store) =>
  asJson(buildBundle(store.notebook, { text: (sha) => store.readText(sha), originalBase64: (sha) => Buffer.from(store.readFile(sha)).toString('base64') }, now()));

/** An analyst's copy of the running example: a new notebook with its bundle imported. */
async function copyOfExample(name: string): Promise<{ store: Store; example: RunningExample }> {
  const example = runningExample();
  const store = await newStore(name);
  importBundle(store, exampleBundle(example));
  return { store, example };
}

const kinds = (some: Partial<KindCounts>): KindCounts => ({ source: 0, excerpt: 0, claim: 0, link: 0, entity: 0, proposition: 0, question: 0, hypothesis: 0, ...some });

/** How many objects of each kind the example has, trash included: what a second import skips. */
function sizes(nb: Notebook): KindCounts {
  return Object.fromEntries(KINDS.map((k) => [k, Object.keys(nb[COLLECTION[k]]).length])) as KindCounts;
}

function minus(a: KindCounts, b: Partial<KindCounts>): KindCounts {
  return Object.fromEntries(KINDS.map((k) => [k, a[k] - (b[k] ?? 0)])) as KindCounts;
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

/** One edit an analyst makes: the fields set and updatedAt moved on. */
function edit(store: Store, kind: Kind, id: Id, set: Record<string, unknown>, at = now()): void {
  store.apply({ type: 'update', kind, id, set: { ...set, updatedAt: at }, unset: [] });
}

function addClaim(store: Store, statement: string, fields: Record<string, unknown> = {}): Id {
  const id = newId();
  const at = now();
  store.apply({ type: 'create', kind: 'claim', object: { id, createdAt: at, updatedAt: at, statement, ...fields } });
  return id;
}

describe('bundle round trip', () => {
  it('export → import into an empty notebook gives the same collections, texts and originals; one undo takes it back', async () => {
    const example = runningExample();
    const store = await newStore('empty');
    const result = importBundle(store, exampleBundle(example));
    expect(result.added).toEqual(sizes(example.notebook));
    expect(result.conflicts).toEqual([]);
    for (const kind of KINDS) expect(store.notebook[COLLECTION[kind]], kind).toEqual(example.notebook[COLLECTION[kind]]);
    for (const source of Object.values(example.notebook.sources)) {
      expect(store.readText(source.content.textSha256)).toBe(example.files.text(source.content.textSha256));
      expect(Buffer.from(store.readFile(source.content.originalSha256)).toString('base64')).toBe(example.files.originalBase64(source.content.originalSha256));
    }
    // The import's own export is the same bundle again, apart from when it was made.
    expect({ ...exportOf(store), exportedAt: null, notebook: null }).toEqual({ ...exampleBundle(example), exportedAt: null, notebook: null });

    store.undo();
    for (const kind of KINDS) expect(Object.keys(store.notebook[COLLECTION[kind]]), kind).toEqual([]);
  });
});

describe('planning a merge', () => {
  it('skips what is identical, and objects that differ only in when they were saved', async () => {
    const { store, example } = await copyOfExample('mine');
    const bundle = exampleBundle(example);
    (bundle.claims![0] as { updatedAt: string }).updatedAt = '2024-01-01T00:00:00.000Z';
    const seq = store.seq;
    expect(planMerge(store, bundle)).toEqual({ added: kinds({}), skipped: sizes(example.notebook), conflicts: [] });
    const result = importBundle(store, bundle);
    expect(result.applied).toBeNull();
    expect(store.seq).toBe(seq);
  });

  it('stores a source file the notebook lost from the bundle’s copy, though no object changes', async () => {
    const { store, example } = await copyOfExample('mine');
    const sha = example.notebook.sources[example.ids.wire]!.content.textSha256;
    rmSync(join(store.dir, 'sources', sha));
    expect(() => store.readFile(sha)).toThrow();
    const seq = store.seq;
    const result = importBundle(store, exampleBundle(example));
    expect(result.applied).toBeNull();
    expect(store.seq).toBe(seq);
    expect(Buffer.from(store.readFile(sha)).toString('utf8')).toBe(example.files.text(sha));
  });

  it('adds what is new, and changes nothing while planning', async () => {
    const { store: theirs, example } = await copyOfExample('theirs');
    const entityAt = now();
    const entity = newId();
    theirs.apply({ type: 'create', kind: 'entity', object: { id: entity, createdAt: entityAt, updatedAt: entityAt, name: 'Russian defence ministry', kind: 'organisation' } });
    addClaim(theirs, 'Russia has received North Korean shells.', { claimantId: entity, propositionId: example.ids.proposition });
    const mine = await newStore('mine');
    importBundle(mine, exampleBundle(example));
    await mine.compact();
    const before = folderBytes(mine.dir);

    const plan = planMerge(mine, exportOf(theirs));
    expect(plan.added).toEqual(kinds({ claim: 1, entity: 1 }));
    expect(plan.skipped).toEqual(sizes(example.notebook));
    expect(plan.conflicts).toEqual([]);
    expect(folderBytes(mine.dir)).toEqual(before);

    const result = importBundle(mine, exportOf(theirs));
    expect(result.added).toEqual(kinds({ claim: 1, entity: 1 }));
    expect(mine.notebook.entities[entity]?.name).toBe('Russian defence ministry');
  });

  it('lists an object both have in different versions: its kind, label, the fields that differ and both dates', async () => {
    const { store: theirs, example } = await copyOfExample('theirs');
    const { store: mine } = await copyOfExample('mine');
    const claimId = example.ids.claims.containers;
    const claimStatement = example.notebook.claims[claimId]!.statement;
    edit(theirs, 'claim', claimId, { credibility: { grade: '1', rationale: 'Confirmed by rail data.' }, notes: 'Confirmed.' }, '2023-11-02T08:00:00.000Z');
    edit(mine, 'excerpt', example.ids.excerpts.denial, { note: 'Her words, as the wire has them.' }, '2023-11-01T08:00:00.000Z');

    const plan = planMerge(mine, exportOf(theirs));
    expect(plan.conflicts).toEqual([
      {
        kind: 'excerpt',
        id: example.ids.excerpts.denial,
        label: '“called the accusation “the most absurd paradox””',
        fields: ['note'],
        mineUpdatedAt: '2023-11-01T08:00:00.000Z',
        theirsUpdatedAt: example.notebook.excerpts[example.ids.excerpts.denial]!.updatedAt,
      },
      {
        kind: 'claim',
        id: claimId,
        label: claimStatement,
        fields: ['credibility', 'notes'],
        mineUpdatedAt: example.notebook.claims[claimId]!.updatedAt,
        theirsUpdatedAt: '2023-11-02T08:00:00.000Z',
      },
    ]);
    expect(plan.skipped).toEqual(minus(sizes(example.notebook), { claim: 1, excerpt: 1 }));
  });

  it('labels a link by its ends, so the analyst knows which one it is', async () => {
    const { store: theirs, example } = await copyOfExample('theirs');
    const { store: mine } = await copyOfExample('mine');
    edit(theirs, 'link', example.ids.links.freightRefutes!, { strength: 'strong' });
    const [conflict] = planMerge(mine, exportOf(theirs)).conflicts;
    expect(conflict?.label).toBe(`“Satellite images show 73 freight cars at Tumangang on 5 September, up from 12…” refutes ${example.notebook.claims[example.ids.claims.denial]!.statement}`);
    expect(conflict?.fields).toEqual(['strength']);
  });

  it('refuses text that is not a bundle, naming why', async () => {
    const store = await newStore('mine');
    expect(refusal(() => planMerge(store, { format: 'something' })).message).toMatch(/not a Corroborate bundle/);
    expect(refusal(() => planMerge(store, [])).code).toBe('invalid');
  });
});

describe('merging with conflicts', () => {
  /** Mine and theirs: copies of the example; theirs graded a claim higher and added a claim of its own. */
  async function diverged() {
    const { store: theirs, example } = await copyOfExample('theirs');
    const { store: mine } = await copyOfExample('mine');
    const claimId = example.ids.claims.accusation;
    edit(theirs, 'claim', claimId, { credibility: { grade: '2', rationale: 'Satellite imagery since released.' } }, '2023-11-02T08:00:00.000Z');
    const theirNew = addClaim(theirs, 'Shells of North Korean make were found near Kharkiv.');
    return { mine, theirs, example, claimId, theirNew };
  }

  it('refuses a merge while any conflict has no choice, naming it, and leaves the notebook as it was on disk', async () => {
    const { mine, theirs, claimId, example } = await diverged();
    await mine.compact();
    const before = folderBytes(mine.dir);
    const e = refusal(() => importBundle(mine, exportOf(theirs)));
    expect(e).toBeInstanceOf(UnresolvedConflicts);
    expect(e.code).toBe('conflict');
    expect(e.message).toBe(`claim ${claimId} "${example.notebook.claims[claimId]!.statement}" is already in this notebook and differs in its credibility; choose which version to keep (mine or theirs) for each`);
    expect((e as UnresolvedConflicts).conflicts.map((c) => c.id)).toEqual([claimId]);
    // A choice for some other id is no choice for this one.
    expect(() => importBundle(mine, exportOf(theirs), { resolutions: { [newId()]: 'theirs' } })).toThrow(UnresolvedConflicts);
    expect(folderBytes(mine.dir)).toEqual(before);
  });

  it('"mine" keeps the notebook’s version and still adds what is new', async () => {
    const { mine, theirs, claimId, theirNew, example } = await diverged();
    const result = importBundle(mine, exportOf(theirs), { resolutions: { [claimId]: 'mine' } });
    expect(result.added).toEqual(kinds({ claim: 1 }));
    expect(result.kept).toBe(1);
    expect(result.taken).toBe(0);
    expect(mine.notebook.claims[claimId]).toEqual(example.notebook.claims[claimId]);
    expect(mine.notebook.claims[theirNew]?.statement).toBe('Shells of North Korean make were found near Kharkiv.');
  });

  it('"theirs" takes the bundle’s version whole, updatedAt included, in the same one undo step', async () => {
    const { mine, theirs, claimId, theirNew, example } = await diverged();
    const seq = mine.seq;
    const result = importBundle(mine, exportOf(theirs), { resolutions: { [claimId]: 'theirs' } });
    expect(result.taken).toBe(1);
    expect(result.applied?.seq).toBe(seq + 1);
    expect(mine.notebook.claims[claimId]).toEqual(theirs.notebook.claims[claimId]);
    expect(mine.notebook.claims[claimId]?.updatedAt).toBe('2023-11-02T08:00:00.000Z');

    mine.undo();
    expect(mine.notebook.claims[claimId]).toEqual(example.notebook.claims[claimId]);
    expect(mine.notebook.claims[theirNew]).toBeUndefined();
  });

  it('combines two analysts’ copies of one notebook: both additions kept, the claim only one of them regraded listed and taken', async () => {
    // Without the notebook both started from, a merge cannot tell who changed what: every
    // difference is a conflict, with both dates shown so the analyst can see which is newer.
    const { store: ann, example } = await copyOfExample('ann');
    const { store: bo } = await copyOfExample('bo');
    const annClaim = addClaim(ann, 'The shells are for the Donbas front.', { claimantId: example.ids.entities.ministry });
    const boClaim = addClaim(bo, 'Russia sent food aid by the same rail line.', { claimantId: example.ids.entities.northKorea });
    const regraded = example.ids.claims.denial;
    edit(bo, 'claim', regraded, { credibility: { grade: '5', rationale: 'The rail counts contradict it.' } }, '2023-11-05T08:00:00.000Z');

    const plan = planMerge(ann, exportOf(bo));
    expect(plan.added).toEqual(kinds({ claim: 1 }));
    expect(plan.conflicts.map((c) => [c.id, c.fields, c.theirsUpdatedAt])).toEqual([[regraded, ['credibility'], '2023-11-05T08:00:00.000Z']]);

    importBundle(ann, exportOf(bo), { resolutions: { [regraded]: 'theirs' } });
    expect(ann.notebook.claims[annClaim]?.statement).toBe('The shells are for the Donbas front.');
    expect(ann.notebook.claims[boClaim]?.statement).toBe('Russia sent food aid by the same rail line.');
    expect(ann.notebook.claims[regraded]?.credibility?.grade).toBe('5');

    // Bo merges Ann's notebook back: now each has the other's work, and nothing differs.
    importBundle(bo, exportOf(ann), { prefer: 'mine' });
    expect(planMerge(bo, exportOf(ann)).conflicts).toEqual([]);
    for (const kind of KINDS) expect(bo.notebook[COLLECTION[kind]], kind).toEqual(ann.notebook[COLLECTION[kind]]);
  });

  it('adds first what the bundle’s version points to: a claim given a claimant only the bundle has', async () => {
    const { store: theirs, example } = await copyOfExample('theirs');
    const { store: mine } = await copyOfExample('mine');
    const at = now();
    const kcna = newId();
    theirs.apply({ type: 'create', kind: 'entity', object: { id: kcna, createdAt: at, updatedAt: at, name: 'KCNA', kind: 'media outlet' } });
    const claimId = example.ids.claims.buildUp;
    edit(theirs, 'claim', claimId, { claimantId: kcna });

    const plan = planMerge(mine, exportOf(theirs));
    expect(plan.added).toEqual(kinds({ entity: 1 }));
    expect(plan.conflicts.map((c) => c.fields)).toEqual([['claimantId']]);
    importBundle(mine, exportOf(theirs), { resolutions: { [claimId]: 'theirs' } });
    expect(mine.notebook.claims[claimId]?.claimantId).toBe(kcna);
    expect(mine.notebook.entities[kcna]?.name).toBe('KCNA');
  });

  it('takes the trash state too: what they trashed goes to the trash, what they restored comes back', async () => {
    const { store: theirs, example } = await copyOfExample('theirs');
    const { store: mine } = await copyOfExample('mine');
    const claimId = example.ids.claims.accusation;
    theirs.apply(trashWithDependents(theirs.notebook, 'claim', claimId, '2023-11-03T08:00:00.000Z'));
    const trashedTogether = Object.values(theirs.notebook.links).filter((l) => l.deletedAt === '2023-11-03T08:00:00.000Z').map((l) => l.id);
    expect(trashedTogether.length).toBeGreaterThan(0);

    const plan = planMerge(mine, exportOf(theirs));
    expect(plan.conflicts.map((c) => [c.kind, c.fields])).toEqual([['claim', ['deletedAt']], ...trashedTogether.map(() => ['link', ['deletedAt']])]);
    importBundle(mine, exportOf(theirs), { prefer: 'theirs' });
    expect(mine.notebook.claims[claimId]?.deletedAt).toBe('2023-11-03T08:00:00.000Z');
    for (const id of trashedTogether) expect(mine.notebook.links[id]?.deletedAt).toBe('2023-11-03T08:00:00.000Z');

    // The other way round: the notebook has them in the trash, the bundle does not.
    const { store: other } = await copyOfExample('other');
    importBundle(mine, exportOf(other), { prefer: 'theirs' });
    expect(mine.notebook.claims[claimId]?.deletedAt).toBeUndefined();
    for (const id of trashedTogether) expect(mine.notebook.links[id]?.deletedAt).toBeUndefined();
    expect(mine.notebook.claims[claimId]).toEqual(example.notebook.claims[claimId]);
  });

  it('refuses to take the bundle’s version of an excerpt moved to another source (another object under the same id); mine is fine', async () => {
    const { store: mine, example } = await copyOfExample('mine');
    const bundle = exampleBundle(example);
    const moved = bundle.excerpts!.find((e) => (e as { id: string }).id === example.ids.excerpts.freight) as { sourceId: string };
    moved.sourceId = example.ids.wire;
    const [conflict] = planMerge(mine, bundle).conflicts;
    expect(conflict?.fields).toEqual(['sourceId']);
    const e = refusal(() => importBundle(mine, bundle, { prefer: 'theirs' }));
    expect(e.message).toMatch(/^excerpt .*: the bundle's version cannot be taken: its sourceId differs, and an? excerpt's sourceId never changes/);
    expect(importBundle(mine, bundle, { prefer: 'mine' }).applied).toBeNull();
  });

  it('refuses, naming the object, a choice that would break the notebook: their trash under my live link', async () => {
    const { store: theirs, example } = await copyOfExample('theirs');
    const { store: mine } = await copyOfExample('mine');
    const claimId = example.ids.claims.buildUp;
    theirs.apply(trashWithDependents(theirs.notebook, 'claim', claimId, now()));
    // Mine has a new link into the claim theirs trashed; the bundle has never heard of it.
    const at = now();
    mine.apply({ type: 'create', kind: 'link', object: { id: newId(), createdAt: at, updatedAt: at, fromKind: 'excerpt', fromId: example.ids.excerpts.emoji, toKind: 'claim', toId: claimId, relation: 'context' } });
    const seq = mine.seq;
    const e = refusal(() => importBundle(mine, exportOf(theirs), { prefer: 'theirs' }));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(new RegExp(`^the bundle cannot be merged as chosen: claim ${claimId} cannot go to the trash while 1 live object`));
    expect(mine.seq).toBe(seq);
  });
});
