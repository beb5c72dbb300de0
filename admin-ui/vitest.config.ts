// Unit and component tests of the portal; the root Vitest config lists this folder as a project.
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { featureFlags } from './feature-flags.ts'

export default defineConfig({
  plugins: [vue()],
  define: featureFlags,
  test: {
    name: 'portal',
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
})
