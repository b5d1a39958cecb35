// The packaging configuration (electron-builder.yml), read by electron-builder's own loader and
// checked against electron-builder's own JSON schema, offline: what `npm run dist` would be given.
// Making the packages needs the Electron download, which this machine cannot do (README, "Desktop app").
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DebugLogger } from 'builder-util';
import type { Configuration, FileAssociation, TargetConfiguration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EXPORT_FORMATS } from '../../../notebook/common/export/formats.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

let config: Configuration;
beforeAll(async () => {
  // electron-builder says which file it loaded on standard output; the test has no use for it.
  const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    config = await getConfig(ROOT, null, null);
  } finally {
    log.mockRestore();
  }
});

const validate = (c: Configuration) => validateConfiguration(c, new DebugLogger(false));

/** The target names of a platform's `target` (strings or { target, arch } objects). */
function targetsOf(target: unknown): { name: string; arch: unknown }[] {
  const list = Array.isArray(target) ? target : target == null ? [] : [target];
  return list.map((t: string | TargetConfiguration) => (typeof t === 'string' ? { name: t, arch: undefined } : { name: t.target, arch: t.arch }));
}

/** The file patterns, however the loader normalised them (strings or { filter } objects). */
function filePatterns(files: Configuration['files']): string[] {
  const list = Array.isArray(files) ? files : files == null ? [] : [files];
  return list.flatMap((f) => (typeof f === 'string' ? [f] : Array.isArray(f.filter) ? f.filter : f.filter ? [f.filter] : []));
}

const associations = (list: FileAssociation[] | FileAssociation | null | undefined) => (Array.isArray(list) ? list : list ? [list] : []);

describe('electron-builder.yml', () => {
  it("is valid by electron-builder's own schema", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('would be refused by the same check if it were wrong (a misspelt option, a wrong type)', async () => {
    await expect(validate({ ...config, linux: { ...config.linux, categroy: 'Office' } as Configuration['linux'] })).rejects.toThrow(/configuration\.linux/);
    await expect(validate({ ...config, asar: 'yes' as unknown as boolean })).rejects.toThrow(/asar/);
  });

  it('names the app and packs only the built app into an ASAR archive', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Corroborate');
    expect(config.asar).toBe(true);
    const included = filePatterns(config.files).filter((p) => !p.startsWith('!'));
    expect(included).toEqual(['dist/**/*']);
    // Output beside the build, never into it: dist/ is what gets packed.
    expect(config.directories?.output).toBeTruthy();
    expect(path.resolve(ROOT, config.directories?.output ?? 'dist')).not.toBe(path.join(ROOT, 'dist'));
  });

  it('builds an AppImage and a deb (category Office) for Linux, NSIS and portable for Windows, a universal dmg with the hardened runtime for macOS', () => {
    expect(targetsOf(config.linux?.target).map((t) => t.name)).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Office');
    expect(targetsOf(config.win?.target).map((t) => t.name)).toEqual(['nsis', 'portable']);
    expect(targetsOf(config.mac?.target)).toEqual([{ name: 'dmg', arch: ['universal'] }]);
    expect(config.mac?.hardenedRuntime).toBe(true);
  });

  it('gives macOS only the JIT entitlement Electron needs', () => {
    const plist = fs.readFileSync(path.join(ROOT, config.mac?.entitlements ?? 'missing'), 'utf8');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements);
  });

  it('has a 1024 × 1024 PNG icon in build/ for every platform', () => {
    for (const icon of [config.linux?.icon, config.win?.icon, config.mac?.icon]) expect(icon).toBe('build/icon.png');
    const png = fs.readFileSync(path.join(ROOT, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('opens notebook bundles on Linux by the extension export gives them, and notebook folders on macOS as packages', () => {
    const [bundle] = associations(config.linux?.fileAssociations);
    expect(`.${String(bundle?.ext)}`).toBe(EXPORT_FORMATS.bundle.extension);
    expect(bundle?.mimeType).toBeTruthy();
    const [notebook] = associations(config.mac?.fileAssociations);
    expect(notebook).toMatchObject({ ext: 'corroborate', isPackage: true });
    // Windows and macOS match only the last extension: a bundle association there would claim every .json file.
    expect(associations(config.fileAssociations)).toEqual([]);
    expect(associations(config.win?.fileAssociations)).toEqual([]);
  });

  it('runs the afterPack hook that flips the fuses', async () => {
    expect(config.afterPack).toBe('./build/after-pack.mjs');
    const hook = (await import(pathToFileURL(path.join(ROOT, String(config.afterPack))).href)) as Record<string, unknown>;
    expect(typeof hook.default).toBe('function');
    // The fuse settings it reads at package time stay out of the app.
    expect(filePatterns(config.files)).toContain('!dist/electron/fuses.js');
  });
});
