import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../../notebook/node/store.js';
import { folderBytes, runIn } from '../cli-harness.js';
import { searchFixture } from './search-fixture.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The fixture notebook on disk, closed (so the command opens it as a user's shell would). */
async function fixtureFolder() {
  const root = mkdtempSync(join(tmpdir(), 'corroborate-search-cli-'));
  temps.push(root);
  const store = await openStore(join(root, 'korea.corroborate'), { create: true });
  const fx = searchFixture();
  for (const text of fx.texts.values()) store.putFile(new TextEncoder().encode(text));
  for (const op of fx.ops) store.apply(op);
  await store.close();
  return { root, fx };
}



describe('corroborate search', () => {
  it('lists what matches, grouped by kind, with the matching words in brackets, changing nothing', async () => {
    const { root } = await fixtureFolder();
    const before = folderBytes(join(root, 'korea.corroborate'));
    const run = await runIn(root, 'search', 'korea.corroborate', 'artilery', 'russia');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Source text (1)');
    expect(run.stdout).toContain('hold [artillery] shells bound for [Russia].');
    expect(run.stdout).toContain('Claims (1)');
    expect(run.stdout).toContain('North Korea supplied [artillery] shells to [Russia]');
    expect(folderBytes(join(root, 'korea.corroborate'))).toEqual(before);
  });

  it('keeps the kinds given with --kind, and prints the API results with --json', async () => {
    const { root, fx } = await fixtureFolder();
    const run = await runIn(root, 'search', '--notebook', 'korea.corroborate', 'artillery', '--kind', 'claim', '--kind', 'excerpt', '--json');
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout);
    expect(results.ready).toBe(true);
    expect(results.groups.map((g: { kind: string }) => g.kind)).toEqual(['excerpt', 'claim']);
    expect(results.groups[1].hits[0].id).toBe(fx.ids.supplied);
  });

  it('exits 1 when nothing matches, and 2 for an unknown kind or no words', async () => {
    const { root } = await fixtureFolder();
    expect(await runIn(root, 'search', 'korea.corroborate', 'zeppelin')).toMatchObject({ code: 1, stdout: 'Nothing matches "zeppelin".\n' });
    const badKind = await runIn(root, 'search', 'korea.corroborate', 'korea', '--kind', 'claims');
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('unknown kind "claims"; use one of passage, source, excerpt, claim');
    expect((await runIn(root, 'search', 'korea.corroborate')).code).toBe(2);
    expect((await runIn(root, 'search')).stderr).toContain('search needs a NOTEBOOK folder');
  });

  it('says so when the folder is not a notebook', async () => {
    const { root } = await fixtureFolder();
    const run = await runIn(root, 'search', 'missing.corroborate', 'korea');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/missing\.corroborate does not exist/);
  });
});
