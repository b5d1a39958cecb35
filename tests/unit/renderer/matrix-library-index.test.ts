// The matrix, answered from the library index (links by claim kept up to date per change), shows
// what a walk over the whole notebook shows through the changes an analyst makes elsewhere (a new
// link, a relation changed, a link trashed and restored, undo), each followed as the app follows
// it: apply, then tell the library index, then render.
import { describe, expect, it } from 'vitest';
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Id, type Notebook } from '../../../notebook/common/model.js';
import { apply, type Operation } from '../../../notebook/common/operations.js';
import { libraryIndex, noteApplied } from '../../../renderer/src/library/library-index.js';
import { matrixWindow, scanLookup, summaryLine, type MatrixLookup } from '../../../renderer/src/matrix/matrix-model.js';

const sha = 'e'.repeat(64);
let tick = 0;
const at = () => new Date(Date.parse('2026-02-03T04:05:06.000Z') + tick++).toISOString();

function notebook() {
  const nb = emptyNotebook(newId(), 'lookup', at());
  const run = (op: Operation) => {
    const inverse = apply(nb, op);
    noteApplied(nb, op);
    return inverse;
  };
  const create = (kind: 'source' | 'excerpt' | 'claim' | 'link' | 'proposition', object: Record<string, unknown>): Id => {
    const id = newId();
    const t = at();
    run({ type: 'create', kind, object: { id, createdAt: t, updatedAt: t, ...object } });
    return id;
  };
  const source = create('source', { title: 'Port logs', content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: 900 } });
  const excerpt = (start: number) => create('excerpt', { sourceId: source, selectors: { position: { start, end: start + 4 }, quote: { exact: 'text' } } });
  const proposition = create('proposition', { statement: 'Ships left port.' });
  const a = create('claim', { statement: 'Ships left on Monday.', propositionId: proposition });
  const b = create('claim', { statement: 'Ships left on Tuesday.', propositionId: proposition });
  const e1 = excerpt(0);
  const e2 = excerpt(10);
  const link = (fromKind: 'excerpt' | 'claim', fromId: Id, toId: Id, relation: string) => {
    const id = newId();
    const t = at();
    return { id, inverse: run({ type: 'create', kind: 'link', object: { id, createdAt: t, updatedAt: t, fromKind, fromId, toKind: 'claim', toId, relation } }) };
  };
  libraryIndex(nb); // the app builds it when the notebook opens
  return { nb, run, link, a, b, e1, e2 };
}

/** What the matrix would show, through a lookup. */
function shown(nb: Notebook, lookup: MatrixLookup) {
  const w = matrixWindow(nb, lookup, { grouped: true, text: '', rows: 50, columns: 30 });
  return {
    summary: summaryLine(w),
    groups: w.groups.map((g) => ({ statement: g.statement, contradicted: g.contradicted, claims: g.claims.map((c) => c.id) })),
    cells: [...w.cells].map(([key, links]) => [key, links.map((l) => `${l.relation}${l.rationale ? `: ${l.rationale}` : ''}`).sort()]),
  };
}

describe('the matrix from the library index', () => {
  it('shows what a walk over the whole notebook shows, after every kind of change', () => {
    const f = notebook();
    const check = () => expect(shown(f.nb, libraryIndex(f.nb))).toEqual(shown(f.nb, scanLookup(f.nb)));
    check();
    const first = f.link('excerpt', f.e1, f.a, 'supports');
    check();
    f.link('excerpt', f.e2, f.a, 'qualifies');
    check();
    f.run({ type: 'update', kind: 'link', id: first.id, set: { relation: 'refutes', rationale: 'the logs say Tuesday' }, unset: [] });
    check();
    const contradiction = f.link('claim', f.b, f.a, 'contradicts');
    check();
    expect(shown(f.nb, libraryIndex(f.nb)).groups[0]!.contradicted).toBe(true);
    f.run(contradiction.inverse); // undo
    check();
    f.run({ type: 'delete', kind: 'link', id: first.id, at: at() });
    check();
    f.run({ type: 'restore', kind: 'link', id: first.id });
    check();
    // A link trashed and another made to the same claim in one step leaves the count as it was.
    const t = at();
    f.run({
      type: 'batch',
      label: 'move evidence',
      ops: [
        { type: 'delete', kind: 'link', id: first.id, at: t },
        { type: 'create', kind: 'link', object: { id: newId(), createdAt: t, updatedAt: t, fromKind: 'excerpt', fromId: f.e1, toKind: 'claim', toId: f.a, relation: 'context' } },
      ],
    });
    check();
  });
});
