import type { InspectEntry } from '@wirestate/core'
import { describe, expect, test } from 'vitest'
import { REDACTED } from './redact.ts'
import { Session } from './session.ts'
import { exportSession, importSession, SESSION_FORMAT, SessionFileError } from './session-file.ts'

const joinFrame = JSON.stringify([
  '1',
  '1',
  'room:1',
  'phx_join',
  { token: 'jwt-abc', profile: { password: 'pw', name: 'ann' } },
])
const entries: InspectEntry[] = [
  {
    kind: 'command',
    command: {
      type: 'JoinChannel',
      time: 1,
      topic: 'room:1',
      payload: { token: 'jwt-abc', profile: { password: 'pw', name: 'ann' } },
    },
  },
  { kind: 'frame', direction: 'out', size: joinFrame.length, time: 1, frame: joinFrame },
  {
    kind: 'event',
    event: {
      type: 'MessageReceived',
      time: 2,
      topic: 'room:1',
      event: 'link',
      payload: { items: [{ url: 'wss://h/socket/websocket?token=abc&vsn=2.0.0' }], api_key: 'k' },
    },
  },
  { kind: 'frame', direction: 'in', size: 8, time: 3, frame: new ArrayBuffer(8) },
  { kind: 'frame', direction: 'in', size: 24, time: 4, frame: 'not json, token=x Bearer abcdefgh' },
]

describe('exportSession', () => {
  test('redacts secrets in commands, events and raw frames, nested and in URLs', () => {
    const text = exportSession(entries, { now: new Date(0) })
    for (const secret of ['jwt-abc', '"pw"', 'token=abc', '"k"', 'abcdefgh']) {
      expect(text).not.toContain(secret)
    }
    const file = JSON.parse(text)
    expect(file).toMatchObject({
      format: SESSION_FORMAT,
      version: 1,
      exportedAt: '1970-01-01T00:00:00.000Z',
    })
    expect(file.entries[0].command.payload).toEqual({
      token: REDACTED,
      profile: { password: REDACTED, name: 'ann' },
    })
    expect(JSON.parse(file.entries[1].frame)).toEqual([
      '1',
      '1',
      'room:1',
      'phx_join',
      { token: REDACTED, profile: { password: REDACTED, name: 'ann' } },
    ])
    expect(file.entries[2].event.payload).toEqual({
      items: [{ url: `wss://h/socket/websocket?token=${REDACTED}&vsn=2.0.0` }],
      api_key: REDACTED,
    })
    expect(file.entries[3]).toEqual({
      kind: 'frame',
      direction: 'in',
      size: 8,
      time: 3,
      frame: null,
    })
    expect(file.entries[4].frame).toBe(`not json, token=x Bearer ${REDACTED}`)
  })

  test('never changes the entries it exports', () => {
    const copy = structuredClone(entries.slice(0, 3))
    exportSession(entries)
    expect(entries.slice(0, 3)).toEqual(copy)
  })
})

describe('importSession', () => {
  test('round-trips: an imported file rebuilds the same views, redacted', () => {
    const live = new Session()
    for (const entry of entries) live.ingest(entry)
    const loaded = new Session()
    for (const entry of importSession(exportSession(live.entries()))) loaded.ingest(entry)
    expect(loaded.timeline.toArray().map((r) => [r.seq, r.type, r.topic])).toEqual(
      live.timeline.toArray().map((r) => [r.seq, r.type, r.topic]),
    )
    expect(loaded.frames.toArray().map((r) => [r.direction, r.size, r.event])).toEqual([
      ['out', joinFrame.length, 'phx_join'],
      ['in', 8, ''],
      ['in', 24, ''],
    ])
    expect(loaded.channels.get('room:1')).toMatchObject({
      messagesIn: 1,
      params: { token: REDACTED },
    })
    // Exporting the imported session again gives the same file: nothing is lost twice.
    const again = exportSession(loaded.entries(), { now: new Date(0) })
    expect(again).toBe(exportSession(live.entries(), { now: new Date(0) }))
  })

  test('refuses what is not a session, saying why', () => {
    const bad = [
      ['{', /not JSON/],
      ['{"format":"other"}', /format is not/],
      [`{"format":"${SESSION_FORMAT}","version":2,"entries":[]}`, /version 2/],
      [`{"format":"${SESSION_FORMAT}","version":1}`, /no entries/],
      [
        `{"format":"${SESSION_FORMAT}","version":1,"entries":[{"kind":"event","event":{}}]}`,
        /entry 0/,
      ],
      [
        `{"format":"${SESSION_FORMAT}","version":1,"entries":[{"kind":"x","type":"a","time":1}]}`,
        /entry 0/,
      ],
    ] as const
    for (const [text, message] of bad) {
      expect(() => importSession(text)).toThrow(SessionFileError)
      expect(() => importSession(text)).toThrow(message)
    }
  })
})
