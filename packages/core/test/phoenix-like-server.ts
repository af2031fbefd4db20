import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'

type Frame = [string | null, string | null, string, string, Record<string, unknown>]

/**
 * A minimal server that answers like Phoenix Channels v2 (see fixtures/phoenix-1.7-transcripts):
 * heartbeats, joins (`room:private` is refused), leaves, and pushes. `new_msg` is broadcast
 * to every member and replied with an id; anything else is echoed in the reply. Only for
 * core's integration test, until @wirestate/server replaces it.
 */
export interface PhoenixLikeServer {
  url: string
  /** Connections made so far and the URLs they asked for. */
  urls: string[]
  /** Every frame received, parsed. */
  received: Frame[]
  /** Drops every connection without a close handshake, like a network failure. */
  dropAll(): void
  close(): Promise<void>
}

export async function startPhoenixLikeServer(): Promise<PhoenixLikeServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise((resolve) => wss.once('listening', resolve))
  const members = new Map<string, Map<WebSocket, string>>()
  const urls: string[] = []
  const received: Frame[] = []
  let ids = 0
  wss.on('connection', (socket, request) => {
    urls.push(request.url ?? '')
    const send = (frame: Frame) => socket.send(JSON.stringify(frame))
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame
      received.push(frame)
      const [joinRef, ref, topic, event, payload] = frame
      const reply = (status: 'ok' | 'error', response: object) =>
        send([joinRef, ref, topic, 'phx_reply', { status, response }])
      if (event === 'heartbeat') return reply('ok', {})
      if (event === 'phx_join') {
        if (topic === 'room:private') return reply('error', { reason: 'unauthorized' })
        if (!members.has(topic)) members.set(topic, new Map())
        members.get(topic)?.set(socket, joinRef ?? '')
        return reply('ok', { joined: topic })
      }
      if (event === 'phx_leave') {
        members.get(topic)?.delete(socket)
        reply('ok', {})
        return send([joinRef, joinRef, topic, 'phx_close', {}])
      }
      if (event !== 'new_msg') return reply('ok', payload)
      for (const member of members.get(topic)?.keys() ?? []) {
        if (member.readyState === WebSocket.OPEN) {
          member.send(JSON.stringify([null, null, topic, 'new_msg', payload]))
        }
      }
      reply('ok', { id: ++ids })
    })
    socket.on('close', () => {
      for (const topic of members.values()) topic.delete(socket)
    })
  })
  const { port } = wss.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}/socket/websocket`,
    urls,
    received,
    dropAll() {
      for (const client of wss.clients) client.terminate()
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close(() => resolve())
      }),
  }
}
