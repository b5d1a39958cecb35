// `corroborate import` of a bundle that conflicts with the notebook: refused unless --prefer says
// which version to keep.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBundle } from '../../../notebook/common/bundle.js';
import { openStore } from '../../../notebook/node/store.js';
import { runningExample } from './export/running-example.js';
import { runIn } from './cli-harness.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'corroborate-cli-merge-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));


const example = runningExample();
const claimId = example.ids.claims.denial;

/** The example as one analyst exported it, and as a colleague did after regrading the denial. */
function writeBundles(): void {
  const bundle = buildBundle(example.notebook, example.files, '2023-10-20T12:00:00.000Z');
  writeFileSync(join(root, 'ours.json'), JSON.stringify(bundle));
  const regraded = structuredClone(bundle);
  const claim = regraded.claims.find((c) => c.id === claimId)!;
  claim.credibility = { grade: '5', rationale: 'The rail counts contradict it.' };
  claim.updatedAt = '2023-11-05T08:00:00.000Z';
  writeFileSync(join(root, 'theirs.json'), JSON.stringify(regraded));
}

async function gradeInNotebook(): Promise<string | undefined> {
  const store = await openStore(join(root, 'nb'), { readOnly: true });
  try {
    return store.notebook.claims[claimId]?.credibility?.grade;
  } finally {
    await store.close();
  }
}

describe('corroborate import of a conflicting bundle', () => {
  it('is refused without --prefer, naming the object and the way out, and changes nothing', async () => {
    writeBundles();
    expect((await runIn(root, 'import', 'ours.json', '--notebook', 'nb')).code).toBe(0);
    const run = await runIn(root, 'import', 'theirs.json', '--notebook', 'nb');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`[1/1] theirs.json: FAILED: theirs.json: claim ${claimId} "${example.notebook.claims[claimId]!.statement}" is already in this notebook and differs in its credibility; nothing was imported (--prefer mine keeps this notebook's versions, --prefer theirs takes the bundle's)\n`);
    expect(run.stderr).toContain('--prefer theirs');
    expect(await gradeInNotebook()).toBe('4');
  });

  it('keeps the notebook’s versions with --prefer mine, and takes the bundle’s with --prefer theirs', async () => {
    writeBundles();
    await runIn(root, 'import', 'ours.json', '--notebook', 'nb');
    const mine = await runIn(root, 'import', 'theirs.json', '--notebook', 'nb', '--prefer', 'mine');
    expect(mine.code).toBe(0);
    expect(mine.stdout).toMatch(/theirs\.json: nothing new; skipped \d+ already in the notebook; of 1 object in another version, kept 1 as in the notebook and took 0 from the bundle\n/);
    expect(await gradeInNotebook()).toBe('4');

    const theirs = await runIn(root, 'import', 'theirs.json', '--notebook', 'nb', '--prefer', 'theirs', '--json');
    expect(theirs.code).toBe(0);
    const report = JSON.parse(theirs.stdout) as { files: { result: string; conflicts?: { kept: number; taken: number } }[] };
    expect(report.files[0]).toMatchObject({ result: 'bundle', conflicts: { kept: 0, taken: 1 } });
    expect(await gradeInNotebook()).toBe('5');
  });

  it('takes only "mine" or "theirs", and only on import', async () => {
    const wrong = await runIn(root, 'import', 'x.json', '--notebook', 'nb', '--prefer', 'newest');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--prefer takes "mine" or "theirs", not "newest"');
    const info = await runIn(root, 'info', '--notebook', 'nb', '--prefer', 'mine');
    expect(info.code).toBe(2);
    expect(info.stderr).toContain('info takes no --prefer option');
    expect((await runIn(root, '--help')).stdout).toContain('--prefer mine|theirs');
  });
});
