// Editing a claim in the inspector: the form's draft (strings, as the fields hold them), its checks
// named by field, and the one operation that saves it: an update of the claim, or a batch when an
// entity or a proposition is made along or another claim joins its group. Pure. Never puts a field
// into the operation that the analyst did not change.
import { NotebookError } from '../../../notebook/common/errors.js';
import { newId } from '../../../notebook/common/ids.js';
import { AttributionStep, type Claim, type Excerpt, type Id, type Link, type Notebook, type Proposition } from '../../../notebook/common/model.js';
import { inReadingOrder } from '../../../notebook/common/queries.js';
import type { Operation, SingleOperation } from '../../../notebook/common/operations.js';
import { EntityResolver, type EntityKind } from '../claims/claim-ops.js';
import type { Basis, ClaimStatus, Confidence, CredibilityGrade, LikelihoodTerm } from '../claims/grading.js';
import { formatCount } from '../ui/format.js';
import { dateProblem } from './source-edit.js';

export type Step = Claim['attribution'][number];
export type StepRole = Step['role'];
export const STEP_ROLES = AttributionStep.shape.role.options;
/** How a name that is no entity yet is kept: as a new entity of that kind, or as a plain label. */
export type StepKind = EntityKind | 'label';

export interface StepDraft {
  /** Stable while steps are added, removed and moved (React's key). */
  key: string;
  role: StepRole;
  /** The entity's name (or alias), or the label. */
  who: string;
  kind: StepKind;
  excerptId: Id | '';
  /** The step as saved. While the analyst leaves who it names alone, its entity or label is kept exactly. */
  original?: Step;
}

export interface ClaimEditDraft {
  statement: string;
  claimant: string;
  /** The kind a claimant is created with when no entity has that name. */
  claimantKind: EntityKind;
  polarity: Claim['polarity'];
  claimedAt: string;
  status: ClaimStatus;
  /** Comma separated; "/" separates the levels of a tag. */
  tags: string;
  credibility: CredibilityGrade | '';
  credibilityRationale: string;
  likelihood: LikelihoodTerm | '';
  confidence: Confidence | '';
  basis: Basis | '';
  assessmentRationale: string;
  attribution: StepDraft[];
  /** '' not grouped; 'p:<id>' an existing proposition; 'c:<id>' group with that claim; 'new' a new proposition. */
  proposition: string;
  /** The statement of a new proposition; empty means the claim's own statement. */
  newProposition: string;
  notes: string;
}

export const NEW_PROPOSITION = 'new';
export const propositionValue = (id: Id) => `p:${id}`;
export const groupWithValue = (claimId: Id) => `c:${claimId}`;

const isLive = <T extends { deletedAt?: string }>(o: T | undefined): o is T => o !== undefined && !o.deletedAt;
const fold = (text: string) => text.trim().toLocaleLowerCase();

/** Who a saved step names: its entity's name, or its label. */
export function stepName(notebook: Notebook, step: Step): string {
  return (step.entityId ? notebook.entities[step.entityId]?.name : undefined) ?? step.label;
}

export function draftOfClaim(notebook: Notebook, claim: Claim): ClaimEditDraft {
  const proposition = claim.propositionId ? notebook.propositions[claim.propositionId] : undefined;
  return {
    statement: claim.statement,
    claimant: (claim.claimantId ? notebook.entities[claim.claimantId]?.name : undefined) ?? '',
    claimantKind: 'person',
    polarity: claim.polarity,
    claimedAt: claim.claimedAt ?? '',
    status: claim.status,
    tags: claim.tags.join(', '),
    credibility: claim.credibility?.grade ?? '',
    credibilityRationale: claim.credibility?.rationale ?? '',
    likelihood: claim.assessment?.likelihood ?? '',
    confidence: claim.assessment?.confidence ?? '',
    basis: claim.assessment?.basis ?? '',
    assessmentRationale: claim.assessment?.rationale ?? '',
    attribution: claim.attribution.map((step, i) => ({
      key: `step-${i}`,
      role: step.role,
      who: stepName(notebook, step),
      kind: step.entityId ? 'person' : 'label',
      excerptId: step.excerptId ?? '',
      original: step,
    })),
    proposition: isLive(proposition) ? propositionValue(proposition.id) : '',
    newProposition: '',
    notes: claim.notes,
  };
}

let stepCounter = 0;

/** A new step for the chain: the first is the publisher, then the speaker, then intermediaries. */
export function newStep(steps: readonly StepDraft[]): StepDraft {
  const role: StepRole = steps.length === 0 ? 'publisher' : steps.some((s) => s.role === 'speaker') ? 'intermediary' : 'speaker';
  return { key: `new-${++stepCounter}`, role, who: '', kind: 'label', excerptId: '' };
}

/** The steps with step `index` moved by `delta` (−1 up, +1 down); unchanged when it would leave the chain. */
export function moveStep(steps: readonly StepDraft[], index: number, delta: -1 | 1): StepDraft[] {
  const to = index + delta;
  if (index < 0 || index >= steps.length || to < 0 || to >= steps.length) return [...steps];
  const next = [...steps];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

// ── Checks ─────────────────────────────────────────────────────────────────────────────────────

/** The form's fields that can be wrong, and their labels as the form shows them. */
export const FIELD_LABELS = {
  statement: 'Statement',
  claimedAt: 'Claimed on',
  tags: 'Tags',
  attribution: 'Attribution chain',
  proposition: 'Proposition',
  newProposition: 'New proposition',
} as const;
export type ProblemField = keyof typeof FIELD_LABELS | `step-${number}`;
export type ClaimProblems = Partial<Record<ProblemField, string>>;

const MAX_TAG = 200;
const MAX_TAGS = 200;
const MAX_STEPS = 20;

/**
 * Tags as typed, comma separated, into the stored list: each level trimmed ("weapons / artillery"
 * is "weapons/artillery"), empty levels and empty tags dropped, repeats kept once.
 */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw
      .split('/')
      .map((level) => level.trim())
      .filter(Boolean)
      .join('/');
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** What must be fixed before the draft can be saved, by field. */
export function claimProblems(notebook: Notebook, draft: ClaimEditDraft): ClaimProblems {
  const problems: ClaimProblems = {};
  const statement = draft.statement.trim();
  if (!statement) problems.statement = 'A claim needs a statement: the proposition as one sentence';
  else if (statement.length > 10_000) problems.statement = `A statement is at most 10,000 characters; this one has ${formatCount(statement.length)}`;
  const date = dateProblem(draft.claimedAt);
  if (date) problems.claimedAt = date;
  const tags = parseTags(draft.tags);
  const long = tags.find((t) => t.length > MAX_TAG);
  if (long) problems.tags = `“${long.slice(0, 40)}…” is longer than ${MAX_TAG} characters`;
  else if (tags.length > MAX_TAGS) problems.tags = `At most ${MAX_TAGS} tags; there are ${tags.length}`;
  if (draft.attribution.length > MAX_STEPS) problems.attribution = `At most ${MAX_STEPS} steps; there are ${draft.attribution.length}`;
  draft.attribution.forEach((step, i) => {
    if (!step.who.trim()) problems[`step-${i + 1}`] = `Step ${i + 1} names nobody: type an entity or a label, or remove the step`;
    else if (step.who.trim().length > 500) problems[`step-${i + 1}`] = `Step ${i + 1}: a name is at most 500 characters`;
  });
  const choice = parseChoice(draft.proposition);
  if (choice.type === 'existing' && !isLive(notebook.propositions[choice.id])) problems.proposition = 'That proposition is no longer in the notebook; choose another';
  if (choice.type === 'with-claim' && !isLive(notebook.claims[choice.id])) problems.proposition = 'That claim is no longer in the notebook; choose another';
  if (choice.type === 'new' && draft.newProposition.trim().length > 10_000) problems.newProposition = 'A proposition is at most 10,000 characters';
  return problems;
}

/** The label of a problem's field, as the message that names it begins: "Claimed on", "Step 2". */
export function problemLabel(field: ProblemField): string {
  return field.startsWith('step-') ? `Attribution step ${field.slice(5)}` : FIELD_LABELS[field as keyof typeof FIELD_LABELS];
}

// ── The operation ──────────────────────────────────────────────────────────────────────────────

type Choice = { type: 'none' } | { type: 'existing'; id: Id } | { type: 'with-claim'; id: Id } | { type: 'new' };

function parseChoice(value: string): Choice {
  if (value === NEW_PROPOSITION) return { type: 'new' };
  if (value.startsWith('p:')) return { type: 'existing', id: value.slice(2) };
  if (value.startsWith('c:')) return { type: 'with-claim', id: value.slice(2) };
  return { type: 'none' };
}

const stepKey = (s: Step) => JSON.stringify([s.role, s.label, s.entityId ?? null, s.excerptId ?? null]);
const sameSteps = (a: readonly Step[], b: readonly Step[]) => a.length === b.length && a.every((s, i) => stepKey(s) === stepKey(b[i]!));
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function stepOf(notebook: Notebook, draft: StepDraft, entities: EntityResolver): Step {
  const who = draft.who.trim();
  const original = draft.original;
  let named: Pick<Step, 'entityId' | 'label'>;
  if (original && who === stepName(notebook, original).trim() && (original.entityId !== undefined || draft.kind === 'label')) {
    named = original.entityId ? { entityId: original.entityId, label: original.label } : { label: original.label };
  } else {
    const entityId = draft.kind === 'label' ? entities.known(who) : entities.resolve(who, draft.kind);
    named = entityId ? { entityId, label: '' } : { label: who };
  }
  const step: Step = { role: draft.role, ...named };
  if (draft.excerptId) step.excerptId = draft.excerptId;
  return step;
}

/** The claim's new credibility, or undefined for "not graded". */
function credibilityOf(draft: ClaimEditDraft): Claim['credibility'] {
  return draft.credibility ? { grade: draft.credibility, rationale: draft.credibilityRationale } : undefined;
}

/** The claim's new assessment, or undefined when every part of it is empty. */
function assessmentOf(draft: ClaimEditDraft): Claim['assessment'] {
  const assessment: NonNullable<Claim['assessment']> = { rationale: draft.assessmentRationale };
  if (draft.likelihood) assessment.likelihood = draft.likelihood;
  if (draft.confidence) assessment.confidence = draft.confidence;
  if (draft.basis) assessment.basis = draft.basis;
  return draft.likelihood || draft.confidence || draft.basis || draft.assessmentRationale.trim() ? assessment : undefined;
}

const sameAssessment = (a: Claim['assessment'], b: Claim['assessment']) =>
  a === b || (a !== undefined && b !== undefined && a.likelihood === b.likelihood && a.confidence === b.confidence && a.basis === b.basis && a.rationale === b.rationale);

/**
 * Whether the claim's live proposition has no other claim referring to it (live or in the trash),
 * so leaving it would leave it empty: it then goes to the trash with the same step.
 */
export function propositionLeftEmpty(notebook: Notebook, claim: Claim): boolean {
  const id = claim.propositionId;
  if (!id || !isLive(notebook.propositions[id])) return false;
  return !Object.values(notebook.claims).some((c) => c.id !== claim.id && c.propositionId === id);
}

/**
 * The operation that saves the draft as it is, without checking it (the form uses it to tell
 * whether anything changed); null when nothing did. See claimEdit for the one to apply.
 */
export function claimChange(notebook: Notebook, claim: Claim, draft: ClaimEditDraft, at: string): Operation | null {
  const entities = new EntityResolver(notebook, at);
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  const put = <T>(field: keyof Claim, value: T | undefined, same: (a: T | undefined, b: T | undefined) => boolean) => {
    const before = claim[field] as T | undefined;
    if (same(value, before)) return;
    if (value === undefined) unset.push(field);
    else set[field] = value;
  };
  const eq = <T>(a: T, b: T) => a === b;

  put('statement', draft.statement.trim(), eq);
  put('polarity', draft.polarity, eq);

  // The claimant as saved stays while its name (or an alias of it) is still what the field says,
  // even if another entity shares that name.
  const claimant = draft.claimant.trim();
  const current = claim.claimantId ? notebook.entities[claim.claimantId] : undefined;
  const keepsClaimant = current && [current.name, ...current.aliases].some((n) => fold(n) === fold(claimant));
  put('claimantId', keepsClaimant ? current.id : entities.resolve(claimant, draft.claimantKind), eq);

  put('claimedAt', draft.claimedAt.trim() || undefined, eq);
  put('status', draft.status, eq);
  put('tags', parseTags(draft.tags), (a, b) => sameList(a ?? [], b ?? []));
  put('credibility', credibilityOf(draft), (a, b) => a === b || (a?.grade === b?.grade && a?.rationale === b?.rationale));
  put('assessment', assessmentOf(draft), sameAssessment);
  put('attribution', draft.attribution.map((s) => stepOf(notebook, s, entities)), (a, b) => sameSteps(a ?? [], b ?? []));
  put('notes', draft.notes, eq);

  // Grouping: a new proposition, or one made from another claim's statement with that claim
  // joining it, is created before the claim refers to it; a proposition the claim leaves with no
  // claim referring to it any more goes to the trash after.
  const before: SingleOperation[] = [];
  const after: SingleOperation[] = [];
  const choice = parseChoice(draft.proposition);
  let propositionId: Id | undefined;
  if (choice.type === 'existing') propositionId = choice.id;
  else if (choice.type === 'new') {
    propositionId = newId();
    const statement = draft.newProposition.trim() || draft.statement.trim();
    before.push({ type: 'create', kind: 'proposition', object: { id: propositionId, createdAt: at, updatedAt: at, statement } });
  } else if (choice.type === 'with-claim') {
    const other = notebook.claims[choice.id];
    const grouped = other?.propositionId && isLive(notebook.propositions[other.propositionId]) ? other.propositionId : undefined;
    if (grouped) propositionId = grouped;
    else if (other) {
      propositionId = newId();
      before.push({ type: 'create', kind: 'proposition', object: { id: propositionId, createdAt: at, updatedAt: at, statement: other.statement } });
      before.push({ type: 'update', kind: 'claim', id: other.id, set: { propositionId, updatedAt: at }, unset: [] });
    }
  }
  put('propositionId', propositionId, eq);
  const left = claim.propositionId;
  if (left && left !== propositionId && propositionLeftEmpty(notebook, claim)) after.push({ type: 'delete', kind: 'proposition', id: left, at });

  const update: SingleOperation[] = Object.keys(set).length || unset.length ? [{ type: 'update', kind: 'claim', id: claim.id, set: { ...set, updatedAt: at }, unset }] : [];
  const ops = [...entities.ops, ...before, ...update, ...after];
  if (ops.length === 0) return null;
  return ops.length === 1 ? ops[0]! : { type: 'batch', label: 'edit claim', ops };
}

/**
 * The operation that saves the draft: null when nothing changed. Throws NotebookError('invalid')
 * naming the first field that is wrong ("Claimed on: “2024-13” has no month 13 …"), changing nothing.
 */
export function claimEdit(notebook: Notebook, claim: Claim, draft: ClaimEditDraft, at: string): Operation | null {
  const problems = claimProblems(notebook, draft);
  const first = Object.keys(problems)[0] as ProblemField | undefined;
  if (first) throw new NotebookError('invalid', `${problemLabel(first)}: ${problems[first]}`);
  return claimChange(notebook, claim, draft, at);
}

// ── Choices the form offers ────────────────────────────────────────────────────────────────────

/**
 * Excerpts an attribution step can cite: the claim's evidence excerpts (`evidence`: its live links,
 * as queries.ts evidenceFor gives them) and any excerpt a step already cites (`cited`: besides the
 * saved steps', those of a draft), live, by source (oldest first), then in reading order. Not every
 * excerpt of the notebook: at 100,000 no one picks from that list, and building it took seconds.
 */
export function excerptChoices(notebook: Notebook, claim: Claim, evidence: readonly Link[], cited: readonly (Id | '')[] = []): Excerpt[] {
  const ids = new Set<Id>();
  for (const link of evidence) if (!link.deletedAt && link.toId === claim.id && link.fromKind === 'excerpt') ids.add(link.fromId);
  for (const step of claim.attribution) if (step.excerptId) ids.add(step.excerptId);
  for (const id of cited) if (id) ids.add(id);
  return [...ids]
    .map((id) => notebook.excerpts[id])
    .filter((e): e is Excerpt => isLive(e) && isLive(notebook.sources[e.sourceId]))
    .sort((a, b) => {
      const sa = notebook.sources[a.sourceId];
      const sb = notebook.sources[b.sourceId];
      return (sa?.createdAt ?? '').localeCompare(sb?.createdAt ?? '') || a.sourceId.localeCompare(b.sourceId) || inReadingOrder(a, b);
    });
}

export interface PropositionChoices {
  /** Live propositions with how many live claims each groups, alphabetical. */
  propositions: { proposition: Proposition; claims: number }[];
  /** The other live claims that are in no proposition, oldest first: "group with claim …". */
  ungrouped: Claim[];
}

export function propositionChoices(notebook: Notebook, claim: Claim): PropositionChoices {
  const counts = new Map<Id, number>();
  const ungrouped: Claim[] = [];
  for (const other of Object.values(notebook.claims)) {
    if (!isLive(other)) continue;
    if (other.propositionId && isLive(notebook.propositions[other.propositionId])) counts.set(other.propositionId, (counts.get(other.propositionId) ?? 0) + 1);
    else if (other.id !== claim.id) ungrouped.push(other);
  }
  const propositions = Object.values(notebook.propositions)
    .filter(isLive)
    .sort((a, b) => a.statement.localeCompare(b.statement))
    .map((proposition) => ({ proposition, claims: counts.get(proposition.id) ?? 0 }));
  ungrouped.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { propositions, ungrouped };
}

/** At most this many claims (and propositions) are offered to group with; a find box reaches the others. */
export const GROUP_CHOICE_LIMIT = 50;

/** What the library index gives the form, so it never walks every link of the notebook. */
export interface GroupIndex {
  readonly claimIds: readonly Id[];
  readonly propositionCounts: ReadonlyMap<Id, number>;
  linksInto(claimId: Id): Link[];
  linksOutOf(fromId: Id): Link[];
  excerptsOf(sourceId: Id): Excerpt[];
}

export interface GroupChoices extends PropositionChoices {
  /** How many other ungrouped claims there are in all, matching or not (more than `ungrouped` when limited). */
  ungroupedTotal: number;
  /** Of those, how many match what was to be found (all of them, beyond the limit, are counted). */
  matched: number;
  /** How many live propositions there are in all. */
  propositionTotal: number;
  /** Whether some choices are left out: the form then offers a find box. */
  limited: boolean;
}

/**
 * The choices of the Proposition field in a notebook of any size: every live proposition and every
 * other ungrouped claim while there are at most `limit` of each (as propositionChoices gives them);
 * beyond that, those matching every word of `find` (in the statement or the claimant's name), or
 * with nothing to find the claims nearest this one: those whose evidence shares a source with its
 * evidence, then those of the same claimant, then the newest. The draft's choice (`keep`) and the
 * claim's own proposition are always among them, so the field shows what is chosen.
 */
export function groupChoices(notebook: Notebook, claim: Claim, index: GroupIndex, options: { find?: string; keep?: string; limit?: number } = {}): GroupChoices {
  const limit = options.limit ?? GROUP_CHOICE_LIMIT;
  const words = (options.find ?? '').toLocaleLowerCase().split(/\s+/u).filter(Boolean);
  const keep = parseChoice(options.keep ?? '');
  const matches = (text: string) => {
    const folded = text.toLocaleLowerCase();
    return words.every((w) => folded.includes(w));
  };

  const allPropositions = Object.values(notebook.propositions).filter(isLive);
  const propositionTotal = allPropositions.length;
  let propositions = allPropositions;
  if (propositionTotal > limit) {
    const wanted = new Set([claim.propositionId, keep.type === 'existing' ? keep.id : undefined]);
    const found = words.length ? allPropositions.filter((p) => matches(p.statement)) : [];
    propositions = [...allPropositions.filter((p) => wanted.has(p.id)), ...found.filter((p) => !wanted.has(p.id)).slice(0, limit)];
  }

  const grouped = (c: Claim) => c.propositionId !== undefined && isLive(notebook.propositions[c.propositionId]);
  const ungroupedIds: Id[] = [];
  for (const id of index.claimIds) {
    const other = notebook.claims[id];
    if (id !== claim.id && isLive(other) && !grouped(other)) ungroupedIds.push(id);
  }
  const ungroupedTotal = ungroupedIds.length;
  let matched = 0;
  let ungrouped: Claim[];
  if (ungroupedTotal <= limit) ungrouped = ungroupedIds.map((id) => notebook.claims[id]!);
  else {
    const picked: Id[] = [];
    const take = (id: Id) => {
      if (picked.length < limit && !picked.includes(id)) picked.push(id);
    };
    const ungroupedSet = new Set(ungroupedIds);
    if (words.length) {
      for (const id of ungroupedIds) {
        const other = notebook.claims[id]!;
        const claimant = other.claimantId ? (notebook.entities[other.claimantId]?.name ?? '') : '';
        if (matches(`${other.statement}\n${claimant}`)) {
          matched++;
          take(id);
        }
      }
    } else {
      // Claims whose evidence comes from a source this claim's evidence comes from.
      const sources = new Set<Id>();
      for (const link of index.linksInto(claim.id)) {
        const excerpt = link.fromKind === 'excerpt' ? notebook.excerpts[link.fromId] : undefined;
        if (isLive(excerpt)) sources.add(excerpt.sourceId);
      }
      for (const sourceId of sources) for (const excerpt of index.excerptsOf(sourceId)) for (const link of index.linksOutOf(excerpt.id)) if (ungroupedSet.has(link.toId)) take(link.toId);
      if (claim.claimantId) for (let i = ungroupedIds.length - 1; i >= 0 && picked.length < limit; i--) if (notebook.claims[ungroupedIds[i]!]!.claimantId === claim.claimantId) take(ungroupedIds[i]!);
      for (let i = ungroupedIds.length - 1; i >= 0 && picked.length < limit; i--) take(ungroupedIds[i]!);
    }
    if (keep.type === 'with-claim' && ungroupedSet.has(keep.id) && !picked.includes(keep.id)) picked.unshift(keep.id);
    ungrouped = picked.map((id) => notebook.claims[id]!);
  }
  return {
    propositions: propositions
      .sort((a, b) => a.statement.localeCompare(b.statement))
      .map((proposition) => ({ proposition, claims: index.propositionCounts.get(proposition.id) ?? 0 })),
    ungrouped,
    ungroupedTotal,
    matched,
    propositionTotal,
    limited: ungroupedTotal > limit || propositionTotal > limit,
  };
}
