// Large JSON is made a piece at a time — notebook.json written, the whole notebook answered to the
// page — so it never exists as one string; the pieces must make exactly the text JSON.stringify
// would, whatever the value holds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPieces } from '../../../notebook/common/json-pieces.js';
import { emptyNotebook } from '../../../notebook/common/model.js';
import { answerOf, bodyLength, bodyText } from '../../../notebook/node/service-worker-protocol.js';
import { sha256Hex, writeChunksDurable } from '../../../notebook/node/store/files.js';
import { parseSnapshot, snapshotPieces, type Snapshot } from '../../../notebook/node/store/snapshot.js';

const fixture = (): Snapshot => {
  const file = path.join(import.meta.dirname, '..', '..', 'fixtures', 'notebooks', 'v3-notebook.json');
  return parseSnapshot(fs.readFileSync(file), file).snapshot;
};
const joined = (value: unknown, depth: number): string | undefined => {
  const pieces = [...jsonPieces(value, depth)];
  return pieces.length === 0 ? undefined : pieces.join('');
};

/** Values as JSON.stringify meets them in a notebook and beyond: what has no JSON text (undefined, functions) inside objects and arrays, dates, objects without a prototype. */
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom(undefined, () => 1, Symbol('s'), new Date(0), Number.NaN, -0, Number.POSITIVE_INFINITY),
    fc.array(tie('tree'), { maxLength: 5 }),
    fc.dictionary(fc.string(), tie('tree'), { maxKeys: 5 }),
    fc.dictionary(fc.string(), tie('tree'), { maxKeys: 3, noNullPrototype: false }),
  ),
}));

describe('jsonPieces', () => {
  it('joins to exactly JSON.stringify at every depth, for any value', () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: 0, max: 6 }), (value, depth) => {
        expect(joined(value, depth)).toBe(JSON.stringify(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('joins to exactly JSON.stringify of a snapshot, names and notes with any characters', () => {
    const base = fixture();
    expect([...snapshotPieces(base)].join('')).toBe(JSON.stringify(base));
    const empty = { ...emptyNotebook('01941c2a-0000-7000-8000-000000000001', 'empty', '2024-01-01T00:00:00.000Z'), seq: 0 };
    expect([...snapshotPieces(empty)].join('')).toBe(JSON.stringify(empty));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), fc.string({ unit: 'binary' }), (objects, name, notes) => {
        const snapshot = { ...base, name, settings: { ...base.settings, notes }, claims: objects as Snapshot['claims'] };
        expect([...snapshotPieces(snapshot)].join('')).toBe(JSON.stringify(snapshot));
      }),
    );
  });

  it('gives a snapshot’s collections object by object, never one piece for a collection', () => {
    const snapshot = fixture();
    const pieces = [...snapshotPieces(snapshot)];
    const largestObject = Math.max(...Object.values(snapshot.excerpts).map((e) => JSON.stringify(e).length));
    const excerptPieces = pieces.filter((p) => Object.keys(snapshot.excerpts).some((id) => p.includes(JSON.stringify(id))));
    expect(Object.keys(snapshot.excerpts).length).toBeGreaterThan(1);
    expect(excerptPieces.length).toBeGreaterThanOrEqual(Object.keys(snapshot.excerpts).length);
    expect(Math.max(...excerptPieces.map((p) => p.length))).toBeLessThanOrEqual(largestObject + 64);
  });

  it('writes a snapshot durably as the same bytes, in many small pieces', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-chunks-'));
    try {
      const snapshot = { ...fixture(), name: 'Korea – 한국' }; // characters of 3 bytes: bytes, not characters, are counted
      const target = path.join(dir, 'notebook.json');
      const written = await writeChunksDurable(target, snapshotPieces(snapshot));
      const bytes = fs.readFileSync(target);
      expect(bytes.toString('utf8')).toBe(JSON.stringify(snapshot));
      // What it says it wrote: the snapshot's size (which decides where compaction runs) and sha256 (notebook.checked.json).
      expect(written).toEqual({ sha256: sha256Hex(bytes), bytes: bytes.length });
      expect(fs.readdirSync(dir)).toEqual(['notebook.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an answer with the whole notebook', () => {
  /** A notebook of `count` excerpts whose texts hold characters beyond Latin-1 (a string of them is two bytes a character). */
  const large = (count: number) => {
    const notebook = fixture();
    const excerpt = Object.values(notebook.excerpts)[0]!;
    const excerpts: Snapshot['excerpts'] = {};
    for (let i = 0; i < count; i++) excerpts[`x${i}`] = { ...excerpt, id: `x${i}`, note: `“${i}” — 한국 ${'é'.repeat(i % 300)}` };
    return { ...notebook, excerpts };
  };

  it('is the Outcome’s exact JSON, in chunks of about 1 MB each over a buffer of its own', () => {
    const outcome = { ok: true as const, result: { info: { name: 'Korea – 한국' }, notebook: large(20_000), seq: 7, canUndo: true, canRedo: false } };
    const answer = answerOf(outcome);
    const text = JSON.stringify(outcome);
    expect(bodyText(answer.body)).toBe(text);
    expect(bodyLength(answer.body)).toBe(Buffer.byteLength(text));
    expect(answer.body.length).toBeGreaterThan(3);
    for (const chunk of answer.body) {
      expect(chunk.byteLength).toBeLessThan(3 * 2 ** 20 + 4096); // ~1M characters of up to 3 bytes
      expect(chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength).toBe(true);
    }
    expect(new Set(answer.body.map((c) => c.buffer)).size).toBe(answer.body.length);
    expect(answer.error).toBeNull();
  });

  it('is one chunk for a small answer, and a failure carries its error beside the bytes', () => {
    const failed = answerOf({ ok: false, error: { code: 'not-found', message: 'no source with id “s1”' } });
    expect(failed.body).toHaveLength(1);
    expect(JSON.parse(bodyText(failed.body))).toEqual({ ok: false, error: { code: 'not-found', message: 'no source with id “s1”' } });
    expect(failed.error).toEqual({ code: 'not-found', message: 'no source with id “s1”' });
  });
});
