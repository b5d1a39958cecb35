// `npm run eval:suggest`: the suggester measured against the hand-labelled evaluation set
// (tests/fixtures/suggest/, tests/eval/). Not part of `npm test`: it prints figures and fails only
// when they miss the budget.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/eval/**/*.eval.ts'],
    environment: 'node',
    testTimeout: 600_000,
    fileParallelism: false,
  },
});
