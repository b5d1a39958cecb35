// The fuses of the packaged app: every required value in the one configuration, and the afterPack
// hook flipping them in a binary. The binary here is a stand-in (the fuse sentinel and a wire in a
// file): no Electron binary exists on this machine, and the hook only ever touches that wire.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as settings from '../../../electron/fuses.js';
import { electronBinaryPath, FUSES, fuseConfig, isUniversalHalf, wireLengthOf } from '../../../electron/fuses.js';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const HOOK = pathToFileURL(path.join(import.meta.dirname, '../../../build/after-pack.mjs')).href;

type FlipPackageFuses = (context: unknown, fuseSettings: typeof settings) => Promise<void>;
/** The hook's work, given the settings as electron/fuses.ts has them (the hook itself reads them compiled, from dist/). */
const loadHook = async () => {
  const { flipPackageFuses } = (await import(HOOK)) as { flipPackageFuses: FlipPackageFuses };
  return (context: unknown) => flipPackageFuses(context, settings);
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** A file laid out like an Electron binary's fuse wire: bytes, the sentinel, version 1, the length, each fuse as Electron ships it (unset). */
function fakeBinary(dir: string, name: string, wireLength: number): string {
  const file = path.join(dir, name);
  const wire = Buffer.alloc(wireLength, FuseState.INHERIT);
  fs.writeFileSync(file, Buffer.concat([Buffer.from('\x7fELF padding '.repeat(100)), Buffer.from(SENTINEL), Buffer.from([1, wireLength]), wire, Buffer.from(' more code')]));
  return file;
}

function linuxPackage(wireLength: number): { appOutDir: string; binary: string } {
  const appOutDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-fuses-'));
  dirs.push(appOutDir);
  return { appOutDir, binary: fakeBinary(appOutDir, 'corroborate', wireLength) };
}

const linuxContext = (appOutDir: string) => ({
  appOutDir,
  electronPlatformName: 'linux',
  packager: { appInfo: { productFilename: 'Corroborate' }, executableName: 'corroborate' },
});

describe('the fuse configuration', () => {
  it('turns off running as Node, NODE_OPTIONS and the inspector, and turns on ASAR integrity, ASAR-only loading and cookie encryption', () => {
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('sets every fuse the fuses library knows, and insists a binary has no fuse it does not set', () => {
    const known = Object.values(FuseV1Options).filter((v): v is FuseV1Options => typeof v === 'number');
    expect(Object.keys(FUSES).map(Number).sort()).toEqual([...known].sort());
    expect(fuseConfig('linux', known.length)).toMatchObject({ version: '1', strictlyRequireAllFuses: true });
  });

  it('re-signs ad hoc on macOS only, where a flipped binary must stay signed to run', () => {
    expect(fuseConfig('darwin', 9).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('mas', 9).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('win32', 9).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig('linux', 9).resetAdHocDarwinSignature).toBe(false);
  });

  it('leaves out fuses newer than the binary, which it does not have', () => {
    const config = fuseConfig('linux', 8) as unknown as Record<string, unknown>;
    expect(config[FuseV1Options.WasmTrapHandlers]).toBeUndefined();
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    expect(wireLengthOf({ version: '1', 0: 48, 1: 49, 2: 48 })).toBe(3);
  });

  it('finds the binary where electron-builder puts it on each platform', () => {
    const names = { productFilename: 'Corroborate', executableName: 'corroborate' };
    expect(electronBinaryPath('darwin', '/out/mac-universal', names)).toBe('/out/mac-universal/Corroborate.app');
    expect(electronBinaryPath('win32', 'C:\\out\\win-unpacked', names)).toBe('C:\\out\\win-unpacked\\Corroborate.exe');
    expect(electronBinaryPath('linux', '/out/linux-unpacked', names)).toBe('/out/linux-unpacked/corroborate');
    expect(() => electronBinaryPath('aix', '/out', names)).toThrow(/aix/);
  });

  it('skips the two halves of a universal macOS build, and flips the merged app', () => {
    expect(isUniversalHalf('/release/mac-universal-x64-temp')).toBe(true);
    expect(isUniversalHalf('/release/mac-universal-arm64-temp/')).toBe(true);
    expect(isUniversalHalf('/release/mac-universal')).toBe(false);
    expect(isUniversalHalf('/release/linux-unpacked')).toBe(false);
  });
});

describe('the afterPack hook', () => {
  it('flips every fuse of a package to the configured value', async () => {
    const { appOutDir, binary } = linuxPackage(9);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await (await loadHook())(linuxContext(appOutDir));
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    for (const [index, on] of Object.entries(FUSES)) {
      expect(wire[Number(index)], FuseV1Options[Number(index)]).toBe(on ? FuseState.ENABLE : FuseState.DISABLE);
    }
  });

  it('works on an Electron whose wire is shorter (older), setting the fuses it has', async () => {
    const { appOutDir, binary } = linuxPackage(8);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await (await loadHook())(linuxContext(appOutDir));
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expect(wireLengthOf(wire)).toBe(8);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  });

  it('fails the build for an Electron with a fuse nobody decided on, leaving the binary as it was', async () => {
    const { appOutDir, binary } = linuxPackage(10);
    const before = fs.readFileSync(binary);
    await expect((await loadHook())(linuxContext(appOutDir))).rejects.toThrow(/strictlyRequireAllFuses/);
    expect(fs.readFileSync(binary).equals(before)).toBe(true);
  });

  it('leaves the halves of a universal build alone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-fuses-'));
    dirs.push(dir);
    const appOutDir = path.join(dir, 'mac-universal-arm64-temp');
    fs.mkdirSync(appOutDir);
    const binary = fakeBinary(appOutDir, 'Corroborate.app', 9);
    const before = fs.readFileSync(binary);
    await (await loadHook())({ appOutDir, electronPlatformName: 'darwin', packager: { appInfo: { productFilename: 'Corroborate' } } });
    expect(fs.readFileSync(binary).equals(before)).toBe(true);
  });
});
