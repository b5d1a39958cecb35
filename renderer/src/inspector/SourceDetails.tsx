// The source in the inspector: its metadata as an edit form (title, type, authors, where and when it
// was published, Admiralty reliability, the source it reports), saved as one undoable update, and
// the facts of its file (media type, pages, sha256 of original and text, the original to download).
// Its tags and its note are changed apart from the form (each change one undo step). Also lists the
// claims the source bears on. Never saves a field the analyst did not change; never
// drops unsaved edits when the selection changes (they are kept); never shows the original's markup.
import { Field } from '../ui/Field.js';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { now } from '../../../notebook/common/ids.js';
import { RELIABILITY, SOURCE_TYPES, type Id, type Notebook, type Source, type SourceType } from '../../../notebook/common/model.js';
import { errorMessage } from '../client.js';
import { RelationLabel } from '../claims/RelationLabel.js';
import { pageCount } from '../reader/structure.js';
import { applyOperation, sourceFile } from '../state.js';
import { libraryIndex } from '../library/library-index.js';
import { claimsOfSourceIndexed } from './claim-links.js';
import { dropDraft, keepDraft, keptDraft } from './kept-drafts.js';
import { TagInput } from '../tags/TagInput.js';
import { NoteEditor } from '../ui/NoteEditor.js';
import { formatCount, plural } from '../ui/format.js';
import { bytesOfBase64, downloadName, saveBlob } from '../ui/download.js';
import { notify } from '../ui/toasts.js';
import {
  DATE_FIELDS,
  DATE_LABELS,
  dateOrigin,
  draftOf,
  draftProblems,
  GRADES,
  mediaTypeName,
  reportsChoices,
  sourceUpdate,
  type DateField,
  type DraftProblems,
  type Grade,
  type SourceDraft,
} from './source-edit.js';

export interface SourceDetailsProps {
  notebook: Notebook;
  source: Source;
  readOnly: boolean;
  /** Shows a claim this source bears on in the inspector. */
  onInspectClaim: (id: Id) => void;
}

const sameDraft = (a: SourceDraft, b: SourceDraft) => JSON.stringify(a) === JSON.stringify(b);

export function SourceDetails({ notebook, source, readOnly, onInspectClaim }: SourceDetailsProps) {
  const id = useId();
  const draftKey = `source:${source.id}`;
  const [draft, setDraft] = useState(() => keptDraft<SourceDraft>(draftKey) ?? draftOf(source));
  const [shownFor, setShownFor] = useState(source);
  const [showProblems, setShowProblems] = useState<ReadonlySet<keyof DraftProblems>>(new Set());
  const [saving, setSaving] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [find, setFind] = useState('');
  const deferredFind = useDeferredValue(find);

  // The source changed under the form (saved, undone, redone): a form with no edits of its own
  // follows it; one with edits keeps them, and Save still compares with the source as it is now.
  if (shownFor !== source) {
    if (sameDraft(draft, draftOf(shownFor))) setDraft(draftOf(source));
    setShownFor(source);
  }

  // The note has its own editor (NoteEditor): the form always carries it as it is now, so Save
  // never puts back an older note.
  const live: SourceDraft = { ...draft, notes: source.notes };
  const problems = draftProblems(live);
  const change = sourceUpdate(source, live, source.updatedAt);
  const dirty = change !== null;
  // Edits not saved outlive the form: kept while they differ from the source, so showing something
  // else and coming back finds them; said out loud when the form goes away with them.
  const unsaved = useRef(dirty);
  useEffect(() => {
    unsaved.current = dirty;
    if (dirty) keepDraft(draftKey, draft);
    else dropDraft(draftKey);
  }, [dirty, draft, draftKey]);
  useEffect(
    () => () => {
      if (unsaved.current) notify('status', 'Your unsaved edits to the source details are kept: open Source details again to save them.');
    },
    [],
  );
  const problem = (field: keyof DraftProblems) => (showProblems.has(field) ? problems[field] : undefined);
  const reveal = (field: keyof DraftProblems) => setShowProblems((s) => (s.has(field) ? s : new Set(s).add(field)));

  const edit = <K extends keyof SourceDraft>(field: K, value: SourceDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const editDate = (field: DateField, value: string) => setDraft((d) => ({ ...d, dates: { ...d.dates, [field]: value } }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving || readOnly) return;
    const invalid = Object.keys(problems) as (keyof DraftProblems)[];
    if (invalid.length) {
      setShowProblems(new Set(invalid));
      document.getElementById(`${id}-${invalid[0]}`)?.focus();
      return;
    }
    const op = sourceUpdate(source, live, now());
    if (!op) return;
    setSaving(true);
    try {
      await applyOperation(op);
      setShowProblems(new Set());
      notify('status', 'Source details saved.');
    } catch (e) {
      notify('error', `The source details were not saved: ${errorMessage(e)}`);
    } finally {
      setSaving(false);
    }
  };

  const revert = () => {
    setDraft(draftOf(source));
    setShowProblems(new Set());
  };

  const download = async () => {
    if (downloading) return;
    setDownloading(true);
    try {
      const file = await sourceFile(source.content.originalSha256);
      const bytes = await bytesOfBase64(file.dataBase64);
      saveBlob(new Blob([bytes], { type: file.mediaType }), downloadName(file.filename ?? source.content.filename, source.title, file.mediaType));
    } catch (e) {
      notify('error', `The original file could not be saved: ${errorMessage(e)}`);
    } finally {
      setDownloading(false);
    }
  };

  const currentParent = source.parentSourceId ? notebook.sources[source.parentSourceId] : undefined;
  // The choices come from the library index and are kept until the notebook, the source, the words to find or the choice change:
  // at 10,000 sources a list of them all took seconds to open.
  const index = libraryIndex(notebook);
  const choices = useMemo(
    () => reportsChoices(notebook, source, index.sourceIds, { find: deferredFind, keep: draft.parentSourceId }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- index.version stands for every change of the notebook
    [notebook, source, index, index.version, deferredFind, draft.parentSourceId],
  );
  const parents = choices.sources;
  const staleParent = currentParent && !parents.includes(currentParent) ? currentParent : undefined;
  const { content } = source;
  const pages = pageCount(source);

  const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

  return (
    <div className="inspector-body source-details">
      <div className="inspector-kind">
        <h2>Source</h2>
      </div>
      {content.notice && (
        <p role="note" className="notice">
          {content.notice}
        </p>
      )}
      <form className="details-form" noValidate onSubmit={save} aria-busy={saving}>
        <fieldset className="details-fields" disabled={readOnly}>
          <Field id={`${id}-title`} label="Title" error={problem('title')}>
            <textarea
              id={`${id}-title`}
              className="title-input"
              rows={2}
              value={draft.title}
              aria-invalid={problem('title') ? true : undefined}
              aria-describedby={describedBy(problem('title') && `${id}-title-error`)}
              onChange={(e) => edit('title', e.target.value.replace(/\n/g, ' '))}
              onBlur={() => reveal('title')}
            />
          </Field>
          <div className="field-row">
            <Field id={`${id}-type`} label="Type" grow>
              <select id={`${id}-type`} value={draft.type} onChange={(e) => edit('type', e.target.value as SourceType)}>
                {SOURCE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={`${id}-language`} label="Language" error={problem('language')} narrow>
              <input
                id={`${id}-language`}
                type="text"
                spellCheck={false}
                value={draft.language}
                aria-invalid={problem('language') ? true : undefined}
                aria-describedby={describedBy(problem('language') && `${id}-language-error`)}
                onChange={(e) => edit('language', e.target.value)}
                onBlur={() => reveal('language')}
              />
            </Field>
          </div>
          <Field id={`${id}-authors`} label="Authors" hint="One per line" hintId={`${id}-authors-hint`}>
            <textarea
              id={`${id}-authors`}
              rows={2}
              value={draft.authors}
              aria-describedby={`${id}-authors-hint`}
              onChange={(e) => edit('authors', e.target.value)}
            />
          </Field>
          <Field id={`${id}-publisher`} label="Publisher">
            <input id={`${id}-publisher`} type="text" value={draft.publisher} onChange={(e) => edit('publisher', e.target.value)} />
          </Field>
          <Field id={`${id}-url`} label="URL">
            <input id={`${id}-url`} type="url" inputMode="url" spellCheck={false} value={draft.url} onChange={(e) => edit('url', e.target.value)} />
          </Field>

          <fieldset className="fieldset details-dates">
            <legend>Dates</legend>
            <p className="hint dates-hint">2024-03-05, 2024-03 or 2024</p>
            {DATE_FIELDS.map((field) => {
              const inputId = `${id}-${field}`;
              const saved = source.dates[field];
              const typed = draft.dates[field].trim();
              const origin = typed === (saved?.value ?? '') ? dateOrigin(saved, content.mediaType) : typed ? 'typed by you (not saved yet)' : saved ? 'to be removed' : '';
              const error = problem(field);
              return (
                <div key={field} className="date-field">
                  <label htmlFor={inputId}>{DATE_LABELS[field]}</label>
                  <input
                    id={inputId}
                    type="text"
                    inputMode="numeric"
                    spellCheck={false}
                    placeholder="YYYY-MM-DD"
                    value={draft.dates[field]}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={describedBy(origin && `${inputId}-origin`, error && `${inputId}-error`)}
                    onChange={(e) => editDate(field, e.target.value)}
                    onBlur={() => reveal(field)}
                  />
                  {origin && (
                    <span id={`${inputId}-origin`} className="date-origin">
                      {origin}
                    </span>
                  )}
                  {error && (
                    <span id={`${inputId}-error`} className="field-error">
                      {error}
                    </span>
                  )}
                </div>
              );
            })}
          </fieldset>

          <Field
            id={`${id}-grade`}
            label="Reliability"
            hint={draft.grade ? `Admiralty source reliability ${draft.grade}: ${RELIABILITY[draft.grade].toLowerCase()}. Judges the source’s record, not this report.` : 'Admiralty source reliability, A (completely reliable) to E (unreliable); F when it cannot be judged.'}
            hintId={`${id}-grade-hint`}
          >
            <select id={`${id}-grade`} value={draft.grade} aria-describedby={`${id}-grade-hint`} onChange={(e) => edit('grade', e.target.value as Grade | '')}>
              <option value="">Not graded</option>
              {GRADES.map((g) => (
                <option key={g} value={g}>
                  {g} — {RELIABILITY[g]}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-rationale`} label="Reliability rationale" hint={draft.grade ? undefined : 'Choose a grade first'} hintId={`${id}-rationale-hint`}>
            <textarea
              id={`${id}-rationale`}
              rows={2}
              value={draft.rationale}
              disabled={!draft.grade}
              aria-describedby={draft.grade ? undefined : `${id}-rationale-hint`}
              onChange={(e) => edit('rationale', e.target.value)}
            />
          </Field>
          {choices.limited && (
            <Field id={`${id}-parent-find`} label="Find a source it reports">
              <input id={`${id}-parent-find`} type="search" value={find} aria-describedby={`${id}-parent-offered`} onChange={(e) => setFind(e.target.value)} />
            </Field>
          )}
          <Field id={`${id}-parent`} label="Reports" hint="For reported speech: the source this one reports" hintId={`${id}-parent-hint`}>
            <select
              id={`${id}-parent`}
              value={draft.parentSourceId}
              aria-describedby={choices.limited ? `${id}-parent-hint ${id}-parent-offered` : `${id}-parent-hint`}
              onChange={(e) => edit('parentSourceId', e.target.value)}
            >
              <option value="">None</option>
              {staleParent && <option value={staleParent.id}>{staleParent.title} (in the trash)</option>}
              {parents.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </Field>
          {choices.limited && (
            <p id={`${id}-parent-offered`} className="hint field-hint">
              {deferredFind.trim()
                ? choices.matched === 0
                  ? `No source matches “${deferredFind.trim().slice(0, 40)}”.`
                  : choices.matched > parents.length
                    ? `Offering the first ${plural(parents.length, 'source')} of ${plural(choices.matched, 'matching source')}; more words narrow it.`
                    : `Offering ${plural(choices.matched, 'matching source')} of ${plural(choices.total, 'source')}.`
                : `Offering the newest ${plural(parents.length, 'source')} of ${plural(choices.total, 'source')}. Type above to find others by title or publisher.`}
            </p>
          )}
        </fieldset>
        <div className="inspector-actions details-actions">
          {/* Pressing Save must not blur a field first: its error would appear, push Save down
              before the mouse is released, and the click would be lost. Submitting validates anyway. */}
          <button type="submit" className="button button-primary" disabled={!dirty || saving || readOnly} onMouseDown={(e) => e.preventDefault()}>
            Save
          </button>
          <button type="button" className="button" disabled={!dirty || saving} onClick={revert}>
            Revert
          </button>
          {dirty && <span className="unsaved">Unsaved changes</span>}
        </div>
      </form>

      <section className="inspector-tags" aria-labelledby={`${id}-tags`}>
        <h3 id={`${id}-tags`} className="inspector-subhead">
          Tags
        </h3>
        <TagInput notebook={notebook} kind="source" id={source.id} tags={source.tags} readOnly={readOnly} labelledBy={`${id}-tags`} />
      </section>
      <NoteEditor notebook={notebook} target={{ kind: 'source', id: source.id }} readOnly={readOnly} />

      <SourceClaims notebook={notebook} source={source} onInspectClaim={onInspectClaim} />

      <h3 className="inspector-subhead" id={`${id}-file`}>
        File
      </h3>
      <dl className="facts file-facts" aria-labelledby={`${id}-file`}>
        <Fact term="Format">
          {mediaTypeName(content.mediaType)}
          <span className="muted media-type">{content.mediaType}</span>
        </Fact>
        {content.filename && <Fact term="File name">{content.filename}</Fact>}
        {pages !== undefined && <Fact term="Pages">{formatCount(pages)}</Fact>}
        <Fact term="Characters">{formatCount(content.length)}</Fact>
        <Hash term="Original sha256" value={content.originalSha256} what="the original's" />
        <Hash term="Text sha256" value={content.textSha256} what="the text's" />
      </dl>
      <div className="inspector-actions">
        <button type="button" className="button" onClick={() => void download()} disabled={downloading} aria-busy={downloading}>
          Download original
        </button>
      </div>
    </div>
  );
}

/** "Kim Yo Jong denies", or just "denies" when the claimant is not recorded. */
const whoSays = (notebook: Notebook, claim: { claimantId?: Id | undefined; polarity: string }) =>
  [claim.claimantId ? notebook.entities[claim.claimantId]?.name : undefined, claim.polarity].filter(Boolean).join(' ');

/** Backlinks: the claims this source's excerpts are evidence for, each with the relations that tie them. */
function SourceClaims({ notebook, source, onInspectClaim }: { notebook: Notebook; source: Source; onInspectClaim: (id: Id) => void }) {
  const id = useId();
  const claims = claimsOfSourceIndexed(notebook, libraryIndex(notebook), source.id);
  return (
    <>
      <h3 className="inspector-subhead" id={`${id}-claims`}>
        Claims this source bears on
      </h3>
      {claims.length > 0 ? (
        <ul className="link-list" aria-labelledby={`${id}-claims`}>
          {claims.map(({ claim, links }) => (
            <li key={claim.id}>
              <button type="button" className="link-item" onClick={() => onInspectClaim(claim.id)}>
                <span className="relation-row">
                  {[...new Set(links.map((l) => l.relation))].map((relation) => (
                    <RelationLabel key={relation} relation={relation} />
                  ))}
                </span>
                <span className="link-text">{claim.statement}</span>
                <span className="link-source">
                  {whoSays(notebook, claim)} · {links.length === 1 ? '1 excerpt' : `${links.length} excerpts`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No excerpt of this source is linked to a claim yet.</p>
      )}
    </>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A sha256 in full, selectable, with a button that copies it. */
function Hash({ term, value, what }: { term: string; value: string; what: string }) {
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      notify('status', `Copied ${what} sha256.`);
    } catch {
      notify('error', `The clipboard refused the sha256; select it and copy it instead.`);
    }
  };
  return (
    <div className="hash-fact">
      <dt>{term}</dt>
      <dd>
        <code className="hash">
          {value.slice(0, 32)}
          <wbr />
          {value.slice(32)}
        </code>
        <button type="button" className="button button-small" aria-label={`Copy ${term}`} onClick={() => void copy()}>
          Copy
        </button>
      </dd>
    </div>
  );
}
