import { type Channel, Presence, type Socket } from 'phoenix'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { WirestateServer } from '../src/server.ts'
import { type FixtureUser, startFixtureServer } from './phoenix-fixture-server.ts'
import { openPhoenixSocket, settle } from './phoenix-socket.ts'

interface Member {
  socket: Socket
  channel: Channel
  presence: Presence
}

let server: WirestateServer<FixtureUser>
let sockets: Socket[] = []
beforeAll(async () => {
  server = await startFixtureServer()
})
afterEach(() => {
  for (const socket of sockets) socket.disconnect()
  sockets = []
})
afterAll(() => server.stop())

async function member(
  user: string,
  topic: string,
  params: Record<string, unknown> = {},
): Promise<Member> {
  const socket = await openPhoenixSocket(server, { token: 't', user })
  sockets.push(socket)
  const channel = socket.channel(topic, params)
  const presence = new Presence(channel)
  const synced = new Promise<void>((resolve) => presence.onSync(() => resolve()))
  expect((await settle(channel.join())).status).toBe('ok')
  await synced
  return { socket, channel, presence }
}

// What a client's phoenix.js Presence lists: key -> number of connections.
function listed(m: Member): Record<string, number> {
  const entries = m.presence.list((key: string, p: { metas: unknown[] }) => [key, p.metas.length])
  return Object.fromEntries((entries as [string, number][]).sort(([a], [b]) => a.localeCompare(b)))
}

async function everyoneSees(members: Member[], expected: Record<string, number>): Promise<void> {
  const deadline = Date.now() + 2000
  while (members.some((m) => JSON.stringify(listed(m)) !== JSON.stringify(expected))) {
    if (Date.now() > deadline) break
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  for (const m of members) expect(listed(m)).toEqual(expected)
}

describe("phoenix.js's own Presence against this server", () => {
  it('lists exactly the members after joins and leaves, one user on two connections', async () => {
    const topic = 'room:presence-interop'
    const alice1 = await member('alice', topic)
    const bob = await member('bob', topic)
    const alice2 = await member('alice', topic)
    const carol = await member('carol', topic)
    await everyoneSees([alice1, bob, alice2, carol], { alice: 2, bob: 1, carol: 1 })

    await settle(bob.channel.leave())
    await everyoneSees([alice1, alice2, carol], { alice: 2, carol: 1 })

    alice2.socket.disconnect()
    await everyoneSees([alice1, carol], { alice: 1, carol: 1 })

    const dave = await member('dave', topic)
    await everyoneSees([alice1, carol, dave], { alice: 1, carol: 1, dave: 1 })
  })

  it('carries metas asked for in the join payload and changed with presence_update', async () => {
    const topic = 'room:presence-meta'
    const alice = await member('alice', topic, { presence: { status: 'here', phx_ref: 'forged' } })
    const bob = await member('bob', topic)
    const metasOf = (m: Member, key: string) =>
      (m.presence
        .list((k: string, p: { metas: Record<string, unknown>[] }) => (k === key ? p.metas : null))
        .filter(Boolean)[0] ?? []) as Record<string, unknown>[]
    expect(metasOf(bob, 'alice').map((m) => m.status)).toEqual(['here'])
    expect(metasOf(bob, 'alice')[0]?.phx_ref).not.toBe('forged')

    expect(await settle(alice.channel.push('presence_update', { status: 'away' }))).toEqual({
      status: 'ok',
      response: {},
    })
    const deadline = Date.now() + 2000
    while (metasOf(bob, 'alice')[0]?.status !== 'away' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const [meta] = metasOf(bob, 'alice')
    expect(metasOf(bob, 'alice')).toHaveLength(1)
    expect(meta?.status).toBe('away')
    expect(typeof meta?.phx_ref_prev).toBe('string')
    expect(metasOf(alice, 'alice').map((m) => m.status)).toEqual(['away'])
  })
})
