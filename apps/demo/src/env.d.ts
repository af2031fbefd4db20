/// <reference types="vite/client" />
interface ImportMetaEnv {
  /** The server's WebSocket URL (`npm start`). */
  readonly VITE_WIRESTATE_URL?: string
  /** Several nodes' URLs, comma separated (`scripts/demo-redis.sh`). */
  readonly VITE_WIRESTATE_URLS?: string
}

// Single-file components, typed for `tsc` (which cannot read them; vue-tsc and
// svelte-check can, see README.md).
declare module '*.vue' {
  import type { DefineComponent } from 'vue'

  const component: DefineComponent<Record<string, unknown>, Record<string, unknown>, unknown>
  export default component
}
declare module '*.svelte' {
  import type { Component } from 'svelte'

  const component: Component<Record<string, unknown>>
  export default component
}
