// Vite build of the workspace UI. `npm run dev -w @trellis/web` serves it with hot reload and proxies /api to the
// Trellis server (TRELLIS_API, default http://localhost:3000); `vite build` writes dist/, which the server serves.
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.TRELLIS_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: { alias: { '@': new URL('./src', import.meta.url).pathname } },
  server: { port: 5173, proxy: { '/api': { target: api, changeOrigin: false } } },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 900 },
});
