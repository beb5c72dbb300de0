// Build and dev-server settings for the portal. Each feature is a lazy route, so it gets its own chunk.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { featureFlags } from './feature-flags.ts'

export default defineConfig({
  base: '/',
  plugins: [vue()],
  define: featureFlags,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:1337', changeOrigin: false },
    },
  },
})
