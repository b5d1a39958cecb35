// The application menu as data: a pure builder that main.ts hands to Menu.buildFromTemplate, per
// platform's conventions. Only a type import from electron (erased when compiled), so every
// template is unit-tested in plain Node. Never decides what a command does: the page does.
import type { MenuItemConstructorOptions } from 'electron';

/** What a menu item asks the page to do; sent on the 'corroborate:menu' channel, received through window.corroborate.onMenu. */
export const MENU_COMMANDS = ['undo', 'redo', 'new-notebook', 'open-notebook', 'import', 'export', 'notebook-settings', 'notebook-note', 'tags', 'trash', 'search', 'commands', 'shortcuts', 'theme'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** A notebook on the Open recent list (the service's recent list: newest first). */
export interface RecentMenuEntry {
  path: string;
  name: string;
  /** Its folder still holds a notebook. */
  available: boolean;
}

export interface MenuOptions {
  appName: string;
  /** An unpackaged (development) run: adds Reload and the developer tools. */
  dev: boolean;
  /** File ▸ Open recent, newest first. */
  recent?: readonly RecentMenuEntry[];
  /** The notebook open now: not listed under Open recent (it is open already). */
  currentNotebook?: string | null;
  /** Opens a notebook of the list (main.ts opens it, then the page reloads onto it). */
  openRecent?: (path: string) => void;
  /** Empties the list, and the operating system's recent documents. */
  clearRecent?: () => void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The Open recent submenu: each notebook by name (its folder added where two share a name), one
 * that is gone shown but not chosen, and Clear recent.
 */
export function recentSubmenu(options: Pick<MenuOptions, 'recent' | 'currentNotebook' | 'openRecent' | 'clearRecent'>): MenuItemConstructorOptions[] {
  const listed = (options.recent ?? []).filter((n) => n.path !== options.currentNotebook);
  const label = (n: RecentMenuEntry) => n.name.trim() || n.path;
  const shared = (n: RecentMenuEntry) => listed.filter((m) => label(m) === label(n)).length > 1;
  const items: MenuItemConstructorOptions[] = listed.map((n) => ({
    label: `${label(n)}${shared(n) ? ` — ${n.path}` : ''}${n.available ? '' : ' (not found)'}`,
    toolTip: n.path,
    enabled: n.available,
    click: () => options.openRecent?.(n.path),
  }));
  if (!items.length) items.push({ label: 'No recent notebooks', enabled: false });
  return [...items, separator, { label: 'Clear recent', enabled: listed.length > 0, click: () => options.clearRecent?.() }];
}

/**
 * The menu for a platform: on macOS the app menu (About, Settings…, Services, Hide, Quit) and
 * File, Edit, View, Window, Help; elsewhere File (ending in Exit on Windows, Quit on Linux), Edit,
 * View, Window and Help (with About).
 *
 * Accelerators are the page's own keys (renderer/src/commands/app-commands.ts; a unit test keeps
 * them equal), shown here but handled there, as they must be in a browser too: registerAccelerator
 * false stops Windows and Linux from taking the key away from the page, so a key press never acts
 * twice. macOS always registers menu keys; there the page's handler claims the key first
 * (preventDefault) and the menu only gets keys the page left alone, such as Cmd+Z in a text field,
 * which the page then gives to that field. Keys without a modifier (?, /, N) are never menu keys:
 * they would be taken from every text field on macOS.
 */
export function menuTemplate(platform: NodeJS.Platform, send: (command: MenuCommand) => void, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const page = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions =>
    accelerator ? { label, accelerator, registerAccelerator: false, click: () => send(command) } : { label, click: () => send(command) };
  const settings = page(mac ? 'Settings…' : 'Notebook settings…', 'notebook-settings', 'CmdOrCtrl+,');

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        separator,
        settings,
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        page('New notebook…', 'new-notebook', 'CmdOrCtrl+Shift+N'),
        page('Open notebook…', 'open-notebook', 'CmdOrCtrl+O'),
        { label: 'Open recent', submenu: recentSubmenu(options) },
        separator,
        // The page handles Ctrl/Cmd+I itself: a key press there counts as the analyst's gesture,
        // which Chromium wants before it shows a file chooser; a message from here does not.
        page('Import…', 'import', 'CmdOrCtrl+I'),
        page('Export…', 'export'),
        separator,
        ...(mac ? [] : [settings]),
        page('Notebook note…', 'notebook-note'),
        page('Tags…', 'tags'),
        page('Trash…', 'trash'),
        separator,
        mac ? { role: 'close' } : { role: 'quit', label: platform === 'win32' ? 'E&xit' : '&Quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // The notebook's Undo and Redo, not the 'undo' role: the page decides (and undoes the text
        // field's typing instead when one has the focus).
        page('Undo', 'undo', 'CmdOrCtrl+Z'),
        page('Redo', 'redo', 'CmdOrCtrl+Shift+Z'),
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        separator,
        page('Search…', 'search', 'CmdOrCtrl+K'),
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(options.dev ? [{ role: 'reload' }, { role: 'toggleDevTools' }, separator] satisfies MenuItemConstructorOptions[] : []),
        page('Toggle theme', 'theme', 'CmdOrCtrl+Shift+L'),
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    // macOS has About in the app menu and adds its own search field to Help.
    {
      role: 'help',
      submenu: [
        page('Commands…', 'commands', 'CmdOrCtrl+Shift+P'),
        page('Keyboard shortcuts', 'shortcuts'),
        ...(mac ? [] : [separator, { role: 'about', label: `About ${options.appName}` }] satisfies MenuItemConstructorOptions[]),
      ],
    },
  );
  return template;
}
