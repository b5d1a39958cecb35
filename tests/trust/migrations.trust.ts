// Issue 7, item 4 — migrations: a fixture notebook of every schemaVersion (tests/fixtures/notebooks/
// v<N>-notebook.json, with and without its journal) opens with the real store, upgraded and valid,
// and is saved at the current version; notebooks whose upgrade does not validate (generated from
// the v1 fixture) leave their original byte for byte. The positive control, a migrator that writes
// the upgraded file back before validating it, must be caught changing originals.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isNotebookError } from '../../notebook/common/errors.js';
import { migrateNotebook } from '../../notebook/common/migrations.js';
import { Notebook, SCHEMA_VERSION } from '../../notebook/common/model.js';
import { openStore } from '../../notebook/node/store.js';
import { parseSnapshot } from '../../notebook/node/store/snapshot.js';
import { recordFigure } from './figures.js';
import { notebookFrom } from './storage/base-notebook.js';
import { digest, fingerprint, REPO_ROOT, Rng, scratch, sized } from './storage/harness.js';

const PROGRAM = 'migrations';
const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'notebooks');
const work = scratch('migrations');
afterAll(() => work.remove());

let folders = 0;
/** A notebook folder holding snapshot as notebook.json, the fixtures' source text, and optionally a journal and backups. */
function folder(snapshot: Buffer, options: { journal?: Buffer; backups?: Record<string, Buffer> } = {}): string {
  const dir = path.join(work.dir, `notebook-${folders++}.corroborate`);
  fs.mkdirSync(path.join(dir, 'sources'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'notebook.json'), snapshot);
  const text = fs.readFileSync(path.join(FIXTURES, 'v1-wire-report.txt'));
  fs.writeFileSync(path.join(dir, 'sources', createHash('sha256').update(text).digest('hex')), text);
  if (options.journal) fs.writeFileSync(path.join(dir, 'journal.jsonl'), options.journal);
  if (options.backups) {
    fs.mkdirSync(path.join(dir, 'backups'));
    for (const [name, bytes] of Object.entries(options.backups)) fs.writeFileSync(path.join(dir, 'backups', name), bytes);
  }
  return dir;
}

/** Ways a v1 notebook can be damaged so that it parses, but does not validate once upgraded. */
const BREAKAGES: [string, (nb: Record<string, Record<string, Record<string, unknown>>>) => void][] = [
  ['a polarity no version has', (nb) => void (nb.claims!['01941c2a-0000-7000-8000-0000000000c1']!.polarity = 'maybe')],
  ['stray mentions that are not a list', (nb) => void (nb.excerpts!['01941c2a-0000-7000-8000-0000000000b1']!.mentions = '01941c2a-0000-7000-8000-0000000000e3')],
  ['a stray propositions list', (nb) => void ((nb as Record<string, unknown>).propositions = [])],
  ['a stray hypothesis without its question', (nb) => void ((nb as Record<string, unknown>).hypotheses = { '01941c2a-0000-7000-8000-000000000111': { id: '01941c2a-0000-7000-8000-000000000111', statement: 'x' } })],
  ['a reliability grade past F', (nb) => void (nb.sources!['01941c2a-0000-7000-8000-0000000000a1']!.reliability = { grade: 'Z', rationale: '' })],
  ['a relation no version has', (nb) => void (nb.links!['01941c2a-0000-7000-8000-0000000000d1']!.relation = 'endorses')],
  ['an entity kind no version has', (nb) => void (nb.entities!['01941c2a-0000-7000-8000-0000000000e1']!.kind = 'alien')],
  ['a credibility grade past 6', (nb) => void (nb.claims!['01941c2a-0000-7000-8000-0000000000c1']!.credibility = { grade: '9', rationale: '' })],
  ['an excerpt that ends before it starts', (nb) => void ((nb.excerpts!['01941c2a-0000-7000-8000-0000000000b2']!.selectors as { position: unknown }).position = { start: 215, end: 192 })],
  ['a date that is not ISO', (nb) => void (nb.claims!['01941c2a-0000-7000-8000-0000000000c2']!.createdAt = '5 January 2024')],
  ['a seq that is not a number', (nb) => void ((nb as Record<string, unknown>).seq = 'seven')],
  ['an id that is not a UUIDv7', (nb) => void (nb.entities!['01941c2a-0000-7000-8000-0000000000e2']!.id = 'south-korean-officials')],
];

describe(PROGRAM, () => {
  it('fixtures of every schemaVersion migrate and validate; a failed migration leaves the original byte for byte', async () => {
    const problems: string[] = [];

    // Every version has its fixture.
    const fixtures: { version: number; snapshot: Buffer; journal: Buffer | null }[] = [];
    for (let version = 1; version <= SCHEMA_VERSION; version++) {
      const file = path.join(FIXTURES, `v${version}-notebook.json`);
      if (!fs.existsSync(file)) {
        problems.push(`schemaVersion ${version} has no fixture (${file})`);
        continue;
      }
      const journal = path.join(FIXTURES, `v${version}-journal.jsonl`);
      fixtures.push({ version, snapshot: fs.readFileSync(file), journal: fs.existsSync(journal) ? fs.readFileSync(journal) : null });
    }

    let migrations = 0;
    let migrated = 0;
    for (const fixture of fixtures) {
      for (const journal of fixture.journal ? [null, fixture.journal] : [null]) {
        migrations++;
        const what = `v${fixture.version} fixture${journal ? ' with its journal' : ''}`;
        const before = problems.length;
        const declared = (JSON.parse(fixture.snapshot.toString('utf8')) as { schemaVersion: unknown }).schemaVersion;
        if (declared !== fixture.version) problems.push(`${what}: says schemaVersion ${String(declared)}`);
        const expected = digest(notebookFrom(Buffer.from(JSON.stringify(migrateNotebook(JSON.parse(fixture.snapshot.toString('utf8')), what).value)), journal));

        // Read-only: upgraded in memory, nothing written.
        const readDir = folder(fixture.snapshot, journal ? { journal } : {});
        const untouched = fingerprint(readDir);
        const reader = await openStore(readDir, { readOnly: true });
        if (digest(reader.notebook) !== expected) problems.push(`${what}: read-only, it opens to other contents than the upgrade gives`);
        await reader.close();
        if (JSON.stringify(fingerprint(readDir)) !== JSON.stringify(untouched)) problems.push(`${what}: opening it read-only changed files`);

        // For writing: upgraded, valid, the original kept, saved at the current version on close.
        const dir = folder(fixture.snapshot, journal ? { journal } : {});
        const store = await openStore(dir);
        if (store.readOnly || store.notice) problems.push(`${what}: opened with ${store.readOnly ?? store.notice}`);
        if (store.notebook.schemaVersion !== SCHEMA_VERSION) problems.push(`${what}: schemaVersion ${store.notebook.schemaVersion} in memory`);
        if (!Notebook.safeParse(store.notebook).success) problems.push(`${what}: the upgraded notebook does not validate`);
        if (digest(store.notebook) !== expected) problems.push(`${what}: opens to other contents than the upgrade gives`);
        if (fixture.version < SCHEMA_VERSION) {
          const kept = fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.endsWith(`-v${fixture.version}.json`));
          if (kept.length !== 1 || !fs.readFileSync(path.join(dir, 'backups', kept[0]!)).equals(fixture.snapshot)) problems.push(`${what}: the original is not kept byte for byte in backups/`);
        }
        const seq = store.seq;
        await store.close();
        try {
          const saved = parseSnapshot(fs.readFileSync(path.join(dir, 'notebook.json')), 'notebook.json');
          if (saved.from !== SCHEMA_VERSION || saved.snapshot.seq !== seq) problems.push(`${what}: saved as schemaVersion ${saved.from} at seq ${saved.snapshot.seq}`);
        } catch (e) {
          problems.push(`${what}: the saved notebook.json does not validate: ${e instanceof Error ? e.message : String(e)}`);
        }
        const again = await openStore(dir);
        if (digest(again.notebook) !== expected || again.notice || again.readOnly) problems.push(`${what}: reopened, it is not the same notebook`);
        await again.close();
        if (problems.length === before) migrated++;
      }
    }

    // Failed migrations, with no backup (read-only) and with a valid backup (restored).
    const rng = new Rng(0x6d696772);
    const v1 = fixtures.find((f) => f.version === 1)!.snapshot;
    const failures = sized(BREAKAGES.length * 2);
    let originalsChanged = 0;
    let naiveChanged = 0;
    for (let n = 0; n < failures; n++) {
      const [name, breakIt] = BREAKAGES[n % BREAKAGES.length]!;
      const withBackup = n % 2 === 1;
      const what = `v1 with ${name}${withBackup ? ', with a valid backup' : ''}`;
      const json = JSON.parse(v1.toString('utf8'));
      breakIt(json);
      // Pretty or compact, as different versions wrote it: the original must come back either way.
      const broken = Buffer.from(rng.next() < 0.5 ? JSON.stringify(json) : JSON.stringify(json, null, 2));
      const backups = withBackup ? { 'notebook-2024-01-05T09-00-00-000Z-v1.json': v1 } : undefined;

      // The control: upgrade, write back, then validate.
      const controlDir = folder(broken, backups ? { backups } : {});
      const file = path.join(controlDir, 'notebook.json');
      const upgraded = migrateNotebook(JSON.parse(fs.readFileSync(file, 'utf8')), file).value;
      fs.writeFileSync(file, JSON.stringify(upgraded));
      if (!fs.readFileSync(file).equals(broken)) naiveChanged++;

      const dir = folder(broken, backups ? { backups } : {});
      const before = fingerprint(dir);
      const snapshotFile = path.join(dir, 'notebook.json');
      let changed = false;
      try {
        const store = await openStore(dir);
        if (withBackup) {
          if (!store.notice?.startsWith(`${snapshotFile} does not fit the notebook format once upgraded from schemaVersion 1 to ${SCHEMA_VERSION}`)) {
            problems.push(`${what}: not restored with a notice saying why: ${store.notice ?? store.readOnly}`);
          }
          const quarantine = path.join(dir, 'quarantine');
          const kept = fs.existsSync(quarantine) ? fs.readdirSync(quarantine).map((q) => fs.readFileSync(path.join(quarantine, q))) : [];
          changed = !kept.some((k) => k.equals(broken));
        } else {
          if (!store.readOnly?.startsWith(`${snapshotFile} does not fit the notebook format once upgraded`)) problems.push(`${what}: not read-only with a message saying why: ${store.readOnly}`);
          await store.close();
          changed = JSON.stringify(fingerprint(dir)) !== JSON.stringify(before);
        }
        await store.close();
      } catch (e) {
        problems.push(`${what}: ${isNotebookError(e) ? `refused (${e.code}): ${e.message}` : `crashed: ${String(e)}`}`);
        changed = !fs.readFileSync(snapshotFile).equals(broken);
      }
      if (changed) {
        originalsChanged++;
        problems.push(`${what}: the original is not kept byte for byte`);
      }
    }

    for (const p of problems.slice(0, 20)) console.log(`[trust] ${PROGRAM}: ${p}`);
    const control = `a migrator that writes the upgrade back before validating changed ${naiveChanged} of ${failures} originals`;
    recordFigure({
      program: PROGRAM,
      figure: 'fixtures migrated and valid',
      value: `${Math.round((migrated / migrations) * 1000) / 10}%`,
      detail: `${migrated} of ${migrations}: schemaVersions 1–${SCHEMA_VERSION}, with and without their journals`,
      expected: '100%',
      control,
    });
    recordFigure({ program: PROGRAM, figure: 'originals changed by a failed migration', value: originalsChanged, detail: `of ${failures} notebooks that do not validate once upgraded`, expected: '0', control });

    expect(naiveChanged, 'the naive migrator must be caught changing originals, or this check could not see it').toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(migrated).toBe(migrations);
    expect(originalsChanged).toBe(0);
  });
});
