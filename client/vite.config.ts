import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server (PORT, default 3000) serves the built app at / on the same origin;
// in development this dev server proxies the API and Socket.IO to it.
const api = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  base: '/',
  plugins: [react()],
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': api, '/socket.io': { target: api, ws: true } },
  },
  preview: { port: 4173 },
});
