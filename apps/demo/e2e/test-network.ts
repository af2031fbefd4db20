import type { BrowserContext, WebSocketRoute } from '@playwright/test'

/**
 * The network between one browser context and the server, which a test can take down
 * (and which can answer a push with a refusal in the server's place).
 *
 * Chromium's offline mode (`context.setOffline`) fires the `offline` event and fails new
 * connections, but an open WebSocket only freezes: nothing moves either way, not even
 * its close frame, until the browser is back online. That is a half-open connection, as
 * after a dead Wi-Fi: the client finds out by a missed heartbeat; the server finds out by
 * its own liveness check (the connection idle timeout, 15 s in the demo), so the others
 * would see the leave only seconds later.
 *
 * This network stands for that wait: the context's WebSocket frames go through it
 * (Playwright's WebSocket routing, to the real server), and `down()` drops the server's
 * end at once (as its liveness check would), passes nothing more either way (the
 * browser's end stays open, half-open, for the client to detect), and refuses new
 * connections (as offline Chromium does) until `up()`.
 */
export class TestNetwork {
  #up = true
  #servers = new Set<WebSocketRoute>()
  #refusals: { event: string; reason: string }[] = []

  /** Routes the context's WebSockets through this network; call before opening pages. */
  async attach(context: BrowserContext): Promise<void> {
    await context.routeWebSocket(/\/socket\/websocket/, (page) => this.#connect(page))
  }

  /** Takes the network down: see the class comment. */
  async down(): Promise<void> {
    this.#up = false
    const servers = [...this.#servers]
    this.#servers.clear()
    await Promise.all(servers.map((server) => server.close()))
  }

  /** Brings the network back: new connections go through again. */
  up(): void {
    this.#up = true
  }

  /**
   * The next push of `event` the page sends does not reach the server: the page gets the
   * error reply the server gives when it refuses one (`{ reason }`), as from the server's
   * rate limit (`rate limited`) or its validation (`invalid message`).
   */
  refuseNextPush(event: string, reason: string): void {
    this.#refusals.push({ event, reason })
  }

  #connect(page: WebSocketRoute): void {
    // Refused, as a connection attempt while offline: the page sees it fail (no `open`).
    if (!this.#up) {
      void page.close()
      return
    }
    const server = page.connectToServer()
    this.#servers.add(server)
    page.onMessage((frame) => {
      if (!this.#up || !this.#servers.has(server)) return
      const refusal = this.#refusal(frame)
      if (refusal) page.send(refusal)
      else server.send(frame)
    })
    server.onMessage((frame) => this.#up && this.#servers.has(server) && page.send(frame))
    page.onClose(() => {
      if (this.#servers.delete(server)) void server.close()
    })
    server.onClose((code, reason) => {
      // The server closed it while the network is up: the page hears of it.
      if (this.#servers.delete(server)) void page.close({ code, reason })
    })
  }

  /** The reply refusing this frame (a Phoenix v2 JSON push), if one is due for it. */
  #refusal(frame: string | Buffer): string | undefined {
    if (typeof frame !== 'string') return undefined
    const [joinRef, ref, topic, event] = JSON.parse(frame) as [string, string, string, string]
    const i = this.#refusals.findIndex((r) => r.event === event)
    const refusal = this.#refusals[i]
    if (!refusal) return undefined
    this.#refusals.splice(i, 1)
    const reply = { status: 'error', response: { reason: refusal.reason } }
    return JSON.stringify([joinRef, ref, topic, 'phx_reply', reply])
  }
}
