import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliProcess, startCli } from './cli-process.ts'
import { RawClient, UpgradeRefused } from './raw-client.ts'

let cli: CliProcess
const clients: RawClient[] = []
const connect = async (query: string) => {
  const client = await RawClient.connect(`${cli.url}?vsn=2.0.0&${query}`)
  clients.push(client)
  return client
}

beforeAll(async () => {
  cli = await startCli(['--port', '0'])
})
afterAll(async () => {
  for (const client of clients) client.close()
  expect(await cli.stop()).toBe(0)
})

describe('wirestate-server (the CLI with the demo routes)', () => {
  it('refuses an empty user and token=bad with 403', async () => {
    await expect(connect('user=')).rejects.toEqual(new UpgradeRefused(403))
    await expect(connect('user=mallory&token=bad')).rejects.toEqual(new UpgradeRefused(403))
  })

  it('runs a chat room: stream ids, presence by user name, typing to others only', async () => {
    const alice = await connect('user=alice&token=s3cret-alice')
    const bob = await connect('user=bob')
    alice.send(['1', '1', 'room:demo', 'phx_join', {}])
    expect((await alice.nextJson())[4]).toEqual({ response: { joined: 'room:demo' }, status: 'ok' })
    await alice.nextJson() // own presence_diff
    expect(Object.keys((await alice.nextJson())[4] as object)).toEqual(['alice'])
    bob.send(['1', '1', 'room:demo', 'phx_join', {}])
    await bob.nextJson()
    await bob.nextJson()
    expect(Object.keys((await bob.nextJson())[4] as object).sort()).toEqual(['alice', 'bob'])
    await alice.nextJson() // bob's join diff

    bob.send(['1', '2', 'room:demo', 'typing', { typing: true }])
    expect(await alice.nextJson()).toEqual([
      null,
      null,
      'room:demo',
      'typing',
      { user: 'bob', typing: true },
    ])

    alice.send(['1', '2', 'room:demo', 'new_msg', { body: 'hi @bob', client_id: 'c1' }])
    const broadcast = await bob.nextJson()
    const { id } = broadcast[4] as { id: string }
    expect(broadcast).toEqual([
      null,
      null,
      'room:demo',
      'new_msg',
      { body: 'hi @bob', client_id: 'c1', user: 'alice', id },
    ])
    expect(id).toMatch(/^\d+-\d+$/)
    await alice.nextJson() // the broadcast
    expect(await alice.nextJson()).toEqual([
      '1',
      '2',
      'room:demo',
      'phx_reply',
      { response: { id }, status: 'ok' },
    ])
    // A retry with the same client_id is stored once.
    alice.send(['1', '3', 'room:demo', 'new_msg', { body: 'hi @bob', client_id: 'c1' }])
    expect(await alice.nextJson()).toEqual([
      '1',
      '3',
      'room:demo',
      'phx_reply',
      { response: { id }, status: 'ok' },
    ])
    alice.send(['1', '4', 'room:demo', 'new_msg', { body: '' }])
    expect((await alice.nextJson())[4]).toEqual({
      response: { reason: 'invalid message' },
      status: 'error',
    })
  })

  it('lets only the user themself join user:NAME:notifications, and delivers mentions', async () => {
    const carol = await connect('user=carol')
    carol.send(['1', '1', 'user:dave:notifications', 'phx_join', {}])
    expect((await carol.nextJson())[4]).toEqual({
      response: { reason: 'unauthorized' },
      status: 'error',
    })
    carol.send(['2', '2', 'user:carol:notifications', 'phx_join', {}])
    expect((await carol.nextJson())[4]).toEqual({ response: {}, status: 'ok' })
    const dave = await connect('user=dave')
    dave.send(['1', '1', 'room:mentions', 'phx_join', {}])
    await dave.nextJson()
    dave.send(['1', '2', 'room:mentions', 'new_msg', { body: 'ping @carol' }])
    const [, , topic, event, payload] = await carol.nextJson()
    expect([topic, event]).toEqual(['user:carol:notifications', 'notification'])
    expect(payload).toMatchObject({
      kind: 'mention',
      topic: 'room:mentions',
      from: 'dave',
      body: 'ping @carol',
    })
  })

  it('logs one line per connection event and never a token', async () => {
    const eve = await connect('user=eve&token=s3cret-eve')
    eve.send(['1', '1', 'room:logs', 'phx_join', {}])
    await eve.nextJson()
    eve.send(['1', '2', 'room:logs', 'phx_leave', {}])
    await eve.nextJson()
    eve.close()
    await eve.closed
    const deadline = Date.now() + 2000
    while (!cli.lines.some((l) => /disconnect .*user=eve/.test(l)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const eveLines = cli.lines.filter((l) => / user=eve\b/.test(l) || l.includes('room:logs'))
    expect(eveLines.map((l) => l.split(' ')[1])).toEqual(['connect', 'join', 'leave', 'disconnect'])
    expect(cli.lines.join('\n')).not.toMatch(/s3cret/)
  })
})
