// The reader pane: the open source's title and provenance, its text with excerpts highlighted
// (headings and page breaks kept from the original), Save excerpt (button and Ctrl/Cmd+E), and
// the source's excerpts. Saving turns the selection into W3C selectors (code points + quote with
// context) and records it through the client. Goes where it is asked to (an excerpt, a search hit,
// flashed) once per request, and otherwise back to where the analyst last was in the source.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { describe, snapToGraphemes } from '../../../notebook/common/anchoring.js';
import { newId, now } from '../../../notebook/common/ids.js';
import type { Id, Notebook, Source } from '../../../notebook/common/model.js';
import { errorMessage } from '../client.js';
import { libraryIndex } from '../library/library-index.js';
import { applyOperation, retrySourceText, useSourceText } from '../state.js';
import { formatAuthors, formatLooseDate, isTyping, MOD, plural } from '../ui/format.js';
import { notify } from '../ui/toasts.js';
import { useSuggestionPreview } from '../suggest/preview.js';
import './reader.css';
import { ExcerptList } from './ExcerptList.js';
import { SourceText, type SourceTextHandle } from './SourceText.js';
import { recallPosition } from './position-memory.js';
import { pageCount } from './structure.js';
import { layoutText } from './text-layout.js';

/**
 * What the reader is asked to scroll to: an excerpt, or a passage of the open source (a search hit),
 * which is also flashed. `nonce` is fresh per request, so asking twice for the same place scrolls twice.
 */
export type Reveal = { excerptId: Id; nonce: number } | { sourceId: Id; range: { start: number; end: number }; flash: true; nonce: number };

/**
 * The newest reveal carried out. A reveal stays in the app's state after it is done; the reader
 * unmounts when another view is shown, and on its return it must not jump to an old request (it
 * goes back to where the analyst was). Nonces only grow, so one number per page is enough.
 */
let revealedNonce = 0;

/** Whether a reveal still waits to be carried out in the source shown. */
function revealPending(reveal: Reveal | null, notebook: Notebook, sourceId: Id | null): boolean {
  if (!reveal || reveal.nonce <= revealedNonce || !sourceId) return false;
  return 'excerptId' in reveal ? notebook.excerpts[reveal.excerptId]?.sourceId === sourceId : reveal.sourceId === sourceId;
}

export interface ReaderProps {
  notebook: Notebook;
  revision: number;
  source: Source | null;
  readOnly: boolean;
  selectedExcerptId: Id | null;
  reveal: Reveal | null;
  /** Selects an excerpt in the inspector; `reveal` also scrolls the text to it. */
  onSelectExcerpt: (id: Id, reveal: boolean) => void;
  /** Shows the source's details (metadata, grading, file) in the inspector. */
  onShowDetails: (id: Id) => void;
  /** The Suggestions panel is open on this source (the button shows it pressed). */
  suggestionsOpen?: boolean;
  /** Opens or closes the Suggestions panel; without it there is no Suggestions button. */
  onToggleSuggestions?: () => void;
}

export function Reader({ notebook, revision, source, readOnly, selectedExcerptId, reveal, onSelectExcerpt, onShowDetails, suggestionsOpen, onToggleSuggestions }: ReaderProps) {
  const sourceId = source?.id ?? null;
  const preview = useSuggestionPreview(sourceId);
  const textState = useSourceText(sourceId);
  const text = textState?.status === 'ready' ? textState.text : null;
  // While a long text arrives, its first lines are shown, when the source opens at its start: no
  // remembered place further on, no passage asked for. Saving waits for the whole text.
  const head =
    text === null && textState?.status === 'loading' && textState.head && sourceId && !revealPending(reveal, notebook, sourceId) && recallPosition(notebook.id, sourceId, Number.MAX_SAFE_INTEGER) === null
      ? textState.head
      : null;
  const shown = text ?? head;
  // The content (text, headings, page starts) never changes for a source: it is content-addressed.
  const content = source?.content;
  // Built once per text: the paragraphs to render and the code-point index every conversion uses.
  const layout = useMemo(() => (shown === null ? null : layoutText(shown, content ?? {})), [shown, content]);
  const allExcerpts = useMemo(() => {
    void revision;
    return sourceId ? libraryIndex(notebook).excerptsOf(sourceId) : [];
  }, [notebook, revision, sourceId]);
  // Over the first lines only, the excerpts that lie inside them.
  const partial = text === null && layout !== null;
  const headLength = partial ? layout.index.length : 0;
  const excerpts = useMemo(() => (headLength > 0 ? allExcerpts.filter((e) => e.selectors.position.end <= headLength) : allExcerpts), [allExcerpts, headLength]);
  const [hasSelection, setHasSelection] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [saving, setSaving] = useState(false);
  const textRef = useRef<SourceTextHandle>(null);

  const save = useCallback(async () => {
    if (!source || !layout || partial || saving) return;
    const picked = textRef.current?.selection();
    if (!picked) {
      notify('error', 'Select a passage in the source text first, then save it as an excerpt.');
      return;
    }
    setSaving(true);
    try {
      const range = snapToGraphemes(layout.text, picked, layout.index);
      const at = now();
      const id = newId();
      await applyOperation({
        type: 'create',
        kind: 'excerpt',
        object: { id, createdAt: at, updatedAt: at, sourceId: source.id, selectors: describe(layout.text, range, layout.index) },
      });
      textRef.current?.clearSelection();
      onSelectExcerpt(id, false);
      notify('status', 'Excerpt saved.');
    } catch (e) {
      notify('error', `The excerpt was not saved: ${errorMessage(e)}`);
    } finally {
      setSaving(false);
    }
  }, [source, layout, partial, saving, onSelectExcerpt]);

  // Ctrl/Cmd+E saves, wherever focus is, except while typing into a field or with a dialog open.
  useEffect(() => {
    if (!source || readOnly) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = MOD === '⌘' ? event.metaKey : event.ctrlKey;
      if (!mod || event.shiftKey || event.altKey || event.key.toLowerCase() !== 'e') return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      void save();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [source, readOnly, save]);

  // Once per request, when the text is there to scroll. A request for another source is stale
  // (the app opens the source it reveals in), and is dropped.
  useEffect(() => {
    if (!reveal || layout === null || partial || reveal.nonce <= revealedNonce) return;
    revealedNonce = reveal.nonce;
    if ('excerptId' in reveal) {
      const excerpt = notebook.excerpts[reveal.excerptId];
      if (excerpt && excerpt.sourceId === sourceId) textRef.current?.reveal(excerpt.selectors.position);
    } else if (reveal.sourceId === sourceId && source) {
      textRef.current?.reveal(reveal.range, { flash: `Showing the match in ${source.title}` });
    }
  }, [reveal, layout, partial, notebook, sourceId, source]);

  const selectExcerpt = useCallback((id: Id) => onSelectExcerpt(id, false), [onSelectExcerpt]);
  const revealExcerpt = useCallback((id: Id) => onSelectExcerpt(id, true), [onSelectExcerpt]);

  if (!source) {
    return (
      <main className="pane reader reader-empty" aria-label="Reader">
        <div className="empty-state">
          <h2>No source open</h2>
          <p>
            Add a source, or import files (web pages, PDF, Word, text): drop them on the window, paste them, or choose Import files… in the File menu. Then select a
            passage and save it as an excerpt.
          </p>
        </div>
      </main>
    );
  }

  const published = formatLooseDate(source.dates.published?.value);
  const pages = pageCount(source);
  const authors = formatAuthors(source.authors);
  const byline = [
    source.publisher,
    published,
    source.type !== 'article' ? source.type : '',
    pages ? plural(pages, 'page') : '',
  ].filter(Boolean);

  // Clicking the title block opens the details too (the button is the keyboard's way); a click
  // that ends a text selection in it is left alone, so the title can still be copied.
  const onHeadClick = () => {
    if (window.getSelection()?.isCollapsed !== false) onShowDetails(source.id);
  };

  return (
    <main className="pane reader" aria-label="Reader">
      <header className="reader-head">
        <div className="reader-titles" onClick={onHeadClick}>
          <h2 className="reader-title">{source.title}</h2>
          {authors && <p className="byline byline-authors">{authors}</p>}
          {byline.length > 0 && (
            <p className="byline">
              {byline.map((part, i) => (
                <span key={i} className="byline-part">
                  {part}
                </span>
              ))}
            </p>
          )}
          {source.url && <p className="byline byline-url">{source.url}</p>}
        </div>
        <div className="reader-actions">
          {onToggleSuggestions && (
            <button
              type="button"
              className="button reader-suggest"
              aria-pressed={Boolean(suggestionsOpen)}
              title="Who claims what in this source: suggested claims and entities to accept or dismiss"
              onClick={onToggleSuggestions}
            >
              Suggestions
            </button>
          )}
          <button type="button" className="button reader-details" onClick={() => onShowDetails(source.id)}>
            Source details
          </button>
          <button
            type="button"
            className="button button-primary reader-save"
            disabled={!hasSelection || readOnly || saving || text === null}
            onClick={() => void save()}
            aria-keyshortcuts={MOD === '⌘' ? 'Meta+E' : 'Control+E'}
          >
            Save excerpt
            <kbd aria-hidden="true" className="kbd">
              {MOD}E
            </kbd>
          </button>
        </div>
        <p id="reader-select-hint" className="visually-hidden">
          Select a passage with Shift and the arrow keys (add Control to go by word), then press {MOD}E to save it as an excerpt. Alt+Enter lists the
          excerpts under the caret.
        </p>
      </header>
      {source.content.notice && (
        <p role="note" className="reader-notice">
          {source.content.notice}
        </p>
      )}
      {textState?.status === 'error' ? (
        <div className="reader-problem">
          <p role="alert">The text of this source could not be read: {textState.message}</p>
          <button type="button" className="button" onClick={() => retrySourceText(source.id)}>
            Try again
          </button>
        </div>
      ) : layout === null ? (
        <p className="reader-loading" role="status">
          Loading the text…
        </p>
      ) : (
        <SourceText
          key={source.id}
          ref={textRef}
          layout={layout}
          notebook={notebook}
          sourceId={source.id}
          excerpts={excerpts}
          selectedExcerptId={selectedExcerptId}
          restorePosition={!revealPending(reveal, notebook, source.id)}
          onSelectExcerpt={selectExcerpt}
          onSelectionChange={setHasSelection}
          onAnnounce={setAnnouncement}
          preview={preview}
        />
      )}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <ExcerptList notebook={notebook} revision={revision} source={source} excerpts={allExcerpts} selectedExcerptId={selectedExcerptId} onSelect={revealExcerpt} />
    </main>
  );
}
