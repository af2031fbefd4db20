export { type WirestatePlugin, type WirestatePluginApi, wirestate } from './plugin.ts'
export type { SocketReload, WirestateViteOptions } from './plugin-options.ts'
