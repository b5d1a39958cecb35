import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { isMenuCommand, menuTemplate, type MenuCommand } from '../../../electron/menu.js';

type Item = MenuItemConstructorOptions;

function build(platform: NodeJS.Platform, dev = false): { template: Item[]; sent: MenuCommand[] } {
  const sent: MenuCommand[] = [];
  return { template: menuTemplate(platform, (c) => sent.push(c), { appName: 'Corroborate', dev }), sent };
}

const titles = (template: Item[]) => template.map((m) => m.label ?? m.role);
const submenu = (template: Item[], label: string): Item[] => {
  const menu = template.find((m) => (m.label ?? '').replace('&', '') === label || m.role === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu as Item[];
};
const item = (items: Item[], label: string): Item => {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no item ${label}`);
  return found;
};
const click = (i: Item) => (i.click as () => void)();

describe('menuTemplate', () => {
  it('puts the app menu first on macOS, with Quit there and Close in File', () => {
    const { template } = build('darwin');
    expect(titles(template)).toEqual(['Corroborate', '&File', '&Edit', '&View', 'windowMenu', 'help']);
    expect(submenu(template, 'Corroborate').map((i) => i.role)).toContain('quit');
    expect(submenu(template, 'File').map((i) => i.role)).toContain('close');
    expect(submenu(template, 'File').map((i) => i.role)).not.toContain('quit');
  });

  it('has no app menu on Windows and Linux, and Quit in File', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { template } = build(platform);
      expect(titles(template), platform).toEqual(['&File', '&Edit', '&View', 'windowMenu', 'help']);
      expect(submenu(template, 'File').map((i) => i.role)).toContain('quit');
      expect(submenu(template, 'help').map((i) => i.role ?? i.label ?? i.type)).toEqual(['Commands…', 'Keyboard shortcuts', 'separator', 'about']);
    }
  });

  it('sends New and Open notebook, Import, Export, Notebook settings and note, Tags, Trash, Undo, Redo, Search, Commands and Keyboard shortcuts to the page', () => {
    const { template, sent } = build('linux');
    const file = submenu(template, 'File');
    click(item(file, 'New notebook…'));
    click(item(file, 'Open notebook…'));
    click(item(file, 'Import…'));
    click(item(file, 'Export…'));
    click(item(file, 'Notebook settings…'));
    click(item(file, 'Notebook note…'));
    click(item(file, 'Tags…'));
    click(item(file, 'Trash…'));
    const edit = submenu(template, 'Edit');
    click(item(edit, 'Undo'));
    click(item(edit, 'Redo'));
    click(item(edit, 'Search…'));
    const help = submenu(template, 'help');
    click(item(help, 'Commands…'));
    click(item(help, 'Keyboard shortcuts'));
    expect(sent).toEqual(['new-notebook', 'open-notebook', 'import', 'export', 'notebook-settings', 'notebook-note', 'tags', 'trash', 'undo', 'redo', 'search', 'commands', 'shortcuts']);
    expect(sent.every(isMenuCommand)).toBe(true);
  });

  it('shows the keys of Search and Commands, which the page handles, without registering them', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { template } = build(platform);
      for (const [menu, label, key] of [['Edit', 'Search…', 'CmdOrCtrl+K'], ['help', 'Commands…', 'CmdOrCtrl+Shift+P']] as const) {
        const entry = item(submenu(template, menu), label);
        expect(entry.accelerator).toBe(key);
        expect(entry.registerAccelerator).toBe(false);
      }
    }
  });

  it('offers File ▸ Import… on Ctrl/Cmd+I on every platform, before Quit or Close, the key left to the page', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const file = submenu(build(platform).template, 'File');
      expect(item(file, 'Import…'), platform).toMatchObject({ accelerator: 'CmdOrCtrl+I', registerAccelerator: false });
      const last = file.at(-1)?.role;
      expect(file.findIndex((i) => i.label === 'Import…'), platform).toBeLessThan(file.findIndex((i) => i.role === last));
    }
  });

  it('shows Undo and Redo keys without registering them, since the page handles those keys itself', () => {
    const edit = submenu(build('win32').template, 'Edit');
    expect(item(edit, 'Undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(item(edit, 'Redo')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false });
    expect(edit.map((i) => i.role).filter(Boolean)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('offers Reload and the developer tools only in development', () => {
    const roles = (dev: boolean) => submenu(build('linux', dev).template, 'View').map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('zoomIn');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'zoomIn', 'zoomOut', 'resetZoom']));
  });
});

describe('isMenuCommand', () => {
  it('accepts the five commands only', () => {
    expect(['undo', 'redo', 'new-notebook', 'open-notebook', 'import'].every(isMenuCommand)).toBe(true);
    expect(isMenuCommand('quit')).toBe(false);
    expect(isMenuCommand(1)).toBe(false);
  });
});
