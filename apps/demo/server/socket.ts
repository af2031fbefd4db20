import { demoSocket } from '@wirestate/server/demo'

// The demo's socket, served on the app's own origin (/socket/websocket) by the Vite
// plugin (vite.config.ts): chat rooms, notifications and @mentions, as the server's CLI
// serves them. The plugin loads this module through Vite's module graph, @wirestate/server's
// sources included: save an edit to a handler (here, or in
// packages/server/src/demo/demo-socket.ts) and the next event runs it; open tabs stay
// connected, in their rooms, present.
export default demoSocket
