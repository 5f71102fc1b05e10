import path from 'node:path';
import { defineConfig } from 'vitest/config';

const protocolDir = path.resolve(import.meta.dirname, 'server/protocol');
const alias = [
  { find: /^@protocol$/, replacement: path.join(protocolDir, 'index.ts') },
  { find: /^@protocol\/(.*)$/, replacement: `${protocolDir}/$1` },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          // Real workers, Redis and Chromium on 2 cores: one file at a time keeps timings stable.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
