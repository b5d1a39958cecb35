// The "Edit claim" form in the inspector: statement, claimant, polarity, date, status, the grades
// with their published meanings, the attribution chain and the proposition, saved as one undoable
// operation (claim-edit.ts builds it). Tags are added and removed at once, apart from Save (each
// its own undo step), and the note has its own editor under the form: Save never touches either. Escape or Cancel closes it without saving; a draft
// left behind when the selection changes is kept (kept-drafts.ts), never silently dropped.
import { Field } from '../ui/Field.js';
import { useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { now } from '../../../notebook/common/ids.js';
import type { Claim, Excerpt, Notebook } from '../../../notebook/common/model.js';
import { errorMessage } from '../client.js';
import { EntityPicker } from '../claims/EntityPicker.js';
import {
  BASES,
  BASIS_MEANING,
  CLAIM_STATUSES,
  CONFIDENCES,
  CREDIBILITY_GRADES,
  credibilityLabel,
  LIKELIHOOD_TERMS,
  likelihoodLabel,
  type Basis,
  type ClaimStatus,
  type Confidence,
  type CredibilityGrade,
  type LikelihoodTerm,
} from '../claims/grading.js';
import { applyOperation } from '../state.js';
import { ellipsise, plural } from '../ui/format.js';
import { notify } from '../ui/toasts.js';
import {
  claimChange,
  claimEdit,
  claimProblems,
  draftOfClaim,
  excerptChoices,
  groupWithValue,
  moveStep,
  NEW_PROPOSITION,
  newStep,
  groupChoices,
  propositionLeftEmpty,
  propositionValue,
  STEP_ROLES,
  type ClaimEditDraft,
  type ProblemField,
  type StepDraft,
  type StepRole,
} from './claim-edit.js';
import { libraryIndex } from '../library/library-index.js';
import { dropDraft, keepDraft, keptDraft } from './kept-drafts.js';
import { TagInput } from '../tags/TagInput.js';

const sameDraft = (a: ClaimEditDraft, b: ClaimEditDraft) => JSON.stringify(a) === JSON.stringify(b);

export function ClaimEditForm({ notebook, claim, draftKey, onClose }: { notebook: Notebook; claim: Claim; draftKey: string; onClose: () => void }) {
  const id = useId();
  const [restored] = useState(() => keptDraft<ClaimEditDraft>(draftKey) !== undefined);
  const [draft, setDraft] = useState(() => keptDraft<ClaimEditDraft>(draftKey) ?? draftOfClaim(notebook, claim));
  const [shownFor, setShownFor] = useState(claim);
  const [touched, setTouched] = useState<ReadonlySet<ProblemField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The claim changed under the form (undo, redo, another view): a form with no edits of its own
  // follows it; one with edits keeps them, and Save compares with the claim as it is now.
  if (shownFor !== claim) {
    if (sameDraft(draft, draftOfClaim(notebook, shownFor))) setDraft(draftOfClaim(notebook, claim));
    setShownFor(claim);
  }

  // Tags and the note are saved apart from the form (TagInput, NoteEditor): the form always carries
  // them as they are now, so Save never puts back an older version of either.
  const live: ClaimEditDraft = { ...draft, tags: claim.tags.join(', '), notes: claim.notes };
  const problems = claimProblems(notebook, live);
  const dirty = Object.keys(problems).length > 0 || claimChange(notebook, claim, live, claim.updatedAt) !== null;
  const problem = (field: ProblemField) => (submitted || touched.has(field) ? problems[field] : undefined);
  const touch = (field: ProblemField) => setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));
  const edit = <K extends keyof ClaimEditDraft>(field: K, value: ClaimEditDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));

  // What was typed outlives the form: kept while it differs from the claim, so selecting another
  // object and coming back finds it; said out loud when the form goes away with it.
  const closing = useRef(false);
  const latest = useRef({ dirty, statement: draft.statement });
  useEffect(() => {
    latest.current = { dirty, statement: draft.statement };
    if (dirty) keepDraft(draftKey, draft);
    else dropDraft(draftKey);
  }, [dirty, draft, draftKey]);
  useEffect(
    () => () => {
      if (!closing.current && latest.current.dirty) {
        notify('status', `Your unsaved edits to “${ellipsise(latest.current.statement, 60)}” are kept: select the claim again to save them.`);
      }
    },
    [],
  );

  // Opened with Edit claim, the form starts on its first field, the claim's statement. Reopened
  // with a kept draft because the claim was selected, it leaves the focus where the analyst is.
  const statementRef = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    if (!restored) statementRef.current?.focus();
  }, [restored]);

  const close = () => {
    closing.current = true;
    dropDraft(draftKey);
    onClose();
  };

  const fieldId = (field: ProblemField) => `${id}-${field}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const invalid = Object.keys(problems) as ProblemField[];
    if (invalid.length) {
      setSubmitted(true);
      setError(`Not saved: ${plural(invalid.length, 'field needs', 'fields need')} fixing.`);
      document.getElementById(fieldId(invalid[0]!))?.focus();
      return;
    }
    let op;
    try {
      op = claimEdit(notebook, claim, live, now());
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    if (!op) {
      close();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await applyOperation(op);
      notify('status', 'Claim saved.');
      close();
    } catch (e) {
      setError(`The claim was not saved: ${errorMessage(e)}`);
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape' && !event.defaultPrevented && !event.nativeEvent.isComposing) {
      event.preventDefault();
      close();
    }
  };

  // Enter saves from the statement (one sentence), as in the New claim dialog; Shift+Enter breaks the line.
  const onStatementKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;
  const errorOf = (field: ProblemField) => problem(field) && `${fieldId(field)}-error`;

  return (
    <form className="details-form claim-form" aria-label="Edit claim" noValidate onSubmit={save} onKeyDown={onKeyDown} aria-busy={saving}>
      {restored && (
        <p role="note" className="notice">
          Unsaved edits kept from before. Save them, or Cancel to go back to the claim as saved.
        </p>
      )}
      <fieldset className="details-fields" disabled={saving}>
        <Field id={fieldId('statement')} label="Statement" error={problem('statement')}>
          <textarea
            ref={statementRef}
            id={fieldId('statement')}
            rows={3}
            value={draft.statement}
            aria-invalid={problem('statement') ? true : undefined}
            aria-describedby={describedBy(errorOf('statement'))}
            onChange={(e) => edit('statement', e.target.value)}
            onKeyDown={onStatementKeyDown}
            onBlur={() => touch('statement')}
          />
        </Field>
        <EntityPicker
          notebook={notebook}
          label="Claimant"
          value={draft.claimant}
          onChange={(value) => edit('claimant', value)}
          kind={draft.claimantKind}
          onKindChange={(kind) => edit('claimantKind', kind === 'label' ? 'person' : kind)}
          kindLabel="Kind of new claimant"
          suggestionsLabel="Known claimants"
          hint="Who makes the claim. Empty: not recorded."
        />
        <div className="field-row">
          <Field id={`${id}-polarity`} label="Polarity" grow>
            <select id={`${id}-polarity`} value={draft.polarity} onChange={(e) => edit('polarity', e.target.value === 'denies' ? 'denies' : 'asserts')}>
              <option value="asserts">asserts</option>
              <option value="denies">denies</option>
            </select>
          </Field>
          <Field id={`${id}-status`} label="Status" grow>
            <select id={`${id}-status`} value={draft.status} onChange={(e) => edit('status', e.target.value as ClaimStatus)}>
              {CLAIM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field id={fieldId('claimedAt')} label="Claimed on" error={problem('claimedAt')} hint="When it was said, not when the source was published: 2024-03-05, 2024-03 or 2024." hintId={`${id}-claimedAt-hint`}>
          <input
            id={fieldId('claimedAt')}
            type="text"
            inputMode="numeric"
            spellCheck={false}
            placeholder="YYYY-MM-DD"
            value={draft.claimedAt}
            aria-invalid={problem('claimedAt') ? true : undefined}
            aria-describedby={describedBy(`${id}-claimedAt-hint`, errorOf('claimedAt'))}
            onChange={(e) => edit('claimedAt', e.target.value)}
            onBlur={() => touch('claimedAt')}
          />
        </Field>
        <div className="field">
          <span id={`${id}-tags-label`} className="field-label">
            Tags
          </span>
          <TagInput notebook={notebook} kind="claim" id={claim.id} tags={claim.tags} readOnly={false} labelledBy={`${id}-tags-label`} />
          <span className="hint field-hint">Added and removed at once, each its own undo step; / for levels, e.g. weapons/artillery.</span>
        </div>

        <GradingFields id={id} draft={draft} edit={edit} />
        <ChainFields id={id} notebook={notebook} claim={claim} draft={draft} edit={edit} problem={problem} touch={touch} />
        <PropositionField id={id} notebook={notebook} claim={claim} draft={draft} edit={edit} problem={problem} saving={saving} />

      </fieldset>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="inspector-actions details-actions">
        {/* Pressing Save must not blur a field first: its error would appear, move Save, and the click would be lost. */}
        <button type="submit" className="button button-primary" disabled={saving} onMouseDown={(e) => e.preventDefault()}>
          Save
        </button>
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        {dirty && <span className="unsaved">Unsaved changes</span>}
      </div>
    </form>
  );
}

type Edit = <K extends keyof ClaimEditDraft>(field: K, value: ClaimEditDraft[K]) => void;

function GradingFields({ id, draft, edit }: { id: string; draft: ClaimEditDraft; edit: Edit }) {
  return (
    <fieldset className="fieldset grading-fieldset">
      <legend>Grading</legend>
      <Field id={`${id}-credibility`} label="Credibility" hint="Admiralty information credibility: how far the information itself can be believed." hintId={`${id}-credibility-hint`}>
        <select
          id={`${id}-credibility`}
          value={draft.credibility}
          aria-describedby={`${id}-credibility-hint`}
          onChange={(e) => edit('credibility', e.target.value as CredibilityGrade | '')}
        >
          <option value="">Not graded</option>
          {CREDIBILITY_GRADES.map((g) => (
            <option key={g} value={g}>
              {credibilityLabel(g)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-credibility-rationale`} label="Credibility rationale" hint={draft.credibility ? undefined : 'Choose a grade first'} hintId={`${id}-credibility-rationale-hint`}>
        <textarea
          id={`${id}-credibility-rationale`}
          rows={2}
          value={draft.credibilityRationale}
          disabled={!draft.credibility}
          aria-describedby={draft.credibility ? undefined : `${id}-credibility-rationale-hint`}
          onChange={(e) => edit('credibilityRationale', e.target.value)}
        />
      </Field>
      <Field id={`${id}-likelihood`} label="Likelihood" hint="Your assessment, in ICD 203 terms with their probability ranges." hintId={`${id}-likelihood-hint`}>
        <select
          id={`${id}-likelihood`}
          value={draft.likelihood}
          aria-describedby={`${id}-likelihood-hint`}
          onChange={(e) => edit('likelihood', e.target.value as LikelihoodTerm | '')}
        >
          <option value="">Not assessed</option>
          {LIKELIHOOD_TERMS.map((t) => (
            <option key={t} value={t}>
              {likelihoodLabel(t)}
            </option>
          ))}
        </select>
      </Field>
      <div className="field-row">
        <Field id={`${id}-confidence`} label="Confidence" grow>
          <select id={`${id}-confidence`} value={draft.confidence} onChange={(e) => edit('confidence', e.target.value as Confidence | '')}>
            <option value="">Not stated</option>
            {CONFIDENCES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-basis`} label="Basis" grow>
          <select
            id={`${id}-basis`}
            value={draft.basis}
            aria-describedby={draft.basis ? `${id}-basis-hint` : undefined}
            onChange={(e) => edit('basis', e.target.value as Basis | '')}
          >
            <option value="">Not stated</option>
            {BASES.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <p className="hint field-hint" id={`${id}-basis-hint`}>
        Confidence is in the assessment, apart from the likelihood.
        {draft.basis && ` Basis ${draft.basis}: ${BASIS_MEANING[draft.basis]}.`}
      </p>
      <Field id={`${id}-assessment-rationale`} label="Assessment rationale">
        <textarea id={`${id}-assessment-rationale`} rows={2} value={draft.assessmentRationale} onChange={(e) => edit('assessmentRationale', e.target.value)} />
      </Field>
    </fieldset>
  );
}

/** Excerpt choices by source, for a step's "Shown by excerpt". */
function excerptGroups(notebook: Notebook, excerpts: Excerpt[]): { title: string; excerpts: Excerpt[] }[] {
  const groups = new Map<string, { title: string; excerpts: Excerpt[] }>();
  for (const excerpt of excerpts) {
    const group = groups.get(excerpt.sourceId) ?? { title: notebook.sources[excerpt.sourceId]?.title ?? 'Source', excerpts: [] };
    group.excerpts.push(excerpt);
    groups.set(excerpt.sourceId, group);
  }
  return [...groups.values()];
}

function ChainFields({
  id,
  notebook,
  claim,
  draft,
  edit,
  problem,
  touch,
}: {
  id: string;
  notebook: Notebook;
  claim: Claim;
  draft: ClaimEditDraft;
  edit: Edit;
  problem: (field: ProblemField) => string | undefined;
  touch: (field: ProblemField) => void;
}) {
  const steps = draft.attribution;
  // The claim's evidence (and what steps already cite), from the index: never every excerpt of the notebook.
  const index = libraryIndex(notebook);
  const cited = steps.map((s) => s.excerptId).join(' ');
  const groups = useMemo(
    () => excerptGroups(notebook, excerptChoices(notebook, claim, index.linksInto(claim.id), cited.split(' '))),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- index.version stands for every change of the notebook
    [notebook, claim, index, index.version, cited],
  );
  // After a step moves, is added or removed, focus goes where the analyst's next press belongs.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const setSteps = (next: StepDraft[]) => edit('attribution', next);
  const change = (index: number, patch: Partial<StepDraft>) => setSteps(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const move = (index: number, delta: -1 | 1) => {
    const to = index + delta;
    // The button pressed may be disabled at the step's new place (Up on the first): then its other one.
    const button = (delta < 0 && to === 0) || (delta > 0 && to === steps.length - 1) ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down';
    focusNext.current = `${id}-step-${steps[index]!.key}-${button}`;
    setSteps(moveStep(steps, index, delta));
  };
  const remove = (index: number) => {
    const next = steps.filter((_, i) => i !== index);
    focusNext.current = next.length ? `${id}-step-${next[Math.min(index, next.length - 1)]!.key}-remove` : `${id}-add-step`;
    setSteps(next);
  };
  const add = () => {
    const step = newStep(steps);
    focusNext.current = `${id}-step-${steps.length + 1}`;
    setSteps([...steps, step]);
  };

  return (
    <fieldset className="fieldset chain-fieldset">
      <legend>Attribution chain</legend>
      <p className="hint field-hint">Reported speech, from who published it to who said it: publisher → intermediary → speaker. A step can cite the excerpt that shows it.</p>
      {problem('attribution') && <span className="field-error">{problem('attribution')}</span>}
      {steps.length > 0 && (
        <ol className="step-list">
          {steps.map((step, i) => {
            const n = i + 1;
            const stepId = `${id}-step-${step.key}`;
            return (
              <li key={step.key}>
                <fieldset className="step">
                  <legend>Step {n}</legend>
                  <Field id={`${stepId}-role`} label="Role">
                    <select id={`${stepId}-role`} value={step.role} onChange={(e) => change(i, { role: e.target.value as StepRole })}>
                      {STEP_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <EntityPicker
                    notebook={notebook}
                    inputId={`${id}-step-${n}`}
                    label="Who"
                    value={step.who}
                    onChange={(who) => change(i, { who })}
                    onBlur={() => touch(`step-${n}`)}
                    kind={step.kind}
                    onKindChange={(kind) => change(i, { kind })}
                    allowLabel
                    kindLabel="Record as"
                    suggestionsLabel={`Known entities for step ${n}`}
                    error={problem(`step-${n}`)}
                  />
                  <Field id={`${stepId}-excerpt`} label="Shown by excerpt">
                    <select id={`${stepId}-excerpt`} value={step.excerptId} onChange={(e) => change(i, { excerptId: e.target.value })}>
                      <option value="">None</option>
                      {groups.map((group) => (
                        <optgroup key={group.title + group.excerpts[0]!.id} label={ellipsise(group.title, 60)}>
                          {group.excerpts.map((excerpt) => (
                            <option key={excerpt.id} value={excerpt.id}>
                              “{ellipsise(excerpt.selectors.quote.exact, 70)}”
                            </option>
                          ))}
                        </optgroup>
                      ))}
                    </select>
                  </Field>
                  <div className="step-actions">
                    <button type="button" id={`${stepId}-up`} className="button button-small" aria-label={`Move step ${n} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                      <span aria-hidden="true">↑</span> Up
                    </button>
                    <button
                      type="button"
                      id={`${stepId}-down`}
                      className="button button-small"
                      aria-label={`Move step ${n} down`}
                      disabled={i === steps.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      <span aria-hidden="true">↓</span> Down
                    </button>
                    <button type="button" id={`${stepId}-remove`} className="button button-small" aria-label={`Remove step ${n}`} onClick={() => remove(i)}>
                      Remove
                    </button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      {steps.length === 0 && <p className="hint field-hint">No steps: the claimant’s own words, or not recorded.</p>}
      {groups.length === 0 && steps.length > 0 && <p className="hint field-hint">Shown by excerpt offers the claim’s evidence: link an excerpt as evidence to choose it here.</p>}
      <div>
        <button type="button" id={`${id}-add-step`} className="button button-small" onClick={add}>
          Add step
        </button>
      </div>
    </fieldset>
  );
}

function PropositionField({
  id,
  notebook,
  claim,
  draft,
  edit,
  problem,
  saving,
}: {
  id: string;
  notebook: Notebook;
  claim: Claim;
  draft: ClaimEditDraft;
  edit: Edit;
  problem: (field: ProblemField) => string | undefined;
  /** While the form saves, its fields are disabled and it closes once saved: the choices shown stay as they are. */
  saving: boolean;
}) {
  const [find, setFind] = useState('');
  const deferredFind = useDeferredValue(find);
  const index = libraryIndex(notebook);
  // Recomputed when the notebook changes, or what is found or chosen does; not on each keystroke
  // elsewhere in the form. Not while saving: the saved claim comes back as a change of the notebook
  // just before the form closes, and offering choices again walked every claim (40,000 at 100k) in
  // the task that redraws the views.
  const [basis, setBasis] = useState({ version: index.version, claim });
  if (!saving && (basis.version !== index.version || basis.claim !== claim)) setBasis({ version: index.version, claim });
  const choices = useMemo(
    () => groupChoices(notebook, basis.claim, index, { find: deferredFind, keep: draft.proposition }),
    [notebook, basis, index, deferredFind, draft.proposition],
  );
  const current = claim.propositionId ? notebook.propositions[claim.propositionId] : undefined;
  const currentValue = current && !current.deletedAt ? propositionValue(current.id) : '';
  const value = draft.proposition;
  let effect: ReactNode = null;
  if (value !== currentValue) {
    const leaving = current && currentValue && propositionLeftEmpty(notebook, claim) ? ` “${ellipsise(current.statement, 60)}” has no other claim and goes to the trash (Undo brings it back).` : '';
    if (value === '') effect = `Leaves the group.${leaving}`;
    else if (value.startsWith('c:')) {
      const other = notebook.claims[value.slice(2)];
      effect = other ? `Makes a proposition of “${ellipsise(other.statement, 80)}” and groups both claims in it.${leaving}` : null;
    } else if (value.startsWith('p:')) effect = `Joins the group.${leaving}`;
    else if (value === NEW_PROPOSITION) effect = `Starts a new group with this claim alone.${leaving}`;
  }
  const offered = choices.ungrouped.length;
  const found = deferredFind.trim() !== '';
  const describedBy = [`${id}-proposition-hint`, choices.limited && `${id}-proposition-offered`, effect && `${id}-proposition-effect`].filter(Boolean).join(' ');
  return (
    <div className="proposition-fields">
      {/* At thousands of claims a list of them all is unusable (and took seconds to build): the nearest are offered, the rest found by words. */}
      {choices.limited && (
        <Field id={`${id}-proposition-find`} label="Find a claim or proposition to group with">
          <input id={`${id}-proposition-find`} type="search" value={find} aria-describedby={`${id}-proposition-offered`} onChange={(e) => setFind(e.target.value)} />
        </Field>
      )}
      <Field
        id={`${id}-proposition`}
        label="Proposition"
        error={problem('proposition')}
        hint="What the claim is about, shared with other claims, so an assertion and its denial sit side by side."
        hintId={`${id}-proposition-hint`}
      >
        <select
          id={`${id}-proposition`}
          value={value}
          aria-describedby={describedBy}
          onChange={(e) => edit('proposition', e.target.value)}
        >
          <option value="">Not grouped</option>
          {choices.propositions.length > 0 && (
            <optgroup label="Propositions">
              {choices.propositions.map(({ proposition, claims }) => (
                <option key={proposition.id} value={propositionValue(proposition.id)}>
                  {ellipsise(proposition.statement, 80)} ({plural(claims, 'claim')})
                </option>
              ))}
            </optgroup>
          )}
          {choices.ungrouped.length > 0 && (
            <optgroup label="Group with claim">
              {choices.ungrouped.map((other) => (
                <option key={other.id} value={groupWithValue(other.id)}>
                  {ellipsise(other.statement, 80)}
                </option>
              ))}
            </optgroup>
          )}
          <option value={NEW_PROPOSITION}>New proposition…</option>
        </select>
      </Field>
      {choices.limited && (
        <p id={`${id}-proposition-offered`} className="hint field-hint">
          {found
            ? offered === 0 && choices.propositions.length === 0
              ? `No claim or proposition matches “${ellipsise(deferredFind.trim(), 40)}”.`
              : `${choices.matched > offered ? `Offering the first ${plural(offered, 'claim')} of ${plural(choices.matched, 'matching claim')}; more words narrow it.` : `Offering ${plural(offered, 'matching claim')}.`} ${plural(choices.ungroupedTotal, 'claim')} not grouped${choices.propositionTotal > 0 ? `, ${plural(choices.propositionTotal, 'proposition')}` : ''} in all.`
            : `Offering ${plural(offered, 'claim')} of ${plural(choices.ungroupedTotal, 'claim')} not grouped: those sharing a source or the claimant with this one, then the newest. Type above to find others.`}
        </p>
      )}
      {effect && (
        <p id={`${id}-proposition-effect`} className="hint field-hint">
          {effect}
        </p>
      )}
      {value === NEW_PROPOSITION && (
        <Field id={`${id}-newProposition`} label="New proposition" error={problem('newProposition')} hint="Empty: the claim’s own statement." hintId={`${id}-newProposition-hint`}>
          <textarea
            id={`${id}-newProposition`}
            rows={2}
            value={draft.newProposition}
            placeholder={draft.statement}
            aria-describedby={`${id}-newProposition-hint`}
            onChange={(e) => edit('newProposition', e.target.value)}
          />
        </Field>
      )}
    </div>
  );
}

