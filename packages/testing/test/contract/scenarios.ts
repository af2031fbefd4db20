import type { FrameTuple, RawSocket } from './raw-socket.ts'

/**
 * What a scenario needs from the side it runs on: sockets as a user, and a notification
 * stored and sent by the application (`server.broadcast` on the server, a stream append
 * on the mock).
 *
 * @example
 * ```ts
 * const side: ContractSide = { open: (user) => RawSocket.open(`${url}?vsn=2.0.0&user=${user}`), notify }
 * ```
 */
export interface ContractSide {
  open(user: string): Promise<RawSocket>
  notify(topic: string, payload: Record<string, unknown>): Promise<void>
}

/**
 * One scenario: it drives raw sockets and returns, per socket, the frames received (to
 * be normalized and compared with what both sides must send).
 *
 * @example
 * ```ts
 * const transcript = normalize(await scenario.run(side))
 * ```
 */
export interface Scenario {
  readonly name: string
  run(side: ContractSide): Promise<Record<string, unknown>>
}

const STREAM_ID = /^\d+-\d+$/

/**
 * A transcript with what legitimately differs between runs replaced by stable names:
 * presence refs (`#ref1`, ...), stream ids (`#id1`, ...) by order of appearance, and
 * times (`*_at` fields).
 *
 * @example
 * ```ts
 * normalize({ a: [[null, null, 't', 'e', { id: '1700000000000-0' }]] }) // { a: [[null, null, 't', 'e', { id: '#id1' }]] }
 * ```
 */
export function normalize(transcript: unknown): unknown {
  const names = new Map<string, string>()
  const rename = (value: string, prefix: string) => {
    const key = `${prefix}:${value}`
    if (!names.has(key))
      names.set(
        key,
        `#${prefix}${[...names.keys()].filter((k) => k.startsWith(`${prefix}:`)).length + 1}`,
      )
    return names.get(key) as string
  }
  const walk = (value: unknown, field: string | null): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, null))
    if (value instanceof ArrayBuffer) return [...new Uint8Array(value)]
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]))
    }
    if (field?.endsWith('_at')) return '#time'
    if (typeof value !== 'string') return value
    if (field === 'phx_ref' || field === 'phx_ref_prev') return rename(value, 'ref')
    return STREAM_ID.test(value) ? rename(value, 'id') : value
  }
  return walk(transcript, null)
}

const join = (socket: RawSocket, ref: string, topic: string, payload: unknown = {}) => {
  socket.send(ref, ref, topic, 'phx_join', payload)
  return socket.reply(topic, ref)
}
const push = (
  socket: RawSocket,
  joinRef: string | null,
  ref: string,
  topic: string,
  event: string,
  payload: unknown = {},
) => {
  socket.send(joinRef, ref, topic, event, payload)
  return socket.reply(topic, ref)
}
const idOf = (reply: FrameTuple) => (reply[4] as { response: { id: string } }).response.id

/** Every scenario of the contract, in the order the suites run them. */
export const scenarios: Scenario[] = [
  {
    name: 'joins: allowed, refused by the route, unmatched topic; leaves',
    async run({ open }) {
      const ann = await open('ann')
      await join(ann, '1', 'room:lobby')
      await join(ann, '2', 'room:private')
      await join(ann, '3', 'nowhere:1')
      await push(ann, '1', '4', 'room:lobby', 'phx_leave')
      await ann.nth('room:lobby', 'phx_close')
      await push(ann, '5', '5', 'never:joined', 'phx_leave')
      return { ann: ann.received }
    },
  },
  {
    name: 'replies: ok, error, unhandled event, a topic not joined, a stale join_ref',
    async run({ open }) {
      const ann = await open('ann')
      await join(ann, '1', 'room:r')
      await push(ann, '1', '2', 'room:r', 'ping')
      await push(ann, '1', '3', 'room:r', 'echo', { a: [1, { b: 'ü' }] })
      await push(ann, '1', '4', 'room:r', 'error_me')
      await push(ann, '1', '5', 'room:r', 'nope')
      await push(ann, null, '6', 'room:other', 'ping')
      await join(ann, '7', 'room:r') // a second join of the topic ends the first
      ann.send('1', '8', 'room:r', 'ping', {}) // the old join's: ignored
      await push(ann, '7', '9', 'room:r', 'ping')
      return { ann: ann.received }
    },
  },
  {
    name: 'a crash ends the join with phx_error; a handler may close it after its reply',
    async run({ open }) {
      const ann = await open('ann')
      await join(ann, '1', 'room:c')
      ann.send('1', '2', 'room:c', 'crash', {})
      await ann.nth('room:c', 'phx_error')
      await join(ann, '3', 'room:c')
      await push(ann, '3', '4', 'room:c', 'stop')
      await ann.nth('room:c', 'phx_close')
      await push(ann, '3', '5', 'room:c', 'ping') // the join is over
      return { ann: ann.received }
    },
  },
  {
    name: 'presence: one user on two sockets, another user, a leave',
    async run({ open }) {
      const phone = await open('ann')
      await join(phone, '1', 'room:p', { presence: { device: 'phone' } })
      await phone.nth('room:p', 'presence_state')
      const laptop = await open('ann')
      await join(laptop, '1', 'room:p', { presence: { device: 'laptop' } })
      await laptop.nth('room:p', 'presence_state')
      const bob = await open('bob')
      await join(bob, '1', 'room:p')
      await bob.nth('room:p', 'presence_state')
      await phone.nth('room:p', 'presence_diff', 3)
      await push(laptop, '1', '2', 'room:p', 'phx_leave')
      await phone.nth('room:p', 'presence_diff', 4)
      await bob.nth('room:p', 'presence_diff', 2)
      return { phone: phone.received, laptop: laptop.received, bob: bob.received }
    },
  },
  {
    name: 'stream: resume with since (recovered), and past a trimmed history (not recovered)',
    async run({ open }) {
      const ann = await open('ann')
      await join(ann, '1', 'feed:1')
      const first = idOf(await push(ann, '1', '2', 'feed:1', 'post', { body: 'a' }))
      await ann.nth('feed:1', 'post', 1)
      ann.close()
      const bob = await open('bob')
      await join(bob, '1', 'feed:1')
      await push(bob, '1', '2', 'feed:1', 'post', { body: 'b' })
      await push(bob, '1', '3', 'feed:1', 'post', { body: 'c' })
      const back = await open('ann')
      await join(back, '1', 'feed:1', { since: first })
      await back.nth('feed:1', 'post', 2)
      await push(bob, '1', '4', 'feed:1', 'post', { body: 'd' })
      await push(bob, '1', '5', 'feed:1', 'post', { body: 'e' }) // 3 kept: 'a' and 'b' are gone
      await back.nth('feed:1', 'post', 4)
      const late = await open('cy')
      await join(late, '1', 'feed:1', { since: first })
      await late.nth('feed:1', 'post', 3)
      await join(late, '2', 'feed:1', { since: 'yesterday' })
      await late.nth('feed:1', 'phx_close')
      return { back: back.received, late: late.received }
    },
  },
  {
    name: 'chat route: send once per client_id, edit, history, typing',
    async run({ open }) {
      const ann = await open('ann')
      const bob = await open('bob')
      await join(ann, '1', 'chat:1')
      await join(bob, '1', 'chat:1')
      const sent = await push(ann, '1', '2', 'chat:1', 'new_msg', { body: 'hi', client_id: 'c1' })
      await push(ann, '1', '3', 'chat:1', 'new_msg', { body: 'hi', client_id: 'c1' }) // a retry
      await push(ann, '1', '4', 'chat:1', 'edit_msg', { id: idOf(sent), body: 'hi!' })
      await push(bob, '1', '2', 'chat:1', 'history', { limit: 10 })
      bob.send('1', '3', 'chat:1', 'typing', { typing: true })
      await ann.nth('chat:1', 'typing')
      await push(bob, '1', '4', 'chat:1', 'new_msg', { body: '' })
      await bob.nth('chat:1', 'msg_edited')
      return { ann: ann.received, bob: bob.received }
    },
  },
  {
    name: 'notifications route: state on join, notifications, mark read, history, refused',
    async run({ open, notify }) {
      const ann = await open('ann')
      await join(ann, '1', 'user:ann:notifications', { state: true })
      await notify('user:ann:notifications', { kind: 'mention', body: 'one' })
      await notify('user:ann:notifications', { kind: 'mention', body: 'two' })
      const one = await ann.nth('user:ann:notifications', 'notification', 1)
      await ann.nth('user:ann:notifications', 'notification', 2)
      const id = (one[4] as { id: string }).id
      await push(ann, '1', '2', 'user:ann:notifications', 'mark_read', { id })
      await ann.nth('user:ann:notifications', 'notifications_state')
      await push(ann, '1', '3', 'user:ann:notifications', 'history', {})
      const bob = await open('bob')
      await join(bob, '1', 'user:ann:notifications')
      return { ann: ann.received, bob: bob.received }
    },
  },
  {
    name: 'a frame that is not a v2 message closes the socket with 1011',
    async run({ open }) {
      const ann = await open('ann')
      await join(ann, '1', 'room:x')
      await ann.nth('room:x', 'presence_state')
      ann.sendRaw('[1,2,3]')
      const closed = await ann.closed
      return { ann: ann.received, code: closed.code }
    },
  },
]
