// The Electron fuses the packaged app is built with: switches compiled into the Electron binary
// that no flag, environment variable or script can turn back at run time. Build time only:
// build/after-pack.mjs flips them in every package electron-builder makes; the app never imports this.
import path from 'node:path';
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/**
 * Every fuse of the V1 wire, each set on purpose (strictlyRequireAllFuses: a newer Electron whose
 * wire has a fuse this list does not name fails the build instead of shipping its default):
 *
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the signed app into a plain Node.
 * - EnableCookieEncryption on: the app keeps no cookies (its page is app://, no network), so this
 *   costs nothing, and any that appear are encrypted with the OS keychain.
 * - EnableNodeOptionsEnvironmentVariable off: NODE_OPTIONS cannot inject --require into the app.
 * - EnableNodeCliInspectArguments off: --inspect and friends cannot attach a debugger.
 * - EnableEmbeddedAsarIntegrityValidation on: app.asar must match the hash electron-builder
 *   embedded at package time (macOS and Windows check it; Linux has no check yet).
 * - OnlyLoadAppFromAsar on: no loose app folder beside the archive is ever loaded instead of it.
 * - LoadBrowserProcessSpecificV8Snapshot off: one snapshot, Electron's own.
 * - GrantFileProtocolExtraPrivileges off: the page is served over app://, so file:// needs no
 *   privileges beyond a web page's.
 * - WasmTrapHandlers on: Electron's default; WebAssembly bounds checks stay fast and safe.
 */
export const FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
} as const satisfies Record<FuseV1Options, boolean>;

/**
 * What flipFuses gets for a package of `platform` (electron-builder's electronPlatformName) whose
 * binary has `wireLength` fuses (getCurrentFuseWire tells): every fuse it has, set as FUSES says.
 * A fuse newer than that Electron is left out (it does not exist there); a fuse of the binary that
 * FUSES does not name fails the build (strictlyRequireAllFuses). Flipping a fuse changes the
 * binary, which breaks its ad-hoc code signature, and Apple silicon runs nothing unsigned: on macOS
 * the fuses library signs it ad hoc again (electron-builder then signs it properly when an
 * identity is configured).
 */
export function fuseConfig(platform: string, wireLength: number): FuseV1Config {
  const present = Object.fromEntries(Object.entries(FUSES).filter(([index]) => Number(index) < wireLength));
  return { version: FuseVersion.V1, strictlyRequireAllFuses: true, resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas', ...present } as FuseV1Config;
}

/** How many fuses a binary's wire has, from what getCurrentFuseWire answers (the version key aside). */
export function wireLengthOf(wire: Readonly<Record<string, unknown>>): number {
  return Object.keys(wire).filter((key) => /^\d+$/.test(key)).length;
}

/**
 * The file whose fuses are flipped, as electron-builder lays out a package: the .app bundle on
 * macOS (the fuses library finds the framework inside), the .exe on Windows, and on Linux the
 * executable named after the package (`corroborate`), not the product.
 */
export function electronBinaryPath(platform: string, appOutDir: string, names: { productFilename: string; executableName?: string }): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  if (platform === 'darwin' || platform === 'mas') return join(appOutDir, `${names.productFilename}.app`);
  if (platform === 'win32') return join(appOutDir, `${names.productFilename}.exe`);
  if (platform === 'linux') return join(appOutDir, names.executableName ?? names.productFilename);
  throw new Error(`no Electron binary layout known for platform "${platform}"`);
}

/**
 * A universal macOS build packs the app twice, into "<out>-x64-temp" and "<out>-arm64-temp", then
 * merges them and runs the hook once more on the result. electron-builder itself leaves the fuses
 * of those halves alone (they are never run, and differing binaries would not merge), so the hook does too.
 */
export function isUniversalHalf(appOutDir: string): boolean {
  return /-(x64|arm64)-temp$/.test(appOutDir.replace(/[\\/]+$/, ''));
}
