// The trash as the analyst sees it (what went together, what it needs) and the restore step.
import { describe, expect, it } from 'vitest';
import { isNotebookError } from '../../../notebook/common/errors.js';
import { newId } from '../../../notebook/common/ids.js';
import { type Kind, type Notebook } from '../../../notebook/common/model.js';
import { apply, trashWithDependents, type Operation } from '../../../notebook/common/operations.js';
import { restoreOp, trashedItems } from '../../../notebook/common/trash.js';
import { NotebookBuilder } from './notebook-builder.js';

const T1 = '2026-06-01T10:00:00.000Z';
const T2 = '2026-06-01T11:00:00.000Z';

function trash(nb: Notebook, kind: Kind, id: string, at: string): void {
  apply(nb, trashWithDependents(nb, kind, id, at));
}

const isLive = (nb: Notebook, collection: 'sources' | 'excerpts' | 'claims' | 'links' | 'entities' | 'questions' | 'hypotheses', id: string) =>
  !nb[collection][id]!.deletedAt;

/** The running example, small: a wire report with two excerpts, each evidence for a claim; a second claim. */
function korea() {
  const b = new NotebookBuilder();
  const report = b.source('Yonhap: North Korea shipped artillery to Russia');
  const containers = b.excerpt(report, 'thousands of containers', 10);
  const paradox = b.excerpt(report, 'the most absurd paradox', 100);
  const kim = b.entity('Kim Yo Jong');
  const shipped = b.claim('North Korea shipped munitions to Russia');
  const denial = b.claim('The weapons tests belong to a five-year plan', { claimantId: kim, polarity: 'denies' });
  const l1 = b.link('excerpt', containers, shipped, 'supports');
  const l2 = b.link('excerpt', paradox, denial, 'supports');
  return { b, nb: b.nb, report, containers, paradox, kim, shipped, denial, l1, l2 };
}

/** The restore steps of a batch, checking that it holds nothing else. */
function restoresOf(op: Operation): { kind: Kind; id: string }[] {
  if (op.type !== 'batch') throw new Error(`expected a batch, got ${op.type}`);
  return op.ops.map((o) => {
    if (o.type !== 'restore') throw new Error(`expected only restores, got ${o.type}`);
    return { kind: o.kind, id: o.id };
  });
}

function thrown(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (e) {
    if (isNotebookError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a NotebookError');
}

describe('trashedItems', () => {
  it('is empty for a notebook with nothing trashed', () => {
    expect(trashedItems(korea().nb)).toEqual([]);
  });

  it('shows a trashed source as one item, with the excerpts and links that went with it', () => {
    const { nb, report, containers, paradox, l1, l2 } = korea();
    trash(nb, 'source', report, T1);
    const items = trashedItems(nb);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'source', id: report, label: 'Yonhap: North Korea shipped artillery to Russia', deletedAt: T1, needs: [] });
    expect(items[0]!.withCounts).toEqual({ excerpt: 2, link: 2 });
    expect(items[0]!.with.map((r) => r.id).sort()).toEqual([containers, paradox, l1, l2].sort());
    expect(items[0]!.with.find((r) => r.id === containers)!.label).toBe('thousands of containers');
    expect(items[0]!.with.find((r) => r.id === l1)!.label).toBe('“thousands of containers” supports “North Korea shipped munitions to Russia”');
  });

  it('lists separate steps as separate items, newest first', () => {
    const { nb, report, shipped } = korea();
    trash(nb, 'claim', shipped, T1);
    trash(nb, 'source', report, T2);
    const items = trashedItems(nb);
    expect(items.map((i) => [i.kind, i.id, i.deletedAt])).toEqual([
      ['source', report, T2],
      ['claim', shipped, T1],
    ]);
    // The link from "containers" went with the claim, so the source takes only the other one; and
    // while "containers" is in the trash that link cannot come back with the claim either.
    expect(items[1]!.withCounts).toEqual({});
    expect(items[0]!.withCounts).toEqual({ excerpt: 2, link: 1 });
  });

  it('says what an item needs when that was trashed in an earlier step', () => {
    const { nb, report, containers, paradox } = korea();
    trash(nb, 'excerpt', containers, T1);
    trash(nb, 'source', report, T2);
    const [source, excerpt] = trashedItems(nb);
    expect(source).toMatchObject({ kind: 'source', needs: [], withCounts: { excerpt: 1, link: 1 } });
    expect(source!.with.some((r) => r.id === paradox)).toBe(true);
    expect(excerpt).toMatchObject({ kind: 'excerpt', id: containers, withCounts: { link: 1 } });
    expect(excerpt!.needs).toEqual([{ kind: 'source', id: report, label: 'Yonhap: North Korea shipped artillery to Russia' }]);
  });

  it('shows a question with the hypotheses that went with it', () => {
    const b = new NotebookBuilder();
    const q = newId();
    apply(b.nb, { type: 'create', kind: 'question', object: { id: q, createdAt: T1, updatedAt: T1, text: 'Is North Korea supplying Russia?' } });
    for (const statement of ['Yes, artillery', 'No, tests only']) {
      apply(b.nb, { type: 'create', kind: 'hypothesis', object: { id: newId(), createdAt: T1, updatedAt: T1, questionId: q, statement } });
    }
    trash(b.nb, 'question', q, T2);
    expect(trashedItems(b.nb)).toEqual([expect.objectContaining({ kind: 'question', label: 'Is North Korea supplying Russia?', withCounts: { hypothesis: 2 } })]);
  });
});

describe('restoreOp', () => {
  it('restores a source with exactly what went with it, and one undo puts it all back in the trash', () => {
    const { nb, report, containers, paradox, shipped, l1, l2 } = korea();
    trash(nb, 'claim', shipped, T1);
    trash(nb, 'source', report, T2);
    const trashed = structuredClone(nb);

    const op = restoreOp(nb, 'source', report);
    expect(op.type).toBe('batch');
    const inverse = apply(nb, op);
    expect(isLive(nb, 'sources', report)).toBe(true);
    expect(isLive(nb, 'excerpts', containers) && isLive(nb, 'excerpts', paradox)).toBe(true);
    expect(isLive(nb, 'links', l2)).toBe(true);
    // Trashed with the claim, in another step: both stay in the trash.
    expect(isLive(nb, 'claims', shipped)).toBe(false);
    expect(isLive(nb, 'links', l1)).toBe(false);
    expect(trashedItems(nb).map((i) => i.id)).toEqual([shipped]);

    apply(nb, inverse);
    expect(nb).toEqual(trashed);
  });

  it('restores every object exactly once, each after what it refers to', () => {
    const { nb, report } = korea();
    trash(nb, 'source', report, T1);
    const restores = restoresOf(restoreOp(nb, 'source', report));
    expect(restores.map((o) => o.kind)).toEqual(['source', 'excerpt', 'excerpt', 'link', 'link']);
    expect(new Set(restores.map((o) => o.id)).size).toBe(5);
  });

  it('restoring an excerpt whose source is in the trash brings the source back too, with what went with it', () => {
    const { nb, report, containers, paradox, l1, l2 } = korea();
    trash(nb, 'excerpt', containers, T1);
    trash(nb, 'source', report, T2);
    const trashed = structuredClone(nb);
    const inverse = apply(nb, restoreOp(nb, 'excerpt', containers));
    for (const id of [containers, paradox]) expect(isLive(nb, 'excerpts', id)).toBe(true);
    expect(isLive(nb, 'sources', report)).toBe(true);
    expect(isLive(nb, 'links', l1) && isLive(nb, 'links', l2)).toBe(true);
    expect(trashedItems(nb)).toEqual([]);
    apply(nb, inverse);
    expect(nb).toEqual(trashed);
  });

  it('restoring something that went with another item restores that whole item', () => {
    const { nb, report, paradox } = korea();
    trash(nb, 'source', report, T1);
    apply(nb, restoreOp(nb, 'excerpt', paradox));
    expect(isLive(nb, 'sources', report)).toBe(true);
    expect(trashedItems(nb)).toEqual([]);
  });

  it('brings back a claimant trashed after the claim', () => {
    const { nb, kim, denial } = korea();
    trash(nb, 'claim', denial, T1);
    trash(nb, 'entity', kim, T2);
    const claimItem = trashedItems(nb).find((i) => i.id === denial)!;
    expect(claimItem.needs).toEqual([{ kind: 'entity', id: kim, label: 'Kim Yo Jong' }]);
    const op = restoreOp(nb, 'claim', denial);
    expect(restoresOf(op).map((o) => o.kind)).toEqual(['entity', 'claim', 'link']);
    apply(nb, op);
    expect(isLive(nb, 'entities', kim) && isLive(nb, 'claims', denial)).toBe(true);
  });

  it('leaves a link in the trash when its other end was trashed on its own, and lists it as an item that needs that end', () => {
    const { nb, report, containers, shipped, l1 } = korea();
    trash(nb, 'claim', shipped, T1); // the link from "containers" goes with the claim
    trash(nb, 'excerpt', containers, T2);
    apply(nb, restoreOp(nb, 'claim', shipped));
    expect(isLive(nb, 'claims', shipped)).toBe(true);
    expect(isLive(nb, 'excerpts', containers)).toBe(false);
    expect(isLive(nb, 'links', l1)).toBe(false);

    const items = trashedItems(nb);
    const link = items.find((i) => i.id === l1)!;
    expect(link).toMatchObject({ kind: 'link', deletedAt: T1, needs: [{ kind: 'excerpt', id: containers, label: 'thousands of containers' }] });
    apply(nb, restoreOp(nb, 'link', l1));
    expect(isLive(nb, 'links', l1) && isLive(nb, 'excerpts', containers) && isLive(nb, 'sources', report)).toBe(true);
  });

  it('a trashed link the analyst has since made again is refused on restore, saying why, and nothing changes', () => {
    const { nb, containers, shipped, l1 } = korea();
    trash(nb, 'link', l1, T1);
    apply(nb, { type: 'create', kind: 'link', object: { id: newId(), createdAt: T2, updatedAt: T2, fromKind: 'excerpt', fromId: containers, toKind: 'claim', toId: shipped, relation: 'supports' } });
    const before = structuredClone(nb);
    expect(thrown(() => apply(nb, restoreOp(nb, 'link', l1)))).toEqual({ code: 'conflict', message: 'this excerpt already supports that claim' });
    expect(nb).toEqual(before);
  });

  it('refuses an object that is not in the trash, and one that does not exist, changing nothing', () => {
    const { nb, report } = korea();
    const before = structuredClone(nb);
    expect(thrown(() => restoreOp(nb, 'source', report))).toEqual({ code: 'conflict', message: 'the source “Yonhap: North Korea shipped artillery to Russia” is not in the trash' });
    expect(thrown(() => restoreOp(nb, 'claim', newId())).code).toBe('not-found');
    expect(nb).toEqual(before);
  });

  it('every item listed can be restored, whatever order things were trashed in', () => {
    const orders: [Kind, keyof ReturnType<typeof korea>][][] = [
      [['excerpt', 'containers'], ['claim', 'shipped'], ['source', 'report'], ['claim', 'denial'], ['entity', 'kim']],
      [['claim', 'denial'], ['entity', 'kim'], ['excerpt', 'paradox'], ['source', 'report'], ['claim', 'shipped']],
      [['claim', 'shipped'], ['excerpt', 'containers'], ['claim', 'denial'], ['source', 'report']],
    ];
    for (const order of orders) {
      const k = korea();
      order.forEach(([kind, name], i) => trash(k.nb, kind, k[name] as string, `2026-06-0${i + 1}T00:00:00.000Z`));
      for (const item of trashedItems(k.nb)) {
        const copy = structuredClone(k.nb);
        const before = structuredClone(copy);
        const inverse = apply(copy, restoreOp(copy, item.kind, item.id));
        expect(find(copy, item.kind, item.id)?.deletedAt, `${order.map((o) => o[1]).join(',')}: ${item.kind} ${item.label}`).toBeUndefined();
        for (const r of [...item.with, ...item.needs]) expect(find(copy, r.kind, r.id)?.deletedAt).toBeUndefined();
        apply(copy, inverse);
        expect(copy).toEqual(before);
      }
    }
  });
});

function find(nb: Notebook, kind: Kind, id: string): { deletedAt?: string } | undefined {
  const key = ({ source: 'sources', excerpt: 'excerpts', claim: 'claims', link: 'links', entity: 'entities', proposition: 'propositions', question: 'questions', hypothesis: 'hypotheses' } as const)[kind];
  return (nb[key] as Record<string, { deletedAt?: string }>)[id];
}
