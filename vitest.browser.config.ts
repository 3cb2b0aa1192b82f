import { defineConfig } from 'vitest/config';

// Browser tests drive the built extension (.output/) in real Chromium and Firefox ESR.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Two cores: one browser at a time keeps timings honest and avoids starving either.
    fileParallelism: false,
  },
});
