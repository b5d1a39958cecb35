// How dates, counts and quotes read on screen. Pure; never changes what is stored.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2024 → "2024", 2024-03 → "Mar 2024", 2024-03-05 → "5 Mar 2024": as precise as the analyst knew it. */
export function formatLooseDate(value: string | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return value;
  const [, year, month, day] = m;
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (!monthName) return year!;
  if (!day) return `${monthName} ${year}`;
  return `${Number(day)} ${monthName} ${year}`;
}

/** "Ann Lee", "Ann Lee and Bo Kim", "Ann Lee, Bo Kim and Cy Park", "Ann Lee et al." (four or more). */
export function formatAuthors(authors: readonly string[]): string {
  if (authors.length > 3) return `${authors[0]} et al.`;
  if (authors.length < 2) return authors[0] ?? '';
  return `${authors.slice(0, -1).join(', ')} and ${authors.at(-1)}`;
}

/**
 * 40000 → "40,000": thousands separated as the analyst reads them. Not toLocaleString, whose first
 * call builds a whole locale, and whose separator would change with the machine's language.
 */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 claim", "40,000 claims". */
export function plural(n: number, one: string, many = one + 's'): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A quote shortened for a list item; the full quote is always one click away. */
export function ellipsise(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The label of the platform's command key, for shortcut hints. */
export const MOD = isMac ? '⌘' : 'Ctrl+';

/** True when the key event is typed into a field that has its own editing (and its own undo). */
/** Whether the focused element undoes its own typing (a text field), so Ctrl+Z must be left to it; a select has no undo of its own. */
export function hasOwnUndo(target: EventTarget | null): boolean {
  return isTyping(target) && !(target instanceof HTMLSelectElement);
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
  return false;
}
