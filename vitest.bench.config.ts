// `npm run bench`: the performance budgets of issue 8, each figure beside a baseline measured in
// the same run (tests/bench/). Not part of `npm test`: timings belong here, not in the test suite.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/bench/**/*.bench.ts'],
    globalSetup: ['tests/bench/summary.ts'],
    environment: 'node',
    // One file at a time: two benches sharing two cores would measure each other.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    execArgv: ['--max-old-space-size=6144', '--expose-gc'],
  },
});
