import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'

/**
 * The baseline: a naive `ws` broadcast loop speaking just enough Phoenix v2 for the
 * same clients. A join is answered ok; a `publish` push is decoded, its broadcast
 * encoded once as text, then `ws.send` to every member of the topic in a loop — what
 * a fan-out costs when written the obvious way.
 */
export async function startNaiveServer(): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise((resolve) => wss.once('listening', resolve))
  const topics = new Map<string, Set<WebSocket>>()
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const [joinRef, ref, topic, event, payload] = JSON.parse(String(data))
      if (event === 'phx_join') {
        const members = topics.get(topic) ?? new Set()
        topics.set(topic, members.add(socket))
        socket.once('close', () => members.delete(socket))
        const reply = { response: {}, status: 'ok' }
        socket.send(JSON.stringify([joinRef, ref, topic, 'phx_reply', reply]))
      } else if (event === 'publish') {
        const text = JSON.stringify([null, null, topic, 'new_msg', payload])
        for (const member of topics.get(topic) ?? []) member.send(text)
      }
    })
  })
  const { port } = wss.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => wss.close(() => resolve())),
  }
}
