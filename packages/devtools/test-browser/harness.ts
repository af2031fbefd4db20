import { type Channel, type Client, createClient } from '@wirestate/core'
import { expect, inject } from 'vitest'

/** Every native WebSocket the test clients opened, newest last (to drop one under a client). */
export const sockets: WebSocket[] = []

class RecordedWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols)
    sockets.push(this)
  }
}

/** A real client against the suite's server, with params that must never be shown. */
export function connectClient(): Client {
  return createClient({
    url: inject('wsUrl'),
    WebSocket: RecordedWebSocket,
    params: { user: 'ann', token: 'secret-token-123' },
    heartbeatIntervalMs: 250,
    reconnect: { minDelayMs: 50, maxDelayMs: 200 },
  })
}

/** Joins a room and waits until it is joined. */
export async function joinRoom(client: Client, topic: string): Promise<Channel> {
  const room = client.channel(topic, { params: { nick: 'ann', token: 'join-secret-456' } })
  room.join()
  await expect.poll(() => room.$state.get().status).toBe('joined')
  return room
}

/** The panel's shadow root (the test mounts one panel at a time). */
export function shadow(): ShadowRoot {
  const root = document.querySelector('wirestate-devtools')?.shadowRoot
  if (!root) throw new Error('no devtools panel is mounted')
  return root
}

/** One element inside the panel, or a clear failure. */
export function find<T extends Element = HTMLElement>(selector: string): T {
  const found = shadow().querySelector<T>(selector)
  if (!found) throw new Error(`nothing matches ${selector} in the panel`)
  return found
}

/** The rows a virtualized list shows now, as text (cells joined by ' | '). */
export function rowTexts(view: 'timeline' | 'frames'): string[] {
  return [...shadow().querySelectorAll<HTMLElement>(`[data-view=${view}] .row:not([hidden])`)]
    .sort((a, b) => Number(a.dataset.seq) - Number(b.dataset.seq))
    .map((row) => [...row.children].map((cell) => cell.textContent).join(' | '))
}

/** Sets a select's value the way a user's choice does (a change event). */
export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value
  select.dispatchEvent(new Event('change', { bubbles: true }))
}
