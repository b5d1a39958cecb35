// Turns suggested claims the analyst accepts into notebook operations, remembers the ones they
// dismiss, adds suggested entities, and matches suggestions to the notebook as it is now. Pure:
// builds operations and never applies them; never runs the suggester itself (the renderer imports
// this module, never suggest.ts).
//
// Accepting one suggestion is one batch, so one Undo takes back all of it: the excerpt (or the live
// excerpt already on that range, so a sentence with two claimants gets one excerpt, not two), the
// claimant entity when the notebook has none by that name or alias, the claim (polarity = stance,
// the claimant as its speaker, shown by the excerpt), and the link excerpt → claim as "supports":
// the notebook's convention that the excerpt is where the claim is recorded (DESIGN.md's running
// example links each claimant's sentence to their claim this way).
import { NotebookError } from '../errors.js';
import type { Entity, Id, Instant, Notebook, Source } from '../model.js';
import type { Operation, SingleOperation } from '../operations.js';
import type { Stance, SuggestedClaim, SuggestedEntity, Suggestions } from './types.js';

/** Where ids and the time of the change come from (the client stamps operations, common.md). */
export interface Stamp {
  newId: () => Id;
  at: Instant;
}

/**
 * A suggested claim as the analyst left it: the suggester's with claimant, entityId (an existing
 * entity picked, or null for a name that is none yet), stance and proposition possibly changed.
 */
export type EditedSuggestion = Pick<SuggestedClaim, 'start' | 'end' | 'exact' | 'prefix' | 'suffix' | 'claimant' | 'claimantKind' | 'entityKey' | 'entityId' | 'stance' | 'proposition'>;

/** The label of the batch, as the undo history and the journal show it. */
export const ACCEPT_LABEL = 'accept suggestion';

const STANCES: readonly Stance[] = ['asserts', 'denies'];
/** The schema's limits (model.ts): a longer name or statement would be refused by apply anyway; this says so in words first. */
const MAX_STATEMENT = 10_000;
const MAX_NAME = 500;
const MAX_ALIASES = 200;

/** Names compared as an analyst would: case, and runs of white space, do not matter. */
export function foldName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

const liveEntities = (notebook: Notebook) => Object.values(notebook.entities).filter((e) => !e.deletedAt);

/** The live entity with this name, else with this alias (compared with foldName); undefined for none. */
export function entityByName(notebook: Notebook, name: string): Entity | undefined {
  const wanted = foldName(name);
  if (!wanted) return undefined;
  const live = liveEntities(notebook);
  return live.find((e) => foldName(e.name) === wanted) ?? live.find((e) => e.aliases.some((a) => foldName(a) === wanted));
}

/**
 * The live claim an analyst already made of this suggestion, if any: a live claim linked from a
 * live excerpt of the source on exactly this range, whose claimant is the suggestion's entity or
 * is named (name or alias) as the suggestion's claimant. Lets the panel say "accepted" instead of
 * offering the same claim twice; an Undo of the acceptance makes it acceptable again.
 */
export function acceptedClaimOf(notebook: Notebook, sourceId: Id, suggestion: Pick<SuggestedClaim, 'start' | 'end' | 'claimant' | 'entityId'>): Id | null {
  const excerpts = new Set(
    Object.values(notebook.excerpts)
      .filter((e) => !e.deletedAt && e.sourceId === sourceId && e.selectors.position.start === suggestion.start && e.selectors.position.end === suggestion.end)
      .map((e) => e.id),
  );
  if (excerpts.size === 0) return null;
  const claimant = foldName(suggestion.claimant);
  for (const link of Object.values(notebook.links)) {
    if (link.deletedAt || link.fromKind !== 'excerpt' || !excerpts.has(link.fromId)) continue;
    const claim = notebook.claims[link.toId];
    if (!claim || claim.deletedAt || !claim.claimantId) continue;
    const entity = notebook.entities[claim.claimantId];
    if (!entity || entity.deletedAt) continue;
    if (entity.id === suggestion.entityId || foldName(entity.name) === claimant || entity.aliases.some((a) => foldName(a) === claimant)) return claim.id;
  }
  return null;
}

/**
 * The batch that records an accepted suggestion (see the module comment). `entities` are the
 * suggester's, for the kind and aliases of a new claimant. Throws NotebookError ('invalid',
 * 'not-found', 'conflict') naming what is wrong, and then nothing is to be applied.
 */
export function acceptSuggestion(notebook: Notebook, sourceId: Id, edited: EditedSuggestion, stamp: Stamp, entities: readonly SuggestedEntity[] = []): Operation {
  return acceptSuggestions(notebook, sourceId, [edited], stamp, entities);
}

/**
 * Several accepted suggestions of one source as ONE batch ("Accept all": one Undo step). Within it
 * a claimant named twice becomes one entity, and suggestions on the same range share one excerpt.
 */
export function acceptSuggestions(notebook: Notebook, sourceId: Id, edits: readonly EditedSuggestion[], stamp: Stamp, entities: readonly SuggestedEntity[] = []): Operation {
  const source = liveSource(notebook, sourceId);
  if (edits.length === 0) throw new NotebookError('invalid', 'there is no suggested claim to accept');
  const builder = new AcceptBuilder(notebook, source, stamp, entities);
  edits.forEach((edited, i) => builder.add(edited, edits.length > 1 ? `suggestion ${i + 1}: ` : ''));
  return { type: 'batch', label: edits.length > 1 ? `accept ${edits.length} suggestions` : ACCEPT_LABEL, ops: builder.ops };
}

/**
 * Suggestions as they stand against the notebook now: the ones dismissed on `source` left out
 * (and counted), every name matched to the notebook's live entities. An entity the suggester
 * matched that is no longer live is unmatched; a name it did not match that now names a live
 * entity (by name or alias) is matched, and then called what the notebook calls it (types.ts).
 * A claim takes its entity's match, else its claimant's name's. Both the service (on the answer
 * from the worker) and the panel (after each change of the notebook) use it.
 */
export function matchSuggestions(notebook: Notebook, source: Source, found: { claims: readonly SuggestedClaim[]; entities: readonly SuggestedEntity[] }): Suggestions {
  const live = (id: Id | null) => (id && notebook.entities[id] && !notebook.entities[id].deletedAt ? id : null);
  const entities = found.entities.map((e): SuggestedEntity => {
    const entityId = live(e.entityId) ?? [e.name, ...e.aliases].map((name) => entityByName(notebook, name)?.id).find((id) => id !== undefined) ?? null;
    const matched = entityId ? notebook.entities[entityId]! : null;
    if (!matched) return { ...e, entityId: null };
    const forms = [e.name, ...e.aliases].filter((n, i, all) => foldName(n) !== foldName(matched.name) && all.indexOf(n) === i);
    return { ...e, name: matched.name, aliases: forms, entityId };
  });
  const byKey = new Map(entities.map((e) => [e.key, e]));
  const dismissed = new Set(source.dismissedSuggestions);
  const claims: SuggestedClaim[] = [];
  let hidden = 0;
  for (const c of found.claims) {
    if (dismissed.has(c.key)) {
      hidden++;
      continue;
    }
    const entityId = live(c.entityId) ?? (c.entityKey ? byKey.get(c.entityKey)?.entityId : null) ?? entityByName(notebook, c.claimant)?.id ?? null;
    claims.push({ ...c, entityId });
  }
  return { sourceId: source.id, claims, entities, dismissed: hidden };
}

/** The operation that remembers a dismissed suggestion on its source, so it is not offered again. */
export function dismissSuggestion(source: Source, key: string, at: Instant): Operation {
  if (source.deletedAt) throw new NotebookError('conflict', `the source “${source.title}” is in the trash`);
  const trimmed = key.trim();
  if (!trimmed) throw new NotebookError('invalid', 'a dismissed suggestion needs its key');
  if (source.dismissedSuggestions.includes(trimmed)) throw new NotebookError('conflict', `that suggestion of “${source.title}” is already dismissed`);
  return { type: 'update', kind: 'source', id: source.id, set: { dismissedSuggestions: [...source.dismissedSuggestions, trimmed], updatedAt: at }, unset: [] };
}

function liveSource(notebook: Notebook, sourceId: Id): Source {
  const source = notebook.sources[sourceId];
  if (!source) throw new NotebookError('not-found', `no source with id ${sourceId}`);
  if (source.deletedAt) throw new NotebookError('conflict', `the source “${source.title}” is in the trash: restore it before accepting its suggestions`);
  return source;
}

class AcceptBuilder {
  readonly ops: SingleOperation[] = [];
  /** Excerpts made in this batch, by "start:end". */
  private readonly excerpts = new Map<string, Id>();
  /** Entities made in this batch, by folded name and alias. */
  private readonly created = new Map<string, Id>();

  constructor(
    private readonly notebook: Notebook,
    private readonly source: Source,
    private readonly stamp: Stamp,
    private readonly suggested: readonly SuggestedEntity[],
  ) {}

  add(edited: EditedSuggestion, where: string): void {
    const statement = edited.proposition.trim().replace(/\s+/g, ' ');
    if (!statement) throw new NotebookError('invalid', `${where}the claim needs a statement: write what is claimed, as one sentence`);
    if (statement.length > MAX_STATEMENT) throw new NotebookError('invalid', `${where}the statement is ${statement.length} characters long; a claim's statement takes at most ${MAX_STATEMENT}`);
    if (!STANCES.includes(edited.stance)) throw new NotebookError('invalid', `${where}the stance must be asserts or denies, not “${String(edited.stance)}”`);
    const claimantId = this.claimant(edited, where);
    const excerptId = this.excerpt(edited, where);
    const { at } = this.stamp;
    const claimId = this.stamp.newId();
    this.ops.push({
      type: 'create',
      kind: 'claim',
      object: {
        id: claimId,
        createdAt: at,
        updatedAt: at,
        statement,
        polarity: edited.stance,
        claimantId,
        attribution: [{ role: 'speaker', entityId: claimantId, excerptId }],
        status: 'unreviewed',
      },
    });
    this.ops.push({
      type: 'create',
      kind: 'link',
      object: { id: this.stamp.newId(), createdAt: at, updatedAt: at, fromKind: 'excerpt', fromId: excerptId, toKind: 'claim', toId: claimId, relation: 'supports' },
    });
  }

  /** The live excerpt of the source on exactly this range, or one made in this batch, or a new one. */
  private excerpt(edited: EditedSuggestion, where: string): Id {
    const { start, end, exact } = edited;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
      throw new NotebookError('invalid', `${where}the excerpt's range ${start}–${end} is not a range of the text`);
    }
    if (end > this.source.content.length) {
      throw new NotebookError('invalid', `${where}the excerpt ends at ${end}, past the end of “${this.source.title}” (${this.source.content.length} characters)`);
    }
    if (!exact) throw new NotebookError('invalid', `${where}the excerpt has no quote`);
    const key = `${start}:${end}`;
    const made = this.excerpts.get(key);
    if (made) return made;
    const existing = Object.values(this.notebook.excerpts).find(
      (e) => !e.deletedAt && e.sourceId === this.source.id && e.selectors.position.start === start && e.selectors.position.end === end,
    );
    if (existing) return existing.id;
    const id = this.stamp.newId();
    const { at } = this.stamp;
    this.ops.push({
      type: 'create',
      kind: 'excerpt',
      object: { id, createdAt: at, updatedAt: at, sourceId: this.source.id, selectors: { position: { start, end }, quote: { exact, prefix: edited.prefix, suffix: edited.suffix } } },
    });
    this.excerpts.set(key, id);
    return id;
  }

  /**
   * The claimant's entity: the one picked (it must be live), else the live entity with that name or
   * alias, else one made in this batch, else a new one of the kind the analyst left, with the
   * suggester's fullest name and aliases when the claimant is one of that entity's forms (and the
   * name as typed otherwise).
   */
  private claimant(edited: EditedSuggestion, where: string): Id {
    if (edited.entityId) {
      const picked = this.notebook.entities[edited.entityId];
      if (!picked) throw new NotebookError('not-found', `${where}the claimant: no entity with id ${edited.entityId}`);
      if (picked.deletedAt) throw new NotebookError('conflict', `${where}the claimant “${picked.name}” is in the trash: restore it, or name another claimant`);
      return picked.id;
    }
    const typed = edited.claimant.trim().replace(/\s+/g, ' ');
    if (!typed) throw new NotebookError('invalid', `${where}the claim needs a claimant: name who makes it`);
    if (typed.length > MAX_NAME) throw new NotebookError('invalid', `${where}the claimant's name is ${typed.length} characters long; a name takes at most ${MAX_NAME}`);
    const known = entityByName(this.notebook, typed);
    if (known) return known.id;
    const folded = foldName(typed);
    const made = this.created.get(folded);
    if (made) return made;

    const suggested = this.suggested.find((s) => s.key === edited.entityKey && (foldName(s.name) === folded || s.aliases.some((a) => foldName(a) === folded)));
    // The kind is the analyst's (the panel offers the suggester's as the default).
    const op = createEntityOp(this.notebook, suggested ? suggested.name : typed, edited.claimantKind, [...(suggested?.aliases ?? []), typed], this.stamp);
    this.ops.push(op);
    const entity = op.object as { id: Id; name: string; aliases: string[] };
    for (const form of [entity.name, ...entity.aliases]) this.created.set(foldName(form), entity.id);
    return entity.id;
  }
}

/**
 * "Add entity" for a suggested entity the notebook does not have yet: its fullest name, kind and
 * other forms. Refused ('conflict') when a live entity already answers to the name.
 */
export function addSuggestedEntity(notebook: Notebook, entity: Pick<SuggestedEntity, 'name' | 'kind' | 'aliases'>, stamp: Stamp): Operation {
  const name = entity.name.trim();
  if (!name) throw new NotebookError('invalid', 'the entity needs a name');
  if (name.length > MAX_NAME) throw new NotebookError('invalid', `the name is ${name.length} characters long; a name takes at most ${MAX_NAME}`);
  const known = entityByName(notebook, name);
  if (known) throw new NotebookError('conflict', `the notebook already has “${known.name}” (${known.kind}) by that name`);
  return createEntityOp(notebook, name, entity.kind, entity.aliases, stamp);
}

/** Creates an entity; the other forms become aliases unless they repeat the name or another live entity already answers to them. */
function createEntityOp(notebook: Notebook, rawName: string, kind: SuggestedEntity['kind'], forms: readonly string[], stamp: Stamp): Extract<SingleOperation, { type: 'create' }> {
  const name = rawName.trim().replace(/\s+/g, ' ');
  const seen = new Set([foldName(name)]);
  const aliases: string[] = [];
  for (const form of forms) {
    const a = form.trim().replace(/\s+/g, ' ');
    const f = foldName(a);
    if (!a || a.length > MAX_NAME || seen.has(f) || entityByName(notebook, a) || aliases.length >= MAX_ALIASES) continue;
    seen.add(f);
    aliases.push(a);
  }
  const { at } = stamp;
  return { type: 'create', kind: 'entity', object: { id: stamp.newId(), createdAt: at, updatedAt: at, name, kind, aliases } };
}
