// `npm run test:trust`: the data-safety and security programs of issue 7 (tests/trust/**/*.trust.ts).
// One file at a time: they spawn processes, kill them and time them, and must not compete for the two cores.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/trust/**/*.trust.ts'],
    environment: 'node',
    testTimeout: 600_000,
    fileParallelism: false,
  },
});
