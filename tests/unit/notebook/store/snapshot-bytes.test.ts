// notebook.json's bytes are checked as UTF-8 before they are parsed: text that is not UTF-8 is damage
// ('corrupt', file untouched), an editor's byte order mark is not, and an empty file says it is empty.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../../notebook/node/store.js';

const FIXTURE = path.join(import.meta.dirname, '..', '..', '..', 'fixtures', 'notebooks', 'v4-notebook.json');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function folderWith(bytes: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-bytes-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'notebook.json'), bytes);
  return dir;
}

const fixture = () => fs.readFileSync(FIXTURE);

describe('the bytes of notebook.json', () => {
  it('refuses text that is not UTF-8 as corrupt and leaves the file as it was', async () => {
    const good = fixture();
    // A lone continuation byte inside a string: valid JSON once decoded loosely, not UTF-8.
    const at = good.indexOf('"name"') + 1;
    const bad = Buffer.concat([good.subarray(0, at), Buffer.from([0x80]), good.subarray(at)]);
    const dir = folderWith(bad);
    await expect(openStore(dir, { readOnly: true })).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('is not UTF-8 text') });
    expect(fs.readFileSync(path.join(dir, 'notebook.json')).equals(bad)).toBe(true);
  });

  it('opens a notebook.json an editor saved with a byte order mark', async () => {
    const plain = await openStore(folderWith(fixture()), { readOnly: true });
    const marked = await openStore(folderWith(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture()])), { readOnly: true });
    expect(marked.notebook).toEqual(plain.notebook);
    await Promise.all([plain.close(), marked.close()]);
  });

  it('says an empty notebook.json is empty', async () => {
    await expect(openStore(folderWith(new Uint8Array()), { readOnly: true })).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('is empty (0 bytes)') });
  });
});
