import { describe, expect, test } from 'vitest'
import { DEFAULT_SECRET_KEYS, REDACTED, redact, redactText } from './redact.ts'

describe('redact', () => {
  test('replaces secret keys at any depth, in objects and arrays', () => {
    const input = {
      user: 'ann',
      token: 'abc',
      nested: { deeper: [{ password: 'hunter2', note: 'ok' }], Authorization: 'Bearer x' },
      list: [{ api_key: 'k1' }, { apiKey: 'k2' }, { 'x-api-key': 'k3' }],
      access_token: 't',
      refreshToken: 'r',
      client_secret: 's',
      auth: { anything: 1 },
    }
    expect(redact(input)).toEqual({
      user: 'ann',
      token: REDACTED,
      nested: { deeper: [{ password: REDACTED, note: 'ok' }], Authorization: REDACTED },
      list: [{ api_key: REDACTED }, { apiKey: REDACTED }, { 'x-api-key': REDACTED }],
      access_token: REDACTED,
      refreshToken: REDACTED,
      client_secret: REDACTED,
      auth: REDACTED,
    })
  })

  test('never changes its input', () => {
    const input = { token: 'abc', inner: { secret: 'x' } }
    redact(input)
    expect(input).toEqual({ token: 'abc', inner: { secret: 'x' } })
  })

  test('redacts URL queries and passwords inside string values, keeping vsn', () => {
    const out = redact({
      note: 'connect to wss://u:pw@api.example.com/socket/websocket?token=abc&user=ann&vsn=2.0.0#x',
      plain: 'https://example.com/path',
    })
    expect(out).toEqual({
      note: `connect to wss://u:${REDACTED}@api.example.com/socket/websocket?token=${REDACTED}&user=${REDACTED}&vsn=2.0.0#x`,
      plain: 'https://example.com/path',
    })
  })

  test('redacts JWTs and Bearer credentials in free text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature-1'
    expect(redactText(`got ${jwt} here`)).toBe(`got ${REDACTED} here`)
    expect(redactText('Authorization: Bearer abcdef123456')).toBe(
      `Authorization: Bearer ${REDACTED}`,
    )
    expect(redactText('hello world')).toBe('hello world')
  })

  test('handles cycles, shared objects, binary data and bigint without throwing', () => {
    const shared = { a: 1 }
    const cyclic: Record<string, unknown> = { shared, again: shared }
    cyclic.self = cyclic
    expect(redact(cyclic)).toEqual({
      shared: { a: 1 },
      again: { a: 1 },
      self: '[circular]',
    })
    expect(redact({ bytes: new Uint8Array(3), big: 10n })).toEqual({
      bytes: '[binary, 3 bytes]',
      big: '10n',
    })
  })

  test('takes a custom key pattern', () => {
    expect(redact({ pin: '1234', token: 'x' }, /^pin$/)).toEqual({ pin: REDACTED, token: 'x' })
    expect(DEFAULT_SECRET_KEYS.test('session_id')).toBe(true)
    expect(DEFAULT_SECRET_KEYS.test('body')).toBe(false)
  })
})
