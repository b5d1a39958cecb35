// electron-builder's afterPack hook (electron-builder.yml): flips the Electron fuses of each
// package before it is signed. The fuse settings and every decision live in electron/fuses.ts
// (unit-tested), compiled into dist/ by `npm run build`, which `npm run dist` runs first.
// Never changes anything but the fuse wire of the packaged binary.
import { flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function afterPack(context) {
  await flipPackageFuses(context, await import('../dist/electron/fuses.js'));
}

/**
 * Flips the fuses of the package electron-builder just laid out in context.appOutDir.
 * @param {Pick<import('app-builder-lib').AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>} context
 * @param {typeof import('../dist/electron/fuses.js')} settings electron/fuses.ts, compiled
 */
export async function flipPackageFuses(context, settings) {
  if (settings.isUniversalHalf(context.appOutDir)) return;
  const platform = context.electronPlatformName;
  const binary = settings.electronBinaryPath(platform, context.appOutDir, {
    productFilename: context.packager.appInfo.productFilename,
    // LinuxPackager names the executable after the package; the others have no such property.
    executableName: /** @type {{ executableName?: string }} */ (context.packager).executableName,
  });
  const wire = await getCurrentFuseWire(binary);
  const flipped = await flipFuses(binary, settings.fuseConfig(platform, settings.wireLengthOf(wire)));
  console.log(`  • Electron fuses set in ${binary} (${flipped} fuse wire${flipped === 1 ? '' : 's'})`);
}
