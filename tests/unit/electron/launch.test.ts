import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultNotebookDir, findElectronBinary, parseLaunchArgs, readSettings, USAGE } from '../../../electron/launch.js';

describe('parseLaunchArgs', () => {
  it('defaults to Electron on any free port with no notebook named', () => {
    expect(parseLaunchArgs([])).toEqual({ browser: false, port: 0, help: false });
  });

  it('reads --notebook, --browser and --port, with a space or "="', () => {
    expect(parseLaunchArgs(['--notebook', '/tmp/a b.corroborate', '--browser', '--port', '8123'])).toEqual({
      notebook: '/tmp/a b.corroborate',
      browser: true,
      port: 8123,
      help: false,
    });
    expect(parseLaunchArgs(['--notebook=rel/dir', '--port=0'])).toMatchObject({ notebook: 'rel/dir', port: 0 });
  });

  it('reads --config-dir, the folder of what the app remembers, with a space or "=", and says so in the usage', () => {
    expect(parseLaunchArgs(['--browser', '--config-dir', '/tmp/my config'])).toEqual({ browser: true, port: 0, help: false, configDir: '/tmp/my config' });
    expect(parseLaunchArgs(['--config-dir=rel/config', '--notebook', '/n'])).toEqual({ notebook: '/n', browser: false, port: 0, help: false, configDir: 'rel/config' });
    expect(parseLaunchArgs(['--no-sandbox', '--config-dir', '/c'], { lenient: true })).toMatchObject({ configDir: '/c' });
    expect(USAGE).toContain('--config-dir DIR');
  });

  it('says what is wrong with a bad flag', () => {
    expect(() => parseLaunchArgs(['--notebok', 'x'])).toThrow(/unknown option "--notebok"/);
    expect(() => parseLaunchArgs(['--notebook'])).toThrow(/--notebook needs a value/);
    expect(() => parseLaunchArgs(['--notebook', '--browser'])).toThrow(/--notebook needs a value/);
    expect(() => parseLaunchArgs(['--notebook='])).toThrow(/--notebook needs a folder path/);
    expect(() => parseLaunchArgs(['--port', 'eighty'])).toThrow(/--port must be a whole number from 0 to 65535, not "eighty"/);
    expect(() => parseLaunchArgs(['--port', '70000'])).toThrow(/not "70000"/);
    expect(() => parseLaunchArgs(['--port', '-1'])).toThrow(/--port must be a whole number from 0 to 65535, not "-1"/);
    expect(() => parseLaunchArgs(['--browser=yes'])).toThrow(/--browser takes no value/);
    expect(() => parseLaunchArgs(['stray'])).toThrow(/unknown option "stray"/);
    expect(() => parseLaunchArgs(['--config-dir'])).toThrow(/--config-dir needs a value/);
    expect(() => parseLaunchArgs(['--config-dir', '--browser'])).toThrow(/--config-dir needs a value/);
    expect(() => parseLaunchArgs(['--config-dir= '])).toThrow(/--config-dir needs a folder path/);
  });

  it('skips switches it does not know when lenient (Chromium and macOS add their own)', () => {
    expect(parseLaunchArgs(['--no-sandbox', '-psn_0_1234', '--notebook', '/n'], { lenient: true })).toMatchObject({ notebook: '/n', browser: false });
  });
});

describe('defaultNotebookDir', () => {
  it('follows XDG on Linux, ignoring a relative $XDG_DATA_HOME', () => {
    expect(defaultNotebookDir('linux', {}, '/home/ana')).toBe('/home/ana/.local/share/Corroborate/Default.corroborate');
    expect(defaultNotebookDir('linux', { XDG_DATA_HOME: '/data/ana' }, '/home/ana')).toBe('/data/ana/Corroborate/Default.corroborate');
    expect(defaultNotebookDir('linux', { XDG_DATA_HOME: 'relative' }, '/home/ana')).toBe('/home/ana/.local/share/Corroborate/Default.corroborate');
  });

  it('uses Application Support on macOS', () => {
    expect(defaultNotebookDir('darwin', { XDG_DATA_HOME: '/ignored' }, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Corroborate/Default.corroborate');
  });

  it('uses roaming AppData on Windows', () => {
    expect(defaultNotebookDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Corroborate\\Default.corroborate');
    expect(defaultNotebookDir('win32', {}, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Corroborate\\Default.corroborate');
  });
});

describe('findElectronBinary', () => {
  let pkg: string;
  beforeEach(() => {
    pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-electron-pkg-'));
    fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron"}');
  });
  afterEach(() => fs.rmSync(pkg, { recursive: true, force: true }));

  it('reports a missing path.txt as a download that could not happen', () => {
    const found = findElectronBinary(pkg, {});
    expect(found).toEqual({ missing: expect.stringMatching(/path\.txt is missing: Electron's binary is downloaded from GitHub/) });
  });

  it('reports a missing dist folder', () => {
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(pkg, {})).toEqual({ missing: expect.stringMatching(/^node_modules\/electron\/dist is missing: .*cannot reach it$/) });
  });

  it('reports a dist folder without the executable', () => {
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    fs.mkdirSync(path.join(pkg, 'dist'));
    expect(findElectronBinary(pkg, {})).toEqual({ missing: expect.stringContaining(path.join(pkg, 'dist', 'electron')) });
  });

  it('finds the executable path.txt names', () => {
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'Electron.app/Contents/MacOS/Electron');
    const binary = path.join(pkg, 'dist', 'Electron.app', 'Contents', 'MacOS', 'Electron');
    fs.mkdirSync(path.dirname(binary), { recursive: true });
    fs.writeFileSync(binary, '');
    expect(findElectronBinary(pkg, {})).toEqual({ path: binary });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, and says when it points nowhere', () => {
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    const override = path.join(pkg, 'elsewhere');
    expect(findElectronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({ missing: expect.stringMatching(/ELECTRON_OVERRIDE_DIST_PATH is set, but .*elsewhere.electron does not exist/) });
    fs.mkdirSync(override);
    fs.writeFileSync(path.join(override, 'electron'), '');
    expect(findElectronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({ path: path.join(override, 'electron') });
  });

  it('reports an electron package that is not installed at all', () => {
    expect(findElectronBinary(path.join(pkg, 'nope'), {})).toEqual({ missing: expect.stringMatching(/not installed/) });
  });
});

describe('settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-settings-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the last notebook an older version remembered', () => {
    expect(readSettings(path.join(dir, 'missing'))).toEqual({});
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"lastNotebook":"/home/ana/Korea.corroborate"}');
    expect(readSettings(dir)).toEqual({ lastNotebook: '/home/ana/Korea.corroborate' });
  });

  it('treats an unreadable or odd settings file as no settings', () => {
    fs.writeFileSync(path.join(dir, 'settings.json'), '{not json');
    expect(readSettings(dir)).toEqual({});
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"lastNotebook":"relative/path"}');
    expect(readSettings(dir)).toEqual({});
  });
});
