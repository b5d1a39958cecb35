// The search index's worker reads the notebook a second time, read-only, without the schema check
// its writer already made (store.ts checkSchema: false). It must read the same notebook, refuse
// what is not one, and never be a way to open a notebook for writing unchecked.
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

function notebookFolder(json: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-replica-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'notebook.json'), json);
  return dir;
}

describe('opening a replica without the schema check', () => {
  it('reads the same notebook as the checked opening', async () => {
    const dir = notebookFolder(fs.readFileSync(FIXTURE, 'utf8'));
    const checked = await openStore(dir, { readOnly: true });
    const replica = await openStore(dir, { readOnly: true, checkSchema: false });
    expect(replica.notebook).toEqual(checked.notebook);
    expect(replica.seq).toBe(checked.seq);
    await Promise.all([checked.close(), replica.close()]);
  });

  it('checks an older version in full, so what its upgrade leaves to the schema is filled in', async () => {
    const dir = notebookFolder(fs.readFileSync(path.join(path.dirname(FIXTURE), 'v1-notebook.json'), 'utf8'));
    const checked = await openStore(dir, { readOnly: true });
    const replica = await openStore(dir, { readOnly: true, checkSchema: false });
    expect(replica.notebook).toEqual(checked.notebook);
    await Promise.all([checked.close(), replica.close()]);
  });

  it('still refuses a file that is not a notebook, saying what is wrong', async () => {
    const notJson = notebookFolder('{"schemaVersion":4,');
    await expect(openStore(notJson, { readOnly: true, checkSchema: false })).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('is not valid JSON') });
    const fixture = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
    const noExcerpts = notebookFolder(JSON.stringify({ ...fixture, excerpts: [] }));
    await expect(openStore(noExcerpts, { readOnly: true, checkSchema: false })).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('excerpts is not an object') });
  });

  it('cannot open a notebook for writing unchecked, and then leaves the folder as it was', async () => {
    const dir = notebookFolder(fs.readFileSync(FIXTURE, 'utf8'));
    await expect(openStore(dir, { checkSchema: false })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('only a read-only opening') });
    expect(fs.readdirSync(dir)).toEqual(['notebook.json']);
  });
});
