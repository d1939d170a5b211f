import { defineConfig } from 'vitest/config';

/**
 * Three projects: unit (pure, fast), interop (real peers: openssl cmp, nginx/stunnel, gnome-keyring),
 * e2e (the web host driven by Debian's Chromium, built once per run by its globalSetup). The
 * keychain-dependent tests expect the D-Bus session that scripts/run-tests.mjs starts.
 */
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'interop', include: ['test/interop/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'reliability', include: ['test/reliability/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/e2e/global_setup.ts'], testTimeout: 90_000, hookTimeout: 90_000, fileParallelism: false } },
    ],
    testTimeout: 20_000,
  },
});
