// notebook.checked.json: a notebook.json the store wrote (or read and found whole), unchanged since,
// is reopened without checking every object against the schema again; anything else — a file
// changed by a byte, a folder copied from elsewhere, another version's schema, a damaged record —
// is checked whole, and an object that breaks the format is found as before.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../../../notebook/node/store.js';
import { CHECKED_FILE, checkedBefore, identityOf, recordChecked, schemaFingerprint } from '../../../../notebook/node/store/checked.js';
import { sha256Hex } from '../../../../notebook/node/store/files.js';
import { compactFromDisk } from '../../../../notebook/node/store/compact-worker.js';
import { Snapshot } from '../../../../notebook/node/store/snapshot.js';
import { claimOp, newNotebookPath, removeTempFolders, tempFolder } from './fixtures.js';

afterEach(() => {
  vi.restoreAllMocks();
  removeTempFolders();
});

/** A notebook with a few claims, written by the store, closed and opened again: notebook.json (and a backup of it) as the app leaves them. */
async function writtenNotebook(): Promise<string> {
  const dir = newNotebookPath();
  const store = await openStore(dir, { create: true });
  for (const statement of ['North Korea ships shells by rail', 'The port at Rajin is busy', 'Russia denies any purchase']) store.apply(claimOp(statement));
  await store.close();
  await (await openStore(dir)).close(); // opened again for writing: backed up
  return dir;
}

/** Opens dir (and closes it), saying whether every object of notebook.json was checked against the schema. */
async function opensCheckingWhole(dir: string, options: { readOnly?: boolean } = {}): Promise<boolean> {
  const check = vi.spyOn(Snapshot, 'safeParse');
  try {
    const store = await openStore(dir, options);
    await store.close();
    return check.mock.calls.length > 0;
  } finally {
    check.mockRestore();
  }
}

const snapshotOf = (dir: string) => path.join(dir, 'notebook.json');

/** Replaces `from` by `to` (the same length) inside notebook.json, in place: same inode and size. */
function editInPlace(dir: string, from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const file = snapshotOf(dir);
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain(from);
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, text.replace(from, to), 0, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

describe('notebook.checked.json', () => {
  it('reopens a notebook.json the store wrote, unchanged, without checking every object again', async () => {
    const dir = await writtenNotebook();
    expect(fs.existsSync(path.join(dir, CHECKED_FILE))).toBe(true);
    expect(await opensCheckingWhole(dir)).toBe(false);
    expect(await opensCheckingWhole(dir, { readOnly: true })).toBe(false);
    const reopened = await openStore(dir, { readOnly: true });
    expect(Object.values(reopened.notebook.claims).map((c) => c.statement).sort()).toEqual(['North Korea ships shells by rail', 'Russia denies any purchase', 'The port at Rajin is busy']);
    await reopened.close();
  });

  it('checks a notebook.json changed since in full, even with its size and modification time kept, and finds what breaks the format', async () => {
    const dir = await writtenNotebook();
    const { mtime, atime } = fs.statSync(snapshotOf(dir));
    editInPlace(dir, '"status":"unreviewed"', '"status":"unreviewe?"');
    fs.utimesSync(snapshotOf(dir), atime, mtime);
    await expect(openStore(dir, { readOnly: true })).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('does not fit the notebook format') });
    // Opened for writing: restored from the backup made when it was last opened, and said so.
    const store = await openStore(dir);
    expect(store.notice).toContain('does not fit the notebook format');
    expect(Object.values(store.notebook.claims).every((c) => c.status === 'unreviewed')).toBe(true);
    await store.close();
  });

  it('checks a valid edit in full once, then records it', async () => {
    const dir = await writtenNotebook();
    editInPlace(dir, 'The port at Rajin is busy', 'The port at Rajin is idle');
    expect(await opensCheckingWhole(dir)).toBe(true);
    expect(await opensCheckingWhole(dir)).toBe(false);
    const store = await openStore(dir, { readOnly: true });
    expect(Object.values(store.notebook.claims).map((c) => c.statement)).toContain('The port at Rajin is idle');
    await store.close();
  });

  it('checks a folder copied from elsewhere in full, even when its record matches its bytes', async () => {
    const dir = await writtenNotebook();
    // A crafted folder: notebook.json breaks the format, and the record beside it names its exact
    // bytes and this version's schema, as a record made on the machine it came from would.
    editInPlace(dir, '"status":"unreviewed"', '"status":"unreviewe?"');
    recordChecked(snapshotOf(dir), sha256Hex(fs.readFileSync(snapshotOf(dir))));
    const copy = path.join(tempFolder(), 'from-a-colleague.corroborate');
    fs.cpSync(dir, copy, { recursive: true, preserveTimestamps: true });
    await expect(openStore(copy, { readOnly: true })).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('does not fit the notebook format') });
  });

  it('checks in full a notebook.json recorded against another schema, or beside a damaged record, and records it again', async () => {
    const dir = await writtenNotebook();
    const recordFile = path.join(dir, CHECKED_FILE);
    const record = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as Record<string, string>;
    fs.writeFileSync(recordFile, JSON.stringify({ ...record, schema: '0'.repeat(64) }));
    expect(await opensCheckingWhole(dir)).toBe(true);
    expect(await opensCheckingWhole(dir)).toBe(false);

    fs.writeFileSync(recordFile, '{"sha256":');
    expect(await opensCheckingWhole(dir)).toBe(true);
    const rewritten = fs.readFileSync(recordFile, 'utf8');
    expect(JSON.parse(rewritten)).toMatchObject({ sha256: sha256Hex(fs.readFileSync(snapshotOf(dir))), schema: schemaFingerprint() });

    // The right record, padded past any record's size: not read as one.
    fs.writeFileSync(recordFile, rewritten + ' '.repeat(8192));
    expect(await opensCheckingWhole(dir)).toBe(true);
  });

  it('a reader records nothing: the next writer checks in full', async () => {
    const dir = await writtenNotebook();
    fs.rmSync(path.join(dir, CHECKED_FILE));
    expect(await opensCheckingWhole(dir, { readOnly: true })).toBe(true);
    expect(fs.existsSync(path.join(dir, CHECKED_FILE))).toBe(false);
    expect(await opensCheckingWhole(dir)).toBe(true);
    expect(await opensCheckingWhole(dir)).toBe(false);
  });

  it('the compaction from disk (the worker of large notebooks) records the snapshot it writes', async () => {
    const dir = await writtenNotebook();
    const store: Store = await openStore(dir);
    store.apply(claimOp('A fourth claim, in the journal only'));
    const seq = store.seq;
    // As the store does before a worker compacts: the journal is on disk; the snapshot is older.
    const check = vi.spyOn(Snapshot, 'safeParse');
    await compactFromDisk({ dir, journalFile: path.join(dir, 'journal.jsonl'), seq });
    expect(check).not.toHaveBeenCalled(); // the snapshot it started from was recorded
    check.mockRestore();
    await store.close();
    expect(await opensCheckingWhole(dir)).toBe(false);
    const reopened = await openStore(dir, { readOnly: true });
    expect(Object.values(reopened.notebook.claims).map((c) => c.statement)).toContain('A fourth claim, in the journal only');
    await reopened.close();
  });

  it('takes the bytes themselves into account, not only the file they were read from', () => {
    const file = path.join(tempFolder(), 'notebook.json');
    fs.writeFileSync(file, '{"a":1}');
    const identity = identityOf(fs.statSync(file, { bigint: true }));
    recordChecked(file, sha256Hex(fs.readFileSync(file)), identity);
    expect(checkedBefore(file, identity, Buffer.from('{"a":1}'))).toBe(true);
    // Damage under an unchanged identity (a disk's, which no write time shows): the hash differs.
    expect(checkedBefore(file, identity, Buffer.from('{"a":2}'))).toBe(false);
    expect(checkedBefore(file, { ...identity, ino: identity.ino + 1n }, Buffer.from('{"a":1}'))).toBe(false);
  });
});
