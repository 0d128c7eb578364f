import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server serves the built app at /admin/ on the same origin as the API; in
// development this dev server proxies the API and Socket.IO to it (PORT, default 3000).
const api = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  resolve: {
    // UI pieces and the SDK worker bridge shared with the help-seeker app.
    alias: { '@common': fileURLToPath(new URL('../client/src/common', import.meta.url)) },
  },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    port: 5174,
    strictPort: true,
    proxy: { '/api': api, '/socket.io': { target: api, ws: true } },
  },
  preview: { port: 4174 },
});
