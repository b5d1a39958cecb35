// How the trash reads on screen: when something was trashed, what went with it, what restoring
// said. Pure; never changes the notebook.
import type { Kind } from '../../../notebook/common/model.js';
import { TRASH_KINDS, type TrashItem } from '../../../notebook/common/trash.js';

/** Each kind as the analyst says it: one, many, and the heading of its group in the trash. */
export const KIND_WORDS: Record<Kind, { one: string; many: string; heading: string }> = {
  source: { one: 'source', many: 'sources', heading: 'Sources' },
  excerpt: { one: 'excerpt', many: 'excerpts', heading: 'Excerpts' },
  claim: { one: 'claim', many: 'claims', heading: 'Claims' },
  entity: { one: 'entity', many: 'entities', heading: 'Entities' },
  proposition: { one: 'proposition', many: 'propositions', heading: 'Propositions' },
  question: { one: 'question', many: 'questions', heading: 'Questions' },
  hypothesis: { one: 'hypothesis', many: 'hypotheses', heading: 'Hypotheses' },
  link: { one: 'link', many: 'links', heading: 'Links' },
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number) => String(n).padStart(2, '0');
const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/**
 * "trashed just now", "trashed 5 minutes ago", "trashed today at 14:05", "trashed yesterday at
 * 09:30", "trashed on 3 Mar" (this year), "trashed on 3 Mar 2025": as precise as is useful to
 * find the thing again, in the analyst's local time.
 */
export function trashedWhen(deletedAt: string, now: Date): string {
  const at = new Date(deletedAt);
  if (Number.isNaN(at.getTime())) return 'trashed';
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return 'trashed just now';
  if (minutes < 60) return `trashed ${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const days = Math.round((dayStart(now) - dayStart(at)) / 86_400_000);
  if (days === 0) return `trashed today at ${time}`;
  if (days === 1) return `trashed yesterday at ${time}`;
  const date = `${at.getDate()} ${MONTHS[at.getMonth()]}`;
  return at.getFullYear() === now.getFullYear() ? `trashed on ${date}` : `trashed on ${date} ${at.getFullYear()}`;
}

/** "12 excerpts and 3 links", in the trash's kind order; '' when nothing. */
export function countsText(counts: Partial<Record<Kind, number>>): string {
  const parts = TRASH_KINDS.filter((k) => counts[k]).map((k) => `${counts[k]} ${counts[k] === 1 ? KIND_WORDS[k].one : KIND_WORDS[k].many}`);
  if (parts.length < 2) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** A label cut to one line for a list or a button's name; the whole label stays in the dialog's title attribute. */
export function shortLabel(label: string, max = 80): string {
  if (label.length <= max) return label;
  const cut = label.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** "the source “Wire report”" */
export function named(ref: { kind: Kind; label: string }, max = 80): string {
  return `the ${KIND_WORDS[ref.kind].one} “${shortLabel(ref.label, max)}”`;
}

/** What an item needs, for the line under it: "Needs the source “Wire report”, which comes back too." */
export function needsText(item: TrashItem): string {
  if (!item.needs.length) return '';
  const names = item.needs.map((n) => named(n, 60));
  const list = names.length < 2 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `Needs ${list}, which ${names.length === 1 ? 'comes' : 'come'} back too.`;
}

/** The status after restoring: "Restored the source “Wire report” with 2 excerpts. Ctrl+Z puts it back in the trash." */
export function restoredMessage(item: TrashItem, undoKeys: string): string {
  const went = countsText(item.withCounts);
  const needs = item.needs.length ? `, and ${item.needs.map((n) => named(n, 60)).join(', ')} it needs` : '';
  const them = went || needs ? 'them' : 'it';
  return `Restored ${named(item)}${went ? ` with ${went}` : ''}${needs}. ${undoKeys} puts ${them} back in the trash.`;
}
