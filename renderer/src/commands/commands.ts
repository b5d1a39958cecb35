// Commands and their keys as data: what a shortcut is, whether a key press is it on this platform,
// how the platform writes it, and how the palette finds a command by words. Pure: never listens to
// keys, never runs a command itself, no DOM beyond reading a KeyboardEvent's fields.
import { isMac } from '../ui/format.js';

/** Keys are Ctrl-based on Windows and Linux and Cmd-based on macOS, and written differently on each. */
export type Platform = 'mac' | 'other';
export const PLATFORM: Platform = isMac ? 'mac' : 'other';

/**
 * One key combination. `key` is a lower-case letter, a digit, a symbol ('?', '/') or a key name as
 * KeyboardEvent.key spells it ('F6', 'ArrowDown', 'Enter', 'Escape', 'Home'). Modifiers not named
 * must be up, so Ctrl+Z never fires on Ctrl+Shift+Z.
 */
export interface Shortcut {
  key: string;
  /** The platform's command key: Ctrl on Windows and Linux, Cmd on macOS. */
  mod?: boolean;
  /** The Control key itself, on any platform (Ctrl+Y, the word keys of Windows and Linux). */
  ctrl?: boolean;
  alt?: boolean;
  shift?: boolean;
  /** Only on one platform (Ctrl+Y is Redo on Windows and Linux, not on macOS). */
  only?: Platform;
  /** Also while typing in a text field: for keys no field uses (F1, F6, Ctrl+Shift+P). */
  whileTyping?: boolean;
}

/** What the window's key handler reads from a key press (a KeyboardEvent has all of it). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** A symbol such as "?" needs Shift on one layout and not on another: its Shift is not compared. */
function isSymbol(key: string): boolean {
  return key.length === 1 && !/[a-z0-9]/i.test(key);
}

/**
 * Whether the key press is this shortcut. Letters compare by the character typed (so Ctrl+Z is
 * where Z is on an AZERTY keyboard), falling back to the physical key when the character is not a
 * Latin letter (Alt+R types "®" on macOS, Ctrl+Z types "я" on a Russian layout). Digits compare by
 * the physical key, because Shift and Alt change the character a digit key types.
 */
export function matches(press: KeyPress, shortcut: Shortcut, platform: Platform = PLATFORM): boolean {
  if (shortcut.only && shortcut.only !== platform) return false;
  const wantMeta = Boolean(shortcut.mod) && platform === 'mac';
  const wantCtrl = (Boolean(shortcut.mod) && platform === 'other') || Boolean(shortcut.ctrl);
  if (press.metaKey !== wantMeta || press.ctrlKey !== wantCtrl || press.altKey !== Boolean(shortcut.alt)) return false;
  const key = shortcut.key;
  if (isSymbol(key)) return press.key === key;
  if (press.shiftKey !== Boolean(shortcut.shift)) return false;
  if (/^[0-9]$/.test(key)) return press.code === `Digit${key}` || press.code === `Numpad${key}`;
  if (/^[a-z]$/.test(key)) {
    const typed = press.key.toLowerCase();
    if (/^[a-z]$/.test(typed)) return typed === key;
    return press.code === `Key${key.toUpperCase()}`;
  }
  return press.key === key;
}

export function matchesAny(press: KeyPress, shortcuts: readonly Shortcut[] | undefined, platform: Platform = PLATFORM): Shortcut | null {
  return shortcuts?.find((s) => matches(press, s, platform)) ?? null;
}

/** The shortcuts that exist on the platform. */
export function onPlatform(shortcuts: readonly Shortcut[] | undefined, platform: Platform = PLATFORM): Shortcut[] {
  return (shortcuts ?? []).filter((s) => !s.only || s.only === platform);
}

const MAC_KEYS: Record<string, string> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Enter: '↩',
  Escape: 'Esc',
  Tab: '⇥',
  Backspace: '⌫',
  Delete: '⌦',
  ' ': 'Space',
};

const OTHER_KEYS: Record<string, string> = {
  ArrowUp: 'Up Arrow',
  ArrowDown: 'Down Arrow',
  ArrowLeft: 'Left Arrow',
  ArrowRight: 'Right Arrow',
  Escape: 'Esc',
  Delete: 'Del',
  ' ': 'Space',
};

function keyName(key: string, platform: Platform): string {
  const named = (platform === 'mac' ? MAC_KEYS : OTHER_KEYS)[key];
  if (named) return named;
  return key.length === 1 ? key.toUpperCase() : key;
}

/**
 * A shortcut as the platform writes it: "Ctrl+Shift+P", "Alt+Down Arrow" on Windows and Linux;
 * "⇧⌘P", "⌥↓" on macOS (modifiers in Apple's order ⌃⌥⇧⌘, no separators).
 */
export function formatShortcut(shortcut: Shortcut, platform: Platform = PLATFORM): string {
  const key = keyName(shortcut.key, platform);
  const shift = Boolean(shortcut.shift) && !isSymbol(shortcut.key);
  if (platform === 'mac') {
    return `${shortcut.ctrl ? '⌃' : ''}${shortcut.alt ? '⌥' : ''}${shift ? '⇧' : ''}${shortcut.mod ? '⌘' : ''}${key}`;
  }
  const parts = [shortcut.mod || shortcut.ctrl ? 'Ctrl' : '', shortcut.alt ? 'Alt' : '', shift ? 'Shift' : '', key].filter(Boolean);
  return parts.join('+');
}

/** Every shortcut of a command on the platform, as written there: "Ctrl+Shift+Z or Ctrl+Y". */
export function formatShortcuts(shortcuts: readonly Shortcut[] | undefined, platform: Platform = PLATFORM): string {
  return onPlatform(shortcuts, platform)
    .map((s) => formatShortcut(s, platform))
    .join(' or ');
}

const ARIA_KEYS: Record<string, string> = { ' ': 'Space', Escape: 'Escape' };

/** The aria-keyshortcuts value (WAI-ARIA 1.2: "Control+Shift+P Meta+Shift+P", key names as KeyboardEvent.key). */
export function ariaKeyShortcuts(shortcuts: readonly Shortcut[] | undefined, platform: Platform = PLATFORM): string | undefined {
  const all = onPlatform(shortcuts, platform).map((s) => {
    const parts: string[] = [];
    if (s.ctrl || (s.mod && platform === 'other')) parts.push('Control');
    if (s.mod && platform === 'mac') parts.push('Meta');
    if (s.alt) parts.push('Alt');
    if (s.shift && !isSymbol(s.key)) parts.push('Shift');
    parts.push(ARIA_KEYS[s.key] ?? (s.key.length === 1 ? s.key.toUpperCase() : s.key));
    return parts.join('+');
  });
  return all.length ? all.join(' ') : undefined;
}

/**
 * One identity per physical combination on a platform, for finding two commands on one key:
 * "other:ctrl+shift+z". A symbol's Shift is left out, as `matches` leaves it out.
 */
export function shortcutIdentity(shortcut: Shortcut, platform: Platform): string | null {
  if (shortcut.only && shortcut.only !== platform) return null;
  const ctrl = shortcut.ctrl || (shortcut.mod && platform === 'other');
  const meta = shortcut.mod && platform === 'mac';
  const shift = shortcut.shift && !isSymbol(shortcut.key);
  return `${platform}:${ctrl ? 'ctrl+' : ''}${meta ? 'meta+' : ''}${shortcut.alt ? 'alt+' : ''}${shift ? 'shift+' : ''}${shortcut.key.toLowerCase()}`;
}

export type CommandGroup = 'Notebook' | 'Sources' | 'Excerpts' | 'Claims' | 'Edit' | 'Views' | 'Help';
export const COMMAND_GROUPS: readonly CommandGroup[] = ['Notebook', 'Sources', 'Excerpts', 'Claims', 'Edit', 'Views', 'Help'];

/**
 * An action the analyst can take, found in the palette and the shortcuts sheet, with the keys the
 * window listens for. `C` is what the app knows at the moment (open source, selection, read-only).
 */
export interface Command<C> {
  /** Stable, for tests and for the palette's option ids: "excerpt.link". */
  id: string;
  /** What an analyst calls it: "Link excerpt to claim". */
  title: string;
  group: CommandGroup;
  /** Other words it is found by in the palette ("merge" for Import notebook bundle). */
  keywords?: readonly string[];
  shortcuts?: readonly Shortcut[];
  /**
   * The window leaves the keys to whoever handles them (the reader's Ctrl/Cmd+E): listed in the
   * palette and the sheet, so they stay discoverable, but never dispatched twice.
   */
  keysHandledElsewhere?: boolean;
  /** Why it cannot run now, in the analyst's words ("Select a passage in the source text first."), or null when it can. */
  disabled?: (context: C) => string | null;
  run: (context: C) => void;
}

/** Where a key press happened, as far as choosing a command goes. */
export interface KeyTarget {
  /** Focus is in a text field, a select or editable content: letters and arrows are its own. */
  typing: boolean;
  /** Focus is in a text field with its own undo (a select has none): Ctrl/Cmd+Z is its own. */
  ownUndo: boolean;
  /** A dialog is open: its keys are its own, nothing behind it runs. */
  dialogOpen: boolean;
}

/**
 * The command a key press asks for, if the window should run it: never while a dialog is open,
 * never a key the focused field uses (plain keys while typing; Ctrl/Cmd keys in a field with its
 * own undo), never a key another part of the app handles.
 */
export function commandForKey<C>(commands: readonly Command<C>[], press: KeyPress, target: KeyTarget, platform: Platform = PLATFORM): Command<C> | null {
  if (target.dialogOpen) return null;
  for (const command of commands) {
    if (command.keysHandledElsewhere) continue;
    const shortcut = matchesAny(press, command.shortcuts, platform);
    if (!shortcut) continue;
    if (!shortcut.whileTyping && (shortcut.mod || shortcut.ctrl ? target.ownUndo : target.typing)) return null;
    return command;
  }
  return null;
}

/** The next (step 1) or previous (step -1) item of a list, going round at the ends. */
export function cycle<T>(list: readonly T[], current: T, step: 1 | -1): T {
  const at = list.indexOf(current);
  if (at < 0) return list[0]!;
  return list[(at + step + list.length) % list.length]!;
}

/** Keys of a part of the window that handles its own (the reader's text, the Link dialog), listed in the sheet. */
export interface KeyHelp {
  title: string;
  shortcuts: readonly Shortcut[];
}

export interface KeySection {
  title: string;
  /** Keys in one section act in one place; two entries of a section never share a key. */
  keys: readonly KeyHelp[];
}

/**
 * The reader's selection keys (handled by reader/keyboard-selection.ts): by character and line
 * with Shift, by word with Ctrl+Shift on Windows and Linux and Alt+Shift on macOS, where each
 * platform's text fields have them.
 */
export const READER_SELECTION_KEYS: KeySection = {
  title: 'Selecting text in the reader',
  keys: [
    { title: 'Extend or shrink the selection by a character', shortcuts: [{ key: 'ArrowRight', shift: true }, { key: 'ArrowLeft', shift: true }] },
    {
      title: 'Extend or shrink the selection by a word',
      shortcuts: [
        { key: 'ArrowRight', ctrl: true, shift: true, only: 'other' },
        { key: 'ArrowLeft', ctrl: true, shift: true, only: 'other' },
        { key: 'ArrowRight', alt: true, shift: true, only: 'mac' },
        { key: 'ArrowLeft', alt: true, shift: true, only: 'mac' },
      ],
    },
    { title: 'Extend or shrink the selection by a line', shortcuts: [{ key: 'ArrowDown', shift: true }, { key: 'ArrowUp', shift: true }] },
    { title: 'Select to the end or start of the line', shortcuts: [{ key: 'End', shift: true }, { key: 'Home', shift: true }] },
    { title: 'List the excerpts that cover the caret', shortcuts: [{ key: 'Enter', alt: true }] },
  ],
};

/** The Link dialog's keys; LinkDialog.tsx listens for exactly these. */
export const LINK_DIALOG = {
  nextRelation: [{ key: 'r', alt: true }],
  previousRelation: [{ key: 'r', alt: true, shift: true }],
  /** On the Relation field itself. */
  fieldNext: [{ key: 'ArrowRight' }],
  fieldPrevious: [{ key: 'ArrowLeft' }],
} as const satisfies Record<string, readonly Shortcut[]>;

export const LINK_DIALOG_KEYS: KeySection = {
  title: 'In the Link excerpt to claim dialog',
  keys: [
    { title: 'Next relation (anywhere in the dialog)', shortcuts: LINK_DIALOG.nextRelation },
    { title: 'Previous relation (anywhere in the dialog)', shortcuts: LINK_DIALOG.previousRelation },
    { title: 'Next or previous relation (on the Relation field)', shortcuts: [...LINK_DIALOG.fieldNext, ...LINK_DIALOG.fieldPrevious] },
    { title: 'Link (from Statement or Claimant)', shortcuts: [{ key: 'Enter' }] },
    { title: 'Cancel', shortcuts: [{ key: 'Escape' }] },
  ],
};

export const PALETTE_KEYS: KeySection = {
  title: 'In the command palette',
  keys: [
    { title: 'Move to the next or previous command', shortcuts: [{ key: 'ArrowDown' }, { key: 'ArrowUp' }] },
    { title: 'Run the command', shortcuts: [{ key: 'Enter' }] },
    { title: 'Close', shortcuts: [{ key: 'Escape' }] },
  ],
};

/** Words of a title or query, lower-case, without punctuation ("Open notebook…" → open, notebook). */
export function words(text: string): string[] {
  return text
    .toLocaleLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The palette's filter: every word of the query must begin a word of the command's title, its
 * keywords or its group, in any order ("claim link" finds "Link excerpt to claim"). Ranking: words
 * found in the title count more than keywords or the group, a title's first word more again, and a
 * title that starts with the whole query comes first; ties keep the registry's order, so the list
 * does not jump about while typing. An empty query lists everything in order.
 */
export function filterCommands<C>(commands: readonly Command<C>[], query: string): Command<C>[] {
  const wanted = words(query);
  if (!wanted.length) return [...commands];
  const whole = wanted.join(' ');
  const scored: { command: Command<C>; score: number; index: number }[] = [];
  commands.forEach((command, index) => {
    const title = words(command.title);
    const other = [...(command.keywords ?? []).flatMap(words), ...words(command.group)];
    let score = 0;
    for (const w of wanted) {
      const inTitle = title.findIndex((t) => t.startsWith(w));
      if (inTitle === 0) score += 3;
      else if (inTitle > 0) score += 2;
      else if (other.some((t) => t.startsWith(w))) score += 1;
      else return;
    }
    if (title.join(' ').startsWith(whole)) score += 4;
    scored.push({ command, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.command);
}

const GROUP_TITLES: Record<CommandGroup, string> = {
  Notebook: 'Notebook',
  Sources: 'Sources',
  Excerpts: 'Excerpts',
  Claims: 'Claims',
  Edit: 'Edit',
  Views: 'Views and panes',
  Help: 'Help',
};

/** The sections of the sheet: the commands that have keys, by group, then the keys of particular places. */
export function shortcutSections<C>(commands: readonly Command<C>[], platform: Platform = PLATFORM): KeySection[] {
  const sections: KeySection[] = [];
  for (const group of COMMAND_GROUPS) {
    const keys: KeyHelp[] = commands.filter((c) => c.group === group && onPlatform(c.shortcuts, platform).length > 0).map((c) => ({ title: c.title, shortcuts: c.shortcuts ?? [] }));
    if (keys.length) sections.push({ title: GROUP_TITLES[group], keys });
  }
  return [...sections, READER_SELECTION_KEYS, LINK_DIALOG_KEYS, PALETTE_KEYS];
}
