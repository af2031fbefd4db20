import { expect, test } from 'vitest'
import { DEFAULT_OPTIONS, type Preset, resolveOptions } from './options.ts'
import { presets } from './presets.ts'
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

test('call options > preset > adapter > library: each key from the highest level giving it', () => {
  const adapter: ProtocolAdapter = {
    ...phoenixV2,
    defaults: { heartbeatIntervalMs: 2, heartbeatTimeoutMs: 2, pushTimeoutMs: 2 },
  }
  const preset: Preset = { heartbeatIntervalMs: 3, heartbeatTimeoutMs: 3, bufferSize: 3 }
  const o = resolveOptions({ url, protocol: adapter, preset, heartbeatIntervalMs: 4 })
  expect(o).toMatchObject({
    heartbeatIntervalMs: 4, // call
    heartbeatTimeoutMs: 3, // preset over adapter
    bufferSize: 3, // preset over library
    pushTimeoutMs: 2, // adapter over library
    connectTimeoutMs: DEFAULT_OPTIONS.connectTimeoutMs, // library
  })
  expect(o).not.toHaveProperty('preset')
})

test('groups merge key by key across all four levels; undefined anywhere counts as not given', () => {
  const preset: Preset = {
    reconnect: { minDelayMs: 3, maxDelayMs: 3, maxRetries: undefined },
    rateLimit: { capacity: 3, perSecond: 3 },
  }
  const o = resolveOptions({
    url,
    preset,
    reconnect: { maxDelayMs: 4, minDelayMs: undefined },
    rateLimit: { perSecond: 4 },
    bufferSize: undefined,
  })
  expect(o.reconnect).toEqual({ ...DEFAULT_OPTIONS.reconnect, minDelayMs: 3, maxDelayMs: 4 })
  expect(o.rateLimit).toEqual({ ...DEFAULT_OPTIONS.rateLimit, capacity: 3, perSecond: 4 })
  expect(o.bufferSize).toBe(DEFAULT_OPTIONS.bufferSize)
})

test('standard is the default and changes nothing: the values clients had before presets', () => {
  const today = {
    reconnect: { minDelayMs: 250, maxDelayMs: 10_000, factor: 2, jitter: 0.5 },
    connectTimeoutMs: 10_000,
    heartbeatIntervalMs: 30_000,
    heartbeatTimeoutMs: 30_000,
    pushTimeoutMs: 10_000,
    bufferSize: 1_000,
    rateLimit: { capacity: 50, perSecond: 50, costs: { PushMessage: 1 }, onLimit: 'queue' },
    inspectLevel: 'frames',
  }
  const none = resolveOptions({ url })
  expect(none).toMatchObject(today)
  expect(none.reconnect.maxRetries).toBe(Number.POSITIVE_INFINITY)
  expect(resolveOptions({ url, preset: presets.standard })).toEqual(none)
  // A custom adapter's own defaults still show through the default preset.
  const adapter: ProtocolAdapter = { ...phoenixV2, defaults: { heartbeatTimeoutMs: 7 } }
  expect(resolveOptions({ url, protocol: adapter, preset: presets.standard })).toEqual(
    resolveOptions({ url, protocol: adapter }),
  )
  expect(resolveOptions({ url, protocol: adapter }).heartbeatTimeoutMs).toBe(7)
})

test('a preset is plain data: spread, extended, and still beaten by call options', () => {
  const ours: Preset = { ...presets.realtime, heartbeatIntervalMs: 10_000 }
  const o = resolveOptions({ url, preset: ours, reconnect: { maxRetries: 3 } })
  expect(o).toMatchObject({ heartbeatIntervalMs: 10_000, heartbeatTimeoutMs: 5_000 })
  expect(o.reconnect).toMatchObject({ minDelayMs: 100, maxDelayMs: 5_000, maxRetries: 3 })
  // The shared preset itself is untouched.
  expect(presets.realtime.heartbeatIntervalMs).toBe(15_000)
  // Spread into the call options instead, it is the call's: the same result.
  expect(resolveOptions({ url, ...ours, reconnect: { ...ours.reconnect, maxRetries: 3 } })).toEqual(
    o,
  )
})

test('a preset given by name throws at once, saying what it takes', () => {
  // @ts-expect-error: a name, as a JavaScript caller might write it
  expect(() => resolveOptions({ url, preset: 'realtime' })).toThrow(
    'wirestate: preset takes an object (presets.realtime), got realtime',
  )
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
