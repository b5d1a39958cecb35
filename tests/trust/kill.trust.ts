// Issue 7, item 1 — kill during writes: a child process edits a notebook through the built store
// while this program SIGKILLs it at random (seeded) moments, then reopens the folder with the real
// store and checks that it opens and holds every edit the child was told was saved. The positive
// control, a naive in-place writer killed the same way, must show torn files.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../notebook/node/store.js';
import { parseSnapshot } from '../../notebook/node/store/snapshot.js';
import { recordFigure } from './figures.js';
import { digest, killHard, Rng, scratch, sized, sleep, startChild } from './storage/harness.js';

const PROGRAM = 'kill during writes';
const work = scratch('kill');
afterAll(() => work.remove());

interface State {
  seq: number;
  digest: string;
}

interface Log {
  open: State | null;
  /** The last acknowledged change. */
  ack: State | null;
  /** A change asked for after the last acknowledged one, not acknowledged (yet): it may or may not be on disk. */
  pending: State | null;
  acks: number;
  fatal: string[];
}

function readLog(file: string): Log {
  const log: Log = { open: null, ack: null, pending: null, acks: 0, fatal: [] };
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  // A line the kill cut short was never finished, so it says nothing.
  for (const line of text.split('\n').slice(0, -1)) {
    const [kind, seq, hash] = line.split(' ');
    const state = { seq: Number(seq), digest: hash ?? '' };
    if (kind === 'open') log.open = state;
    else if (kind === 'pending') log.pending = state;
    else if (kind === 'ack') {
      log.ack = state;
      log.pending = null;
      log.acks++;
    } else if (kind === 'fatal') log.fatal.push(line);
  }
  return log;
}

interface LaneResult {
  kills: number;
  unparseable: number;
  lost: number;
  acknowledged: number;
  /** Kills that landed while a snapshot was being written (its temp file was left behind). */
  inSnapshot: number;
  /** Kills that landed after a change was saved but before the store answered. */
  savedNotAnswered: number;
  problems: string[];
}

/** One notebook, one writer after another, each killed at a random moment; checked after every kill. */
async function killLane(name: string, kills: number, rng: Rng): Promise<LaneResult> {
  const result: LaneResult = { kills, unparseable: 0, lost: 0, acknowledged: 0, inSnapshot: 0, savedNotAnswered: 0, problems: [] };
  const dir = path.join(work.dir, `${name}.corroborate`);
  await (await openStore(dir, { create: true, name })).close();
  const opened = await openStore(dir, { readOnly: true });
  let previous: State = { seq: opened.seq, digest: digest(opened.notebook) };
  await opened.close();

  for (let k = 0; k < kills; k++) {
    const where = `${name}, kill ${k + 1}`;
    const logFile = path.join(work.dir, `${name}-${k}.log`);
    const child = startChild('writer.mjs', [dir, logFile, String(rng.int(2 ** 31))]);
    // Mostly while editing; one kill in five from the moment it starts (while it opens,
    // replays, sets a torn line aside, backs up).
    if (rng.next() < 0.2) await sleep(rng.between(0, 600));
    else {
      await child.waitFor(/^ready$/);
      await sleep(rng.between(0, 300));
    }
    await killHard(child);
    if (fs.readdirSync(dir).some((n) => n.startsWith('.tmp-notebook.json-'))) result.inSnapshot++;

    const log = readLog(logFile);
    result.acknowledged += log.acks;
    if (log.fatal.length) result.problems.push(`${where}: ${log.fatal.join('; ')}`);
    if (log.open && (log.open.seq !== previous.seq || log.open.digest !== previous.digest)) {
      result.lost++;
      result.problems.push(`${where}: the writer opened seq ${log.open.seq}${log.open.seq === previous.seq ? ' with other contents than' : ', not'} the seq ${previous.seq} checked after the kill before`);
    }
    const expected = log.ack ?? previous;

    // Read-only, as a second window or the CLI would: the next writer repairs what needs it
    // (a torn line, leftover temp files, the dead writer's lock), and is checked in its turn.
    let store;
    try {
      store = await openStore(dir, { readOnly: true });
    } catch (e) {
      result.unparseable++;
      result.problems.push(`${where}: the notebook does not open: ${e instanceof Error ? e.message : String(e)}`);
      return result; // nothing after this can be checked
    }
    try {
      const actual = { seq: store.seq, digest: digest(store.notebook) };
      const same = (s: State | null) => s !== null && s.seq === actual.seq && s.digest === actual.digest;
      if (same(log.pending)) result.savedNotAnswered++;
      else if (!same(expected)) {
        result.lost++;
        result.problems.push(`${where}: reopened at seq ${actual.seq}; the last acknowledged edit was seq ${expected.seq}${actual.seq === expected.seq ? ', with other contents' : ''}`);
      }
      for (const source of Object.values(store.notebook.sources)) {
        const sha = source.content.textSha256;
        let ok: boolean;
        try {
          ok = createHash('sha256').update(store.readFile(sha)).digest('hex') === sha;
        } catch {
          ok = false;
        }
        if (!ok) {
          result.lost++;
          result.problems.push(`${where}: sources/${sha} of source ${source.id} is missing or damaged`);
        }
      }
      previous = actual;
    } finally {
      await store.close();
    }
  }
  // Last, as the next writer would: it opens plainly (nothing to repair but a torn line) and closes.
  try {
    const store = await openStore(dir);
    if (store.notice || store.readOnly) {
      result.unparseable++;
      result.problems.push(`${name}, after the last kill: the notebook needed repair: ${store.notice ?? store.readOnly}`);
    }
    if (store.seq !== previous.seq || digest(store.notebook) !== previous.digest) {
      result.lost++;
      result.problems.push(`${name}, after the last kill: a writer opens another notebook than a reader did`);
    }
    await store.close();
  } catch (e) {
    result.unparseable++;
    result.problems.push(`${name}, after the last kill: the notebook does not open for writing: ${e instanceof Error ? e.message : String(e)}`);
  }
  return result;
}

/** The positive control: the naive writer, killed the same way; counts the kills that left notebook.json unparseable. */
async function naiveLane(kills: number, rng: Rng, validNotebook: Buffer): Promise<number> {
  const dir = path.join(work.dir, 'naive.corroborate');
  fs.mkdirSync(dir);
  let torn = 0;
  for (let k = 0; k < kills; k++) {
    fs.writeFileSync(path.join(dir, 'notebook.json'), validNotebook);
    const child = startChild('naive-writer.mjs', [dir]);
    await child.waitFor(/^ready$/);
    await sleep(rng.between(0, 300));
    await killHard(child);
    try {
      parseSnapshot(fs.readFileSync(path.join(dir, 'notebook.json')), 'notebook.json');
    } catch {
      torn++;
    }
  }
  return torn;
}

describe(PROGRAM, () => {
  it('a notebook killed at random moments always opens, with every acknowledged edit', async () => {
    const kills = sized(100);
    const naiveKills = sized(10);
    // Two notebooks killed side by side (the machine has two cores), and the control beside them.
    const seedDir = path.join(work.dir, 'seed.corroborate');
    await (await openStore(seedDir, { create: true })).close();
    const lanes = await Promise.all([
      killLane('lane-a', Math.ceil(kills / 2), new Rng(0x6b696c6c)),
      killLane('lane-b', Math.floor(kills / 2), new Rng(0x6c616e65)),
      naiveLane(naiveKills, new Rng(0x6e616976), fs.readFileSync(path.join(seedDir, 'notebook.json'))),
    ]);
    const torn = lanes[2];
    const runs = [lanes[0], lanes[1]];
    const sum = (f: (r: LaneResult) => number) => runs.reduce((n, r) => n + f(r), 0);
    const problems = runs.flatMap((r) => r.problems);
    const acknowledged = sum((r) => r.acknowledged);

    console.log(
      `[trust] ${PROGRAM}: ${sum((r) => r.kills)} kills, ${acknowledged} acknowledged edits; ${sum((r) => r.inSnapshot)} kills landed inside a snapshot write, ` +
        `${sum((r) => r.savedNotAnswered)} after a change was saved but before it was acknowledged`,
    );
    for (const p of problems.slice(0, 20)) console.log(`[trust] ${PROGRAM}: ${p}`);
    const control = `naive in-place writer: ${torn} of ${naiveKills} kills left notebook.json unparseable`;
    const detail = `${kills} kills, ${acknowledged} acknowledged edits`;
    recordFigure({ program: PROGRAM, figure: 'unparseable notebooks', value: sum((r) => r.unparseable), detail, expected: '0', control });
    recordFigure({ program: PROGRAM, figure: 'acknowledged edits lost', value: sum((r) => r.lost), detail, expected: '0', control });

    expect(torn, 'the naive writer must leave torn files, or this check could not see them').toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(sum((r) => r.unparseable)).toBe(0);
    expect(sum((r) => r.lost)).toBe(0);
    expect(acknowledged, 'the writers must have made edits for the kills to interrupt').toBeGreaterThan(kills / 2);
    // A kill costs a process start (about half a second here): the large size needs longer than the default bound.
  }, sized(600_000, 3_600_000));
});
