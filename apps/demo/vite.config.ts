import { svelte } from '@sveltejs/vite-plugin-svelte'
import react from '@vitejs/plugin-react'
import vue from '@vitejs/plugin-vue'
import { wirestate } from '@wirestate/server/vite'
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite'

// Three pages on one server: the React app (index.html) and the Vue and Svelte pages
// of the same rooms, and the socket they talk to (server/socket.ts, on this server's
// own port). The workspace packages run from src/ (the @wirestate/source export
// condition), so the demo needs no build of the libraries; Vite itself must run with
// that condition to load the plugin from source (package.json's scripts do).
// The end-to-end suite's server (DEMO_E2E=1) neither watches files nor reloads pages:
// an edit elsewhere in the workspace during a run must not reload the pages under test.
const e2e = process.env.DEMO_E2E === '1'
// scripts/demo-redis.sh: two dev servers (nodes A and B) on one Redis, each on its port.
const node = process.env.VITE_WIRESTATE_NODE

export default defineConfig({
  plugins: [
    react(),
    vue(),
    svelte(),
    wirestate({
      socket: './server/socket.ts',
      redis: process.env.WIRESTATE_REDIS || undefined,
      // The demo client heartbeats every 5 s: a connection silent for 15 s is a dead
      // network, and the others see that user leave then rather than after 60 s.
      limits: { idleTimeoutMs: 15_000 },
    }),
  ],
  // Two dev servers must not optimize dependencies into one cache at once.
  ...(node ? { cacheDir: `node_modules/.vite-node-${node.toLowerCase()}` } : {}),
  resolve: { conditions: ['@wirestate/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@wirestate/source', ...defaultServerConditions] } },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    ...(e2e ? { hmr: false, watch: null } : {}),
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: {
    target: 'es2022',
    rollupOptions: { input: ['index.html', 'vue.html', 'svelte.html'] },
  },
})
