import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Property tests and store tests with fsync take a few seconds alone; on a loaded two-core
    // machine the default 5 s cut them off. This bounds a hang, it is not a performance budget.
    testTimeout: 30_000,
  },
});
