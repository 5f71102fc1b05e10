import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const clientDir = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: clientDir,
  plugins: [react()],
  resolve: {
    // `@protocol` is the whole wire contract (zod included); `@protocol/<file>` one zod-free part of it.
    alias: [
      { find: /^@protocol$/, replacement: path.resolve(clientDir, '../server/protocol/index.ts') },
      { find: /^@protocol\/(.*)$/, replacement: `${path.resolve(clientDir, '../server/protocol')}/$1` },
    ],
  },
  build: {
    outDir: path.resolve(clientDir, 'dist'),
    emptyOutDir: true,
    target: 'es2020',
    // Lets the page-weight test tell which chunk holds which page.
    manifest: true,
  },
  server: {
    proxy: { '/socket.io': { target: 'http://127.0.0.1:3000', ws: true }, '/health': 'http://127.0.0.1:3000', '/api': 'http://127.0.0.1:3000' },
  },
});
