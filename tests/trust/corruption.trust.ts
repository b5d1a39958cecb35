// Issue 7, item 2 — corruption recovery: over a hundred damaged copies of a valid notebook folder
// (notebook.json truncated, emptied, bit-flipped, not UTF-8, not fitting the schema, from a newer
// version; journals torn or damaged midway; backups damaged too, or missing), each opened with the
// real store. Every case must end restored from the newest valid backup with a notice, or
// read-only with a message, or refused (newer version) with a message; the damaged bytes must
// survive byte for byte; nothing may throw anything but a NotebookError. The positive control, a
// loader that writes a fresh notebook over a file it cannot read, must be caught overwriting.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isNotebookError } from '../../notebook/common/errors.js';
import { emptyNotebook, SCHEMA_VERSION } from '../../notebook/common/model.js';
import { newId, now } from '../../notebook/common/ids.js';
import { openStore } from '../../notebook/node/store.js';
import { parseSnapshot } from '../../notebook/node/store/snapshot.js';
import { recordFigure } from './figures.js';
import { buildBaseNotebook, notebookFrom, type BaseNotebook } from './storage/base-notebook.js';
import { digest, fingerprint, Rng, scratch, sized } from './storage/harness.js';

const PROGRAM = 'corruption recovery';
const work = scratch('corruption');
afterAll(() => work.remove());

const KINDS = [
  'truncated',
  'empty',
  'bytes flipped',
  'invalid UTF-8',
  'schema-invalid',
  'newer schemaVersion',
  'torn journal tail',
  'journal damaged midway',
  'newest backup damaged too',
  'several newest backups damaged too',
  'every backup damaged too',
  'no backups at all',
  'damaged, with a torn journal tail',
  'newer schemaVersion, newest backup damaged',
] as const;
type Kind = (typeof KINDS)[number];
type Outcome = 'restored' | 'read-only' | 'refused' | 'torn tail set aside' | 'journal cut back';

interface Case {
  n: number;
  kind: Kind;
  dir: string;
  /** Damaged bytes that must still exist somewhere in the folder afterwards, byte for byte. */
  damaged: { what: string; bytes: Buffer }[];
  outcome: Outcome;
  /** restored: the backup it must come from. */
  backup?: string;
  /** The notebook it must open to (restored, torn tail, journal cut back). */
  seq?: number;
  digest?: string;
}

const INVALID_UTF8 = [[0xff], [0xc3, 0x28], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80]];

function fails(bytes: Buffer): boolean {
  try {
    parseSnapshot(bytes, 'notebook.json');
    return false;
  } catch {
    return true;
  }
}

/** One kind of damage to a snapshot's bytes (notebook.json or a backup); always one that does not read. */
function damageSnapshot(bytes: Buffer, rng: Rng, how = rng.pick(['truncated', 'empty', 'bytes flipped', 'invalid UTF-8', 'schema-invalid'] as const)): Buffer {
  switch (how) {
    case 'truncated':
      return Buffer.from(bytes.subarray(0, 1 + rng.int(bytes.length - 2)));
    case 'empty':
      return Buffer.alloc(0);
    case 'bytes flipped': {
      for (let attempt = 0; attempt < 200; attempt++) {
        const copy = Buffer.from(bytes);
        for (let k = 1 + rng.int(4); k > 0; k--) {
          const at = rng.int(copy.length);
          copy[at] = copy[at]! ^ (1 + rng.int(255));
        }
        if (fails(copy)) return copy;
      }
      const copy = Buffer.from(bytes);
      copy[0] = 0x58; // 'X'
      return copy;
    }
    case 'invalid UTF-8': {
      const quotes: number[] = [];
      for (let i = bytes.indexOf(0x22); i >= 0; i = bytes.indexOf(0x22, i + 1)) quotes.push(i);
      const at = rng.pick(quotes) + 1;
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(rng.pick(INVALID_UTF8)), bytes.subarray(at)]);
    }
    case 'schema-invalid': {
      const json = JSON.parse(bytes.toString('utf8'));
      const first = (collection: string) => Object.values(json[collection] as Record<string, Record<string, unknown>>)[0];
      const mutations: (() => void)[] = [
        () => void (first('claims')!.polarity = 'maybe'),
        () => void (first('sources')!.title = ''),
        () => void (first('claims')!.id = 'not-a-uuid'),
        () => void (first('sources')!.createdAt = 'yesterday'),
        () => void (json.sources = []),
        () => void delete json.excerpts,
        () => void (json.seq = -1),
        () => void (first('entities')!.name = '   '),
        () => void (json.name = 42),
        () => void (first('sources')!.content = { textSha256: 'not a hash' }),
      ];
      rng.pick(mutations)();
      const out = Buffer.from(JSON.stringify(json));
      if (!fails(out)) throw new Error('a schema-invalid mutation still reads');
      return out;
    }
  }
}

/** Builds case n in a fresh copy of the base folder. */
function makeCase(n: number, base: BaseNotebook, rng: Rng): Case {
  const kind = KINDS[n % KINDS.length]!;
  const dir = path.join(work.dir, `case-${n}.corroborate`);
  fs.cpSync(base.dir, dir, { recursive: true });
  const snapshotFile = path.join(dir, 'notebook.json');
  const journalFile = path.join(dir, 'journal.jsonl');
  const backups = base.backups.map((b) => path.join(dir, 'backups', path.basename(b)));
  const snapshot = fs.readFileSync(snapshotFile);
  const journal = fs.readFileSync(journalFile);
  const c: Case = { n, kind, dir, damaged: [], outcome: 'restored' };
  const put = (file: string, bytes: Buffer, what: string) => {
    fs.writeFileSync(file, bytes);
    c.damaged.push({ what, bytes });
  };
  const damageNotebook = (how?: Parameters<typeof damageSnapshot>[2]) => put(snapshotFile, damageSnapshot(snapshot, rng, how), 'notebook.json');
  const damageBackups = (count: number) => {
    for (const b of backups.slice(0, count)) put(b, damageSnapshot(fs.readFileSync(b), rng), path.basename(b));
  };
  const tornTail = () => {
    const next = `{"seq":${base.seq + 1},"at":"${now()}","cause":"apply","op":{"type":"update","kind":"claim","id":"${newId()}","set":{"statement":"half-written"}}}`;
    const tail = Buffer.from(next.slice(0, 1 + rng.int(next.length - 1)));
    fs.appendFileSync(journalFile, tail);
    c.damaged.push({ what: 'torn journal tail', bytes: tail });
  };
  const restoredFrom = (i: number, whole: boolean) => {
    c.outcome = 'restored';
    c.backup = backups[i];
    const nb = whole ? notebookFrom(snapshot, journal) : notebookFrom(fs.readFileSync(backups[i]!), null);
    c.digest = digest(nb);
  };

  switch (kind) {
    case 'truncated':
    case 'empty':
    case 'bytes flipped':
    case 'invalid UTF-8':
    case 'schema-invalid':
      damageNotebook(kind);
      // The newest backup is the snapshot as last opened, and the journal continues it: nothing is lost.
      restoredFrom(0, true);
      break;
    case 'newer schemaVersion':
    case 'newer schemaVersion, newest backup damaged': {
      const json = JSON.parse(snapshot.toString('utf8'));
      put(snapshotFile, Buffer.from(JSON.stringify({ ...json, schemaVersion: SCHEMA_VERSION + 1, verdicts: {} })), 'notebook.json');
      if (kind === 'newer schemaVersion, newest backup damaged') damageBackups(1);
      c.outcome = 'refused';
      break;
    }
    case 'torn journal tail':
      tornTail();
      c.outcome = 'torn tail set aside';
      c.seq = base.seq;
      c.digest = base.digest;
      break;
    case 'journal damaged midway': {
      const lines = journal.toString('utf8').split('\n').slice(0, -1);
      const at = rng.int(lines.length - 1); // never the last line: that would be a torn tail
      if (rng.next() < 0.5) lines[at] = lines[at]!.slice(0, 1 + rng.int(lines[at]!.length - 2));
      else lines.splice(at, 1); // a line lost: the seqs after it no longer follow on
      put(journalFile, Buffer.from(lines.map((l) => `${l}\n`).join('')), 'journal.jsonl');
      c.outcome = 'journal cut back';
      c.seq = base.seq - (journal.toString('utf8').split('\n').length - 1) + at;
      c.digest = digest(notebookFrom(snapshot, journal, at));
      break;
    }
    case 'newest backup damaged too':
      damageNotebook();
      damageBackups(1);
      restoredFrom(1, false);
      break;
    case 'several newest backups damaged too': {
      const count = 2 + rng.int(3);
      damageNotebook();
      damageBackups(count);
      restoredFrom(count, false);
      break;
    }
    case 'every backup damaged too':
      damageNotebook();
      damageBackups(backups.length);
      c.outcome = 'read-only';
      break;
    case 'no backups at all':
      damageNotebook();
      fs.rmSync(path.join(dir, 'backups'), { recursive: true });
      c.outcome = 'read-only';
      break;
    case 'damaged, with a torn journal tail':
      damageNotebook();
      tornTail();
      restoredFrom(0, true);
      break;
  }
  return c;
}

/** Whether each damaged piece still exists byte for byte somewhere in the folder (in place, in quarantine/, set aside). */
function missingDamaged(c: Case): string[] {
  const files: Buffer[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(fs.readFileSync(p));
    }
  };
  walk(c.dir);
  return c.damaged.filter((d) => !files.some((f) => f.equals(d.bytes))).map((d) => d.what);
}

/** Opens the case with the real store and checks what it did; returns problems (empty when handled as required), or 'crash'. */
async function runCase(c: Case): Promise<string[] | 'crash'> {
  const problems: string[] = [];
  const snapshotFile = path.join(c.dir, 'notebook.json');
  const journalFile = path.join(c.dir, 'journal.jsonl');
  const before = fingerprint(c.dir);
  let store;
  try {
    store = await openStore(c.dir);
  } catch (e) {
    if (!isNotebookError(e)) return 'crash';
    if (c.outcome !== 'refused') return [`refused (${e.code}): ${e.message}`];
    if (e.code !== 'newer-schema' || !e.message.startsWith(`${snapshotFile} was written by a newer Corroborate`)) problems.push(`refused, but as ${e.code}: ${e.message}`);
    if (JSON.stringify(fingerprint(c.dir)) !== JSON.stringify(before)) problems.push('refused, but files changed');
    return problems;
  }
  try {
    const actual = digest(store.notebook);
    switch (c.outcome) {
      case 'refused':
        problems.push('opened a notebook from a newer version');
        break;
      case 'restored':
        if (store.readOnly) problems.push(`read-only instead of restored: ${store.readOnly}`);
        else if (!store.notice?.startsWith(snapshotFile) || !store.notice.includes(`restored from the backup ${c.backup}`)) problems.push(`the notice does not say what was restored from where: ${store.notice}`);
        if (actual !== c.digest) problems.push('restored to other contents than the newest valid backup (and the journal that continues it)');
        for (const name of fs.readdirSync(path.join(c.dir, 'backups'))) {
          if (fails(fs.readFileSync(path.join(c.dir, 'backups', name)))) problems.push(`backups/${name} does not validate, and was kept`);
        }
        break;
      case 'read-only':
        if (!store.readOnly?.startsWith(snapshotFile) || !/no backup/.test(store.readOnly)) problems.push(`not read-only with a message naming the file and the reason: ${store.readOnly}`);
        break;
      case 'torn tail set aside':
      case 'journal cut back':
        if (store.readOnly) problems.push(`read-only: ${store.readOnly}`);
        if (c.outcome === 'torn tail set aside' && store.notice) problems.push(`a notice for a change that was never acknowledged: ${store.notice}`);
        if (c.outcome === 'journal cut back' && !store.notice?.startsWith(`${journalFile} line `)) problems.push(`no notice naming the journal line: ${store.notice}`);
        if (store.seq !== c.seq || actual !== c.digest) problems.push(`opened at seq ${store.seq} (expected ${c.seq})${actual !== c.digest ? ' with other contents' : ''}`);
        break;
    }
    if (store.readOnly === null) {
      // Repaired for good: it takes a change, and opens plainly after.
      store.apply({ type: 'create', kind: 'entity', object: { id: newId(), createdAt: now(), updatedAt: now(), name: 'after the repair' } });
      const seq = store.seq;
      await store.close();
      const again = await openStore(c.dir);
      if (again.notice || again.readOnly || again.seq !== seq) problems.push(`the next open was not a plain one: ${again.notice ?? again.readOnly ?? `seq ${again.seq}`}`);
      await again.close();
    } else {
      await store.close();
      if (JSON.stringify(fingerprint(c.dir)) !== JSON.stringify(before)) problems.push('opened read-only, but files changed');
    }
  } catch (e) {
    if (!isNotebookError(e)) return 'crash';
    problems.push(`${e.code}: ${e.message}`);
  } finally {
    await store.close();
  }
  return problems;
}

/** The positive control: on any failure to read notebook.json, write a fresh empty notebook over it. */
function naiveLoad(dir: string): void {
  const file = path.join(dir, 'notebook.json');
  try {
    parseSnapshot(fs.readFileSync(file), file);
  } catch {
    fs.writeFileSync(file, JSON.stringify({ ...emptyNotebook(newId(), 'Untitled', now()), seq: 0 }));
  }
}

describe(PROGRAM, () => {
  it('every damaged notebook is restored, opened read-only or refused, with a message, and its damaged bytes kept', async () => {
    const rng = new Rng(0x636f7272);
    const base = await buildBaseNotebook(path.join(work.dir, 'base.corroborate'), rng);
    const count = sized(KINDS.length * 8);
    let overwrites = 0;
    let handled = 0;
    let crashes = 0;
    const problems: string[] = [];
    const byOutcome = new Map<string, number>();
    let naiveOverwrites = 0;
    for (let n = 0; n < count; n++) {
      const c = makeCase(n, base, rng);
      // The control first, on its own copy of the same damage.
      const controlDir = `${c.dir}.naive`;
      fs.cpSync(c.dir, controlDir, { recursive: true });
      naiveLoad(controlDir);
      if (missingDamaged({ ...c, dir: controlDir }).length) naiveOverwrites++;
      fs.rmSync(controlDir, { recursive: true });

      const result = await runCase(c);
      const lost = missingDamaged(c);
      if (lost.length) {
        overwrites++;
        problems.push(`case ${n} (${c.kind}): the damaged bytes of ${lost.join(', ')} are gone`);
      }
      if (result === 'crash') {
        crashes++;
        problems.push(`case ${n} (${c.kind}): crashed`);
      } else if (result.length) problems.push(...result.map((p) => `case ${n} (${c.kind}): ${p}`));
      else {
        handled++;
        byOutcome.set(c.outcome, (byOutcome.get(c.outcome) ?? 0) + 1);
      }
      fs.rmSync(c.dir, { recursive: true });
    }

    for (const p of problems.slice(0, 20)) console.log(`[trust] ${PROGRAM}: ${p}`);
    const control = `a loader that writes a fresh notebook over one it cannot read overwrote the damaged bytes in ${naiveOverwrites} of ${count} cases`;
    const detail = `${count} damaged folders: ${[...byOutcome].map(([o, k]) => `${k} ${o}`).join(', ')}`;
    recordFigure({ program: PROGRAM, figure: 'overwrites of damaged bytes', value: overwrites, detail, expected: '0', control });
    recordFigure({ program: PROGRAM, figure: 'restored, read-only or refused, with a message', value: `${Math.round((handled / count) * 1000) / 10}%`, detail, expected: '100%', control });
    recordFigure({ program: PROGRAM, figure: 'crashes (anything thrown but a NotebookError)', value: crashes, detail, expected: '0', control });

    expect(naiveOverwrites, 'the naive loader must be caught overwriting, or this check could not see it').toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(overwrites).toBe(0);
    expect(crashes).toBe(0);
    expect(handled).toBe(count);
  });
});
