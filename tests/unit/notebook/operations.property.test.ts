// Property: any sequence of operations, each followed by its inverse in reverse order, leaves the
// notebook exactly as it was; an operation that is refused changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyNotebook, RELATIONS, type Notebook } from '../../../notebook/common/model.js';
import { apply, trashWithDependents, type Operation } from '../../../notebook/common/operations.js';

const T0 = Date.UTC(2026, 0, 1);
const at = (n: number) => new Date(T0 + n * 1000).toISOString();
const id = (n: number) => `0190a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const sha = 'b'.repeat(64);

/** A step names objects by small numbers so that steps often refer to objects that exist. */
type Step =
  | { t: 'source'; n: number }
  | { t: 'excerpt'; n: number; source: number; start: number }
  | { t: 'claim'; n: number }
  | { t: 'link'; n: number; from: number; to: number; relation: number }
  | { t: 'update'; kind: 'source' | 'claim'; n: number; text: string }
  | { t: 'trash'; kind: 'source' | 'excerpt' | 'claim' | 'link'; n: number }
  | { t: 'restore'; kind: 'source' | 'excerpt' | 'claim' | 'link'; n: number };

const small = fc.integer({ min: 1, max: 6 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ t: fc.constant('source' as const), n: small }),
  fc.record({ t: fc.constant('excerpt' as const), n: small, source: small, start: fc.integer({ min: 0, max: 90 }) }),
  fc.record({ t: fc.constant('claim' as const), n: small }),
  fc.record({ t: fc.constant('link' as const), n: small, from: small, to: small, relation: fc.integer({ min: 0, max: RELATIONS.length - 1 }) }),
  fc.record({ t: fc.constant('update' as const), kind: fc.constantFrom('source' as const, 'claim' as const), n: small, text: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.record({ t: fc.constant('trash' as const), kind: fc.constantFrom('source' as const, 'excerpt' as const, 'claim' as const, 'link' as const), n: small }),
  fc.record({ t: fc.constant('restore' as const), kind: fc.constantFrom('source' as const, 'excerpt' as const, 'claim' as const, 'link' as const), n: small }),
);

const offset = { source: 0, excerpt: 100, claim: 200, link: 300 } as const;

function toOp(nb: Notebook, s: Step, i: number): Operation {
  const base = { createdAt: at(i), updatedAt: at(i) };
  switch (s.t) {
    case 'source':
      return { type: 'create', kind: 'source', object: { id: id(s.n), ...base, title: `Source ${s.n}`, content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: 100 } } };
    case 'excerpt':
      return {
        type: 'create',
        kind: 'excerpt',
        object: { id: id(offset.excerpt + s.n), ...base, sourceId: id(s.source), selectors: { position: { start: s.start, end: s.start + 10 }, quote: { exact: 'x' } } },
      };
    case 'claim':
      return { type: 'create', kind: 'claim', object: { id: id(offset.claim + s.n), ...base, statement: `Claim ${s.n}` } };
    case 'link':
      return {
        type: 'create',
        kind: 'link',
        object: { id: id(offset.link + s.n), ...base, fromKind: 'excerpt', fromId: id(offset.excerpt + s.from), toKind: 'claim', toId: id(offset.claim + s.to), relation: RELATIONS[s.relation]! },
      };
    case 'update':
      return s.kind === 'source'
        ? { type: 'update', kind: 'source', id: id(s.n), set: { publisher: s.text, updatedAt: at(i) }, unset: [] }
        : { type: 'update', kind: 'claim', id: id(offset.claim + s.n), set: { statement: s.text.trim() || 'x', updatedAt: at(i) }, unset: [] };
    case 'trash':
      return trashWithDependents(nb, s.kind, id(offset[s.kind] + s.n), at(i));
    case 'restore':
      return { type: 'restore', kind: s.kind, id: id(offset[s.kind] + s.n) };
  }
}

describe('apply and its inverse', () => {
  it('undoing every applied operation in reverse order restores the notebook exactly', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 80, size: "large" }), (steps) => {
        const nb = emptyNotebook(id(999), 'property', at(0));
        const snapshots: Notebook[] = [];
        const inverses: Operation[] = [];
        steps.forEach((s, i) => {
          const op = toOp(nb, s, i + 1);
          const before = structuredClone(nb);
          try {
            const inverse = apply(nb, op);
            snapshots.push(before);
            inverses.push(inverse);
          } catch {
            expect(nb).toEqual(before); // a refused operation changes nothing
          }
        });
        while (inverses.length) {
          apply(nb, inverses.pop()!);
          expect(nb).toEqual(snapshots.pop());
        }
      }),
      { numRuns: 300 },
    );
  });
});
