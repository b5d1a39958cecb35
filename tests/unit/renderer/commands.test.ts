// Keys as the analyst presses them on each platform: which command a key press is, how each
// platform writes it, what the palette finds for a few typed words, and the sheet's sections.
import { describe, expect, it } from 'vitest';
import {
  ariaKeyShortcuts,
  commandForKey,
  cycle,
  filterCommands,
  formatShortcut,
  formatShortcuts,
  LINK_DIALOG,
  matches,
  matchesAny,
  shortcutSections,
  type Command,
  type KeyPress,
  type KeyTarget,
  type Shortcut,
} from '../../../renderer/src/commands/commands.js';

/** A key press: `key` as KeyboardEvent.key, with the physical key guessed for letters and digits unless given. */
function press(key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress {
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^[0-9]$/.test(key) ? `Digit${key}` : key;
  return { key, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

const UNDO: Shortcut = { key: 'z', mod: true };
const REDO: Shortcut[] = [{ key: 'z', mod: true, shift: true }, { key: 'y', ctrl: true, only: 'other' }];

describe('matching a key press to a shortcut', () => {
  it('takes Ctrl for the command key on Windows and Linux, Cmd on macOS, and never the other', () => {
    expect(matches(press('z', { ctrlKey: true }), UNDO, 'other')).toBe(true);
    expect(matches(press('z', { metaKey: true }), UNDO, 'other')).toBe(false);
    expect(matches(press('z', { metaKey: true }), UNDO, 'mac')).toBe(true);
    expect(matches(press('z', { ctrlKey: true }), UNDO, 'mac')).toBe(false);
  });

  it('keeps Ctrl+Z and Ctrl+Shift+Z apart, and takes Ctrl+Y as Redo only off macOS', () => {
    expect(matches(press('Z', { ctrlKey: true, shiftKey: true }), UNDO, 'other')).toBe(false);
    expect(matchesAny(press('Z', { ctrlKey: true, shiftKey: true }), REDO, 'other')).toEqual(REDO[0]);
    expect(matchesAny(press('y', { ctrlKey: true }), REDO, 'other')).toEqual(REDO[1]);
    expect(matchesAny(press('y', { ctrlKey: true }), REDO, 'mac')).toBeNull();
  });

  it('refuses a press with an extra modifier', () => {
    expect(matches(press('z', { ctrlKey: true, altKey: true }), UNDO, 'other')).toBe(false);
    expect(matches(press('z', { metaKey: true, ctrlKey: true }), UNDO, 'mac')).toBe(false);
    expect(matches(press('j', { shiftKey: true }), { key: 'j' }, 'other')).toBe(false);
  });

  it('reads digits from the physical key, since Alt and Shift change the character they type', () => {
    const alt3: Shortcut = { key: '3', alt: true };
    // Alt+3 types "£" on a British Mac; an AZERTY keyboard types "\"" on the 3 key.
    expect(matches({ key: '£', code: 'Digit3', ctrlKey: false, metaKey: false, altKey: true, shiftKey: false }, alt3, 'mac')).toBe(true);
    expect(matches({ key: '"', code: 'Digit3', ctrlKey: false, metaKey: false, altKey: true, shiftKey: false }, alt3, 'other')).toBe(true);
    expect(matches({ key: '3', code: 'Digit4', ctrlKey: false, metaKey: false, altKey: true, shiftKey: false }, alt3, 'other')).toBe(false);
  });

  it('reads letters from the character typed, and from the physical key when that is no Latin letter', () => {
    const altR = LINK_DIALOG.nextRelation[0];
    // Alt+R types "®" on macOS; Ctrl+Z types "я" on a Russian layout.
    expect(matches({ key: '®', code: 'KeyR', ctrlKey: false, metaKey: false, altKey: true, shiftKey: false }, altR, 'mac')).toBe(true);
    expect(matches({ key: 'я', code: 'KeyZ', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false }, UNDO, 'other')).toBe(true);
    // On AZERTY the Z is where QWERTY has W: the letter typed decides, not the position.
    expect(matches({ key: 'z', code: 'KeyW', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false }, UNDO, 'other')).toBe(true);
    expect(matches({ key: 'w', code: 'KeyZ', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false }, UNDO, 'other')).toBe(false);
  });

  it('takes "?" however the layout makes it (with Shift or without)', () => {
    expect(matches(press('?', { shiftKey: true }), { key: '?' }, 'other')).toBe(true);
    expect(matches(press('?'), { key: '?' }, 'mac')).toBe(true);
    expect(matches(press('/'), { key: '?' }, 'other')).toBe(false);
    expect(matches(press('?', { ctrlKey: true, shiftKey: true }), { key: '?' }, 'other')).toBe(false);
  });

  it('matches named keys exactly, Shift included', () => {
    expect(matches(press('F6'), { key: 'F6' }, 'other')).toBe(true);
    expect(matches(press('F6', { shiftKey: true }), { key: 'F6' }, 'other')).toBe(false);
    expect(matches(press('F6', { shiftKey: true }), { key: 'F6', shift: true }, 'other')).toBe(true);
    expect(matches(press('ArrowDown', { altKey: true }), { key: 'ArrowDown', alt: true }, 'mac')).toBe(true);
  });
});

describe('writing a shortcut the way the platform does', () => {
  it('writes Windows and Linux keys with plus signs and words', () => {
    expect(formatShortcut({ key: 'p', mod: true, shift: true }, 'other')).toBe('Ctrl+Shift+P');
    expect(formatShortcut({ key: 'ArrowDown', alt: true }, 'other')).toBe('Alt+Down Arrow');
    expect(formatShortcut({ key: 'ArrowRight', ctrl: true, shift: true }, 'other')).toBe('Ctrl+Shift+Right Arrow');
    expect(formatShortcut({ key: 'F6', shift: true }, 'other')).toBe('Shift+F6');
    expect(formatShortcut({ key: '?' }, 'other')).toBe('?');
  });

  it('writes macOS keys as symbols in Apple’s order (⌃⌥⇧⌘), without separators', () => {
    expect(formatShortcut({ key: 'p', mod: true, shift: true }, 'mac')).toBe('⇧⌘P');
    expect(formatShortcut({ key: 'ArrowDown', alt: true }, 'mac')).toBe('⌥↓');
    expect(formatShortcut({ key: 'r', alt: true, shift: true }, 'mac')).toBe('⌥⇧R');
    expect(formatShortcut({ key: 'e', mod: true }, 'mac')).toBe('⌘E');
  });

  it('lists only the platform’s shortcuts of a command', () => {
    expect(formatShortcuts(REDO, 'other')).toBe('Ctrl+Shift+Z or Ctrl+Y');
    expect(formatShortcuts(REDO, 'mac')).toBe('⇧⌘Z');
  });

  it('gives aria-keyshortcuts in the WAI-ARIA spelling', () => {
    expect(ariaKeyShortcuts(REDO, 'other')).toBe('Control+Shift+Z Control+Y');
    expect(ariaKeyShortcuts([{ key: 'l', mod: true }], 'mac')).toBe('Meta+L');
    expect(ariaKeyShortcuts([{ key: 'ArrowDown', alt: true }], 'other')).toBe('Alt+ArrowDown');
    expect(ariaKeyShortcuts([], 'other')).toBeUndefined();
  });
});

type Ctx = { ran: string[] };
const command = (id: string, title: string, shortcuts: Shortcut[] = [], extra: Partial<Command<Ctx>> = {}): Command<Ctx> => ({
  id,
  title,
  group: 'Edit',
  shortcuts,
  run: (c) => c.ran.push(id),
  ...extra,
});

describe('choosing the command a key press asks for', () => {
  const commands = [
    command('undo', 'Undo', [UNDO]),
    command('next', 'Next excerpt', [{ key: 'j' }]),
    command('palette', 'Commands…', [{ key: 'p', mod: true, shift: true, whileTyping: true }]),
    command('save', 'Save excerpt', [{ key: 'e', mod: true }], { keysHandledElsewhere: true }),
  ];
  const idle: KeyTarget = { typing: false, ownUndo: false, dialogOpen: false };
  const inTextField: KeyTarget = { typing: true, ownUndo: true, dialogOpen: false };
  const inSelect: KeyTarget = { typing: true, ownUndo: false, dialogOpen: false };

  it('runs a key where nothing else wants it', () => {
    expect(commandForKey(commands, press('z', { ctrlKey: true }), idle, 'other')?.id).toBe('undo');
    expect(commandForKey(commands, press('j'), idle, 'other')?.id).toBe('next');
  });

  it('leaves letters to a field and Ctrl+Z to a field that undoes its own typing, but not to a select', () => {
    expect(commandForKey(commands, press('j'), inTextField, 'other')).toBeNull();
    expect(commandForKey(commands, press('j'), inSelect, 'other')).toBeNull();
    expect(commandForKey(commands, press('z', { ctrlKey: true }), inTextField, 'other')).toBeNull();
    expect(commandForKey(commands, press('z', { ctrlKey: true }), inSelect, 'other')?.id).toBe('undo');
  });

  it('opens the palette even while typing, but nothing at all while a dialog is open', () => {
    expect(commandForKey(commands, press('P', { ctrlKey: true, shiftKey: true }), inTextField, 'other')?.id).toBe('palette');
    expect(commandForKey(commands, press('P', { ctrlKey: true, shiftKey: true }), { ...idle, dialogOpen: true }, 'other')).toBeNull();
    expect(commandForKey(commands, press('z', { ctrlKey: true }), { ...idle, dialogOpen: true }, 'other')).toBeNull();
  });

  it('never takes a key another part of the app handles (the reader’s Ctrl+E)', () => {
    expect(commandForKey(commands, press('e', { ctrlKey: true }), idle, 'other')).toBeNull();
  });
});

describe('the palette’s filter', () => {
  const commands = [
    command('add', 'Add source', [], { group: 'Sources', keywords: ['paste'] }),
    command('link', 'Link excerpt to claim', [], { group: 'Excerpts' }),
    command('new-claim', 'New claim', [], { group: 'Claims' }),
    command('next', 'Next excerpt', [], { group: 'Excerpts' }),
    command('bundle', 'Import notebook bundle…', [], { group: 'Notebook', keywords: ['merge'] }),
    command('open', 'Open notebook…', [], { group: 'Notebook' }),
    command('board', 'Claims board', [], { group: 'Views', keywords: ['notebook overview'] }),
  ];
  const ids = (query: string) => filterCommands(commands, query).map((c) => c.id);

  it('lists everything in the registry’s order for an empty query', () => {
    expect(ids('')).toEqual(['add', 'link', 'new-claim', 'next', 'bundle', 'open', 'board']);
    expect(ids('   ')).toEqual(ids(''));
  });

  it('finds words in any order, each by the start of a word', () => {
    expect(ids('claim link')).toEqual(['link']);
    expect(ids('exc')).toEqual(['link', 'next']);
    expect(ids('xcerpt')).toEqual([]);
  });

  it('ranks a title that starts with the query above one that only contains it', () => {
    expect(ids('claim')).toEqual(['board', 'link', 'new-claim']);
    expect(ids('claims b')).toEqual(['board']);
    // Titles that begin with the word first; then titles with it later; the registry's order among equals.
    expect(ids('n')).toEqual(['new-claim', 'next', 'bundle', 'open', 'board']);
  });

  it('finds a command by its keywords and group, below title matches', () => {
    expect(ids('merge')).toEqual(['bundle']);
    expect(ids('paste')).toEqual(['add']);
    expect(ids('notebook')).toEqual(['bundle', 'open', 'board']);
  });

  it('ignores case and punctuation', () => {
    expect(ids('OPEN NOTEBOOK…')).toEqual(['open']);
  });
});

describe('cycling through a list (the Link dialog’s relation)', () => {
  const relations = ['supports', 'refutes', 'qualifies', 'context', 'contradicts'] as const;
  it('goes forward and back, round at the ends', () => {
    expect(cycle(relations, 'supports', 1)).toBe('refutes');
    expect(cycle(relations, 'contradicts', 1)).toBe('supports');
    expect(cycle(relations, 'supports', -1)).toBe('contradicts');
  });
});

describe('the shortcuts sheet', () => {
  const commands = [
    command('link', 'Link excerpt to claim', [{ key: 'l', mod: true }], { group: 'Excerpts' }),
    command('redo', 'Redo', REDO),
    command('folder', 'Import folder…', [], { group: 'Sources' }),
    command('yonly', 'Only off macOS', [{ key: 'y', ctrl: true, only: 'other' }], { group: 'Claims' }),
  ];

  it('lists commands with keys by group, then the reader’s, the Link dialog’s and the palette’s keys', () => {
    const sections = shortcutSections(commands, 'other');
    expect(sections.map((s) => s.title)).toEqual(['Excerpts', 'Claims', 'Edit', 'Selecting text in the reader', 'In the Link excerpt to claim dialog', 'In the command palette']);
    expect(sections[0]!.keys.map((k) => k.title)).toEqual(['Link excerpt to claim']);
  });

  it('leaves out a group whose keys do not exist on the platform', () => {
    expect(shortcutSections(commands, 'mac').map((s) => s.title)).not.toContain('Claims');
  });

  it('lists shrinking and extending by word with each platform’s keys', () => {
    const reader = shortcutSections([], 'mac')[0]!;
    const byWord = reader.keys.find((k) => k.title.includes('by a word'))!;
    expect(formatShortcuts(byWord.shortcuts, 'mac')).toBe('⌥⇧→ or ⌥⇧←');
    expect(formatShortcuts(byWord.shortcuts, 'other')).toBe('Ctrl+Shift+Right Arrow or Ctrl+Shift+Left Arrow');
  });
});
