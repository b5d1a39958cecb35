// Finding an object's dependents (operations.ts): what goes to the trash with a source, what keeps an
// entity or a proposition out of it, which link is a duplicate. The answers come from an index of
// who refers to whom, built once and then kept up to date by each change: these tests check that it
// answers after many changes exactly as a freshly built one does, and as the analyst expects.
import { describe, expect, it } from 'vitest';
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, RELATIONS, type Kind, type Notebook } from '../../../notebook/common/model.js';
import { apply, trashWithDependents, type Operation } from '../../../notebook/common/operations.js';

const T = '2026-01-02T03:04:05.000Z';
const sha = 'b'.repeat(64);

const source = (id: string): Operation => ({
  type: 'create',
  kind: 'source',
  object: { id, createdAt: T, updatedAt: T, title: `Report ${id.slice(-4)}`, content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: 100 } },
});
const excerpt = (id: string, sourceId: string, mentions: string[] = []): Operation => ({
  type: 'create',
  kind: 'excerpt',
  object: { id, createdAt: T, updatedAt: T, sourceId, mentions, selectors: { position: { start: 0, end: 5 }, quote: { exact: 'hello' } } },
});
const claim = (id: string, fields: Record<string, unknown> = {}): Operation => ({ type: 'create', kind: 'claim', object: { id, createdAt: T, updatedAt: T, statement: `Claim ${id.slice(-4)}`, ...fields } });
const link = (id: string, fromKind: 'excerpt' | 'claim', fromId: string, toId: string, relation = 'supports'): Operation => ({
  type: 'create',
  kind: 'link',
  object: { id, createdAt: T, updatedAt: T, fromKind, fromId, toKind: 'claim', toId, relation },
});
const entity = (id: string): Operation => ({ type: 'create', kind: 'entity', object: { id, createdAt: T, updatedAt: T, name: `Entity ${id.slice(-4)}`, kind: 'organisation' } });

/** What trashing each object would do, and whether removing it is refused: every dependents answer the notebook gives. */
function answers(nb: Notebook): string[] {
  const out: string[] = [];
  for (const kind of ['source', 'excerpt', 'claim', 'entity', 'link'] as const satisfies readonly Kind[]) {
    const objects = nb[({ source: 'sources', excerpt: 'excerpts', claim: 'claims', entity: 'entities', link: 'links' } as const)[kind]] as Record<string, { id: string; deletedAt?: string }>;
    for (const object of Object.values(objects)) {
      if (!object.deletedAt) {
        const trash = trashWithDependents(nb, kind, object.id, T);
        const ids = trash.type === 'batch' ? trash.ops.map((op) => ('id' in op ? op.id : '')).sort() : [];
        let refused = '';
        try {
          apply(structuredClone(nb), trash);
        } catch {
          refused = ' refused';
        }
        out.push(`trash ${kind} ${object.id}: ${ids.join(',')}${refused}`);
      }
      let removable = 'removable';
      try {
        apply(nb, apply(nb, { type: 'remove', kind, id: object.id }));
      } catch {
        removable = 'kept';
      }
      out.push(`remove ${kind} ${object.id}: ${removable}`);
    }
  }
  return out.sort();
}

describe('dependents', () => {
  it('trashes with a source the excerpts and links added after its dependents were first looked up, and not a link undone since', () => {
    const nb = emptyNotebook(newId(), 'test', T);
    const [s, e1, e2, c, l1, l2] = [newId(), newId(), newId(), newId(), newId(), newId()];
    for (const op of [source(s), excerpt(e1, s), claim(c), link(l1, 'excerpt', e1, c)]) apply(nb, op);
    const first = trashWithDependents(nb, 'source', s, T);
    expect(first.type === 'batch' && first.ops.map((op) => ('id' in op ? op.id : ''))).toEqual([l1, e1, s]);

    apply(nb, excerpt(e2, s));
    const undoLink = apply(nb, link(l2, 'excerpt', e2, c));
    const second = trashWithDependents(nb, 'source', s, T);
    expect(second.type === 'batch' && second.ops.map((op) => ('id' in op ? op.id : ''))).toEqual([l1, e1, l2, e2, s]);

    apply(nb, undoLink);
    const third = trashWithDependents(nb, 'source', s, T);
    expect(third.type === 'batch' && third.ops.map((op) => ('id' in op ? op.id : ''))).toEqual([l1, e1, e2, s]);
  });

  it('refuses a second link of the same excerpt, claim and relation, and takes it once the first is in the trash', () => {
    const nb = emptyNotebook(newId(), 'test', T);
    const [s, e, c, first, second] = [newId(), newId(), newId(), newId(), newId()];
    for (const op of [source(s), excerpt(e, s), claim(c), link(first, 'excerpt', e, c)]) apply(nb, op);
    const before = structuredClone(nb);
    expect(() => apply(nb, link(second, 'excerpt', e, c))).toThrow('this excerpt already supports that claim');
    expect(nb).toEqual(before);
    apply(nb, link(newId(), 'excerpt', e, c, 'refutes'));
    apply(nb, { type: 'delete', kind: 'link', id: first, at: T });
    apply(nb, link(second, 'excerpt', e, c));
    expect(() => apply(nb, { type: 'restore', kind: 'link', id: first })).toThrow('this excerpt already supports that claim');
  });

  it("keeps an entity out of the trash while it is a claim's claimant, and lets it go once the claim names another", () => {
    const nb = emptyNotebook(newId(), 'test', T);
    const [x, y, c] = [newId(), newId(), newId()];
    for (const op of [entity(x), entity(y), claim(c, { claimantId: x })]) apply(nb, op);
    expect(() => apply(nb, { type: 'delete', kind: 'entity', id: x, at: T })).toThrow(`live object(s) depend on it (first: claim ${c})`);
    apply(nb, { type: 'update', kind: 'claim', id: c, set: { claimantId: y }, unset: [] });
    apply(nb, { type: 'delete', kind: 'entity', id: x, at: T });
    expect(nb.entities[x]!.deletedAt).toBe(T);
    expect(() => apply(nb, { type: 'delete', kind: 'entity', id: y, at: T })).toThrow(/first: claim/);
  });

  it('finds dependents in collections that were replaced wholesale after a lookup', () => {
    const nb = emptyNotebook(newId(), 'test', T);
    const [s, e, c, l] = [newId(), newId(), newId(), newId()];
    for (const op of [source(s), excerpt(e, s), claim(c)]) apply(nb, op);
    trashWithDependents(nb, 'source', s, T);
    nb.links = { [l]: { id: l, createdAt: T, updatedAt: T, fromKind: 'excerpt', fromId: e, toKind: 'claim', toId: c, relation: 'supports', rationale: '' } };
    const trash = trashWithDependents(nb, 'excerpt', e, T);
    expect(trash.type === 'batch' && trash.ops.map((op) => ('id' in op ? op.id : ''))).toEqual([l, e]);
  });

  it('after 400 random changes, undos and redos answers every dependents question as a freshly indexed copy does', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
    const nb = emptyNotebook(newId(), 'test', T);
    const live = (kind: 'sources' | 'excerpts' | 'claims' | 'entities' | 'links') => Object.values(nb[kind]).filter((o) => !o.deletedAt).map((o) => o.id);
    const undo: Operation[] = [];
    const redo: Operation[] = [];
    let applied = 0;
    // Looked up before any change, so the index is kept up to date from here on rather than built at the end.
    answers(nb);
    for (let step = 0; step < 400; step++) {
      const roll = random();
      let op: Operation | undefined;
      if (roll < 0.1) op = source(newId());
      else if (roll < 0.25) {
        const s = pick(live('sources'));
        if (s) op = excerpt(newId(), s, random() < 0.3 ? [pick(live('entities'))].filter((x): x is string => !!x) : []);
      } else if (roll < 0.35) op = claim(newId(), random() < 0.5 && live('entities').length ? { claimantId: pick(live('entities')) } : {});
      else if (roll < 0.42) op = entity(newId());
      else if (roll < 0.57) {
        const from = random() < 0.7 ? pick(live('excerpts')) : pick(live('claims'));
        const to = pick(live('claims'));
        if (from && to) op = link(newId(), nb.excerpts[from] ? 'excerpt' : 'claim', from, to, pick(RELATIONS));
      } else if (roll < 0.65) {
        const c = pick(live('claims'));
        const e = pick(live('entities'));
        if (c) op = { type: 'update', kind: 'claim', id: c, set: e ? { claimantId: e } : {}, unset: e ? [] : ['claimantId'] };
      } else if (roll < 0.78) {
        const kind = pick(['source', 'excerpt', 'claim', 'link'] as const)!;
        const id = pick(live(({ source: 'sources', excerpt: 'excerpts', claim: 'claims', link: 'links' } as const)[kind]));
        if (id) op = trashWithDependents(nb, kind, id, T);
      } else if (roll < 0.9 && undo.length) {
        redo.push(apply(nb, undo.pop()!));
        applied++;
        continue;
      } else if (redo.length) {
        undo.push(apply(nb, redo.pop()!));
        applied++;
        continue;
      }
      if (!op) continue;
      try {
        undo.push(apply(nb, op));
        redo.length = 0;
        applied++;
      } catch {
        // refused (a duplicate link, a claimant still in use): nothing changed, which the comparison checks too
      }
      if (step % 50 === 49) expect(answers(nb)).toEqual(answers(structuredClone(nb)));
    }
    expect(applied).toBeGreaterThan(250);
    expect(Object.keys(nb.links).length).toBeGreaterThan(10);
    expect(answers(nb)).toEqual(answers(structuredClone(nb)));
  });
});
