// The notebook store on a real disk: what an analyst would notice if it went wrong — changes lost
// after a crash, a damaged file overwritten, two windows writing one notebook, a read-only folder
// written to, an excerpt that quotes words its source does not have.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isNotebookError, type ErrorCode } from '../../../notebook/common/errors.js';
import { newId, now } from '../../../notebook/common/ids.js';
import type { Operation } from '../../../notebook/common/operations.js';
import { migrateNotebook } from '../../../notebook/common/migrations.js';
import { SCHEMA_VERSION } from '../../../notebook/common/model.js';
import { codePointIndex } from '../../../notebook/common/text.js';
import { openStore, type OpenOptions, type Store } from '../../../notebook/node/store.js';
import { DurableSnapshotFile, Snapshot } from '../../../notebook/node/store/snapshot.js';
import {
  claimOp,
  crashCopy,
  excerptOp,
  fingerprint,
  journalLines,
  linkOp,
  newNotebookPath,
  removeTempFolders,
  renameClaimOp,
  sha256Of,
  snapshotSeq,
  sourceOp,
  tempFolder,
  v1Folder,
  V1_FIXTURES,
  WIRE_TEXT,
} from './store/fixtures.js';

const opened: Store[] = [];

async function open(dir: string, options?: OpenOptions): Promise<Store> {
  const store = await openStore(dir, options);
  opened.push(store);
  return store;
}

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  removeTempFolders();
  vi.restoreAllMocks();
});

/** The NotebookError code a promise or call fails with. */
async function failure(run: () => unknown): Promise<{ code: ErrorCode; message: string }> {
  try {
    await run();
  } catch (e) {
    if (isNotebookError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a NotebookError, but it succeeded');
}

/** The files in <dir>/quarantine, sorted. */
function quarantined(dir: string): string[] {
  const folder = path.join(dir, 'quarantine');
  return fs.existsSync(folder) ? fs.readdirSync(folder).sort() : [];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A notebook with a source, an excerpt of it, a claim and a link: the core loop once. */
async function notebookWithEvidence(dir = newNotebookPath()) {
  const store = await open(dir, { create: true });
  const source = sourceOp(store);
  store.apply(source.op);
  const excerptId = newId();
  store.apply(excerptOp(source.id, WIRE_TEXT, 40, 77, undefined, excerptId));
  const claimId = newId();
  store.apply(claimOp('North Korea denies shipping weapons to Russia', claimId));
  store.apply(linkOp(excerptId, claimId));
  return { store, sourceId: source.id, excerptId, claimId };
}

describe('creating and opening', () => {
  it('creates the folder with an empty notebook named after it', async () => {
    const dir = newNotebookPath('North Korea arms.corroborate');
    const store = await open(dir, { create: true });
    expect(store.dir).toBe(path.resolve(dir));
    expect(store.notebook.name).toBe('North Korea arms');
    expect(store.seq).toBe(0);
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'notebook.json'), 'utf8'));
    expect(onDisk).toMatchObject({ schemaVersion: SCHEMA_VERSION, seq: 0, name: 'North Korea arms', settings: { tagColors: {} }, sources: {}, propositions: {}, questions: {}, hypotheses: {} });
    expect(fs.readFileSync(path.join(dir, 'notebook.json'), 'utf8')).not.toContain('\n');
  });

  it('initialises an existing empty folder, with the name given', async () => {
    const dir = tempFolder();
    const store = await open(dir, { create: true, name: 'Artillery shipments' });
    expect(store.notebook.name).toBe('Artillery shipments');
    expect(fs.existsSync(path.join(dir, 'notebook.json'))).toBe(true);
  });

  it('refuses a missing folder without create, and a folder of other files even with create', async () => {
    const missing = newNotebookPath();
    expect(await failure(() => openStore(missing))).toMatchObject({ code: 'not-found' });
    expect(fs.existsSync(missing)).toBe(false);

    const empty = tempFolder();
    expect(await failure(() => openStore(empty))).toMatchObject({ code: 'not-found' });
    expect(fs.readdirSync(empty)).toEqual([]);

    const other = tempFolder();
    fs.writeFileSync(path.join(other, 'thesis.docx'), 'not a notebook');
    const before = fingerprint(other);
    const error = await failure(() => openStore(other, { create: true }));
    expect(error).toEqual({ code: 'not-found', message: `${other} is not a Corroborate notebook (no notebook.json)` });
    expect(fingerprint(other)).toEqual(before);
  });

  it('persists apply, undo and redo, and reopens to exactly the same notebook', async () => {
    const { store, claimId } = await notebookWithEvidence();
    store.apply(renameClaimOp(claimId, 'North Korea says the tests are part of a five-year plan'));
    expect(store.undo()?.seq).toBe(6);
    const redone = store.redo();
    expect(redone).toMatchObject({ seq: 7, canUndo: true, canRedo: false });
    store.undo();
    store.undo();
    const expected = structuredClone(store.notebook);
    expect(store.canRedo).toBe(true);
    await store.close();

    const reopened = await open(store.dir);
    expect(reopened.notebook).toEqual(expected);
    expect(reopened.seq).toBe(9);
    // Undo history belongs to the session.
    expect(reopened.canUndo).toBe(false);
    expect(reopened.canRedo).toBe(false);
  });

  it('a new change clears redo', async () => {
    const { store, claimId } = await notebookWithEvidence();
    store.apply(renameClaimOp(claimId, 'first wording'));
    store.undo();
    expect(store.canRedo).toBe(true);
    const applied = store.apply(renameClaimOp(claimId, 'second wording'));
    expect(applied.canRedo).toBe(false);
    expect(store.redo()).toBeNull();
    expect(store.notebook.claims[claimId]!.statement).toBe('second wording');
  });

  it('refuses an invalid operation and journals nothing', async () => {
    const { store } = await notebookWithEvidence();
    const lines = journalLines(store.dir);
    const error = await failure(() => store.apply({ type: 'create', kind: 'claim', object: { id: newId(), createdAt: now(), updatedAt: now(), statement: '  ' } }));
    expect(error.code).toBe('invalid');
    expect(error.message).toContain('a claim needs a statement');
    expect(await failure(() => store.apply({ type: 'explode' } as unknown as Operation))).toMatchObject({ code: 'invalid' });
    expect(journalLines(store.dir)).toEqual(lines);
  });

  it('refuses changes after close, and close twice is fine', async () => {
    const { store } = await notebookWithEvidence();
    await store.close();
    await store.close();
    expect(await failure(() => store.apply(claimOp('late')))).toMatchObject({ code: 'invalid' });
    expect(fs.existsSync(path.join(store.dir, 'lock'))).toBe(false);
  });
});

describe('excerpt quotes', () => {
  it('refuses an excerpt whose quote is not the source text at its offsets, and journals nothing', async () => {
    const store = await open(newNotebookPath(), { create: true });
    const source = sourceOp(store);
    store.apply(source.op);
    const lines = journalLines(store.dir);
    const before = structuredClone(store.notebook);
    const error = await failure(() => store.apply(excerptOp(source.id, WIRE_TEXT, 10, 15, 'Pyongyang')));
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/^excerpt quote does not match the source text at 10–15/);
    expect(store.notebook).toEqual(before);
    expect(journalLines(store.dir)).toEqual(lines);
    expect(store.seq).toBe(1);
  });

  it('counts offsets in code points (an emoji flag is two), also for a source created in the same batch', async () => {
    const store = await open(newNotebookPath(), { create: true });
    const source = sourceOp(store);
    const flag = codePointIndex(WIRE_TEXT, WIRE_TEXT.indexOf('🇰🇵'));
    const excerpt = excerptOp(source.id, WIRE_TEXT, flag, flag + 2);
    if (source.op.type !== 'create' || excerpt.type !== 'create') throw new Error('fixture');
    expect((excerpt.object.selectors as { quote: { exact: string } }).quote.exact).toBe('🇰🇵');
    store.apply({ type: 'batch', label: 'import with excerpt', ops: [source.op, excerpt] });
    expect(Object.keys(store.notebook.excerpts)).toHaveLength(1);

    const wrong = excerptOp(source.id, WIRE_TEXT, flag, flag + 2, '🇰');
    if (wrong.type !== 'create') throw new Error('fixture');
    const error = await failure(() => store.apply({ type: 'batch', label: '', ops: [claimOp('x') as typeof wrong, wrong] }));
    expect(error.message).toContain(`excerpt quote does not match the source text at ${flag}–${flag + 2}`);
    expect(Object.keys(store.notebook.claims)).toHaveLength(0);
  });
});

describe('crash safety', () => {
  it('replays the journal when the process died without closing', async () => {
    const { store, claimId } = await notebookWithEvidence();
    store.apply(renameClaimOp(claimId, 'reworded'));
    store.undo();
    const copy = crashCopy(store);
    expect(snapshotSeq(copy)).toBe(0);
    expect(journalLines(copy)).toHaveLength(6);

    const recovered = await open(copy);
    expect(recovered.notebook).toEqual(store.notebook);
    expect(recovered.seq).toBe(6);
  });

  it('ignores a torn last line, sets it aside, and appends cleanly after it', async () => {
    const { store } = await notebookWithEvidence();
    const copy = crashCopy(store);
    const journal = path.join(copy, 'journal.jsonl');
    fs.appendFileSync(journal, '{"seq":5,"at":"2026-01-0');

    // Read-only: the torn bytes are ignored and left where they are.
    const reader = await open(copy, { readOnly: true });
    expect(reader.notebook).toEqual(store.notebook);
    await reader.close();
    expect(fs.readFileSync(journal, 'utf8')).toMatch(/"at":"2026-01-0$/);

    const recovered = await open(copy);
    expect(recovered.notebook).toEqual(store.notebook);
    expect(recovered.seq).toBe(4);
    const aside = fs.readdirSync(copy).filter((n) => n.startsWith('journal.jsonl.torn-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(copy, aside[0]!), 'utf8')).toBe('{"seq":5,"at":"2026-01-0');

    recovered.apply(claimOp('added after the crash'));
    const expected = structuredClone(recovered.notebook);
    const again = crashCopy(recovered);
    expect((await open(again)).notebook).toEqual(expected);
  });

  it('ignores a last line that is not JSON even when it ends in a newline', async () => {
    const { store } = await notebookWithEvidence();
    const copy = crashCopy(store);
    fs.appendFileSync(path.join(copy, 'journal.jsonl'), '\0\0\0\0\n');
    expect((await open(copy)).notebook).toEqual(store.notebook);
  });

  it('opens the old snapshot when a crash cut a snapshot write short, and clears the leftover', async () => {
    const { store } = await notebookWithEvidence();
    const copy = crashCopy(store);
    const leftover = path.join(copy, `.tmp-notebook.json-4242-${Date.now()}-0`);
    fs.writeFileSync(leftover, '{"schemaVersion":1,"seq":4,"id":"0190');
    const recovered = await open(copy);
    expect(recovered.notebook).toEqual(store.notebook);
    expect(fs.existsSync(leftover)).toBe(false);
  });

  it('keeps the changes before a damaged line in the middle of the journal, quarantines the journal as it was, and says so', async () => {
    const { store } = await notebookWithEvidence();
    const copy = crashCopy(store);
    const journal = path.join(copy, 'journal.jsonl');
    const lines = fs.readFileSync(journal, 'utf8').split('\n');
    lines[2] = lines[2]!.slice(0, 30); // the claim's line; the link after it is intact
    fs.writeFileSync(journal, lines.join('\n'));
    const damaged = fs.readFileSync(journal);

    // A reader reports it with its line, and changes nothing.
    const before = fingerprint(copy);
    const error = await failure(() => openStore(copy, { readOnly: true }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(`${journal} line 3 is not valid JSON`);
    expect(fingerprint(copy)).toEqual(before);

    const recovered = await open(copy);
    expect(recovered.readOnly).toBeNull();
    expect(recovered.seq).toBe(2);
    expect(Object.keys(recovered.notebook.sources)).toHaveLength(1);
    expect(Object.keys(recovered.notebook.excerpts)).toHaveLength(1);
    expect(recovered.notebook.claims).toEqual({});
    const kept = quarantined(copy);
    expect(kept).toEqual([expect.stringMatching(/^journal-\d{4}-.*\.jsonl$/)]);
    expect(fs.readFileSync(path.join(copy, 'quarantine', kept[0]!)).equals(damaged)).toBe(true);
    expect(recovered.notice).toMatch(new RegExp(`^${escape(journal)} line 3 is not valid JSON \\(.+\\)\\. The changes from that line on could not be read`));
    expect(recovered.notice).toContain(`the journal as it was is kept in ${path.join(copy, 'quarantine', kept[0]!)}.`);
    expect(journalLines(copy)).toEqual(lines.slice(0, 2));

    // Work goes on from there, and survives a crash.
    recovered.apply(claimOp('added after the repair'));
    const expected = structuredClone(recovered.notebook);
    expect((await open(crashCopy(recovered))).notebook).toEqual(expected);
  });

  it('treats missing operations (seq not consecutive) as damage from that line on', async () => {
    const { store } = await notebookWithEvidence();
    const copy = crashCopy(store);
    const journal = path.join(copy, 'journal.jsonl');
    const lines = fs.readFileSync(journal, 'utf8').split('\n');
    lines.splice(2, 1); // op 3 lost
    fs.writeFileSync(journal, lines.join('\n'));
    expect(await failure(() => openStore(copy, { readOnly: true }))).toMatchObject({ code: 'corrupt', message: expect.stringContaining('line 3 has seq 4 where 3 was expected') });
    const recovered = await open(copy);
    expect(recovered.seq).toBe(2);
    expect(recovered.notice).toContain(`${journal} line 3 has seq 4 where 3 was expected: operations are missing or out of order.`);
  });

  it('treats a journaled operation that no longer applies as damage, with its line', async () => {
    const { store } = await notebookWithEvidence();
    const copy = crashCopy(store);
    const journal = path.join(copy, 'journal.jsonl');
    const lines = fs.readFileSync(journal, 'utf8').split('\n');
    lines.splice(0, 1); // the source is gone, so its excerpt cannot be replayed
    fs.writeFileSync(journal, lines.map((l, i) => l.replace(/^\{"seq":\d+/, `{"seq":${i + 1}`)).join('\n'));
    const error = await failure(() => openStore(copy, { readOnly: true }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/journal\.jsonl line 1 cannot be applied \(excerpt source: no source/);
    const recovered = await open(copy);
    expect(recovered.seq).toBe(0);
    expect(recovered.notebook.excerpts).toEqual({});
    expect(recovered.notice).toMatch(/journal\.jsonl line 1 cannot be applied \(excerpt source: no source/);
    expect(journalLines(copy)).toEqual([]);
  });

  it('undoes the change in memory when the journal cannot be written, and keeps working after', async () => {
    const { store, claimId } = await notebookWithEvidence();
    const before = structuredClone(store.notebook);
    const lines = journalLines(store.dir);
    vi.spyOn(fs, 'fdatasyncSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    });
    const error = await failure(() => store.apply(renameClaimOp(claimId, 'never saved')));
    expect(error.code).toBe('io');
    expect(error.message).toContain(path.join(store.dir, 'journal.jsonl'));
    expect(store.notebook).toEqual(before);
    expect(store.seq).toBe(4);
    expect(store.canUndo).toBe(true);
    expect(journalLines(store.dir)).toEqual(lines);

    store.apply(renameClaimOp(claimId, 'saved'));
    const expected = structuredClone(store.notebook);
    expect((await open(crashCopy(store))).notebook).toEqual(expected);
  });
});

describe('compaction', () => {
  it('folds the journal into notebook.json on close', async () => {
    const { store } = await notebookWithEvidence();
    const expected = structuredClone(store.notebook);
    await store.close();
    expect(snapshotSeq(store.dir)).toBe(4);
    expect(journalLines(store.dir)).toEqual([]);
    expect((await open(store.dir)).notebook).toEqual(expected);
  });

  it('keeps the operations applied while a compaction is writing', async () => {
    const { store, claimId } = await notebookWithEvidence();
    const compaction = store.compact();
    store.apply(renameClaimOp(claimId, 'during compaction'));
    store.apply(claimOp('also during compaction'));
    await compaction;
    store.apply(claimOp('after compaction'));
    const expected = structuredClone(store.notebook);

    expect(snapshotSeq(store.dir)).toBe(4);
    expect(journalLines(store.dir).map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([5, 6, 7]);
    expect((await open(crashCopy(store))).notebook).toEqual(expected);
    await store.close();
    expect((await open(store.dir)).notebook).toEqual(expected);
  });

  it('opens with every change when a crash came between the new snapshot and the shorter journal', async () => {
    const { store } = await notebookWithEvidence();
    const beforeCompaction = crashCopy(store);
    await store.compact();
    // The state a crash right after the snapshot's rename leaves: new snapshot, old journal.
    fs.copyFileSync(path.join(store.dir, 'notebook.json'), path.join(beforeCompaction, 'notebook.json'));
    expect(snapshotSeq(beforeCompaction)).toBe(4);
    expect(journalLines(beforeCompaction)).toHaveLength(4);
    const recovered = await open(beforeCompaction);
    expect(recovered.notebook).toEqual(store.notebook);
    recovered.apply(claimOp('next'));
    const expected = structuredClone(recovered.notebook);
    expect((await open(crashCopy(recovered))).notebook).toEqual(expected);
  });

  it('compacts a large notebook in a worker thread from the files, keeping what was applied meanwhile', async () => {
    const worker = path.join(import.meta.dirname, '..', '..', '..', 'dist', 'notebook', 'node', 'store', 'compact-worker.js');
    expect(fs.existsSync(worker), `${worker} is built by npm run build, which npm test runs first`).toBe(true);
    const write = vi.spyOn(DurableSnapshotFile.prototype, 'write');
    const { store, claimId } = await notebookWithEvidence();
    await store.close();
    write.mockClear();
    // Every notebook counts as large here, so compaction goes to the worker.
    const large = await open(store.dir, { workerCompactionBytes: 0 });
    large.apply(renameClaimOp(claimId, 'renamed before compaction'));
    const compaction = large.compact();
    large.apply(claimOp('applied while the worker compacts'));
    await compaction;
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
    expect(snapshotSeq(large.dir)).toBe(5);
    expect(journalLines(large.dir).map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([6]);
    const expected = structuredClone(large.notebook);
    expect((await open(crashCopy(large))).notebook).toEqual(expected);
    await large.close();
    expect((await open(large.dir)).notebook).toEqual(expected);
  });

  it('compacts by itself in the background after 1,000 journal lines', async () => {
    const store = await open(newNotebookPath(), { create: true });
    const claimId = newId();
    store.apply(claimOp('v0', claimId));
    for (let i = 1; i < 1000; i++) store.apply(renameClaimOp(claimId, `v${i}`));
    expect(snapshotSeq(store.dir)).toBe(0); // never inside apply
    await vi.waitFor(() => expect(snapshotSeq(store.dir)).toBeGreaterThanOrEqual(1000), { timeout: 20_000 });
    await vi.waitFor(() => expect(journalLines(store.dir).length).toBeLessThan(1000), { timeout: 20_000 });
    expect(store.notebook.claims[claimId]!.statement).toBe('v999');
    const expected = structuredClone(store.notebook);
    expect((await open(crashCopy(store))).notebook).toEqual(expected);
  });
});

describe('damaged or newer notebook.json', () => {
  it('restores a notebook.json that is not JSON from the newest backup, keeps the damaged bytes in quarantine, and says so', async () => {
    const { store } = await notebookWithEvidence();
    await store.close();
    await (await open(store.dir)).close(); // makes a backup
    const expected = structuredClone(store.notebook);
    const file = path.join(store.dir, 'notebook.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 100));
    const damaged = fs.readFileSync(file);

    // A reader (CLI export) is told, and nothing changes.
    const before = fingerprint(store.dir);
    const error = await failure(() => openStore(store.dir, { readOnly: true }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(`${file} is not valid JSON`);
    expect(error.message).toMatch(/It was left untouched\. The newest backup is .*backups[/\\]notebook-\d{4}-.*\.json\./);
    expect(fingerprint(store.dir)).toEqual(before);

    const restored = await open(store.dir);
    expect(restored.readOnly).toBeNull();
    expect(restored.notebook).toEqual(expected);
    const kept = quarantined(store.dir);
    expect(kept).toEqual([expect.stringMatching(/^notebook-\d{4}-.*\.json$/)]);
    const keptFile = path.join(store.dir, 'quarantine', kept[0]!);
    expect(fs.readFileSync(keptFile).equals(damaged)).toBe(true);
    expect(restored.notice).toMatch(
      new RegExp(
        `^${escape(file)} is not valid JSON \\(.+\\)\\. It was moved to ${escape(keptFile)}, exactly as it was, and the notebook was restored from the backup .*backups[/\\\\]notebook-.*\\.json \\(made \\d{4}-\\d{2}-\\d{2}T.*Z\\)\\. Changes made after that backup may be missing\\.$`,
      ),
    );
    await restored.close();

    // Repaired: the next open is an ordinary one, and the quarantined copy is not made twice.
    const again = await open(store.dir);
    expect(again.notice).toBeNull();
    expect(again.notebook).toEqual(expected);
    expect(quarantined(store.dir)).toEqual(kept);
  });

  it('skips a damaged newest backup for the next older one, and sets aside a journal that does not continue it', async () => {
    const dir = newNotebookPath();
    const first = await open(dir, { create: true });
    first.apply(claimOp('one'));
    await first.close();
    const second = await open(dir); // backs up the notebook with "one"
    second.apply(claimOp('two'));
    await second.close();
    const third = await open(dir); // backs up the notebook with "one" and "two"
    third.apply(claimOp('three'));
    await third.backingUp;
    const copy = crashCopy(third); // journal: the line for "three"

    const backups = fs.readdirSync(path.join(copy, 'backups')).sort();
    expect(backups).toHaveLength(2);
    const newest = path.join(copy, 'backups', backups[1]!);
    const flipped = fs.readFileSync(newest);
    flipped[10] = flipped[10]! ^ 0x20;
    fs.writeFileSync(newest, flipped);
    const file = path.join(copy, 'notebook.json');
    fs.writeFileSync(file, '');
    const journal = fs.readFileSync(path.join(copy, 'journal.jsonl'));

    const restored = await open(copy);
    expect(restored.readOnly).toBeNull();
    expect(Object.values(restored.notebook.claims).map((c) => c.statement)).toEqual(['one']);
    expect(restored.notice).toContain(`${file} is empty (0 bytes). It was moved to `);
    expect(restored.notice).toContain(`restored from the backup ${path.join(copy, 'backups', backups[0]!)}`);
    expect(restored.notice).toContain(`a newer backup was skipped: ${newest} `);
    expect(restored.notice).toContain('The journal did not continue that backup (line 1 has seq 3 where 2 was expected');
    expect(restored.notice).toContain('Changes made after that backup may be missing.');

    // Every byte that was set aside is kept as it was: the empty notebook.json, the journal, the damaged backup.
    const kept = quarantined(copy);
    const bytes = (prefix: string) => kept.filter((n) => n.startsWith(prefix)).map((n) => fs.readFileSync(path.join(copy, 'quarantine', n)));
    expect(bytes('notebook-')).toHaveLength(2);
    expect(bytes('notebook-').some((b) => b.length === 0)).toBe(true);
    expect(bytes('notebook-').some((b) => b.equals(flipped))).toBe(true);
    expect(bytes('journal-')).toEqual([journal]);
    expect(fs.existsSync(newest)).toBe(false);
    expect(journalLines(copy)).toEqual([]);
  });

  it('with no usable backup, opens read-only and empty, says why, and writes nothing', async () => {
    const dir = newNotebookPath();
    await (await open(dir, { create: true })).close();
    const file = path.join(dir, 'notebook.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json.claims = { [newId()]: { statement: 'no id, no dates' } };
    fs.writeFileSync(file, JSON.stringify(json));
    const before = fingerprint(dir);

    const store = await open(dir);
    expect(store.readOnly).toMatch(new RegExp(`^${escape(file)} does not fit the notebook format \\(claims\\.`));
    expect(store.readOnly).toMatch(/It was left untouched, and there is no backup to restore it from, so the notebook is open read-only and shows nothing$/);
    expect(store.notice).toBeNull();
    expect(store.notebook.claims).toEqual({});
    expect(await failure(() => store.apply(claimOp('not allowed')))).toMatchObject({ code: 'read-only' });
    await store.close();
    expect(fingerprint(dir)).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);

    const error = await failure(() => openStore(dir, { readOnly: true }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('There is no backup of it.');
  });

  it('refuses a notebook written by a newer Corroborate', async () => {
    const dir = newNotebookPath();
    await (await open(dir, { create: true })).close();
    const file = path.join(dir, 'notebook.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...json, schemaVersion: SCHEMA_VERSION + 1, verdicts: {} }));
    const sha = sha256Of(file);
    const error = await failure(() => openStore(dir));
    expect(error.code).toBe('newer-schema');
    expect(error.message).toContain(`${file} was written by a newer Corroborate (schemaVersion ${SCHEMA_VERSION + 1}; this version reads ${SCHEMA_VERSION})`);
    expect(sha256Of(file)).toBe(sha);
  });
});

describe('one writer at a time', () => {
  it('refuses a second open of the same folder, naming the process that has it', async () => {
    const { store } = await notebookWithEvidence();
    const error = await failure(() => openStore(store.dir));
    expect(error.code).toBe('locked');
    expect(error.message).toContain(`${store.dir} is already open in another Corroborate window or process (pid ${process.pid} on ${os.hostname()} since `);
    expect(error.message).toMatch(/Close it there, or open another notebook\.$/);
    // Reading alongside the writer is fine.
    expect((await open(store.dir, { readOnly: true })).notebook).toEqual(store.notebook);
    await store.close();
    await open(store.dir);
  });

  it('takes over the lock of a process that has ended', async () => {
    const dir = newNotebookPath();
    await (await open(dir, { create: true })).close();
    const pid = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('error', reject);
      child.on('exit', () => resolve(child.pid!));
    });
    fs.writeFileSync(path.join(dir, 'lock'), JSON.stringify({ pid, hostname: os.hostname(), startedAt: now() }));
    const store = await open(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
    expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);
  });

  it('takes over an unreadable lock, but not one held on another machine', async () => {
    const dir = newNotebookPath();
    await (await open(dir, { create: true })).close();
    fs.writeFileSync(path.join(dir, 'lock'), '{"pid":');
    await (await open(dir)).close();

    fs.writeFileSync(path.join(dir, 'lock'), JSON.stringify({ pid: 999_999_999, hostname: 'analyst-laptop-2', startedAt: '2026-01-02T03:04:05.000Z' }));
    const error = await failure(() => openStore(dir));
    expect(error).toMatchObject({ code: 'locked' });
    expect(error.message).toContain('(pid 999999999 on analyst-laptop-2 since 2026-01-02T03:04:05.000Z)');
  });
});

describe('read-only folders', () => {
  it('refuses to open a read-only folder for writing, opens it read-only, and writes nothing in it', async () => {
    const { store } = await notebookWithEvidence();
    const expected = structuredClone(store.notebook);
    const copy = crashCopy(store); // with a journal to replay, and no backups yet
    const before = fingerprint(copy);
    fs.chmodSync(copy, 0o555);
    try {
      const error = await failure(() => openStore(copy));
      expect(error.code).toBe('read-only');
      expect(error.message).toContain(copy);
      expect(error.message).toContain('allow no writing');

      const reader = await open(copy, { readOnly: true });
      expect(reader.readOnly).toContain(copy);
      expect(reader.notebook).toEqual(expected);
      expect(await failure(() => reader.apply(claimOp('not allowed')))).toMatchObject({ code: 'read-only' });
      expect(await failure(() => reader.putFile(new Uint8Array([1, 2, 3])))).toMatchObject({ code: 'read-only' });
      expect(reader.readText(store.notebook.sources[Object.keys(store.notebook.sources)[0]!]!.content.textSha256)).toBe(WIRE_TEXT);
      await reader.close();
    } finally {
      fs.chmodSync(copy, 0o755);
    }
    expect(fingerprint(copy)).toEqual(before);
    // notebook.checked.json came with the copy (its writer recorded the notebook.json it wrote).
    expect(fs.readdirSync(copy).sort()).toEqual(['journal.jsonl', 'notebook.checked.json', 'notebook.json', 'sources']);
  });

  it('a notebook opened read-only says so even in a writable folder', async () => {
    const { store } = await notebookWithEvidence();
    await store.close();
    const reader = await open(store.dir, { readOnly: true });
    expect(reader.readOnly).toBe(`${store.dir} was opened read-only`);
    expect(await failure(() => reader.undo())).toMatchObject({ code: 'read-only' });
  });
});

describe('backups', () => {
  it('copies the valid snapshot on each open for writing and keeps the newest five', async () => {
    const dir = newNotebookPath();
    const first = await open(dir, { create: true });
    await first.close();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false); // nothing to back up yet
    const statements: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const store = await open(dir);
      statements.push(`claim ${i}`);
      store.apply(claimOp(`claim ${i}`));
      await store.close();
    }
    // Unchanged since the last open: no duplicate pushes an older state out.
    await (await open(dir)).close();
    const backups = fs.readdirSync(path.join(dir, 'backups')).sort();
    expect(backups).toHaveLength(5);
    for (const name of backups) expect(name).toMatch(/^notebook-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.json$/);
    const counts = backups.map((name) => Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'backups', name), 'utf8')).claims).length);
    expect(counts).toEqual([3, 4, 5, 6, 7]);
  });
});

describe('source files', () => {
  it('stores files by sha256, once, and reads them back', async () => {
    const store = await open(newNotebookPath(), { create: true });
    const bytes = new TextEncoder().encode('Kim Yo Jong: "the most absurd paradox"');
    const sha = store.putFile(bytes);
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(store.dir, 'sources', sha);
    expect(sha256Of(file)).toBe(sha);
    const { mtimeMs } = fs.statSync(file);
    expect(store.putFile(bytes)).toBe(sha);
    expect(fs.statSync(file).mtimeMs).toBe(mtimeMs);
    expect(Buffer.from(store.readFile(sha)).equals(Buffer.from(bytes))).toBe(true);
    expect(store.readText(sha)).toBe('Kim Yo Jong: "the most absurd paradox"');
    expect(fs.readdirSync(path.join(store.dir, 'sources'))).toEqual([sha]);
  });

  it('refuses a name that is not a sha256, and says when a file is missing', async () => {
    const store = await open(newNotebookPath(), { create: true });
    expect(await failure(() => store.readFile('../notebook.json'))).toMatchObject({ code: 'invalid' });
    expect(await failure(() => store.readText('c'.repeat(64)))).toMatchObject({ code: 'not-found' });
  });
});

describe('notebooks written by an older version', () => {
  const v1Snapshot = () => fs.readFileSync(path.join(V1_FIXTURES, 'v1-notebook.json'));
  /** The v1 fixture as this version reads it: upgraded, without the snapshot's seq. */
  const upgradedV1 = () => {
    // Parsed as the store parses it, so fields the current version adds with defaults are there.
    const { seq: _seq, ...notebook } = Snapshot.parse(migrateNotebook(JSON.parse(v1Snapshot().toString('utf8')), 'v1-notebook.json').value);
    return notebook;
  };
  const backupsOf = (dir: string) => (fs.existsSync(path.join(dir, 'backups')) ? fs.readdirSync(path.join(dir, 'backups')).sort() : []);

  it('opens a v1 notebook, keeps its exact bytes as a backup, and saves it at the current version only when closed', async () => {
    const dir = v1Folder();
    const file = path.join(dir, 'notebook.json');
    const store = await open(dir);
    expect(store.notebook).toEqual(upgradedV1());
    expect(store.seq).toBe(7);
    expect(store.notebook.excerpts['01941c2a-0000-7000-8000-0000000000b1']!.mentions).toEqual([]);

    // Opening alone does not rewrite the file; the original is safe in backups/ first.
    expect(fs.readFileSync(file).equals(v1Snapshot())).toBe(true);
    const kept = backupsOf(dir).filter((n) => n.endsWith('-v1.json'));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^notebook-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-v1\.json$/);
    expect(fs.readFileSync(path.join(dir, 'backups', kept[0]!)).equals(v1Snapshot())).toBe(true);
    expect(backupsOf(dir)).toEqual(kept); // not copied twice

    const expected = structuredClone(store.notebook);
    await store.close();
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(onDisk).toMatchObject({ schemaVersion: SCHEMA_VERSION, seq: 7, settings: { tagColors: {} }, propositions: {}, questions: {}, hypotheses: {} });
    expect((await open(dir)).notebook).toEqual(expected);
  });

  it('keeps the v1 backup however many times the notebook is opened and changed after', async () => {
    const dir = v1Folder();
    await (await open(dir)).close();
    const kept = backupsOf(dir).filter((n) => n.endsWith('-v1.json'));
    for (let i = 0; i < 7; i++) {
      const store = await open(dir);
      store.apply(claimOp(`claim ${i}`));
      await store.close();
    }
    expect(backupsOf(dir).filter((n) => !n.endsWith('-v1.json'))).toHaveLength(5);
    expect(backupsOf(dir).filter((n) => n.endsWith('-v1.json'))).toEqual(kept);
    expect(fs.readFileSync(path.join(dir, 'backups', kept[0]!)).equals(v1Snapshot())).toBe(true);
  });

  it('opened read-only, a v1 notebook is upgraded in memory and nothing in its folder changes', async () => {
    const dir = v1Folder({ journal: true });
    const before = fingerprint(dir);
    const reader = await open(dir, { readOnly: true });
    expect(reader.notebook.schemaVersion).toBe(SCHEMA_VERSION);
    expect(reader.notebook.claims['01941c2a-0000-7000-8000-0000000000c1']!.status).toBe('in progress');
    await reader.close();
    expect(fingerprint(dir)).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['journal.jsonl', 'notebook.json', 'sources']);
  });

  it('replays a journal written under v1, and keeps working with v2 objects after', async () => {
    const dir = v1Folder({ journal: true });
    const store = await open(dir);
    expect(store.seq).toBe(10);
    const nb = store.notebook;
    expect(nb.excerpts['01941c2a-0000-7000-8000-0000000000b4']).toMatchObject({ mentions: [], selectors: { quote: { exact: 'thousands of containers had crossed the border' } } });
    expect(nb.links['01941c2a-0000-7000-8000-0000000000d4']!.toId).toBe('01941c2a-0000-7000-8000-0000000000c1');
    expect(nb.entities['01941c2a-0000-7000-8000-0000000000e3']!.deletedAt).toBeUndefined();

    // New kinds on top of the v1 snapshot and its v1 journal; a crash now must lose none of it.
    const t = now();
    const proposition = newId();
    store.apply({ type: 'create', kind: 'proposition', object: { id: proposition, createdAt: t, updatedAt: t, statement: 'North Korea supplies Russia with munitions' } });
    store.apply({ type: 'update', kind: 'claim', id: '01941c2a-0000-7000-8000-0000000000c1', set: { propositionId: proposition, updatedAt: t }, unset: [] });
    store.apply({ type: 'update', kind: 'excerpt', id: '01941c2a-0000-7000-8000-0000000000b1', set: { mentions: ['01941c2a-0000-7000-8000-0000000000e3'], updatedAt: t }, unset: [] });
    const expected = structuredClone(store.notebook);
    const copy = crashCopy(store);
    expect(JSON.parse(fs.readFileSync(path.join(copy, 'notebook.json'), 'utf8')).schemaVersion).toBe(1);
    expect((await open(copy)).notebook).toEqual(expected);
    await store.close();
    expect((await open(dir)).notebook).toEqual(expected);
  });

  it('opens a v1 notebook that does not fit once upgraded read-only, saying so, and leaves the folder byte for byte', async () => {
    const dir = v1Folder();
    const file = path.join(dir, 'notebook.json');
    const json = JSON.parse(v1Snapshot().toString('utf8'));
    json.claims['01941c2a-0000-7000-8000-0000000000c1'].polarity = 'maybe';
    fs.writeFileSync(file, JSON.stringify(json));
    const before = fingerprint(dir);
    const store = await open(dir);
    expect(store.readOnly).toMatch(
      new RegExp(`^${escape(file)} does not fit the notebook format once upgraded from schemaVersion 1 to ${SCHEMA_VERSION} \\(claims\\.01941c2a-0000-7000-8000-0000000000c1\\.polarity: `),
    );
    expect(store.readOnly).toMatch(/It was left untouched, and there is no backup to restore it from/);
    await store.close();
    expect(fingerprint(dir)).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);
  });

  it('refuses a schemaVersion no Corroborate writes, naming the file and the version', async () => {
    const dir = v1Folder();
    const file = path.join(dir, 'notebook.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(v1Snapshot().toString('utf8')), schemaVersion: 0 }));
    const before = fingerprint(dir);
    const error = await failure(() => openStore(dir, { readOnly: true }));
    expect(error).toEqual({ code: 'corrupt', message: `${file} has schemaVersion 0, which no Corroborate writes (versions start at 1). It was left untouched. There is no backup of it.` });
    const store = await open(dir);
    expect(store.readOnly).toBe(
      `${file} has schemaVersion 0, which no Corroborate writes (versions start at 1). It was left untouched, and there is no backup to restore it from, so the notebook is open read-only and shows nothing`,
    );
    await store.close();
    expect(fingerprint(dir)).toEqual(before);
  });

  it('will not open a v1 notebook for writing when its original cannot be kept, and changes nothing', async () => {
    const dir = v1Folder();
    fs.writeFileSync(path.join(dir, 'backups'), 'a file where the backups folder should be');
    const before = fingerprint(dir);
    const error = await failure(() => openStore(dir));
    expect(error.code).toBe('io');
    expect(error.message).toContain(`${path.join(dir, 'notebook.json')} is schemaVersion 1, and a copy of it could not be kept in ${path.join(dir, 'backups')} before upgrading it`);
    expect(error.message).toMatch(/nothing was changed$/);
    expect(fingerprint(dir)).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);
    // Reading it is still possible.
    expect((await open(dir, { readOnly: true })).notebook).toEqual(upgradedV1());
  });
});

describe('taking over a stale lock', () => {
  const lockOf = (dir: string) => path.join(dir, 'lock');
  /** The name of the claim on a lock holding these bytes (see notebook/node/store/lock.ts). */
  const claimOn = (dir: string, bytes: string) => path.join(dir, `lock.takeover-${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}`);
  const deadPid = () =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('error', reject);
      child.on('exit', () => resolve(child.pid!));
    });
  const closedNotebook = async () => {
    const dir = newNotebookPath();
    await (await open(dir, { create: true })).close();
    return dir;
  };

  it('takes over a lock whose pid the system has since given to another process', async () => {
    const dir = await closedNotebook();
    // Our own pid, but not our start time: the process that wrote it is gone, its pid reused.
    fs.writeFileSync(lockOf(dir), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: now(), nonce: 'x', procStart: '1' }));
    const store = await open(dir);
    expect(JSON.parse(fs.readFileSync(lockOf(dir), 'utf8'))).toMatchObject({ pid: process.pid, procStart: expect.not.stringMatching(/^1$/) });
    await store.close();
  });

  it('takes over a stale lock even when a takeover before it crashed halfway, and clears the leftovers', async () => {
    const dir = await closedNotebook();
    const stale = JSON.stringify({ pid: await deadPid(), hostname: os.hostname(), startedAt: now() });
    fs.writeFileSync(lockOf(dir), stale);
    fs.writeFileSync(claimOn(dir, stale), JSON.stringify({ pid: await deadPid(), hostname: os.hostname(), startedAt: now() }));
    const store = await open(dir);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('lock'))).toEqual(['lock']);
    await store.close();
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('lock'))).toEqual([]);
  });

  it('stays out while another live process is taking over the same stale lock', async () => {
    const dir = await closedNotebook();
    const stale = JSON.stringify({ pid: await deadPid(), hostname: os.hostname(), startedAt: now() });
    fs.writeFileSync(lockOf(dir), stale);
    fs.writeFileSync(claimOn(dir, stale), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: now() }));
    const before = fingerprint(dir);
    const error = await failure(() => openStore(dir));
    expect(error).toEqual({ code: 'locked', message: `${dir} is being opened by another Corroborate process right now. Try again, or open another notebook.` });
    expect(fingerprint(dir)).toEqual(before);
  });

  it('is refused as locked, not as a failed write, when the process that wins the lock clears its temp files under us', async () => {
    const dir = await closedNotebook();
    const stale = JSON.stringify({ pid: await deadPid(), hostname: os.hostname(), startedAt: now() });
    fs.writeFileSync(lockOf(dir), stale);
    const link = fs.linkSync.bind(fs);
    // Between writing our claim's temp file and linking it, another process takes the lock over
    // and clears the folder's crash leftovers, our temp file among them (as the trust run saw).
    const spy = vi.spyOn(fs, 'linkSync').mockImplementation((from, to) => {
      if (String(to) === claimOn(dir, stale)) {
        fs.writeFileSync(lockOf(dir), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: now(), nonce: 'winner' }));
        fs.rmSync(from, { force: true });
      }
      link(from, to);
    });
    try {
      const error = await failure(() => openStore(dir));
      expect(error).toMatchObject({ code: 'locked', message: expect.stringContaining('is already open in another Corroborate window or process') });
    } finally {
      spy.mockRestore();
    }
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.tmp-') || n.startsWith('lock.'))).toEqual([]);
  });

  it('waits before taking over an empty lock (it may be being written), and takes over an old one', async () => {
    const dir = await closedNotebook();
    fs.writeFileSync(lockOf(dir), '');
    expect(await failure(() => openStore(dir))).toMatchObject({ code: 'locked', message: expect.stringContaining('is being opened by another Corroborate process right now') });
    const minuteAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(lockOf(dir), minuteAgo, minuteAgo);
    await (await open(dir)).close();
  });
});

describe('reading beside a writer', () => {
  it('a compaction between a reader reading one file and the other never makes it fail', async () => {
    const { store, claimId } = await notebookWithEvidence();
    const snapshotFile = path.join(store.dir, 'notebook.json');
    const journalFile = path.join(store.dir, 'journal.jsonl');
    const before = { [snapshotFile]: fs.readFileSync(snapshotFile), [journalFile]: fs.readFileSync(journalFile) };
    const atFour = structuredClone(store.notebook);
    await store.compact();
    store.apply(renameClaimOp(claimId, 'after the compaction'));
    const atFive = structuredClone(store.notebook);

    // Whichever of the two files the reader looks at first, it sees as it was before the
    // compaction; the other (and any second look) as it is after.
    const staleOnce = new Set([snapshotFile, journalFile]);
    const stale = (file: unknown): Buffer | null => {
      const name = String(file);
      if (!staleOnce.has(name)) return null;
      staleOnce.clear(); // only the first of the two looks is from before
      return before[name]!;
    };
    const readFileSync = fs.readFileSync;
    vi.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, options?: unknown) =>
      stale(file) ?? (readFileSync as (f: fs.PathOrFileDescriptor, o?: unknown) => Buffer | string)(file, options)) as typeof fs.readFileSync);
    const readFile = fsp.readFile;
    vi.spyOn(fsp, 'readFile').mockImplementation((async (...args: Parameters<typeof fsp.readFile>) => stale(args[0]) ?? readFile(...args)) as typeof fsp.readFile);

    const reader = await open(store.dir, { readOnly: true });
    expect(staleOnce.size).toBe(0);
    expect([atFour, atFive]).toContainEqual(reader.notebook);
  });
});

describe('backups that do not read back', () => {
  it('are removed at once and push no older backup out', async () => {
    const dir = newNotebookPath();
    await (await open(dir, { create: true })).close();
    for (let i = 1; i <= 5; i++) {
      const store = await open(dir);
      store.apply(claimOp(`claim ${i}`));
      await store.close();
    }
    const folder = path.join(dir, 'backups');
    const good = fs.readdirSync(folder).sort();
    expect(good).toHaveLength(5);

    // The disk hands back something else than was written for the new copy.
    const mangled = path.join(os.tmpdir(), `corroborate-mangled-${process.pid}.json`);
    fs.writeFileSync(mangled, '{"mangled":');
    const openFile = fsp.open;
    vi.spyOn(fsp, 'open').mockImplementation(((file: string, flags?: string) => {
      const readingBack = typeof file === 'string' && path.dirname(file) === folder && !good.includes(path.basename(file)) && flags === 'r';
      return openFile(readingBack ? mangled : file, flags);
    }) as typeof fsp.open);
    await (await open(dir)).close();
    vi.restoreAllMocks();
    expect(fs.readdirSync(folder).sort()).toEqual(good);
  });
});
