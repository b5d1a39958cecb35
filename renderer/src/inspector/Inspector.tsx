// The inspector pane: the selected excerpt with its tags, its note and the claims it is linked to,
// a claim (ClaimDetails), or a source's details. Shows nothing stale: a selection that vanished (undo, trash) is dropped
// by the app before it gets here.
import './inspector.css';
import { useId, useLayoutEffect, useRef } from 'react';
import type { Excerpt, Id, Notebook } from '../../../notebook/common/model.js';
import { libraryIndex } from '../library/library-index.js';
import { excerptPages } from '../reader/structure.js';
import { TagInput } from '../tags/TagInput.js';
import { NoteEditor } from '../ui/NoteEditor.js';
import { ClaimDetails } from './ClaimDetails.js';
import { ClaimLinkList } from './ClaimLinkList.js';
import { SourceDetails } from './SourceDetails.js';

export type Inspected = { kind: 'excerpt'; id: Id } | { kind: 'claim'; id: Id } | { kind: 'source'; id: Id };

export interface InspectorProps {
  notebook: Notebook;
  inspected: Inspected | null;
  readOnly: boolean;
  onInspectClaim: (id: Id) => void;
  /** Opens the excerpt's source in the reader with the excerpt selected and in view. */
  onShowExcerpt: (id: Id) => void;
  onLinkExcerpt: (id: Id) => void;
  /** Opens an entity's page (the claimant, a step of an attribution chain); without it, names are plain text. */
  onOpenEntity?: (id: Id) => void;
  onTrash: (target: { kind: 'excerpt' | 'claim' | 'source'; id: Id }) => void;
}

export function Inspector(props: InspectorProps) {
  const { notebook, inspected } = props;
  const excerpt = inspected?.kind === 'excerpt' ? notebook.excerpts[inspected.id] : undefined;
  const claim = inspected?.kind === 'claim' ? notebook.claims[inspected.id] : undefined;
  const source = inspected?.kind === 'source' ? notebook.sources[inspected.id] : undefined;
  // Something else to inspect starts at its top, not where the last one was scrolled to.
  const paneRef = useRef<HTMLElement>(null);
  const shown = inspected ? `${inspected.kind}:${inspected.id}` : '';
  useLayoutEffect(() => {
    if (paneRef.current) paneRef.current.scrollTop = 0;
  }, [shown]);
  return (
    <aside ref={paneRef} className="pane inspector" aria-label="Inspector">
      {excerpt ? (
        <ExcerptView {...props} excerpt={excerpt} />
      ) : claim ? (
        <ClaimDetails
          key={claim.id}
          notebook={notebook}
          claim={claim}
          readOnly={props.readOnly}
          onInspectClaim={props.onInspectClaim}
          onShowExcerpt={props.onShowExcerpt}
          onOpenEntity={props.onOpenEntity}
          onTrash={props.onTrash}
        />
      ) : source ? (
        <>
          <SourceDetails key={source.id} notebook={notebook} source={source} readOnly={props.readOnly} onInspectClaim={props.onInspectClaim} />
          {/* The source with its excerpts and their links goes as one step; File ▸ Trash… brings it all back. */}
          <div className="inspector-actions">
            <button type="button" className="button" onClick={() => props.onTrash({ kind: 'source', id: source.id })} disabled={props.readOnly}>
              Move source to trash
            </button>
          </div>
        </>
      ) : (
        <div className="empty-state empty-state-small">
          <h2>Nothing selected</h2>
          <p>Select an excerpt in the reader, or a claim in the library, to see what it is linked to. Source details shows a source’s metadata and file.</p>
        </div>
      )}
    </aside>
  );
}

function ExcerptView({ notebook, excerpt, readOnly, onInspectClaim, onShowExcerpt, onLinkExcerpt, onTrash }: InspectorProps & { excerpt: Excerpt }) {
  const id = useId();
  const source = notebook.sources[excerpt.sourceId];
  const links = libraryIndex(notebook).linksOutOf(excerpt.id).filter((l) => l.toKind === 'claim');
  const pages = excerptPages(source, excerpt);
  return (
    <div className="inspector-body">
      <div className="inspector-kind">
        <h2>Excerpt</h2>
      </div>
      <blockquote className="quote">{excerpt.selectors.quote.exact}</blockquote>
      {source && (
        <p className="inspector-source">
          From{' '}
          <button type="button" className="link-button" onClick={() => onShowExcerpt(excerpt.id)}>
            {source.title}
          </button>
          {pages && <span className="inspector-page">, {pages}</span>}
        </p>
      )}
      <div className="inspector-actions">
        <button type="button" className="button button-primary" onClick={() => onLinkExcerpt(excerpt.id)} disabled={readOnly}>
          Link to claim
        </button>
        <button type="button" className="button" onClick={() => onTrash({ kind: 'excerpt', id: excerpt.id })} disabled={readOnly}>
          Move to trash
        </button>
      </div>
      <h3 id={`${id}-links`} className="inspector-subhead">
        Linked claims
      </h3>
      <ClaimLinkList notebook={notebook} links={links} labelledBy={`${id}-links`} onInspectClaim={onInspectClaim} />
      {links.length === 0 && <p className="empty">Not linked to a claim yet. Link it to say which claim it supports, refutes or qualifies.</p>}
      <section className="inspector-tags" aria-labelledby={`${id}-tags`}>
        <h3 id={`${id}-tags`} className="inspector-subhead">
          Tags
        </h3>
        <TagInput key={excerpt.id} notebook={notebook} kind="excerpt" id={excerpt.id} tags={excerpt.tags} readOnly={readOnly} labelledBy={`${id}-tags`} />
      </section>
      <NoteEditor key={`note-${excerpt.id}`} notebook={notebook} target={{ kind: 'excerpt', id: excerpt.id }} readOnly={readOnly} />
    </div>
  );
}
