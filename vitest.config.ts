import { defineConfig } from 'vitest/config';

// Route tests run once on embedded PGlite, and again on PostgreSQL when TEST_DATABASE_URL is set.
const postgres = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    globalSetup: ['./scripts/test-environment.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true as const,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          exclude: ['**/*.route.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true as const,
        test: {
          name: 'pglite',
          include: ['packages/server/src/**/*.route.test.ts'],
          env: { TEST_DB: 'pglite' },
        },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['packages/server/src/**/*.route.test.ts'],
                env: { TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
      {
        extends: true as const,
        test: {
          name: 'browser',
          include: ['e2e/**/*.test.ts'],
        },
      },
    ],
  },
});
