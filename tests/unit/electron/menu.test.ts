// The application menu per platform: macOS's app menu and Window/Help conventions, File ending in
// Exit or Quit elsewhere, Open recent built from the recent list, and every item that belongs to
// the page sent to it rather than acted on here.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { isMenuCommand, MENU_COMMANDS, menuTemplate, recentSubmenu, type MenuCommand, type MenuOptions, type RecentMenuEntry } from '../../../electron/menu.js';

type Item = MenuItemConstructorOptions;

const RECENT: RecentMenuEntry[] = [
  { path: '/home/ann/Korea arms.corroborate', name: 'Korea arms', available: true },
  { path: '/home/ann/Old/Korea arms.corroborate', name: 'Korea arms', available: true },
  { path: '/media/usb/Sanctions.corroborate', name: 'Sanctions', available: false },
  { path: '/home/ann/Default.corroborate', name: 'Default', available: true },
];

function build(platform: NodeJS.Platform, extra: Partial<MenuOptions> = {}) {
  const sent: MenuCommand[] = [];
  const opened: string[] = [];
  let cleared = 0;
  const template = menuTemplate(platform, (c) => sent.push(c), {
    appName: 'Corroborate',
    dev: false,
    recent: RECENT,
    currentNotebook: '/home/ann/Default.corroborate',
    openRecent: (p) => opened.push(p),
    clearRecent: () => cleared++,
    ...extra,
  });
  return { template, sent, opened, cleared: () => cleared };
}

const name = (m: Item) => (m.label ?? m.role ?? m.type ?? '').replace('&', '');
const titles = (template: Item[]) => template.map(name);
const submenu = (items: Item[], label: string): Item[] => {
  const menu = items.find((m) => name(m) === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu in ${titles(items).join(', ')}`);
  return menu.submenu as Item[];
};
const item = (items: Item[], label: string): Item => {
  const found = items.find((i) => name(i) === label);
  if (!found) throw new Error(`no item ${label} in ${titles(items).join(', ')}`);
  return found;
};
const click = (i: Item) => (i.click as () => void)();

/** Every item of the template, submenus included. */
function allItems(items: Item[]): Item[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? allItems(i.submenu as Item[]) : [])]);
}

describe('menuTemplate on macOS', () => {
  const { template } = build('darwin');

  it('has the app menu first, then File, Edit, View, Window and Help', () => {
    expect(titles(template)).toEqual(['Corroborate', 'File', 'Edit', 'View', 'windowMenu', 'help']);
  });

  it('keeps About, Settings…, Services, Hide and Quit in the app menu', () => {
    const app = submenu(template, 'Corroborate');
    expect(app.map(name)).toEqual(['about', 'separator', 'Settings…', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    expect(item(app, 'Settings…').accelerator).toBe('CmdOrCtrl+,');
  });

  it('ends File with Close, and has no Quit, Settings or About elsewhere', () => {
    const file = submenu(template, 'File');
    expect(file.at(-1)?.role).toBe('close');
    const roles = allItems(template.slice(1)).map((i) => i.role);
    expect(roles).not.toContain('quit');
    expect(roles).not.toContain('about');
    expect(file.map(name)).not.toContain('Notebook settings…');
  });
});

describe('menuTemplate on Windows and Linux', () => {
  it.each([
    ['win32', 'Exit'],
    ['linux', 'Quit'],
  ] as const)('has File, Edit, View, Window and Help on %s, with %s last in File and About in Help', (platform, quit) => {
    const { template } = build(platform);
    expect(titles(template)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'help']);
    const file = submenu(template, 'File');
    expect(file.at(-1)).toMatchObject({ role: 'quit' });
    expect(name(file.at(-1)!).replace('&', '')).toBe(quit);
    expect(item(file, 'Notebook settings…').accelerator).toBe('CmdOrCtrl+,');
    expect(submenu(template, 'help').map(name)).toEqual(['Commands…', 'Keyboard shortcuts', 'separator', 'About Corroborate']);
  });
});

describe('every platform', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('offers New, Open, Open recent, Import and Export in File, and Undo, Redo and Search in Edit (%s)', (platform) => {
    const { template } = build(platform);
    const file = submenu(template, 'File').map(name);
    expect(file.slice(0, 7)).toEqual(['New notebook…', 'Open notebook…', 'Open recent', 'separator', 'Import…', 'Export…', 'separator']);
    expect(submenu(template, 'Edit').map(name)).toEqual(['Undo', 'Redo', 'separator', 'cut', 'copy', 'paste', 'selectAll', 'separator', 'Search…']);
  });

  it.each(['darwin', 'win32', 'linux'] as const)('has zoom in, out and reset, full screen and Toggle theme in View (%s)', (platform) => {
    const view = submenu(build(platform).template, 'View').map(name);
    expect(view).toEqual(['Toggle theme', 'separator', 'resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
  });

  it('adds Reload and the developer tools only in development', () => {
    const view = submenu(build('linux', { dev: true }).template, 'View').map(name);
    expect(view.slice(0, 3)).toEqual(['reload', 'toggleDevTools', 'separator']);
  });

  it('sends each of the page’s commands to the page, once, and reaches every one of them', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { template, sent } = build(platform);
      const pageItems = allItems(template).filter((i) => i.click && !i.role && !i.toolTip && name(i) !== 'Clear recent');
      for (const i of pageItems) click(i);
      expect(sent.every(isMenuCommand)).toBe(true);
      expect([...sent].sort(), platform).toEqual([...MENU_COMMANDS].sort());
    }
  });

  it('shows the keys the page handles without registering them, so a key press never acts twice', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { template } = build(platform);
      const withKeys = allItems(template).filter((i) => i.accelerator && !i.role);
      expect(withKeys.length).toBeGreaterThan(5);
      for (const i of withKeys) expect(i.registerAccelerator, `${platform} ${name(i)}`).toBe(false);
    }
  });
});

describe('Open recent', () => {
  it('lists the recent notebooks but the open one, by name, with the folder where two share a name', () => {
    const { template } = build('linux');
    const recent = submenu(submenu(template, 'File'), 'Open recent');
    expect(recent.map(name)).toEqual([
      'Korea arms — /home/ann/Korea arms.corroborate',
      'Korea arms — /home/ann/Old/Korea arms.corroborate',
      'Sanctions (not found)',
      'separator',
      'Clear recent',
    ]);
    expect(recent.map((i) => i.enabled)).toEqual([true, true, false, undefined, true]);
  });

  it('opens the notebook chosen, and clears the list', () => {
    const { template, opened, cleared, sent } = build('darwin');
    const recent = submenu(submenu(template, 'File'), 'Open recent');
    click(recent[1]!);
    click(item(recent, 'Clear recent'));
    expect(opened).toEqual(['/home/ann/Old/Korea arms.corroborate']);
    expect(cleared()).toBe(1);
    expect(sent).toEqual([]);
  });

  it('says there is nothing to open when the list is empty or holds only the open notebook', () => {
    for (const recent of [[], [RECENT[3]!]]) {
      const items = recentSubmenu({ recent, currentNotebook: '/home/ann/Default.corroborate' });
      expect(items.map((i) => [name(i), i.enabled])).toEqual([
        ['No recent notebooks', false],
        ['separator', undefined],
        ['Clear recent', false],
      ]);
    }
  });

  it('falls back to the folder when a notebook has no name', () => {
    expect(name(recentSubmenu({ recent: [{ path: '/n/x.corroborate', name: ' ', available: true }] })[0]!)).toBe('/n/x.corroborate');
  });
});

describe('isMenuCommand', () => {
  it('accepts the menu’s commands only', () => {
    expect(MENU_COMMANDS.every(isMenuCommand)).toBe(true);
    expect(isMenuCommand('quit')).toBe(false);
    expect(isMenuCommand(1)).toBe(false);
  });
});
