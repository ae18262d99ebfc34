import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node (and so tsx, in production) loads graphql's CommonJS entry, which type-graphql and Apollo
    // use; Vite would pick its ES module entry, a second copy whose classes fail instanceof checks.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['common/**/*.test.ts', 'subgraphs/**/*.test.ts', 'gateway/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Two cores: two workers keep both busy without starving the services under test.
    maxWorkers: 2,
    // A worker runs file after file in one module cache: the services' code (type-graphql,
    // MikroORM, Apollo) is loaded once per worker rather than once per file.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
