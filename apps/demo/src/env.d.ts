/// <reference types="vite/client" />
interface ImportMetaEnv {
  /** Another server's WebSocket URL; default: the page's own origin (the Vite plugin). */
  readonly VITE_WIRESTATE_URL?: string
  /** This dev server's node name in a cluster (`scripts/demo-redis.sh`: `A`, `B`). */
  readonly VITE_WIRESTATE_NODE?: string
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
