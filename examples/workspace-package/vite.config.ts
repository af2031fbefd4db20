import react from '@vitejs/plugin-react'
import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// `@wirestate/source` resolves the workspace's @wirestate/* packages to their TypeScript
// sources, so nothing needs a build. Vite (dev and build) and Vitest read this one file.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@wirestate/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@wirestate/source', ...defaultServerConditions] } },
  test: { environment: 'jsdom' },
})
