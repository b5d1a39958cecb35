// The Suggestions panel of the source the reader shows: the attributed statements the suggester
// found (read off the UI thread by the host), each editable, accepted as excerpt + claim + claimant
// + link in ONE undoable change, or dismissed for good; and the entities the source names. Nothing
// here changes the notebook until the analyst accepts, dismisses or adds. Pointing at a candidate
// highlights its passage in the reader.
import './suggest.css';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { newId, now } from '../../../notebook/common/ids.js';
import type { Id, Notebook, Source } from '../../../notebook/common/model.js';
import { acceptSuggestion, acceptSuggestions, addSuggestedEntity, dismissSuggestion, matchSuggestions } from '../../../notebook/common/suggest/accept.js';
import type { SuggestedClaim, SuggestedEntity, Suggestions } from '../../../notebook/common/suggest/types.js';
import { client, errorMessage } from '../client.js';
import { applyOperation } from '../state.js';
import { isMac, isTyping, plural } from '../ui/format.js';
import { notify } from '../ui/toasts.js';
import { AcceptAllDialog, type AcceptAllSummary } from './AcceptAllDialog.js';
import { showSuggestionPreview } from './preview.js';
import { SuggestedEntities } from './SuggestedEntities.js';
import { SuggestionCard } from './SuggestionCard.js';
import { claimOfCandidate, editedOf, keepDraft, keptDraft, rememberAccepted, type Draft } from './suggest-model.js';

const UNDO_KEYS = isMac ? '⌘Z' : 'Ctrl+Z';

export interface SuggestionsPanelProps {
  notebook: Notebook;
  revision: number;
  source: Source;
  readOnly: boolean;
  /** Fresh each time the analyst opens the panel: the focus moves into it then, not when it follows the reader to another source. */
  opened: number;
  onClose: () => void;
  onInspectClaim: (id: Id) => void;
  onOpenEntity: (id: Id) => void;
}

/** The opening of the panel that last took the focus (see `opened`). */
let focusedOpening = 0;

type Fetched = { sourceId: Id; asked: string } & ({ ok: true; suggestions: Suggestions } | { ok: false; message: string });

/**
 * The host's answer for the source. Asked again (quietly: what is shown stays until the answer
 * comes) when the analyst retries, and when the source's dismissed list changes, so an Undo of a
 * dismissal brings the candidate back. The host caches the work, so asking again is cheap.
 */
function useSuggestions(sourceId: Id, dismissedCount: number, attempt: number): { fetched: Fetched | null; loading: boolean } {
  const asked = `${sourceId}|${dismissedCount}|${attempt}`;
  const [fetched, setFetched] = useState<Fetched | null>(null);
  useEffect(() => {
    let current = true;
    client.suggestions({ sourceId }).then(
      (suggestions) => current && setFetched({ sourceId, asked, ok: true, suggestions }),
      (e: unknown) => current && setFetched({ sourceId, asked, ok: false, message: errorMessage(e) }),
    );
    return () => {
      current = false;
    };
  }, [sourceId, asked]);
  const mine = fetched?.sourceId === sourceId ? fetched : null;
  // A failed answer is not shown while a new attempt is under way: that attempt is "loading".
  const shown = mine && (mine.ok || mine.asked === asked) ? mine : null;
  return { fetched: shown, loading: !shown || shown.asked !== asked };
}

export function SuggestionsPanel({ notebook, revision, source, readOnly, opened, onClose, onInspectClaim, onOpenEntity }: SuggestionsPanelProps) {
  const id = useId();
  const [attempt, setAttempt] = useState(0);
  const { fetched, loading } = useSuggestions(source.id, source.dismissedSuggestions.length, attempt);
  const [busy, setBusy] = useState(false);
  const [confirmAll, setConfirmAll] = useState(false);
  // Drafts live in suggest-model (they outlast the panel); this only makes an edit re-render.
  const [, setDraftsVersion] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cards = useRef(new Map<string, HTMLElement>());

  // The answer against the notebook as it is now: dismissed ones gone, names matched to live entities.
  const current = useMemo(() => {
    void revision;
    return fetched?.ok ? matchSuggestions(notebook, source, fetched.suggestions) : null;
  }, [fetched, notebook, source, revision]);
  const dismissedCount = fetched?.ok ? fetched.suggestions.dismissed + (current?.dismissed ?? 0) : 0;
  const candidates = useMemo(() => {
    void revision;
    return (current?.claims ?? []).map((s) => ({ suggestion: s, claimId: claimOfCandidate(notebook, source.id, s) }));
  }, [current, notebook, source.id, revision]);
  const open = candidates.filter((c) => c.claimId === null);
  const entities = current?.entities ?? [];

  // The panel takes the focus when the analyst opens it (its heading), so the keyboard continues
  // here; after a dialog (the palette) has put the focus back where it was.
  useEffect(() => {
    if (opened === focusedOpening) return;
    focusedOpening = opened;
    requestAnimationFrame(() => headingRef.current?.focus());
  }, [opened]);
  // Nothing stays highlighted in the reader once the panel is gone.
  useEffect(() => () => showSuggestionPreview(null), []);

  const pointed = useRef<{ hover: SuggestedClaim | null; focus: SuggestedClaim | null }>({ hover: null, focus: null });
  const point = useCallback(
    (suggestion: SuggestedClaim, pointing: boolean, how: 'hover' | 'focus') => {
      const p = pointed.current;
      if (pointing) p[how] = suggestion;
      else if (p[how]?.key === suggestion.key) p[how] = null;
      const shown = p.hover ?? p.focus;
      showSuggestionPreview(shown ? { sourceId: source.id, start: shown.start, end: shown.end } : null);
    },
    [source.id],
  );

  const draftOf = (s: SuggestedClaim) => keptDraft(source.id, s);
  const setDraft = (s: SuggestedClaim, draft: Draft) => {
    keepDraft(source.id, s, draft);
    setDraftsVersion((v) => v + 1);
  };

  /** Where the focus goes when a card leaves the list: the next card, else the one before, else the heading. */
  const focusAfter = (key: string) => {
    const keys = open.map((c) => c.suggestion.key);
    const at = keys.indexOf(key);
    const next = keys[at + 1] ?? keys[at - 1];
    requestAnimationFrame(() => (next ? cards.current.get(next) : headingRef.current)?.focus());
  };

  const accept = async (s: SuggestedClaim) => {
    if (busy) return;
    setBusy(true);
    try {
      const op = acceptSuggestion(notebook, source.id, editedOf(notebook, s, draftOf(s)), { newId, at: now() }, entities);
      await applyOperation(op);
      const claim = op.type === 'batch' ? op.ops.find((o) => o.type === 'create' && o.kind === 'claim') : undefined;
      const claimId = claim?.type === 'create' ? (claim.object.id as Id) : null;
      if (claimId) rememberAccepted(source.id, s.key, claimId);
      notify('status', `Claim recorded with its excerpt. ${UNDO_KEYS} takes it back.`, claimId ? { label: 'Show claim', run: () => onInspectClaim(claimId) } : undefined);
    } catch (e) {
      notify('error', `The suggestion was not accepted: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const dismiss = async (s: SuggestedClaim) => {
    if (busy) return;
    setBusy(true);
    try {
      focusAfter(s.key);
      await applyOperation(dismissSuggestion(source, s.key, now()));
      notify('status', `Suggestion dismissed: it will not be offered again. ${UNDO_KEYS} brings it back.`);
    } catch (e) {
      notify('error', `The suggestion was not dismissed: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const addEntity = async (e: SuggestedEntity) => {
    if (busy) return;
    setBusy(true);
    try {
      await applyOperation(addSuggestedEntity(notebook, e, { newId, at: now() }));
      notify('status', `Entity “${e.name}” added. ${UNDO_KEYS} takes it back.`);
    } catch (err) {
      notify('error', `The entity was not added: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const allEdits = () => open.map((c) => editedOf(notebook, c.suggestion, draftOf(c.suggestion)));
  const summary = (): AcceptAllSummary => {
    try {
      const op = acceptSuggestions(notebook, source.id, allEdits(), { newId, at: now() }, entities);
      const ops = op.type === 'batch' ? op.ops : [op];
      const count = (kind: string) => ops.filter((o) => o.type === 'create' && o.kind === kind).length;
      return { claims: count('claim'), entities: count('entity'), excerpts: count('excerpt') };
    } catch {
      // The dialog's Accept all says what is wrong; the summary counts what there is.
      return { claims: open.length, entities: 0, excerpts: 0 };
    }
  };
  const acceptAll = async () => {
    const op = acceptSuggestions(notebook, source.id, allEdits(), { newId, at: now() }, entities);
    await applyOperation(op);
    const claims = op.type === 'batch' ? op.ops.filter((o) => o.type === 'create' && o.kind === 'claim') : [];
    open.forEach((c, i) => {
      const claim = claims[i];
      if (claim?.type === 'create') rememberAccepted(source.id, c.suggestion.key, claim.object.id as Id);
    });
    setConfirmAll(false);
    notify('status', `${plural(claims.length, 'claim')} recorded with their excerpts. ${UNDO_KEYS} takes them all back.`);
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const failed = fetched && !fetched.ok ? fetched.message : null;

  /** Closes the panel; the focus goes back to the reader's Suggestions button, which opened it. */
  const close = () => {
    onClose();
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.reader-suggest')?.focus());
  };
  // Escape closes, except while typing in a field (where it belongs to the field).
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !confirmAll && !isTyping(event.target)) {
      event.preventDefault();
      close();
    }
  };

  return (
    <aside className="pane sg-pane" aria-label="Suggestions" aria-busy={loading || undefined} onKeyDown={onKeyDown}>
      <div className="sg-head">
        <h2 ref={headingRef} tabIndex={-1} className="sg-title">
          Suggestions
        </h2>
        <button type="button" className="button button-small" onClick={close} aria-label="Close suggestions" title="Close (Esc)">
          Close
        </button>
      </div>
      <p className="sg-for">
        Attributed statements found in <cite>{source.title}</cite>. Nothing is recorded until you accept it.
      </p>
      {readOnly && <p className="sg-note">The notebook is open read-only: suggestions can be read, not accepted.</p>}

      {failed ? (
        <div className="sg-problem">
          <p role="alert">The suggestions could not be made: {failed}</p>
          <button type="button" className="button button-small" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      ) : !current ? (
        <p role="status" className="sg-loading">
          <span className="sg-spinner" aria-hidden="true" />
          Reading the source for who claims what…
        </p>
      ) : (
        <>
          <div className="sg-summary">
            <p role="status">
              {candidates.length === 0 ? 'No suggestions' : open.length === 0 ? 'All accepted' : `${open.length} to review`}
              {candidates.length > open.length && open.length > 0 && ` · ${candidates.length - open.length} accepted`}
              {dismissedCount > 0 && ` · ${dismissedCount} dismissed`}
            </p>
            {open.length > 1 && (
              <button type="button" className="button button-small" disabled={readOnly || busy} onClick={() => setConfirmAll(true)}>
                Accept all…
              </button>
            )}
          </div>
          {candidates.length === 0 ? (
            <p className="empty sg-empty">
              {dismissedCount > 0 ? 'Every statement found here was dismissed.' : 'No attributed statements (“officials said…”, “according to…”, “X denied…”) were found in this source.'}
            </p>
          ) : (
            <ul className="sg-list" aria-label="Suggested claims">
              {candidates.map(({ suggestion, claimId }) => (
                <SuggestionCard
                  key={suggestion.key}
                  notebook={notebook}
                  suggestion={suggestion}
                  entities={entities}
                  draft={draftOf(suggestion)}
                  onDraft={(draft) => setDraft(suggestion, draft)}
                  claimId={claimId}
                  readOnly={readOnly}
                  busy={busy}
                  onAccept={() => void accept(suggestion)}
                  onDismiss={() => void dismiss(suggestion)}
                  onShowClaim={onInspectClaim}
                  onPoint={(pointing, how) => point(suggestion, pointing, how)}
                  onElement={(element) => {
                    if (element) cards.current.set(suggestion.key, element);
                    else cards.current.delete(suggestion.key);
                  }}
                />
              ))}
            </ul>
          )}
          <h3 id={`${id}-entities`} className="sg-subhead">
            Suggested entities
          </h3>
          <SuggestedEntities notebook={notebook} entities={entities} labelledBy={`${id}-entities`} readOnly={readOnly} busy={busy} onAdd={(e) => void addEntity(e)} onOpenEntity={onOpenEntity} />
        </>
      )}
      {confirmAll && <AcceptAllDialog sourceTitle={source.title} summary={summary()} onAccept={acceptAll} onCancel={() => setConfirmAll(false)} />}
    </aside>
  );
}
