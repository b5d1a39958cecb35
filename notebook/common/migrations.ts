// Brings a notebook written under an older schemaVersion up to SCHEMA_VERSION, one step per version.
// Pure and runs anywhere: never mutates its input, never reads or writes a file, never validates
// (the caller checks the result against the current schema, so a bad file is reported once, there).
//
// A step takes the parsed JSON of version n and returns version n + 1. Steps only add what the
// newer version needs; they leave everything else exactly as it was, unknown fields included, so
// the validation that follows reports a damaged file in its own words. The same steps fit a bundle
// (collections as arrays of objects) as well as notebook.json (collections as maps id → object).
import { NotebookError } from './errors.js';
import { SCHEMA_VERSION } from './model.js';

type Json = Record<string, unknown>;

/** STEPS[n] turns version n into version n + 1. */
const STEPS: Record<number, (value: Json) => Json> = {
  // v2: propositions, questions and hypotheses (competing hypotheses), and each excerpt's confirmed
  // entity mentions. A v1 notebook has none of them, so all start empty.
  1: (value) => {
    const empty = () => (Array.isArray(value.sources) ? [] : {});
    return {
      ...value,
      schemaVersion: 2,
      ...('excerpts' in value ? { excerpts: mapObjects(value.excerpts, (excerpt) => ('mentions' in excerpt ? excerpt : { ...excerpt, mentions: [] })) } : {}),
      propositions: value.propositions ?? empty(),
      questions: value.questions ?? empty(),
      hypotheses: value.hypotheses ?? empty(),
    };
  },
  // v3: colours for tags, kept in the settings. A v2 notebook has coloured no tag.
  2: (value) => {
    const settings = value.settings;
    if (settings === undefined) return { ...value, schemaVersion: 3 };
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return { ...value, schemaVersion: 3 };
    return { ...value, schemaVersion: 3, settings: 'tagColors' in settings ? settings : { ...settings, tagColors: {} } };
  },
  // v4: the suggested claims dismissed on each source. A v3 notebook has dismissed none.
  3: (value) => ({
    ...value,
    schemaVersion: 4,
    ...('sources' in value ? { sources: mapObjects(value.sources, (source) => ('dismissedSuggestions' in source ? source : { ...source, dismissedSuggestions: [] })) } : {}),
  }),
};

export interface Migrated {
  /** The value at SCHEMA_VERSION: a new object when a step ran, the input itself when none had to. */
  value: unknown;
  /** The schemaVersion the value had. */
  from: number;
}

/**
 * Brings `value` (parsed notebook.json, or a bundle) up to SCHEMA_VERSION. `file` names it in
 * messages. Throws NotebookError 'corrupt' for a value that is not a JSON object or whose
 * schemaVersion is missing, not a whole number, or below 1, and 'newer-schema' for one above
 * SCHEMA_VERSION (written by a newer Corroborate).
 *
 * @example
 *   migrateNotebook({ schemaVersion: 1, excerpts: {}, … }, 'notebook.json')
 *   // { from: 1, value: { schemaVersion: 2, excerpts: {}, propositions: {}, questions: {}, hypotheses: {}, … } }
 */
export function migrateNotebook(value: unknown, file: string): Migrated {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new NotebookError('corrupt', `${file} is not a Corroborate notebook (a JSON object was expected, found ${describeJson(value)})`);
  }
  const version = (value as Json).schemaVersion;
  if (version === undefined) throw new NotebookError('corrupt', `${file} has no schemaVersion`);
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new NotebookError('corrupt', `${file} has schemaVersion ${JSON.stringify(version)}, which no Corroborate writes (versions start at 1)`);
  }
  if (version > SCHEMA_VERSION) {
    throw new NotebookError('newer-schema', `${file} was written by a newer Corroborate (schemaVersion ${version}; this version reads ${SCHEMA_VERSION}). Open it with a newer version.`);
  }
  let current = value as Json;
  for (let v = version; v < SCHEMA_VERSION; v++) {
    const step = STEPS[v];
    // Only a build whose SCHEMA_VERSION ran ahead of its steps gets here; the unit tests guard it.
    if (!step) throw new NotebookError('corrupt', `${file} has schemaVersion ${v}, and this Corroborate has no way to upgrade it to ${v + 1}`);
    current = step(current);
  }
  return { value: current, from: version };
}

/**
 * The collection with fn applied to each of its objects, as a new array or map; anything that is
 * not an object (a damaged file) is passed through for validation to report.
 */
function mapObjects(collection: unknown, fn: (object: Json) => Json): unknown {
  const each = (item: unknown) => (typeof item === 'object' && item !== null && !Array.isArray(item) ? fn(item as Json) : item);
  if (Array.isArray(collection)) return collection.map(each);
  if (typeof collection !== 'object' || collection === null) return collection;
  return Object.fromEntries(Object.entries(collection).map(([key, item]) => [key, each(item)]));
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'a boolean' : typeof value;
}
