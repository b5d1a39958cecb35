// An entity's page: its name, kind and aliases (editable), its note (Markdown), the claims it makes and those whose
// attribution passes through it, the excerpts confirmed as mentioning it, and Find mentions, which
// looks for its names in the sources and confirms occurrences as mentions. Every change is one
// operation (one Undo); the page re-reads everything from the notebook on each revision.
import { PolarityLabel } from '../claims/PolarityLabel.js';
import './entities.css';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Mention } from '../../../notebook/common/api.js';
import { claimsOfEntity, mentionsOfEntity } from '../../../notebook/common/analysis.js';
import { now } from '../../../notebook/common/ids.js';
import type { Claim, Entity, Id, Notebook } from '../../../notebook/common/model.js';
import { client, errorMessage } from '../client.js';
import { applyOperation, sourceText } from '../state.js';
import { plural, isMac } from '../ui/format.js';
import { notify } from '../ui/toasts.js';
import type { ViewProps } from '../views/views.js';
import {
  confirmMentions,
  contextOf,
  draftOfEntity,
  entityProblems,
  excerptsBySource,
  groupBySource,
  rolesIn,
  searchNames,
  sourcesNeedingText,
  unconfirmed,
  unconfirmOp,
  updateEntityOp,
  type EntityDraft,
  type EntityProblems,
} from './entity-ops.js';
import { EntityFields } from './EntityFields.js';
import { NoteEditor } from '../ui/NoteEditor.js';

const UNDO_KEYS = isMac ? '⌘Z' : 'Ctrl+Z';
/** How many occurrences one search lists. More are reported as truncated: confirm these, then search again. */
const SEARCH_LIMIT = 1000;

export function EntityPage(props: ViewProps & { entityId: Id }) {
  const { notebook, entityId } = props;
  const entity = notebook.entities[entityId];
  if (!entity) {
    return (
      <main className="pane view" aria-label="Entity">
        <div className="view-head">
          <h2>Entity not found</h2>
        </div>
        <div className="view-body">
          <p className="empty">This entity is no longer in the notebook. Pick another in the library.</p>
        </div>
      </main>
    );
  }
  return <EntityView {...props} entity={entity} />;
}

function EntityView({ notebook, revision, readOnly, inspectedClaimId, onInspectClaim, onShowExcerpt, onOpenSource, entity }: ViewProps & { entity: Entity }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [trashError, setTrashError] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const trashed = Boolean(entity.deletedAt);

  const { claims, mentions } = useMemo(() => {
    void revision;
    return { claims: claimsOfEntity(notebook, entity.id), mentions: mentionsOfEntity(notebook, entity.id) };
  }, [notebook, revision, entity.id]);

  const restoreButton = useRef<HTMLButtonElement>(null);
  // Where the keyboard carries on once the button it pressed is gone or disabled: Edit after the
  // form closes or a restore, Restore after Move to trash.
  const refocus = useRef<'edit' | 'restore' | null>(null);
  useEffect(() => {
    if (refocus.current === 'edit' && !editing) editButton.current?.focus();
    else if (refocus.current === 'restore' && trashed) restoreButton.current?.focus();
    else return;
    refocus.current = null;
  }, [editing, trashed]);

  const closeEditor = () => {
    refocus.current = 'edit';
    setEditing(false);
  };

  const trash = async () => {
    setTrashError(null);
    try {
      refocus.current = 'restore';
      await applyOperation({ type: 'delete', kind: 'entity', id: entity.id, at: now() });
      notify('status', `Moved “${entity.name}” to the trash. ${UNDO_KEYS} brings it back.`);
    } catch (e) {
      refocus.current = null;
      // The notebook's own reason names ids; say in words which claims hold the entity back.
      const holding = [
        claims.asClaimant.length && `the claimant of ${plural(claims.asClaimant.length, 'claim')}`,
        claims.inAttribution.length && `in the attribution chain of ${plural(claims.inAttribution.length, 'claim')}`,
      ].filter(Boolean);
      const advice = holding.length ? ` It is ${holding.join(' and ')} listed below: give those claims another claimant or chain, or move them to the trash, first.` : '';
      setTrashError(`“${entity.name}” was not moved to the trash: ${errorMessage(e)}.${advice}`);
    }
  };

  const restore = async () => {
    try {
      refocus.current = 'edit';
      await applyOperation({ type: 'restore', kind: 'entity', id: entity.id });
      notify('status', `Restored “${entity.name}”.`);
    } catch (e) {
      refocus.current = null;
      notify('error', `“${entity.name}” was not restored: ${errorMessage(e)}`);
    }
  };

  const removeMention = async (excerptId: Id) => {
    const excerpt = notebook.excerpts[excerptId];
    if (!excerpt) return;
    try {
      await applyOperation(unconfirmOp(excerpt, entity.id, now()));
      notify('status', `No longer counted as a mention of “${entity.name}”; the excerpt stays. ${UNDO_KEYS} takes it back.`);
    } catch (e) {
      notify('error', `The mention was not removed: ${errorMessage(e)}`);
    }
  };

  const locked = readOnly || trashed;

  return (
    <main className="pane view entity-page" aria-label="Entity">
      <div className="view-head entity-head">
        <h2>{entity.name}</h2>
        <span className="entity-kind">{entity.kind}</span>
        <div className="entity-actions">
          <button ref={editButton} type="button" className="button button-small" onClick={() => setEditing(true)} disabled={locked || editing}>
            Edit
          </button>
          <button type="button" className="button button-small" onClick={() => void trash()} disabled={locked}>
            Move to trash
          </button>
        </div>
        {entity.aliases.length > 0 && (
          <p className="entity-aliases">
            <span className="entity-aliases-label">Also known as</span> {entity.aliases.join(' · ')}
          </p>
        )}
      </div>
      <div className="view-body entity-body">
        {trashed && (
          <div className="entity-trashed" role="note">
            <span>This entity is in the trash.</span>
            <button ref={restoreButton} type="button" className="button button-small" onClick={() => void restore()} disabled={readOnly}>
              Restore
            </button>
          </div>
        )}
        {trashError && (
          <p role="alert" className="entity-alert">
            {trashError}
          </p>
        )}
        {editing && <EntityEditor key={entity.id} notebook={notebook} entity={entity} onDone={closeEditor} />}

        <div className="entity-section">
          <NoteEditor
            notebook={notebook}
            target={{ kind: 'entity', id: entity.id }}
            readOnly={locked}
            headingClassName="entity-subhead"
            emptyText="No note yet. Edit note to write what you know about it: who it is, how far to trust it, what to check."
          />
        </div>

        <section className="entity-section" aria-labelledby={`${id}-claims`}>
          <h3 id={`${id}-claims`} className="entity-subhead">
            Claims it makes <span className="section-count">{claims.asClaimant.length}</span>
          </h3>
          {claims.asClaimant.length > 0 ? (
            <ClaimList labelledBy={`${id}-claims`} claims={claims.asClaimant} inspectedClaimId={inspectedClaimId} onInspectClaim={onInspectClaim} />
          ) : (
            <p className="empty entity-empty">
              No claims yet. Pick this entity as a claimant in a claim: type its name as the Claimant in New claim, or when you link an excerpt to a new claim.
            </p>
          )}
        </section>

        <section className="entity-section" aria-labelledby={`${id}-attribution`}>
          <h3 id={`${id}-attribution`} className="entity-subhead">
            In attribution chains <span className="section-count">{claims.inAttribution.length}</span>
          </h3>
          {claims.inAttribution.length > 0 ? (
            <ClaimList
              labelledBy={`${id}-attribution`}
              claims={claims.inAttribution}
              inspectedClaimId={inspectedClaimId}
              onInspectClaim={onInspectClaim}
              roleOf={(claim) => rolesIn(claim.attribution, entity.id).join(', ')}
            />
          ) : (
            <p className="empty entity-empty">No claim reports through it. Claims whose attribution chain names it as publisher, intermediary or speaker appear here.</p>
          )}
        </section>

        <section className="entity-section" aria-labelledby={`${id}-mentions`}>
          <h3 id={`${id}-mentions`} className="entity-subhead">
            Mentions <span className="section-count">{mentions.length}</span>
          </h3>
          {mentions.length > 0 ? (
            <ul className="entity-list-plain" aria-labelledby={`${id}-mentions`}>
              {mentions.map((excerpt) => {
                const source = notebook.sources[excerpt.sourceId];
                const quoteId = `${id}-m-${excerpt.id}`;
                return (
                  <li key={excerpt.id} className="entity-mention">
                    <button type="button" className="entity-row" onClick={() => onShowExcerpt(excerpt.id)}>
                      <span id={quoteId} className="entity-quote">
                        {excerpt.selectors.quote.exact}
                      </span>
                      {source && <span className="entity-row-meta">{source.title}</span>}
                    </button>
                    <button type="button" className="button button-small" aria-describedby={quoteId} onClick={() => void removeMention(excerpt.id)} disabled={readOnly}>
                      Remove
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="empty entity-empty">
              No mentions yet. Find mentions in sources looks for its name and aliases in every source; confirm the occurrences that are about this entity.
            </p>
          )}
        </section>

        <MentionFinder notebook={notebook} revision={revision} readOnly={locked} entity={entity} onOpenSource={onOpenSource} />
      </div>
    </main>
  );
}

// ── Claims ─────────────────────────────────────────────────────────────────────────────────────

function ClaimList({
  labelledBy,
  claims,
  inspectedClaimId,
  onInspectClaim,
  roleOf,
}: {
  labelledBy: string;
  claims: Claim[];
  inspectedClaimId: Id | null;
  onInspectClaim: (id: Id) => void;
  roleOf?: (claim: Claim) => string;
}) {
  return (
    <ul className="entity-list-plain" aria-labelledby={labelledBy}>
      {claims.map((claim) => {
        const role = roleOf?.(claim);
        return (
          <li key={claim.id}>
            <button type="button" className="entity-row entity-claim" aria-current={claim.id === inspectedClaimId ? 'true' : undefined} onClick={() => onInspectClaim(claim.id)}>
              <PolarityLabel polarity={claim.polarity} />
              <span className="entity-statement">{claim.statement}</span>
              {role && <span className="entity-row-meta">as {role}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

// ── Editing ────────────────────────────────────────────────────────────────────────────────────

function EntityEditor({ notebook, entity, onDone }: { notebook: Notebook; entity: Entity; onDone: () => void }) {
  const id = useId();
  const [draft, setDraft] = useState<EntityDraft>(() => draftOfEntity(entity));
  const [shown, setShown] = useState<EntityProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    document.getElementById(`${id}-name`)?.focus();
  }, [id]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const problems = entityProblems(notebook, draft, entity.id);
    setShown(problems);
    if (problems.name || problems.aliases) {
      document.getElementById(`${id}-${problems.name ? 'name' : 'aliases'}`)?.focus();
      return;
    }
    // Compared with the entity as it is now, so an undo meanwhile is not overwritten by accident.
    const op = updateEntityOp(entity, draft, now());
    if (!op) {
      onDone();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await applyOperation(op);
      notify('status', `Saved “${draft.name.trim()}”.`);
      onDone();
    } catch (e) {
      setError(`The entity was not saved: ${errorMessage(e)}`);
      setSaving(false);
    }
  };

  return (
    <form className="entity-editor" aria-label="Edit entity" noValidate onSubmit={save}>
      <EntityFields
        idPrefix={id}
        draft={draft}
        problems={shown}
        onChange={(next) => {
          setDraft(next);
          setShown((s) => ({ ...(next.name === draft.name ? { name: s.name } : {}), ...(next.aliases === draft.aliases ? { aliases: s.aliases } : {}) }));
        }}
      />
      {error && (
        <p role="alert" className="entity-alert">
          {error}
        </p>
      )}
      <div className="entity-editor-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving}>
          Save
        </button>
      </div>
    </form>
  );
}

// ── Finding mentions ───────────────────────────────────────────────────────────────────────────

interface Search {
  /** The names searched for, so a rename since is noticed. */
  names: string[];
  mentions: Mention[];
  truncated: boolean;
}

const mentionKey = (m: Mention) => `${m.sourceId}:${m.start}:${m.end}`;

/** A source's text, from the page's cache when it is there. */
async function loadText(sourceId: Id): Promise<string> {
  const cached = sourceText(sourceId);
  if (cached.status === 'ready') return cached.text;
  return (await client.sourceText({ sourceId })).text;
}

function MentionFinder({ notebook, revision, readOnly, entity, onOpenSource }: { notebook: Notebook; revision: number; readOnly: boolean; entity: Entity; onOpenSource: (id: Id) => void }) {
  const id = useId();
  const [search, setSearch] = useState<Search | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A ref, not state: the buttons stay enabled while a confirmation runs, so focus can move to the next one.
  const confirming = useRef(false);
  const listRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** After a confirmation the button pressed is gone: focus goes to the one that took its place. */
  const focusNext = useRef<number | null>(null);

  const candidates = useMemo(() => {
    void revision;
    return search ? unconfirmed(notebook, entity.id, search.mentions, excerptsBySource(notebook)) : [];
  }, [search, notebook, revision, entity.id]);
  const groups = useMemo(() => groupBySource(candidates), [candidates]);

  useEffect(() => {
    if (focusNext.current === null) return;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-confirm]') ?? [];
    const next = buttons[Math.min(focusNext.current, buttons.length - 1)];
    (next ?? headingRef.current)?.focus();
    focusNext.current = null;
  }, [candidates]);

  const names = searchNames(entity);
  const stale = search !== null && search.names.join('\n') !== names.join('\n');

  const find = async () => {
    setSearching(true);
    setError(null);
    try {
      const result = await client.findMentions({ names, limit: SEARCH_LIMIT });
      setSearch({ names, mentions: result.mentions, truncated: result.truncated });
    } catch (e) {
      setError(`The sources could not be searched: ${errorMessage(e)}`);
    } finally {
      setSearching(false);
    }
  };

  const confirm = async (mentions: Mention[], focusIndex: number | null) => {
    if (confirming.current || readOnly) return;
    confirming.current = true;
    try {
      const texts = new Map<Id, string>();
      for (const sourceId of sourcesNeedingText(notebook, mentions)) texts.set(sourceId, await loadText(sourceId));
      const plan = confirmMentions(notebook, entity.id, mentions, (sourceId) => {
        const text = texts.get(sourceId);
        if (text === undefined) throw new Error(`the text of “${notebook.sources[sourceId]?.title ?? sourceId}” is not loaded`);
        return text;
      }, now());
      if (plan.ops.length === 0) return;
      focusNext.current = focusIndex;
      await applyOperation({ type: 'batch', label: mentions.length === 1 ? 'confirm mention' : 'confirm mentions', ops: plan.ops });
      const what = [plan.created && plural(plan.created, 'new excerpt'), plan.updated && plural(plan.updated, 'existing excerpt')].filter(Boolean).join(' and ');
      notify('status', `Confirmed ${plural(mentions.length, 'mention')} of “${entity.name}” (${what}). ${UNDO_KEYS} takes ${mentions.length === 1 ? 'it' : 'them'} back.`);
    } catch (e) {
      focusNext.current = null;
      notify('error', `Not confirmed: ${errorMessage(e)}`);
    } finally {
      confirming.current = false;
    }
  };

  const found = search?.mentions.length ?? 0;
  const foundSources = new Set(search?.mentions.map((m) => m.sourceId)).size;
  let position = 0;

  return (
    <section className="entity-section entity-finder" aria-labelledby={`${id}-find`}>
      <h3 id={`${id}-find`} ref={headingRef} tabIndex={-1} className="entity-subhead">
        Find mentions
      </h3>
      <div className="entity-finder-bar">
        <button type="button" className="button" onClick={() => void find()} disabled={searching} aria-describedby={`${id}-find-hint`}>
          Find mentions in sources
        </button>
        {candidates.length > 0 && (
          <button type="button" className="button button-primary" onClick={() => void confirm(candidates, 0)} disabled={readOnly}>
            Confirm all ({candidates.length})
          </button>
        )}
      </div>
      <p id={`${id}-find-hint`} className="hint">
        Looks for {names.map((n) => `“${n}”`).join(', ')} as whole words in every source, ignoring case. Confirm an occurrence to keep it as a mention: the excerpt around it
        (or the sentence, when no excerpt covers it) then lists this entity.
      </p>
      <div role="status" className="entity-finder-status">
        {searching
          ? 'Searching the sources…'
          : search &&
            (found === 0
              ? 'No occurrences found in the sources.'
              : `Found ${plural(found, 'occurrence')} in ${plural(foundSources, 'source')}; ${candidates.length === 0 ? 'all confirmed' : `${candidates.length} not yet confirmed`}.`)}
      </div>
      {error && (
        <p role="alert" className="entity-alert">
          {error}
        </p>
      )}
      {search?.truncated && (
        <p className="entity-note">Only the first {SEARCH_LIMIT.toLocaleString('en')} occurrences are listed; there are more. Confirm these, then search again for the rest.</p>
      )}
      {stale && <p className="entity-note">The names have changed since this search. Search again to look for the new ones.</p>}
      <div ref={listRef}>
        {groups.map(({ sourceId, mentions }) => {
          const source = notebook.sources[sourceId];
          const headId = `${id}-s-${sourceId}`;
          return (
            <div key={sourceId} className="entity-candidate-group">
              <h4 id={headId} className="entity-candidate-source">
                <button type="button" className="link-button" onClick={() => onOpenSource(sourceId)}>
                  {source?.title ?? 'Untitled source'}
                </button>{' '}
                <span className="section-count">{mentions.length}</span>
              </h4>
              <ul className="entity-list-plain" aria-labelledby={headId}>
                {mentions.map((m) => {
                  const index = position++;
                  const contextId = `${id}-c-${mentionKey(m)}`;
                  const context = contextOf(m, source?.content.length ?? 0);
                  return (
                    <li key={mentionKey(m)} className="entity-candidate">
                      <p id={contextId} className="entity-context">
                        {context.before}
                        <mark className="entity-hit">{context.exact}</mark>
                        {context.after}
                      </p>
                      <button
                        type="button"
                        className="button button-small"
                        data-confirm=""
                        aria-describedby={contextId}
                        onClick={() => void confirm([m], index)}
                        disabled={readOnly}
                      >
                        Confirm
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </div>
    </section>
  );
}
