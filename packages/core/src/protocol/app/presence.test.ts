import { Presence } from 'phoenix'
import { describe, expect, it } from 'vitest'
import { type PresenceState, syncDiff, syncState } from './presence.ts'

// A small deterministic generator: the same "random" rooms on every run.
function generator(seed: number) {
  let x = seed
  const next = () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31
    return x / 2 ** 31
  }
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T
  const state = (): PresenceState => {
    const out: PresenceState = {}
    for (const key of ['ann', 'bob', 'cy']) {
      const metas = ['1', '2', '3'].filter(() => next() < 0.4).map((n) => ({ phx_ref: key + n }))
      if (metas.length) out[key] = { metas }
    }
    return out
  }
  return { pick, state, next }
}

const plain = (state: unknown) => JSON.parse(JSON.stringify(state))

describe('syncState / syncDiff', () => {
  it('give the states phoenix.js Presence gives, with the same callbacks', () => {
    const { state, next } = generator(7)
    let ours: PresenceState = Object.create(null)
    let theirs = {}
    for (let step = 0; step < 300; step++) {
      const heard: string[][] = [[], []]
      const log = (i: number, kind: string) => (key: string) => heard[i]?.push(`${kind} ${key}`)
      if (next() < 0.3) {
        const whole = state()
        ours = syncState(ours, plain(whole), { onJoin: log(0, 'join'), onLeave: log(0, 'leave') })
        theirs = Presence.syncState(theirs, plain(whole), log(1, 'join'), log(1, 'leave'))
      } else {
        const diff = { joins: state(), leaves: state() }
        syncDiff(ours, plain(diff), { onJoin: log(0, 'join'), onLeave: log(0, 'leave') })
        theirs = Presence.syncDiff(theirs, plain(diff), log(1, 'join'), log(1, 'leave'))
      }
      expect(plain(ours)).toEqual(plain(theirs))
      expect(heard[0]).toEqual(heard[1])
    }
  })

  it('change no array or object already in the state, so snapshots stay valid', () => {
    const state: PresenceState = Object.create(null)
    syncDiff(state, { joins: { ann: { metas: [{ phx_ref: 'a1' }] } }, leaves: {} })
    const before = state.ann
    const metas = before?.metas
    syncDiff(state, {
      joins: { ann: { metas: [{ phx_ref: 'a2' }] } },
      leaves: { ann: { metas: [{ phx_ref: 'a1' }] } },
    })
    expect(before).toEqual({ metas: [{ phx_ref: 'a1' }] })
    expect(metas).toHaveLength(1)
    expect(state.ann).toEqual({ metas: [{ phx_ref: 'a2' }] })
  })

  it('keep metas already held as the same objects when a whole state comes', () => {
    const state = syncState(Object.create(null), { ann: { metas: [{ phx_ref: 'a1' }] } })
    const held = state.ann?.metas[0]
    syncState(state, { ann: { metas: [{ phx_ref: 'a1' }, { phx_ref: 'a2' }] } })
    expect(state.ann?.metas[0]).toBe(held)
  })

  it('treat __proto__ as an ordinary key and skip malformed entries', () => {
    const state: PresenceState = {}
    const diff = JSON.parse(
      '{"joins":{"__proto__":{"metas":[{"phx_ref":"p1"}]},"bad":{"metas":3}}}',
    )
    syncDiff(state, diff)
    expect(Object.keys(state)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype)
    syncDiff(state, JSON.parse('{"leaves":{"__proto__":{"metas":[{"phx_ref":"p1"}]}}}'))
    expect(Object.keys(state)).toEqual([])
    expect(syncDiff(state, null as never)).toBe(state)
  })
})
