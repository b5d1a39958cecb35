// Upgrading notebooks written by older versions: a v1 notebook (the running example, written out by
// hand as Corroborate 0.1 saved it) opens as the current schema with nothing lost, and what cannot
// be upgraded is refused with the file and the version named.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isNotebookError, type ErrorCode } from '../../../notebook/common/errors.js';
import { migrateNotebook } from '../../../notebook/common/migrations.js';
import { COLLECTION, KINDS, Notebook, SCHEMA_VERSION } from '../../../notebook/common/model.js';

const FILE = '/notebooks/arms.corroborate/notebook.json';
const v1 = (): Record<string, unknown> => JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/notebooks/v1-notebook.json', import.meta.url)), 'utf8'));

function refusal(value: unknown): { code: ErrorCode; message: string } {
  try {
    migrateNotebook(value, FILE);
  } catch (e) {
    if (isNotebookError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('migrated');
}

describe('migrateNotebook', () => {
  it('brings the v1 running example up to the current schema, which it then fits, with every v1 field as it was', () => {
    const input = v1();
    const { value, from } = migrateNotebook(input, FILE);
    expect(from).toBe(1);
    const { seq, ...rest } = value as Record<string, unknown>;
    expect(seq).toBe(7);
    const notebook = Notebook.parse(rest);
    expect(notebook.schemaVersion).toBe(SCHEMA_VERSION);
    expect(notebook.propositions).toEqual({});
    expect(notebook.questions).toEqual({});
    expect(notebook.hypotheses).toEqual({});
    expect(Object.values(notebook.excerpts).map((e) => e.mentions)).toEqual([[], [], []]);
    // Nothing else changed: every v1 object is still there, field for field.
    for (const key of ['claims', 'links', 'entities'] as const) expect(notebook[key]).toEqual(input[key]);
    for (const [id, source] of Object.entries(input.sources as Record<string, object>)) expect(notebook.sources[id]).toEqual({ ...source, dismissedSuggestions: [] });
    for (const [id, excerpt] of Object.entries(input.excerpts as Record<string, object>)) expect(notebook.excerpts[id]).toEqual({ ...excerpt, mentions: [] });
    expect(notebook.entities['01941c2a-0000-7000-8000-0000000000e3']!.deletedAt).toBe('2024-01-05T09:11:00.000Z');
    expect(Object.keys(notebook).filter((k) => k !== 'schemaVersion' && k !== 'id' && k !== 'name' && k !== 'createdAt' && k !== 'settings')).toHaveLength(KINDS.length);
  });

  it('never changes its input', () => {
    const input = v1();
    const before = structuredClone(input);
    migrateNotebook(input, FILE);
    expect(input).toEqual(before);
  });

  it('gives a current notebook back as it is', () => {
    const current = migrateNotebook(v1(), FILE).value;
    const again = migrateNotebook(current, FILE);
    expect(again.from).toBe(SCHEMA_VERSION);
    expect(again.value).toBe(current);
  });

  it('keeps mentions an excerpt already has, and upgrades a bundle (arrays) as well as notebook.json (maps)', () => {
    const excerpt = { id: 'x', mentions: ['e'] };
    const bundle = { format: 'corroborate-bundle', schemaVersion: 1, sources: [], excerpts: [excerpt, { id: 'y' }] };
    const { value } = migrateNotebook(bundle, 'the bundle');
    expect(value).toEqual({ ...bundle, schemaVersion: SCHEMA_VERSION, excerpts: [excerpt, { id: 'y', mentions: [] }], propositions: [], questions: [], hypotheses: [] });
  });

  it('gives a v2 notebook no tag colours, keeps its settings, and changes nothing else', () => {
    const v2 = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/notebooks/v2-notebook.json', import.meta.url)), 'utf8')) as Record<string, unknown>;
    const withSettings = { ...v2, settings: { organisation: 'Open Desk', publicationUrl: '', notes: 'n' } };
    const { value, from } = migrateNotebook(withSettings, FILE);
    expect(from).toBe(2);
    const { seq: _seq, ...rest } = value as Record<string, unknown>;
    const notebook = Notebook.parse(rest);
    expect(notebook.settings).toEqual({ organisation: 'Open Desk', publicationUrl: '', notes: 'n', tagColors: {} });
    const unchanged = Notebook.parse({ ...withSettings, schemaVersion: SCHEMA_VERSION, settings: { ...withSettings.settings, tagColors: {} } });
    for (const key of Object.values(COLLECTION)) expect(notebook[key]).toEqual(unchanged[key]);
    // A v2 notebook without settings gets the defaults when validated.
    expect(Notebook.parse((({ seq: _s, ...r }) => r)(migrateNotebook(v2, FILE).value as Record<string, unknown>)).settings.tagColors).toEqual({});
  });

  it('gives each source of a v3 notebook no dismissed suggestions, and keeps those a source already has', () => {
    const v3 = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/notebooks/v3-notebook.json', import.meta.url)), 'utf8')) as Record<string, unknown>;
    const { value, from } = migrateNotebook(v3, FILE);
    expect(from).toBe(3);
    const { seq: _seq, ...rest } = value as Record<string, unknown>;
    const notebook = Notebook.parse(rest);
    const sources = Object.values(notebook.sources);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source.dismissedSuggestions).toEqual([]);
    const kept = migrateNotebook({ schemaVersion: 3, sources: [{ id: 's', dismissedSuggestions: ['3:40'] }] }, FILE).value as { sources: unknown[] };
    expect(kept.sources).toEqual([{ id: 's', dismissedSuggestions: ['3:40'] }]);
  });

  it('leaves what it does not understand for validation to report', () => {
    const { value } = migrateNotebook({ schemaVersion: 1, excerpts: 'damaged', extra: 1 }, FILE);
    expect(value).toEqual({ schemaVersion: SCHEMA_VERSION, excerpts: 'damaged', extra: 1, propositions: {}, questions: {}, hypotheses: {} });
  });

  it.each([
    [null, `${FILE} is not a Corroborate notebook (a JSON object was expected, found null)`],
    [[1, 2], `${FILE} is not a Corroborate notebook (a JSON object was expected, found an array)`],
    ['notebook', `${FILE} is not a Corroborate notebook (a JSON object was expected, found a string)`],
    [{ name: 'no version' }, `${FILE} has no schemaVersion`],
    [{ schemaVersion: 0 }, `${FILE} has schemaVersion 0, which no Corroborate writes (versions start at 1)`],
    [{ schemaVersion: -1 }, `${FILE} has schemaVersion -1, which no Corroborate writes (versions start at 1)`],
    [{ schemaVersion: 1.5 }, `${FILE} has schemaVersion 1.5, which no Corroborate writes (versions start at 1)`],
    [{ schemaVersion: '1' }, `${FILE} has schemaVersion "1", which no Corroborate writes (versions start at 1)`],
  ])('refuses %j as corrupt, naming the file and the version', (value, message) => {
    expect(refusal(value)).toEqual({ code: 'corrupt', message });
  });

  it('refuses a notebook from a newer Corroborate as newer-schema', () => {
    expect(refusal({ ...v1(), schemaVersion: SCHEMA_VERSION + 1 })).toEqual({
      code: 'newer-schema',
      message: `${FILE} was written by a newer Corroborate (schemaVersion ${SCHEMA_VERSION + 1}; this version reads ${SCHEMA_VERSION}). Open it with a newer version.`,
    });
  });

  it('has a step from every older version up to the current one', () => {
    for (let version = 1; version <= SCHEMA_VERSION; version++) {
      const { value } = migrateNotebook({ schemaVersion: version, excerpts: {} }, FILE);
      expect((value as { schemaVersion: number }).schemaVersion).toBe(SCHEMA_VERSION);
    }
  });
});
