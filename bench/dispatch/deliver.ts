import type { BenchWebSocket } from '../fake-websocket.ts'

// Yields to the event loop the way a socket's next message task would: setImmediate in
// Node, a MessageChannel message in browsers (setTimeout would add its 1 ms clamp).
const channel = typeof setImmediate === 'function' ? undefined : new MessageChannel()
function nextTask(): Promise<void> {
  if (!channel) return new Promise((resolve) => setImmediate(resolve))
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve()
    channel.port2.postMessage(0)
  })
}

/**
 * Hands `frames` to the socket `perTask` at a time, one event-loop task per group, as a
 * busy socket delivers them; `Infinity` delivers everything in one synchronous loop.
 */
export async function deliver(
  ws: BenchWebSocket,
  frames: string[],
  perTask: number,
): Promise<void> {
  for (let i = 0; i < frames.length; i += perTask) {
    const end = Math.min(frames.length, i + perTask)
    for (let j = i; j < end; j++) ws.receive(frames[j] as string)
    if (end < frames.length) await nextTask()
  }
}
