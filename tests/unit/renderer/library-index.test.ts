// The library's lists and counts, kept up to date from applied operations: after every change,
// undo and redo they must be what a full recount of the notebook gives (what the library showed before).
import { describe, expect, it } from 'vitest';
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Id, type Notebook } from '../../../notebook/common/model.js';
import { apply, trashWithDependents, type Operation } from '../../../notebook/common/operations.js';
import { claimsOfProposition } from '../../../notebook/common/analysis.js';
import { evidenceFor, excerptsOfSource, linksFrom, liveClaims, liveSources } from '../../../notebook/common/queries.js';
import { entityRows } from '../../../renderer/src/entities/entity-ops.js';
import { libraryIndex, noteApplied } from '../../../renderer/src/library/library-index.js';

const SHA = 'b'.repeat(64);
let clock = Date.parse('2025-01-01T00:00:00Z');
/** Distinct, increasing instants, so creation order is unambiguous. */
const tick = () => new Date((clock += 1000)).toISOString();

/** Applies an operation as state.ts does: to the notebook, then to the index. Returns the inverse (the undo). */
function run(nb: Notebook, op: Operation): Operation {
  const inverse = apply(nb, op);
  noteApplied(nb, op);
  return inverse;
}

const source = (title: string, at = tick()) => ({
  type: 'create' as const,
  kind: 'source' as const,
  object: { id: newId(), createdAt: at, updatedAt: at, title, content: { textSha256: SHA, originalSha256: SHA, mediaType: 'text/plain', length: 20 } },
});
let offset = 0;
/** Each excerpt a passage of its own (two over the same range would list in either order). */
const excerpt = (sourceId: Id, tags: string[] = []) => {
  const at = tick();
  const start = (offset = (offset + 7) % 13);
  return {
    type: 'create' as const,
    kind: 'excerpt' as const,
    object: { id: newId(), createdAt: at, updatedAt: at, sourceId, tags, selectors: { position: { start, end: start + 5 }, quote: { exact: 'Hello', prefix: '', suffix: ' world' } } },
  };
};
const entity = (name: string) => {
  const at = tick();
  return { type: 'create' as const, kind: 'entity' as const, object: { id: newId(), createdAt: at, updatedAt: at, name } };
};
const claim = (statement: string, claimantId?: Id) => {
  const at = tick();
  return { type: 'create' as const, kind: 'claim' as const, object: { id: newId(), createdAt: at, updatedAt: at, statement, ...(claimantId ? { claimantId } : {}) } };
};
const link = (fromId: Id, toId: Id) => {
  const at = tick();
  return { type: 'create' as const, kind: 'link' as const, object: { id: newId(), createdAt: at, updatedAt: at, fromKind: 'excerpt', fromId, toKind: 'claim', toId, relation: 'supports' } };
};
const proposition = (statement: string) => {
  const at = tick();
  return { type: 'create' as const, kind: 'proposition' as const, object: { id: newId(), createdAt: at, updatedAt: at, statement } };
};
const idOf = (op: { object: { id: string } }) => op.object.id;

/** What the library showed when it recounted the whole notebook on every change. */
function recount(nb: Notebook) {
  const excerptCounts = new Map<Id, number>();
  for (const e of Object.values(nb.excerpts)) if (!e.deletedAt) excerptCounts.set(e.sourceId, (excerptCounts.get(e.sourceId) ?? 0) + 1);
  const evidenceCounts = new Map<Id, number>();
  for (const l of Object.values(nb.links)) if (!l.deletedAt) evidenceCounts.set(l.toId, (evidenceCounts.get(l.toId) ?? 0) + 1);
  const rows = entityRows(nb);
  const linkCountsFrom = new Map<Id, number>();
  for (const l of Object.values(nb.links)) if (!l.deletedAt) linkCountsFrom.set(l.fromId, (linkCountsFrom.get(l.fromId) ?? 0) + 1);
  return {
    linkCountsFrom,
    sourceIds: liveSources(nb).map((s) => s.id),
    claimIds: liveClaims(nb).map((c) => c.id),
    entityIds: rows.map((r) => r.entity.id),
    excerptCounts,
    evidenceCounts,
    claimCounts: new Map(rows.filter((r) => r.claims > 0).map((r) => [r.entity.id, r.claims])),
  };
}

function expectInStep(nb: Notebook): void {
  const index = libraryIndex(nb);
  const want = recount(nb);
  expect([...index.sourceIds]).toEqual(want.sourceIds);
  expect([...index.claimIds]).toEqual(want.claimIds);
  expect([...index.entityIds]).toEqual(want.entityIds);
  expect(new Map(index.excerptCounts)).toEqual(want.excerptCounts);
  expect(new Map(index.evidenceCounts)).toEqual(want.evidenceCounts);
  expect(new Map(index.claimCounts)).toEqual(want.claimCounts);
  expect(new Map(index.linkCountsFrom)).toEqual(want.linkCountsFrom);
  for (const id of Object.keys(nb.sources)) expect(index.excerptsOf(id)).toEqual(excerptsOfSource(nb, id));
  // Each claim's and excerpt's live links, and each proposition's live claims, as the queries that walk the notebook give them.
  const oldestFirst = <T extends { createdAt: string; id: string }>(xs: T[]) => [...xs].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const id of Object.keys(nb.claims)) {
    expect(index.linksInto(id)).toEqual(oldestFirst(evidenceFor(nb, id)));
    expect(index.linksOutOf(id)).toEqual(oldestFirst(linksFrom(nb, id)));
  }
  for (const id of Object.keys(nb.excerpts)) expect(index.linksOutOf(id)).toEqual(oldestFirst(linksFrom(nb, id)));
  const propositionCounts = new Map<Id, number>();
  for (const id of Object.keys(nb.propositions)) {
    expect(index.claimsOfProposition(id)).toEqual(claimsOfProposition(nb, id));
    if (claimsOfProposition(nb, id).length) propositionCounts.set(id, claimsOfProposition(nb, id).length);
  }
  expect(new Map(index.propositionCounts)).toEqual(propositionCounts);
  // The board's contradiction flag: a live claim linked either way to another live one as contradicting it.
  const live = (id: Id) => Boolean(nb.claims[id] && !nb.claims[id].deletedAt);
  const contradicted = new Set<Id>();
  for (const l of Object.values(nb.links)) if (!l.deletedAt && l.relation === 'contradicts' && l.fromKind === 'claim' && live(l.fromId) && live(l.toId)) contradicted.add(l.fromId).add(l.toId);
  for (const id of Object.keys(nb.claims)) expect(index.contradicted(id), id).toBe(contradicted.has(id));
}

/** A notebook with two sources, three excerpts, two entities, two claims and two links; the index built. */
function example() {
  const nb = emptyNotebook(newId(), 'test', tick());
  const s1 = source('Wire report');
  const s2 = source('Ministry statement');
  const [e1, e2, e3] = [excerpt(idOf(s1)), excerpt(idOf(s1)), excerpt(idOf(s2))];
  const kim = entity('Kim Yo Jong');
  const seoul = entity('Seoul officials');
  const c1 = claim('Shells were shipped to Russia', idOf(seoul));
  const c2 = claim('The tests were planned', idOf(kim));
  for (const op of [s1, s2, e1, e2, e3, kim, seoul, c1, c2, link(idOf(e1), idOf(c1)), link(idOf(e3), idOf(c1))]) apply(nb, op as Operation);
  libraryIndex(nb);
  return { nb, s1: idOf(s1), s2: idOf(s2), e1: idOf(e1), c1: idOf(c1), c2: idOf(c2), kim: idOf(kim), seoul: idOf(seoul) };
}

describe('the library index', () => {
  it('lists and counts a loaded notebook as a full recount does', () => {
    const { nb, s1, c1, seoul } = example();
    expectInStep(nb);
    const index = libraryIndex(nb);
    expect(index.excerptCounts.get(s1)).toBe(2);
    expect(index.evidenceCounts.get(c1)).toBe(2);
    expect(index.claimCounts.get(seoul)).toBe(1);
  });

  it('counts an added excerpt and link at once, and takes them back on undo', () => {
    const { nb, s2, c2 } = example();
    const index = libraryIndex(nb);
    const add = excerpt(s2);
    const undoAdd = run(nb, add as Operation);
    expect(index.excerptCounts.get(s2)).toBe(2);
    const undoLink = run(nb, link(idOf(add), c2) as Operation);
    expect(index.evidenceCounts.get(c2)).toBe(1);
    expect(index.linkCountsFrom.get(idOf(add))).toBe(1);
    expectInStep(nb);
    const redoLink = run(nb, undoLink);
    expect(index.evidenceCounts.get(c2)).toBeUndefined();
    run(nb, undoAdd);
    expect(index.excerptCounts.get(s2)).toBe(1);
    expectInStep(nb);
    // Redo both: back as they were after the change.
    run(nb, add as Operation);
    run(nb, redoLink);
    expect(index.evidenceCounts.get(c2)).toBe(1);
    expectInStep(nb);
  });

  it('drops a trashed source with its excerpts and links from every list and count, and restores them on undo', () => {
    const { nb, s1, c1 } = example();
    const index = libraryIndex(nb);
    const undo = run(nb, trashWithDependents(nb, 'source', s1, tick()));
    expect(index.sourceIds).not.toContain(s1);
    expect(index.excerptCounts.get(s1)).toBeUndefined();
    expect(index.evidenceCounts.get(c1)).toBe(1); // the link from the other source's excerpt stays
    expectInStep(nb);
    run(nb, undo);
    expect(index.sourceIds).toContain(s1);
    expect(index.evidenceCounts.get(c1)).toBe(2);
    expectInStep(nb);
  });

  it('moves a claim to its new claimant, keeps a renamed entity in name order, and follows undo', () => {
    const { nb, c2, kim, seoul } = example();
    const index = libraryIndex(nb);
    const undoMove = run(nb, { type: 'update', kind: 'claim', id: c2, set: { claimantId: seoul }, unset: [] });
    expect(index.claimCounts.get(seoul)).toBe(2);
    expect(index.claimCounts.get(kim)).toBeUndefined();
    const undoRename = run(nb, { type: 'update', kind: 'entity', id: kim, set: { name: 'Zhou' }, unset: [] });
    expect(index.entityIds).toEqual([seoul, kim]);
    expectInStep(nb);
    run(nb, undoRename);
    run(nb, undoMove);
    expect(index.entityIds).toEqual([kim, seoul]);
    expect(index.claimCounts.get(kim)).toBe(1);
    expectInStep(nb);
  });

  it('puts a restored or removed-then-recreated claim back in creation order', () => {
    const { nb, c1, c2 } = example();
    const index = libraryIndex(nb);
    const late = claim('Added later');
    run(nb, late as Operation);
    expect(index.claimIds).toEqual([c1, c2, idOf(late)]);
    const undoTrash = run(nb, trashWithDependents(nb, 'claim', c1, tick()));
    expect(index.claimIds).toEqual([c2, idOf(late)]);
    run(nb, undoTrash);
    expect(index.claimIds).toEqual([c1, c2, idOf(late)]);
    expectInStep(nb);
  });

  it('notices a change of tags (the tag filter recounts then) but not an untagged edit', () => {
    const { nb, s2, c1 } = example();
    const index = libraryIndex(nb);
    const v0 = index.tagsVersion;
    run(nb, excerpt(s2) as Operation);
    run(nb, { type: 'update', kind: 'claim', id: c1, set: { statement: 'Renamed' }, unset: [] });
    expect(index.tagsVersion).toBe(v0);
    const undo = run(nb, excerpt(s2, ['weapons']) as Operation);
    const v1 = index.tagsVersion;
    expect(v1).not.toBe(v0);
    run(nb, undo);
    expect(index.tagsVersion).not.toBe(v1);
  });

  it('keeps the tag filter as it was when an untagged source is imported, but not when a tagged one is or a source with tagged excerpts goes', () => {
    const { nb, s2 } = example();
    const index = libraryIndex(nb);
    const v0 = index.tagsVersion;
    run(nb, source('Imported, untagged') as Operation);
    expect(index.tagsVersion).toBe(v0);
    const tagged = source('Imported, tagged');
    run(nb, { ...tagged, object: { ...tagged.object, tags: ['weapons/artillery'] } } as Operation);
    const v1 = index.tagsVersion;
    expect(v1).not.toBe(v0);
    run(nb, excerpt(s2, ['rail']) as Operation);
    const v2 = index.tagsVersion;
    run(nb, trashWithDependents(nb, 'source', s2, tick()));
    expect(index.tagsVersion).not.toBe(v2);
  });

  it('starts afresh for a notebook loaded again (a new object)', () => {
    const { nb } = example();
    const copy = structuredClone(nb);
    const add = source('Another report');
    apply(copy, add as Operation); // before any index of the copy exists: nothing to keep up to date
    noteApplied(copy, add as Operation);
    expect(libraryIndex(copy).sourceIds).toContain(idOf(add));
    expect(libraryIndex(nb).sourceIds).not.toContain(idOf(add));
  });

  it('keeps each claim’s and excerpt’s links and each proposition’s claims as a full recount gives them, through any mix of changes, undo and redo', () => {
    const { nb, s1, s2 } = example();
    // mulberry32: the same sequence on every run.
    let seed = 8;
    const random = () => {
      let t = (seed += 0x6d2b79f5);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const live = (objects: Record<Id, { deletedAt?: string }>) => Object.entries(objects).filter(([, o]) => !o.deletedAt).map(([id]) => id);
    const dead = (objects: Record<Id, { deletedAt?: string }>) => Object.entries(objects).filter(([, o]) => o.deletedAt).map(([id]) => id);
    const p1 = proposition('Shells went north');
    run(nb, p1 as Operation);
    const undos: Operation[] = [];
    const redos: Operation[] = [];
    const RELATIONS = ['supports', 'refutes', 'qualifies', 'context', 'contradicts'];
    /** One change an analyst could make, or null when none of that sort is possible now. */
    const change = (): Operation | null => {
      const claims = live(nb.claims);
      const excerpts = live(nb.excerpts);
      const links = live(nb.links);
      const propositions = live(nb.propositions);
      switch (Math.floor(random() * 10)) {
        case 0: return excerpt(pick([s1, s2])) as Operation;
        case 1: return claims.length ? (claim(`Claim ${tick()}`) as Operation) : null;
        case 2: return claims.length && excerpts.length ? (link(pick(excerpts), pick(claims)) as Operation) : null;
        case 3: {
          // A claim as evidence for (or contradicting) another.
          if (claims.length < 2) return null;
          const op = link(pick(claims), pick(claims));
          return { ...op, object: { ...op.object, fromKind: 'claim', relation: pick(['contradicts', 'supports']) } } as Operation;
        }
        case 4: return links.length ? { type: 'update', kind: 'link', id: pick(links), set: { relation: pick(RELATIONS) }, unset: [] } : null;
        case 5: {
          if (!claims.length) return null;
          const id = pick(claims);
          return propositions.length && random() < 0.7 ? { type: 'update', kind: 'claim', id, set: { propositionId: pick(propositions) }, unset: [] } : { type: 'update', kind: 'claim', id, set: {}, unset: ['propositionId'] };
        }
        case 6: return links.length ? { type: 'delete', kind: 'link', id: pick(links), at: tick() } : null;
        case 7: {
          const kind = pick(['claim', 'excerpt'] as const);
          const ids = kind === 'claim' ? claims : excerpts;
          return ids.length ? trashWithDependents(nb, kind, pick(ids), tick()) : null;
        }
        case 8: {
          const gone = dead(nb.links);
          return gone.length ? { type: 'restore', kind: 'link', id: pick(gone) } : null;
        }
        default: {
          // Several at once, one step: a new claim with its evidence, grouped.
          if (!excerpts.length || !propositions.length) return null;
          const made = claim(`Batch claim ${tick()}`);
          return { type: 'batch', label: 'test', ops: [{ ...made, object: { ...made.object, propositionId: pick(propositions) } }, link(pick(excerpts), idOf(made))] } as Operation;
        }
      }
    };
    let applied = 0;
    for (let step = 0; step < 300; step++) {
      const roll = random();
      if (roll < 0.15 && undos.length) redos.push(run(nb, undos.pop()!));
      else if (roll < 0.25 && redos.length) undos.push(run(nb, redos.pop()!));
      else {
        const op = change();
        if (!op) continue;
        try {
          undos.push(run(nb, op));
          redos.length = 0;
          applied++;
        } catch {
          // Refused (a claim cited by another's attribution, say): nothing changed, so nothing to note.
          continue;
        }
      }
      expectInStep(nb);
    }
    expect(applied).toBeGreaterThan(100);
  });
});
