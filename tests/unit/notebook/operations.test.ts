import { describe, expect, it } from 'vitest';
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Notebook } from '../../../notebook/common/model.js';
import { apply, trashWithDependents, type Operation } from '../../../notebook/common/operations.js';

const T = '2026-01-02T03:04:05.000Z';
const sha = 'a'.repeat(64);

function notebookWithSource(): { nb: Notebook; sourceId: string } {
  const nb = emptyNotebook(newId(), 'test', T);
  const sourceId = newId();
  apply(nb, {
    type: 'create',
    kind: 'source',
    object: { id: sourceId, createdAt: T, updatedAt: T, title: 'Wire report', content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: 100 } },
  });
  return { nb, sourceId };
}

const excerptOp = (sourceId: string, id = newId()): Operation => ({
  type: 'create',
  kind: 'excerpt',
  object: { id, createdAt: T, updatedAt: T, sourceId, selectors: { position: { start: 0, end: 5 }, quote: { exact: 'hello' } } },
});

describe('apply', () => {
  it('creates an excerpt and undoes it exactly', () => {
    const { nb, sourceId } = notebookWithSource();
    const before = structuredClone(nb);
    const inverse = apply(nb, excerptOp(sourceId));
    expect(Object.keys(nb.excerpts)).toHaveLength(1);
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });

  it('refuses an excerpt of a source that does not exist, and changes nothing', () => {
    const { nb } = notebookWithSource();
    const before = structuredClone(nb);
    expect(() => apply(nb, excerptOp(newId()))).toThrow(/excerpt source: no source/);
    expect(nb).toEqual(before);
  });

  it('rolls back a batch that fails midway', () => {
    const { nb, sourceId } = notebookWithSource();
    const before = structuredClone(nb);
    const good = excerptOp(sourceId);
    const bad = excerptOp(newId());
    if (good.type !== 'create' || bad.type !== 'create') throw new Error('fixture');
    expect(() => apply(nb, { type: 'batch', label: '', ops: [good, bad] })).toThrow();
    expect(nb).toEqual(before);
  });

  it('trashes a source with its excerpts and links, and restores them in one undo', () => {
    const { nb, sourceId } = notebookWithSource();
    const excerptId = newId();
    const claimId = newId();
    apply(nb, excerptOp(sourceId, excerptId));
    apply(nb, { type: 'create', kind: 'claim', object: { id: claimId, createdAt: T, updatedAt: T, statement: 'North Korea shipped artillery to Russia' } });
    apply(nb, {
      type: 'create',
      kind: 'link',
      object: { id: newId(), createdAt: T, updatedAt: T, fromKind: 'excerpt', fromId: excerptId, toKind: 'claim', toId: claimId, relation: 'supports' },
    });
    const before = structuredClone(nb);
    expect(() => apply(nb, { type: 'delete', kind: 'source', id: sourceId, at: T })).toThrow(/depend on it/);
    const inverse = apply(nb, trashWithDependents(nb, 'source', sourceId, T));
    expect(Object.values(nb.links).every((l) => l.deletedAt === T)).toBe(true);
    expect(nb.claims[claimId]!.deletedAt).toBeUndefined();
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });

  it('undoes an update, including fields it added', () => {
    const { nb, sourceId } = notebookWithSource();
    const before = structuredClone(nb);
    const inverse = apply(nb, { type: 'update', kind: 'source', id: sourceId, set: { publisher: 'KCNA', reliability: { grade: 'C', rationale: '' }, updatedAt: '2026-02-02T00:00:00.000Z' }, unset: [] });
    expect(nb.sources[sourceId]!.reliability?.grade).toBe('C');
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });
});
