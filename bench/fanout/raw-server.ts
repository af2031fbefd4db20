import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'

/**
 * The baseline: a bare `ws` server that sends every frame it receives to every
 * other connection — the least work a broadcast can cost on this machine.
 */
export async function startRawServer(): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise((resolve) => wss.once('listening', resolve))
  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      for (const client of wss.clients)
        if (client !== socket) client.send(data, { binary: isBinary })
    })
  })
  const { port } = wss.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => wss.close(() => resolve())),
  }
}
