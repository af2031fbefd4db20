import { svelte } from '@sveltejs/vite-plugin-svelte'
import react from '@vitejs/plugin-react'
import vue from '@vitejs/plugin-vue'
import { defaultClientConditions, defineConfig } from 'vite'

// Three pages on one server: the React app (index.html) and the Vue and Svelte pages
// of the same rooms. The workspace packages run from src/ (the @wirestate/source
// export condition), so the demo needs no build of the libraries.
// The end-to-end suite's server (DEMO_E2E=1) neither watches files nor reloads pages:
// an edit elsewhere in the workspace during a run must not reload the pages under test.
const e2e = process.env.DEMO_E2E === '1'

export default defineConfig({
  plugins: [react(), vue(), svelte()],
  resolve: { conditions: ['@wirestate/source', ...defaultClientConditions] },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    ...(e2e ? { hmr: false, watch: null } : {}),
  },
  build: {
    target: 'es2022',
    rollupOptions: { input: ['index.html', 'vue.html', 'svelte.html'] },
  },
})
