// The entity pages' pure parts: an entity's name, kind and aliases as a form edits them and the one
// operation that saves them; which found occurrences of its names are already confirmed mentions;
// the sentence around an occurrence; the batch that confirms occurrences. Never touches the DOM
// or the host, and never builds an excerpt's selectors any other way than the reader does.
import type { Mention } from '../../../notebook/common/api.js';
import { describe, type CodePointRange } from '../../../notebook/common/anchoring.js';
import { newId as makeId } from '../../../notebook/common/ids.js';
import { ENTITY_KINDS, type Entity, type Excerpt, type Id, type Instant, type Notebook } from '../../../notebook/common/model.js';
import type { Operation, SingleOperation } from '../../../notebook/common/operations.js';
import { CodePointIndex, codePointLength } from '../../../notebook/common/text.js';

export type EntityKind = (typeof ENTITY_KINDS)[number];
export { ENTITY_KINDS };

const isLive = <T extends { deletedAt?: string }>(o: T | undefined): o is T => o !== undefined && !o.deletedAt;
const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

// ── The library's list ─────────────────────────────────────────────────────────────────────────

export interface EntityRow {
  entity: Entity;
  /** Live claims it makes as claimant. */
  claims: number;
}

/** The live entities by name (then creation), each with how many claims it makes; one pass over the claims. */
export function entityRows(notebook: Notebook): EntityRow[] {
  const counts = new Map<Id, number>();
  for (const claim of Object.values(notebook.claims)) {
    if (!claim.deletedAt && claim.claimantId) counts.set(claim.claimantId, (counts.get(claim.claimantId) ?? 0) + 1);
  }
  return Object.values(notebook.entities)
    .filter(isLive)
    .sort((a, b) => a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt))
    .map((entity) => ({ entity, claims: counts.get(entity.id) ?? 0 }));
}

// ── Name, kind, aliases ────────────────────────────────────────────────────────────────────────

/** The form's fields, as text. */
export interface EntityDraft {
  name: string;
  kind: EntityKind;
  /** One alias per line, or comma separated when on one line. */
  aliases: string;
}

export const emptyDraft = (): EntityDraft => ({ name: '', kind: 'person', aliases: '' });

export function draftOfEntity(entity: Entity): EntityDraft {
  // One per line, so an alias holding a comma ("Korea, Republic of") survives a round trip.
  return { name: entity.name, kind: entity.kind, aliases: entity.aliases.join('\n') };
}

/**
 * The aliases typed: one per line when there are several lines (so an alias may hold a comma),
 * otherwise separated by commas. Trimmed, blanks and repeats dropped (ignoring case and spacing),
 * and so is the name itself, which is always searched anyway.
 */
export function parseAliases(text: string, name = ''): string[] {
  const parts = text.includes('\n') ? text.split('\n') : text.split(',');
  const seen = new Set<string>([fold(name)]);
  const aliases: string[] = [];
  for (const part of parts) {
    const alias = part.trim().replace(/\s+/g, ' ');
    const key = fold(alias);
    if (!alias || seen.has(key)) continue;
    seen.add(key);
    aliases.push(alias);
  }
  return aliases;
}

export type EntityProblems = Partial<Record<'name' | 'aliases', string>>;

const MAX_NAME = 500;
const MAX_ALIASES = 200;

/**
 * What must be fixed before the draft can be saved, by field. A name another live entity already
 * has is refused: claims pick their claimant by name, and two entities of one name could not be
 * told apart there.
 */
export function entityProblems(notebook: Notebook, draft: EntityDraft, selfId?: Id): EntityProblems {
  const problems: EntityProblems = {};
  const name = draft.name.trim();
  if (!name) problems.name = 'An entity needs a name';
  else if (name.length > MAX_NAME) problems.name = `A name is at most ${MAX_NAME} characters (this one has ${name.length})`;
  else {
    const other = Object.values(notebook.entities).find((e) => isLive(e) && e.id !== selfId && fold(e.name) === fold(name));
    if (other) problems.name = `Another entity (a ${other.kind}) is already named “${other.name}”: add what tells them apart`;
  }
  const aliases = parseAliases(draft.aliases, name);
  const long = aliases.find((a) => a.length > MAX_NAME);
  if (long) problems.aliases = `The alias “${long.slice(0, 40)}…” is longer than ${MAX_NAME} characters`;
  else if (aliases.length > MAX_ALIASES) problems.aliases = `At most ${MAX_ALIASES} aliases (there are ${aliases.length})`;
  return problems;
}

const cleanName = (name: string) => name.trim().replace(/\s+/g, ' ');

/** The operation that creates the entity the draft describes. */
export function createEntityOp(draft: EntityDraft, id: Id, at: Instant): Operation {
  const name = cleanName(draft.name);
  return { type: 'create', kind: 'entity', object: { id, createdAt: at, updatedAt: at, name, kind: draft.kind, aliases: parseAliases(draft.aliases, name) } };
}

/** The one update that saves the draft: only the fields that changed, with updatedAt; null when nothing did. */
export function updateEntityOp(entity: Entity, draft: EntityDraft, at: Instant): Operation | null {
  const set: Record<string, unknown> = {};
  const name = cleanName(draft.name);
  if (name !== entity.name) set.name = name;
  if (draft.kind !== entity.kind) set.kind = draft.kind;
  const aliases = parseAliases(draft.aliases, name);
  if (aliases.length !== entity.aliases.length || aliases.some((a, i) => a !== entity.aliases[i])) set.aliases = aliases;
  if (Object.keys(set).length === 0) return null;
  return { type: 'update', kind: 'entity', id: entity.id, set: { ...set, updatedAt: at }, unset: [] };
}

/** The names findMentions is asked for: the name, then the aliases. */
export const searchNames = (entity: Entity): string[] => [entity.name, ...entity.aliases];

// ── Mentions ───────────────────────────────────────────────────────────────────────────────────

export const covers = (excerpt: Excerpt, range: CodePointRange): boolean =>
  excerpt.selectors.position.start <= range.start && range.end <= excerpt.selectors.position.end;

/** The live excerpts of live sources, by source, in text order. Built once per render, not per occurrence. */
export function excerptsBySource(notebook: Notebook): Map<Id, Excerpt[]> {
  const by = new Map<Id, Excerpt[]>();
  for (const excerpt of Object.values(notebook.excerpts)) {
    if (excerpt.deletedAt || !isLive(notebook.sources[excerpt.sourceId])) continue;
    (by.get(excerpt.sourceId) ?? by.set(excerpt.sourceId, []).get(excerpt.sourceId)!).push(excerpt);
  }
  for (const list of by.values()) list.sort((a, b) => a.selectors.position.start - b.selectors.position.start);
  return by;
}

/**
 * The live excerpt a confirmation adds the entity to: of those covering the occurrence, one that
 * already mentions the entity, else the shortest (the tightest passage about it), else the oldest.
 */
export function coveringExcerpt(excerpts: readonly Excerpt[], range: CodePointRange, entityId: Id): Excerpt | undefined {
  let best: Excerpt | undefined;
  const rank = (e: Excerpt) => [e.mentions.includes(entityId) ? 0 : 1, e.selectors.position.end - e.selectors.position.start, e.createdAt] as const;
  for (const excerpt of excerpts) {
    if (!covers(excerpt, range)) continue;
    if (!best) {
      best = excerpt;
      continue;
    }
    const [m1, l1, c1] = rank(excerpt);
    const [m2, l2, c2] = rank(best);
    if (m1 < m2 || (m1 === m2 && (l1 < l2 || (l1 === l2 && c1 < c2)))) best = excerpt;
  }
  return best;
}

/** Whether a live excerpt covering the occurrence already names the entity among its mentions. */
export function isConfirmed(excerpts: readonly Excerpt[], range: CodePointRange, entityId: Id): boolean {
  return excerpts.some((e) => covers(e, range) && e.mentions.includes(entityId));
}

/** The occurrences still to confirm: in live sources, and not inside an excerpt that already mentions the entity. */
export function unconfirmed(notebook: Notebook, entityId: Id, mentions: readonly Mention[], bySource = excerptsBySource(notebook)): Mention[] {
  return mentions.filter((m) => isLive(notebook.sources[m.sourceId]) && !isConfirmed(bySource.get(m.sourceId) ?? [], m, entityId));
}

/** The sources whose text a confirmation may need: those with an occurrence no live excerpt covers. */
export function sourcesNeedingText(notebook: Notebook, mentions: readonly Mention[], bySource = excerptsBySource(notebook)): Id[] {
  const ids = new Set<Id>();
  for (const m of mentions) if (!ids.has(m.sourceId) && !(bySource.get(m.sourceId) ?? []).some((e) => covers(e, m))) ids.add(m.sourceId);
  return [...ids];
}

/** The occurrences grouped by source, in the order they came (source order, then text order). */
export function groupBySource(mentions: readonly Mention[]): { sourceId: Id; mentions: Mention[] }[] {
  const groups = new Map<Id, Mention[]>();
  for (const m of mentions) (groups.get(m.sourceId) ?? groups.set(m.sourceId, []).get(m.sourceId)!).push(m);
  return [...groups].map(([sourceId, list]) => ({ sourceId, mentions: list }));
}

/**
 * An occurrence in its context, as a list shows it: white space flattened, the context cut back to
 * whole words where the text goes on beyond it, and "…" there.
 */
export function contextOf(mention: Mention, sourceLength: number): { before: string; exact: string; after: string } {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  let before = flat(mention.prefix);
  let after = flat(mention.suffix);
  if (mention.start - codePointLength(mention.prefix) > 0) {
    const space = before.indexOf(' ');
    before = '…' + (space >= 0 ? before.slice(space + 1) : before);
  }
  if (mention.end + codePointLength(mention.suffix) < sourceLength) {
    const space = after.lastIndexOf(' ');
    after = (space > 0 ? after.slice(0, space) : after) + '…';
  }
  return { before, exact: flat(mention.exact), after };
}

// ── The sentence around an occurrence ──────────────────────────────────────────────────────────

/** How far either side of an occurrence the segmenter first looks, in UTF-16 units; doubled while a sentence reaches the window's edge. */
const WINDOW = 1024;
/** Beyond this the window stops growing: a "sentence" that long is a table or a text without full stops. */
const MAX_WINDOW = 16 * 1024;
/**
 * The longest excerpt a confirmation makes, in code points. A longer sentence is cut to the
 * occurrence and some words either side (MAX_EXCERPT / 2 at most), at spaces.
 */
export const MAX_EXCERPT = 600;

/**
 * A sentence "ending" in one of these ends at an abbreviation, not a full stop: a title (Mr., Dr.,
 * Gen.), a month (Oct.), or initials (U.S., J.). UAX #29 breaks after them whenever a capital or a
 * digit follows; this joins the pieces again, though never across a line break. English only, and a heuristic: a real sentence ending
 * in "the U.S." is joined to the next one, which costs a longer excerpt, never a cut name.
 */
const ABBREVIATION_END =
  /(?:^|[\s(“"‘'])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gen|Col|Maj|Lt|Capt|Cmdr|Adm|Sgt|Rev|Sen|Rep|Gov|Pres|Amb|St|Jr|Sr|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z](?:\.[A-Z])*)\.[ \t\u00a0]*$/u;
/** At most this many abbreviation breaks are joined either side. */
const MAX_JOINS = 4;

let segmenter: Intl.Segmenter | null = null;
const sentences = () => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'sentence' }));

/**
 * The sentence holding a code point range of text (all the sentences it spans, if more than one,
 * as when a name is broken across a line), without the white space around it, in code points.
 *
 * Why a window: Intl.Segmenter in V8 costs time in proportion to the whole text on every lookup
 * (milliseconds per lookup in a 1 MB text, and iterating every sentence of one takes minutes), so
 * only a window around the occurrence is segmented. Sentence breaks depend on the text near them
 * only (UAX #29: the terminator, closing punctuation and spaces after it, and the next letter), so
 * a sentence found inside the window with room on both sides is the one the whole text has; one
 * that touches the window's edge is looked for again in a window twice as wide.
 *
 * Breaks after abbreviations are joined (see ABBREVIATION_END).
 *
 * The result lies on grapheme boundaries wherever the text's own sentence breaks do (UAX #29
 * never breaks a sentence inside a grapheme); `describe` snaps it again in any case.
 */
export function sentenceAround(text: string, range: CodePointRange, index: CodePointIndex = new CodePointIndex(text)): CodePointRange {
  const u0 = index.toUtf16(range.start);
  const u1 = Math.max(index.toUtf16(range.end), u0 + 1);
  let start = u0;
  let end = u1;
  for (let reach = WINDOW; ; reach *= 2) {
    const a = Math.max(0, u0 - reach);
    const b = Math.min(text.length, u1 + reach);
    const segments = sentences().segment(text.slice(a, b));
    let first = segments.containing(u0 - a);
    let last = segments.containing(u1 - 1 - a);
    if (!first || !last) break; // only for an empty window, which a range inside the text never gives
    // A break after an abbreviation ("Mr. Kim", "Oct. 14") is not the end of a sentence: join across it.
    for (let n = 0; n < MAX_JOINS && first.index > 0; n++) {
      const before = segments.containing(first.index - 1);
      if (!before || !ABBREVIATION_END.test(before.segment)) break;
      first = before;
    }
    for (let n = 0; n < MAX_JOINS && ABBREVIATION_END.test(last.segment); n++) {
      const after = segments.containing(last.index + last.segment.length);
      if (!after) break;
      last = after;
    }
    start = a + first.index;
    end = a + last.index + last.segment.length;
    const clipped = (start === a && a > 0) || (end === b && b < text.length);
    if (!clipped || reach >= MAX_WINDOW) break;
  }
  while (start < u0 && /\s/.test(text[start]!)) start++;
  while (end > u1 && /\s/.test(text[end - 1]!)) end--;
  let sentence = { start: index.toCodePoint(start), end: index.toCodePoint(end) };
  if (sentence.end - sentence.start > MAX_EXCERPT) sentence = cutAround(text, index, sentence, range);
  return sentence;
}

/** A long sentence cut to the occurrence and what fits of MAX_EXCERPT either side, ending at spaces where there are any. */
function cutAround(text: string, index: CodePointIndex, sentence: CodePointRange, range: CodePointRange): CodePointRange {
  const side = Math.max(0, Math.floor((MAX_EXCERPT - (range.end - range.start)) / 2));
  let start = Math.max(sentence.start, range.start - side);
  let end = Math.min(sentence.end, range.end + side);
  if (start > sentence.start) {
    const before = index.slice(start, range.start);
    const space = before.search(/\s/);
    if (space >= 0) start += [...before.slice(0, space + 1)].length;
  }
  if (end < sentence.end) {
    const after = index.slice(range.end, end);
    const space = after.search(/\s\S*$/);
    if (space >= 0) end = range.end + [...after.slice(0, space)].length;
  }
  return { start, end };
}

// ── Confirming and removing ────────────────────────────────────────────────────────────────────

export interface ConfirmPlan {
  /** Creates and updates of excerpts, for one batch (one Undo). Empty when every occurrence was already confirmed. */
  ops: SingleOperation[];
  /** New excerpts, over the sentence holding an occurrence. */
  created: number;
  /** Existing excerpts the entity was added to. */
  updated: number;
}

/**
 * The operations that confirm occurrences as mentions of the entity. An occurrence inside a live
 * excerpt of its source adds the entity to that excerpt's mentions (see coveringExcerpt);
 * otherwise a new excerpt is made over the sentence that holds it, its selectors built by
 * `describe` as the reader builds them, mentioning the entity. Occurrences that share a sentence
 * share its excerpt; each excerpt changes at most once. `textOf` gives a source's normalised text;
 * it is asked only for sources that need a new excerpt, and must have it.
 */
export function confirmMentions(
  notebook: Notebook,
  entityId: Id,
  mentions: readonly Mention[],
  textOf: (sourceId: Id) => string,
  at: Instant,
  newId: () => Id = makeId,
): ConfirmPlan {
  const bySource = excerptsBySource(notebook);
  const added = new Map<Id, Excerpt>(); // existing excerpts as they will be, by id
  const made: Excerpt[] = [];
  const indexes = new Map<Id, CodePointIndex>();
  for (const mention of mentions) {
    if (!isLive(notebook.sources[mention.sourceId])) continue;
    const excerpts = bySource.get(mention.sourceId) ?? [];
    if (!bySource.has(mention.sourceId)) bySource.set(mention.sourceId, excerpts);
    if (isConfirmed(excerpts, mention, entityId)) continue;
    const covering = coveringExcerpt(excerpts, mention, entityId);
    if (covering) {
      const updated: Excerpt = { ...covering, mentions: [...covering.mentions, entityId] };
      added.set(updated.id, updated);
      excerpts[excerpts.indexOf(covering)] = updated;
      continue;
    }
    const text = textOf(mention.sourceId);
    let index = indexes.get(mention.sourceId);
    if (!index) indexes.set(mention.sourceId, (index = new CodePointIndex(text)));
    const selectors = describe(text, sentenceAround(text, mention, index), index);
    const excerpt: Excerpt = { id: newId(), createdAt: at, updatedAt: at, sourceId: mention.sourceId, selectors, note: '', tags: [], color: '', mentions: [entityId] };
    made.push(excerpt);
    excerpts.push(excerpt);
  }
  const ops: SingleOperation[] = [
    ...made.map((object): SingleOperation => ({ type: 'create', kind: 'excerpt', object: { ...object } })),
    ...[...added.values()].map((e): SingleOperation => ({ type: 'update', kind: 'excerpt', id: e.id, set: { mentions: e.mentions, updatedAt: at }, unset: [] })),
  ];
  return { ops, created: made.length, updated: added.size };
}

/** The update that takes the entity out of an excerpt's mentions (the excerpt itself stays). */
export function unconfirmOp(excerpt: Excerpt, entityId: Id, at: Instant): Operation {
  return { type: 'update', kind: 'excerpt', id: excerpt.id, set: { mentions: excerpt.mentions.filter((id) => id !== entityId), updatedAt: at }, unset: [] };
}

// ── Attribution ────────────────────────────────────────────────────────────────────────────────

/** The roles an entity plays in a claim's attribution chain, in chain order, each once: "publisher", "speaker". */
export function rolesIn(attribution: readonly { entityId?: Id | undefined; role: string }[], entityId: Id): string[] {
  return [...new Set(attribution.filter((s) => s.entityId === entityId).map((s) => s.role))];
}
