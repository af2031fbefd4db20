export { channel } from './channel.ts'
export { getClient, setClient } from './client-context.ts'
export { connectionStatus } from './connection-status.ts'
export { presence } from './presence.ts'
