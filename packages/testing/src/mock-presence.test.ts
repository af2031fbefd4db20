import { MemoryHub, type TopicEvent } from '@wirestate/engine'
import { expect, test } from 'vitest'
import { MockPresence } from './mock-presence.ts'

function presence() {
  const hub = new MemoryHub()
  const diffs: unknown[] = []
  hub.listen('room:lobby', (event: TopicEvent) => {
    if (event.type === 'presence_diff') diffs.push({ joins: event.joins, leaves: event.leaves })
  })
  let n = 0
  return { lobby: new MockPresence('room:lobby', hub, 'node', () => `r${++n}`), diffs }
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0))

test('several metas per key; leave by ref or the whole key, one diff per meta', async () => {
  const { lobby, diffs } = presence()
  const one = lobby.join('ann', { tab: 1 })
  lobby.join('ann', { tab: 2 })
  expect(lobby.state()).toEqual({
    ann: {
      metas: [
        { tab: 1, phx_ref: 'r1' },
        { tab: 2, phx_ref: 'r2' },
      ],
    },
  })
  lobby.leave('ann', one)
  expect(lobby.state()).toEqual({ ann: { metas: [{ tab: 2, phx_ref: 'r2' }] } })
  lobby.leave('ann')
  lobby.leave('ann') // nothing left: no diff
  expect(lobby.state()).toEqual({})
  await settled()
  expect(diffs).toEqual([
    { joins: { ann: { metas: [{ tab: 1, phx_ref: 'r1' }] } }, leaves: {} },
    { joins: { ann: { metas: [{ tab: 2, phx_ref: 'r2' }] } }, leaves: {} },
    { joins: {}, leaves: { ann: { metas: [{ tab: 1, phx_ref: 'r1' }] } } },
    { joins: {}, leaves: { ann: { metas: [{ tab: 2, phx_ref: 'r2' }] } } },
  ])
})

test('update is one diff: the old meta leaves, the new one joins with phx_ref_prev', async () => {
  const { lobby, diffs } = presence()
  lobby.join('ann', { status: 'here' })
  expect(lobby.update('ann', { status: 'away' })).toBe('r2')
  await settled()
  expect(diffs.at(-1)).toEqual({
    joins: { ann: { metas: [{ status: 'away', phx_ref_prev: 'r1', phx_ref: 'r2' }] } },
    leaves: { ann: { metas: [{ status: 'here', phx_ref: 'r1' }] } },
  })
})

test('state() is a copy', () => {
  const { lobby } = presence()
  lobby.join('ann')
  const state = lobby.state()
  state.ann?.metas.push({ phx_ref: 'forged' })
  expect(lobby.state()).toEqual({ ann: { metas: [{ phx_ref: 'r1' }] } })
})
