// The source details' Reports field in a notebook of thousands of sources: what parentChoices gave
// while there are few; beyond the limit the newest, any source found by words in its title or
// publisher, never one that would make a loop, and always the source it reports now.
import { describe, expect, it } from 'vitest';
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Id, type Notebook } from '../../../notebook/common/model.js';
import { apply, type Operation } from '../../../notebook/common/operations.js';
import { parentChoices, reportsChoices } from '../../../renderer/src/inspector/source-edit.js';
import { libraryIndex, noteApplied } from '../../../renderer/src/library/library-index.js';

const SHA = 'd'.repeat(64);
let clock = Date.parse('2025-05-01T00:00:00Z');
const tick = () => new Date((clock += 1000)).toISOString();

function run(nb: Notebook, op: Operation): void {
  apply(nb, op);
  noteApplied(nb, op);
}

function addSource(nb: Notebook, title: string, publisher = ''): Id {
  const at = tick();
  const id = newId();
  run(nb, { type: 'create', kind: 'source', object: { id, createdAt: at, updatedAt: at, title, publisher, content: { textSha256: SHA, originalSha256: SHA, mediaType: 'text/plain', length: 10 } } });
  return id;
}

function notebook(n: number) {
  const nb = emptyNotebook(newId(), 'test', tick());
  libraryIndex(nb);
  const agency = addSource(nb, 'Agency statement', 'KCNA');
  const wire = addSource(nb, 'Wire report', 'Northwind Wire');
  run(nb, { type: 'update', kind: 'source', id: wire, set: { parentSourceId: agency }, unset: [] });
  const fillers = Array.from({ length: n }, (_, i) => addSource(nb, `Filler report ${i}`, 'Daily Filler'));
  return { nb, agency, wire, fillers, ids: () => libraryIndex(nb).sourceIds };
}

const titles = (sources: { title: string }[]) => sources.map((s) => s.title);

describe('reportsChoices', () => {
  it('offers what parentChoices did while there are at most the limit', () => {
    const { nb, agency, wire, ids } = notebook(3);
    for (const id of [agency, wire]) {
      const choices = reportsChoices(nb, nb.sources[id]!, ids(), { limit: 10 });
      expect(choices.limited).toBe(false);
      expect(titles(choices.sources)).toEqual(titles(parentChoices(nb, nb.sources[id]!)));
    }
  });

  it('beyond the limit offers the newest and the source it reports now, by title, never one that reports it', () => {
    const { nb, agency, wire, ids } = notebook(8);
    const choices = reportsChoices(nb, nb.sources[wire]!, ids(), { limit: 3 });
    expect(choices).toMatchObject({ limited: true, total: 9 });
    expect(titles(choices.sources)).toEqual(['Agency statement', 'Filler report 5', 'Filler report 6', 'Filler report 7']);
    // The agency is reported by the wire: the wire is never offered to it, whatever is found.
    expect(titles(reportsChoices(nb, nb.sources[agency]!, ids(), { limit: 3, find: 'wire' }).sources)).toEqual([]);
  });

  it('finds sources by every word in the title or publisher, ignoring case, counts them all, and keeps the draft’s choice', () => {
    const { nb, wire, fillers, ids } = notebook(8);
    const found = reportsChoices(nb, nb.sources[wire]!, ids(), { limit: 3, find: 'DAILY report' });
    expect(found.matched).toBe(8);
    expect(found.sources).toHaveLength(4); // three found and the source it reports now
    expect(titles(reportsChoices(nb, nb.sources[wire]!, ids(), { limit: 3, find: 'kcna' }).sources)).toEqual(['Agency statement']);
    const kept = reportsChoices(nb, nb.sources[wire]!, ids(), { limit: 3, find: 'nothing like it', keep: fillers[0] });
    expect(kept.matched).toBe(0);
    expect(titles(kept.sources)).toEqual(['Agency statement', 'Filler report 0']);
  });
});
