import { defaultClientConditions, defineConfig } from 'vite'

// Runs the workspace packages from src/ (the @wirestate/source export condition),
// so the demo needs no build of the libraries.
export default defineConfig({
  resolve: { conditions: ['@wirestate/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  build: { target: 'es2022' },
})
