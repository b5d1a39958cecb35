// The end-to-end suite: the same specs against the browser host in Chromium and against Electron
// (when tests/e2e/run.js found its binary; `npm run test:electron` runs Electron alone). Run it
// with `npm run test:e2e`, which finds Chromium and sets CORROBORATE_CHROMIUM; Playwright never
// downloads a browser here.
import { defineConfig, type Project } from '@playwright/test';
import type { HostKind } from './tests/e2e/fixtures.js';

const hosts = (process.env.CORROBORATE_E2E_HOSTS ?? 'browser').split(',').map((h) => h.trim());

const projects: Project<{ host: HostKind }, { host: HostKind }>[] = [];
if (hosts.includes('browser')) projects.push({ name: 'browser', use: { host: 'browser' } });
// `npm run test:electron` runs the electron project alone (CORROBORATE_E2E_HOSTS=electron).
if (hosts.includes('electron')) projects.push({ name: 'electron', use: { host: 'electron' } });

export default defineConfig<{ host: HostKind }, { host: HostKind }>({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Two cores: one worker drives a host and a browser per test, two keep both cores busy.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  outputDir: 'test-results',
  use: {
    viewport: { width: 1280, height: 800 },
    actionTimeout: 10_000,
    launchOptions: {
      executablePath: process.env.CORROBORATE_CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--disable-gpu',
      ],
    },
  },
  projects,
});
