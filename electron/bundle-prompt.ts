// What the desktop app asks when the operating system hands it a notebook bundle (a double-click
// on a .corroborate.json, "Open with"): merge it into the open notebook? Pure: builds the question
// from the merge plan and reads the answer; main.ts shows it in a native message box. Choosing
// conflicts one by one stays the Merge dialog's (File ▸ Import notebook bundle…).
import type { KindCounts, MergePlan } from '../notebook/common/api.js';
import { COLLECTION, KINDS, type Id } from '../notebook/common/model.js';

/** "12 sources, 40 excerpts and 3 claims"; "nothing" when all are 0. */
export function countsText(counts: KindCounts): string {
  const parts = KINDS.filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${counts[k] === 1 ? k : COLLECTION[k]}`);
  if (!parts.length) return 'nothing';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

const total = (counts: KindCounts) => KINDS.reduce((n, k) => n + counts[k], 0);

export interface MergePrompt {
  type: 'question' | 'info';
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  /** The merge the button chosen asks for (every conflict resolved one way), or null for none. */
  resolutionsFor: (response: number) => Record<Id, 'mine' | 'theirs'> | null;
}

const IMPORT_HINT = 'To choose version by version, use File ▸ Import notebook bundle… instead.';

/** The question for merging `fileName` into the notebook `notebookName`, from what the merge would do. */
export function mergePrompt(fileName: string, notebookName: string, plan: MergePlan): MergePrompt {
  const into = notebookName.trim() ? `“${notebookName}”` : 'this notebook';
  const added = total(plan.added);
  const skipped = total(plan.skipped);
  const conflicts = plan.conflicts.length;
  const already = skipped ? ` ${skipped === 1 ? '1 object is' : `${skipped} objects are`} already in ${into}.` : '';
  if (!added && !conflicts) {
    return {
      type: 'info',
      message: `Nothing to merge from “${fileName}”`,
      detail: skipped ? `Everything in it is already in ${into} (${countsText(plan.skipped)}).` : 'The bundle is empty.',
      buttons: ['OK'],
      defaultId: 0,
      cancelId: 0,
      resolutionsFor: () => null,
    };
  }
  const adds = `It adds ${countsText(plan.added)}.${already}`;
  if (!conflicts) {
    return {
      type: 'question',
      message: `Merge “${fileName}” into ${into}?`,
      detail: `${adds} Undo takes the whole merge back.`,
      buttons: ['Merge', 'Cancel'],
      defaultId: 0,
      cancelId: 1,
      resolutionsFor: (response) => (response === 0 ? {} : null),
    };
  }
  const all = (which: 'mine' | 'theirs') => Object.fromEntries(plan.conflicts.map((c) => [c.id, which]));
  const example = plan.conflicts[0]!;
  const differ = `${conflicts === 1 ? 'One object differs' : `${conflicts} objects differ`} between the two (${example.kind} “${example.label}”${conflicts > 1 ? ', …' : ''}).`;
  return {
    type: 'question',
    message: `Merge “${fileName}” into ${into}?`,
    detail: `${added ? adds : `It adds nothing new.${already}`} ${differ} ${IMPORT_HINT} Undo takes the whole merge back.`,
    buttons: ['Merge, keeping my versions', 'Merge, taking theirs', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    resolutionsFor: (response) => (response === 0 ? all('mine') : response === 1 ? all('theirs') : null),
  };
}
