import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newId, now } from '../../../notebook/common/ids.js';
import { sliceCodePoints } from '../../../notebook/common/text.js';
import type { SuggestOutput } from '../../../notebook/node/suggest/suggest-command.js';
import { openStore } from '../../../notebook/node/store.js';
import { folderBytes, runIn } from './cli-harness.js';
import { docx } from '../../fixtures/generate/docx.js';

/** A short wire report with an emoji before the first attribution, so code points and UTF-16 differ. */
const REPORT = [
  'Border report 🇰🇷',
  '',
  'South Korean officials said thousands of containers had crossed the border. Pyongyang denied the report.',
  '',
  '"The shipments are routine," said Kim Yo Jong, a senior official.',
].join('\n');

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const root = mkdtempSync(join(tmpdir(), 'corroborate-suggest-cli-'));
  temps.push(root);
  writeFileSync(join(root, 'report.txt'), REPORT);
  return root;
}



describe('corroborate suggest', () => {
  it('prints each suggested claim as JSON with its excerpt in code points of the text import would store', async () => {
    const root = folder();
    const run = await runIn(root, 'suggest', 'report.txt', '--format', 'json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const out = JSON.parse(run.stdout) as SuggestOutput;
    expect(out.file).toBe('report.txt');
    expect(out.claims.map((c) => [c.claimant, c.stance, c.verb])).toEqual([
      ['South Korean officials', 'asserts', 'said'],
      ['North Korea', 'denies', 'denied'],
      ['Kim Yo Jong', 'asserts', 'said'],
    ]);
    const [officials, denial, quote] = out.claims;
    expect(officials!.proposition).toBe('Thousands of containers had crossed the border.');
    expect(denial!.proposition).toBe('Thousands of containers had crossed the border.');
    expect(quote!.proposition).toBe('The shipments are routine.');
    // The flag before is one grapheme of two code points (four UTF-16 units).
    for (const c of out.claims) expect(sliceCodePoints(REPORT, c.start, c.end)).toBe(c.exact);
    expect(denial!.exact).toBe('Pyongyang denied the report.');
    const korea = out.entities.find((e) => e.name === 'North Korea');
    expect(korea).toMatchObject({ kind: 'state', aliases: ['Pyongyang'], entityId: null });
  });

  it('prints one readable line per claim by default', async () => {
    const root = folder();
    const run = await runIn(root, 'suggest', 'report.txt');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('report.txt: 3 suggested claims, 3 entities');
    expect(lines[2]).toMatch(/^ {2}\d+–\d+ +North Korea \(state\) denies, «denied»: Thousands of containers had crossed the border\.$/);
    expect(run.stdout).toContain('Entities:\n');
    expect(run.stdout).toContain('  North Korea (state; 1 mention; also Pyongyang)');
  });

  it('reads any importable file the way import does (a .docx here)', async () => {
    const root = folder();
    writeFileSync(join(root, 'statement.docx'), await docx({ blocks: [{ paragraph: 'The ministry denied that the trains carried weapons.' }] }));
    const out = JSON.parse((await runIn(root, 'suggest', 'statement.docx', '--format', 'json')).stdout) as SuggestOutput;
    expect(out.claims).toEqual([
      expect.objectContaining({ claimant: 'ministry', stance: 'denies', proposition: 'The trains carried weapons.' }),
    ]);
  });

  it('matches names to the entities of the notebook given with --notebook, and writes nothing to it', async () => {
    const root = folder();
    const dir = join(root, 'korea.corroborate');
    const store = await openStore(dir, { create: true });
    const at = now();
    const id = newId();
    store.apply({ type: 'create', kind: 'entity', object: { id, createdAt: at, updatedAt: at, name: 'DPRK', kind: 'state', aliases: ['North Korea'], notes: '' } });
    await store.close();
    const before = folderBytes(dir);
    const out = JSON.parse((await runIn(root, 'suggest', 'report.txt', '--notebook', 'korea.corroborate', '--format', 'json')).stdout) as SuggestOutput;
    expect(out.entities.find((e) => e.entityId === id)).toMatchObject({ name: 'DPRK', aliases: expect.arrayContaining(['Pyongyang', 'North Korea']) });
    expect(out.claims.find((c) => c.verb === 'denied')).toMatchObject({ claimant: 'North Korea', entityId: id });
    expect(folderBytes(dir)).toEqual(before);
  });

  it('exits 2 with the reason for a missing file, a folder, an unknown format, binary bytes and a bad --format', async () => {
    const root = folder();
    writeFileSync(join(root, 'table.xlsx'), 'x');
    writeFileSync(join(root, 'binary.txt'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const missing = await runIn(root, 'suggest', 'nowhere.txt');
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'corroborate: nowhere.txt: no such file\n' });
    expect(await runIn(root, 'suggest', '.')).toMatchObject({ code: 2, stderr: 'corroborate: . is a folder, not a file\n' });
    const unknown = await runIn(root, 'suggest', 'table.xlsx');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('table.xlsx: .xlsx files cannot be imported');
    const binary = await runIn(root, 'suggest', 'binary.txt');
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('binary.txt looks like a PNG image, not text');
    const format = await runIn(root, 'suggest', 'report.txt', '--format', 'csv');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('suggest --format takes text or json, not "csv"');
    expect((await runIn(root, 'suggest')).stderr).toContain('suggest needs a FILE to read');
    expect((await runIn(root, 'suggest', 'report.txt', 'other.txt')).stderr).toContain('suggest takes one FILE (got also "other.txt")');
    expect((await runIn(root, 'suggest', 'report.txt', '--json')).stderr).toContain('suggest takes no --json option');
  });

  it('says nothing is suggested for a text without attributions, and exits 0', async () => {
    const root = folder();
    writeFileSync(join(root, 'plain.md'), '# Notes\n\nThe river rose two metres overnight.\n');
    const run = await runIn(root, 'suggest', 'plain.md');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('plain.md: 0 suggested claims, 0 entities\n');
  });
});
