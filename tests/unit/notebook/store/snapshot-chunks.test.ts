// notebook.json is written a piece at a time so a large notebook never holds the event loop; the
// pieces must make exactly the bytes JSON.stringify would, whatever the notebook holds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyNotebook } from '../../../../notebook/common/model.js';
import { writeChunksDurable } from '../../../../notebook/node/store/files.js';
import { parseSnapshot, snapshotChunks, type Snapshot } from '../../../../notebook/node/store/snapshot.js';

const fixture = (): Snapshot => {
  const file = path.join(import.meta.dirname, '..', '..', '..', 'fixtures', 'notebooks', 'v3-notebook.json');
  return parseSnapshot(fs.readFileSync(file), file).snapshot;
};

describe('snapshotChunks', () => {
  it('joins to exactly JSON.stringify of the snapshot', () => {
    for (const snapshot of [fixture(), { ...emptyNotebook('01941c2a-0000-7000-8000-000000000001', 'empty', '2024-01-01T00:00:00.000Z'), seq: 0 }]) {
      expect([...snapshotChunks(snapshot)].join('')).toBe(JSON.stringify(snapshot));
    }
  });

  it('does so for any objects and ids in the collections, names and notes with any characters', () => {
    const base = fixture();
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), fc.string({ unit: 'binary' }), (objects, name, notes) => {
        const snapshot = { ...base, name, settings: { ...base.settings, notes }, claims: objects as Snapshot['claims'] };
        expect([...snapshotChunks(snapshot)].join('')).toBe(JSON.stringify(snapshot));
      }),
    );
  });

  it('is written durably as the same bytes, in many small pieces', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-chunks-'));
    try {
      const snapshot = fixture();
      const target = path.join(dir, 'notebook.json');
      await writeChunksDurable(target, snapshotChunks(snapshot));
      expect(fs.readFileSync(target, 'utf8')).toBe(JSON.stringify(snapshot));
      expect(fs.readdirSync(dir)).toEqual(['notebook.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
