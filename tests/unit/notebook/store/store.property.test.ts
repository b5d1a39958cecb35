// Property: whatever the analyst does — create, edit, trash and restore sources, excerpts, claims
// and links, undo and redo, with compactions in between — the notebook on disk reopens to exactly
// the notebook in memory, after a clean close and after a crash alike.
import fc from 'fast-check';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RELATIONS, type Notebook } from '../../../../notebook/common/model.js';
import { trashWithDependents, type Operation } from '../../../../notebook/common/operations.js';
import { codePointLength, sliceCodePoints } from '../../../../notebook/common/text.js';
import { openStore, type Store } from '../../../../notebook/node/store.js';
import { crashCopy, removeTempFolders, tempFolder } from './fixtures.js';

const T0 = Date.UTC(2026, 0, 1);
const at = (n: number) => new Date(T0 + n * 1000).toISOString();
const id = (n: number) => `0190a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const TEXT = 'Officials in Seoul said thousands of containers 📦 were shipped north; Pyongyang called it "the most absurd paradox".';
const LENGTH = codePointLength(TEXT);

type Kind = 'source' | 'excerpt' | 'claim' | 'link';
type Step =
  | { t: 'source'; n: number }
  | { t: 'excerpt'; n: number; source: number; start: number; length: number; misquote: boolean }
  | { t: 'claim'; n: number }
  | { t: 'link'; n: number; from: number; to: number; relation: number }
  | { t: 'update'; kind: 'source' | 'excerpt' | 'claim'; n: number; text: string }
  | { t: 'trash'; kind: Kind; n: number }
  | { t: 'restore'; kind: Kind; n: number }
  | { t: 'undo' }
  | { t: 'redo' }
  | { t: 'compact'; wait: boolean };

const small = fc.integer({ min: 1, max: 4 });
const kind = fc.constantFrom<Kind>('source', 'excerpt', 'claim', 'link');
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('source' as const), n: small }), weight: 2 },
  {
    arbitrary: fc.record({
      t: fc.constant('excerpt' as const),
      n: small,
      source: small,
      start: fc.integer({ min: 0, max: LENGTH - 12 }),
      length: fc.integer({ min: 1, max: 12 }),
      misquote: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ t: fc.constant('claim' as const), n: small }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('link' as const), n: small, from: small, to: small, relation: fc.integer({ min: 0, max: RELATIONS.length - 1 }) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('update' as const), kind: fc.constantFrom('source' as const, 'excerpt' as const, 'claim' as const), n: small, text: fc.string({ minLength: 1, maxLength: 20 }) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('trash' as const), kind, n: small }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('restore' as const), kind, n: small }), weight: 2 },
  { arbitrary: fc.constant({ t: 'undo' as const }), weight: 3 },
  { arbitrary: fc.constant({ t: 'redo' as const }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('compact' as const), wait: fc.boolean() }), weight: 1 },
);

const PRELUDE: Step[] = [
  { t: 'excerpt', n: 1, source: 1, start: 12, length: 5, misquote: false },
  { t: 'excerpt', n: 2, source: 2, start: 48, length: 2, misquote: false },
];

const offset = { source: 0, excerpt: 100, claim: 200, link: 300 } as const;

function toOp(nb: Notebook, s: Exclude<Step, { t: 'undo' | 'redo' | 'compact' }>, i: number, sha: string): Operation {
  const base = { createdAt: at(i), updatedAt: at(i) };
  switch (s.t) {
    case 'source':
      return {
        type: 'create',
        kind: 'source',
        object: { id: id(s.n), ...base, title: `Source ${s.n}`, content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: LENGTH } },
      };
    case 'excerpt': {
      const exact = sliceCodePoints(TEXT, s.start, s.start + s.length);
      return {
        type: 'create',
        kind: 'excerpt',
        object: {
          id: id(offset.excerpt + s.n),
          ...base,
          sourceId: id(s.source),
          selectors: { position: { start: s.start, end: s.start + s.length }, quote: { exact: s.misquote ? `${exact}!` : exact } },
        },
      };
    }
    case 'claim':
      return { type: 'create', kind: 'claim', object: { id: id(offset.claim + s.n), ...base, statement: `Claim ${s.n}` } };
    case 'link':
      return {
        type: 'create',
        kind: 'link',
        object: { id: id(offset.link + s.n), ...base, fromKind: 'excerpt', fromId: id(offset.excerpt + s.from), toKind: 'claim', toId: id(offset.claim + s.to), relation: RELATIONS[s.relation]! },
      };
    case 'update': {
      const field = s.kind === 'source' ? 'publisher' : s.kind === 'excerpt' ? 'note' : 'statement';
      const value = s.kind === 'claim' ? s.text.trim() || 'x' : s.text;
      return { type: 'update', kind: s.kind, id: id(offset[s.kind] + s.n), set: { [field]: value, updatedAt: at(i) }, unset: [] };
    }
    case 'trash':
      return trashWithDependents(nb, s.kind, id(offset[s.kind] + s.n), at(i));
    case 'restore':
      return { type: 'restore', kind: s.kind, id: id(offset[s.kind] + s.n) };
  }
}

async function run(store: Store, steps: Step[], sha: string): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const [i, s] of steps.entries()) {
    if (s.t === 'undo') store.undo();
    else if (s.t === 'redo') store.redo();
    else if (s.t === 'compact') {
      // Not awaited: later steps then apply while the snapshot is being written.
      if (s.wait) await store.compact();
      else pending.push(store.compact());
    } else {
      const before = structuredClone(store.notebook);
      const seq = store.seq;
      try {
        store.apply(toOp(store.notebook, s, i + 1, sha));
      } catch {
        expect(store.notebook).toEqual(before); // refused: nothing changed, nothing journaled
        expect(store.seq).toBe(seq);
      }
    }
  }
  await Promise.all(pending);
}

afterEach(removeTempFolders);

describe('store persistence', () => {
  it('reopens to the notebook in memory after any sequence of changes, undos and redos', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 20, maxLength: 80, size: 'large' }), async (steps) => {
        const dir = path.join(tempFolder(), 'property.corroborate');
        const store = await openStore(dir, { create: true });
        try {
          const sha = store.putFile(new TextEncoder().encode(TEXT));
          // A few objects to start from, so that most generated steps refer to something.
          await run(store, [{ t: 'source', n: 1 }, { t: 'source', n: 2 }, { t: 'claim', n: 1 }, { t: 'claim', n: 2 }, ...PRELUDE, ...steps], sha);
          const expected = structuredClone(store.notebook);
          const seq = store.seq;

          const crashed = await openStore(crashCopy(store));
          expect(crashed.notebook).toEqual(expected);
          expect(crashed.seq).toBe(seq);
          await crashed.close();

          await store.close();
          const reopened = await openStore(dir);
          expect(reopened.notebook).toEqual(expected);
          expect(reopened.seq).toBe(seq);
          await reopened.close();
        } finally {
          await store.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
