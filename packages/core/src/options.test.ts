import { expect, test } from 'vitest'
import { DEFAULT_OPTIONS, resolveOptions } from './options.ts'
import type { ProtocolAdapter } from './protocol/adapter.ts'
import { phoenixV2 } from './protocol/phoenix/adapter.ts'

const url = 'ws://localhost/socket/websocket'

test('the call beats the adapter, which beats the library', () => {
  const adapter: ProtocolAdapter = {
    ...phoenixV2,
    defaults: { heartbeatIntervalMs: 5, pushTimeoutMs: 6 },
  }
  const o = resolveOptions({
    url,
    protocol: adapter,
    pushTimeoutMs: 7,
    heartbeatTimeoutMs: undefined,
  })
  expect(o.pushTimeoutMs).toBe(7)
  expect(o.heartbeatIntervalMs).toBe(5)
  expect(o.heartbeatTimeoutMs).toBe(DEFAULT_OPTIONS.heartbeatTimeoutMs)
})

test('phoenixV2 is the default protocol and its defaults apply', () => {
  const o = resolveOptions({ url })
  expect(o.protocol).toBe(phoenixV2)
  expect(o.heartbeatTimeoutMs).toBe(30_000)
})

test('reconnect and rateLimit merge key by key', () => {
  const o = resolveOptions({ url, reconnect: { maxDelayMs: 1 }, rateLimit: { capacity: 2 } })
  expect(o.reconnect).toMatchObject({ minDelayMs: 250, maxDelayMs: 1, factor: 2 })
  expect(o.rateLimit).toEqual({
    capacity: 2,
    perSecond: 50,
    costs: { PushMessage: 1 },
    onLimit: 'queue',
  })
})

test('a url the client can never connect to throws at once, with the fix', () => {
  expect(() => resolveOptions({ url: '/socket/websocket' })).toThrow(
    /absolute WebSocket URL.*got "\/socket\/websocket".*location\.origin/,
  )
  expect(() => resolveOptions({ url: 'https://example.com/socket/websocket' })).toThrow(
    /use wss:\/\/ instead of https:/,
  )
  expect(() => resolveOptions({ url: 'wss://example.com/socket/websocket' })).not.toThrow()
  // A function is called before each connect: its URL is checked then.
  expect(() => resolveOptions({ url: () => '/relative' })).not.toThrow()
})
