import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/cleanup.ts'],
    // Tests spawn git and the built CLI; the 2-core CI machine needs generous limits.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
