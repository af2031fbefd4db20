import { createServer as createHttpServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { type Logger, replyOk, type ServerOptions } from '../src/index.ts'
import { createServer, type WirestateServer } from '../src/server.ts'
import { RawClient, UpgradeRefused } from './raw-client.ts'

let server: WirestateServer<{ name: string }> | null = null
const clients: RawClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.close()
  await server?.stop()
  server = null
})

async function start(options: Partial<ServerOptions<{ name: string }>> = {}) {
  server = createServer<{ name: string }>({
    port: 0,
    authenticate: (params) =>
      params.user && params.token !== 'bad' ? { name: params.user } : null,
    channels: { 'room:*': { presence: { key: (c) => c.user.name } } },
    logger: { info() {}, warn() {}, error() {} },
    ...options,
  })
  await server.start()
  return server
}

async function connect(url: string, origin?: string): Promise<RawClient> {
  const client = await RawClient.connect(url, { origin })
  clients.push(client)
  return client
}

async function status(url: string, origin?: string): Promise<number> {
  try {
    await connect(url, origin)
    return 101
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status
    throw error
  }
}

describe('connecting', () => {
  it('answers 403 on the upgrade when authenticate refuses, as Phoenix does', async () => {
    const { url } = await start()
    expect(await status(`${url}?vsn=2.0.0&user=alice&token=bad`)).toBe(403)
    expect(await status(`${url}?vsn=2.0.0`)).toBe(403)
    expect(await status(`${url}?vsn=2.0.0&user=alice&token=t`)).toBe(101)
  })

  it('refuses other protocol versions with 400 and says which one it speaks', async () => {
    const { url } = await start()
    expect(await status(`${url}?vsn=1.0.0&user=alice`)).toBe(400)
    expect(await status(`${url}?user=alice`)).toBe(400)
    expect(await upgradeBody(`${url}?vsn=1.0.0&user=alice`)).toMatch(
      /unsupported vsn "1.0.0".*vsn=2\.0\.0/,
    )
  })

  it('answers 404 for another path', async () => {
    const { url } = await start()
    expect(await status(`${url.replace('/socket/websocket', '/other')}?vsn=2.0.0&user=a`)).toBe(404)
  })

  it('lets only allowlisted origins in; clients without an Origin header pass', async () => {
    const { url } = await start({ origins: ['https://app.example.com'] })
    const query = `${url}?vsn=2.0.0&user=alice`
    expect(await status(query, 'https://app.example.com')).toBe(101)
    expect(await status(query, 'https://evil.example.com')).toBe(403)
    expect(await status(query)).toBe(101)
  })

  it('answers 500 when authenticate throws, and keeps serving', async () => {
    const { url } = await start({
      authenticate: (params) => {
        if (params.user === 'boom') throw new Error('database down')
        return { name: params.user ?? 'x' }
      },
    })
    expect(await status(`${url}?vsn=2.0.0&user=boom`)).toBe(500)
    expect(await status(`${url}?vsn=2.0.0&user=fine`)).toBe(101)
  })

  it('never logs connect params or tokens', async () => {
    const logged: unknown[] = []
    const logger: Logger = {
      info: (...args) => logged.push(args),
      warn: (...args) => logged.push(args),
      error: (...args) => logged.push(args),
    }
    const { url } = await start({
      logger,
      describeUser: (user) => user.name,
      authenticate: (params) => {
        if (params.user === 'boom') throw new Error('refused')
        return params.token === 'bad' ? null : { name: params.user ?? 'x' }
      },
    })
    await status(`${url}?vsn=2.0.0&user=boom&token=s3cret-1`)
    await status(`${url}?vsn=2.0.0&user=alice&token=bad`)
    const client = await connect(`${url}?vsn=2.0.0&user=alice&token=s3cret-2`)
    client.send(['1', '1', 'room:1', 'phx_join', { token: 's3cret-3' }])
    await client.nextJson()
    client.send('not json')
    await client.closed
    await new Promise((resolve) => setTimeout(resolve, 50))
    const text = JSON.stringify(logged)
    expect(text).toMatch(/connect/)
    expect(text).toMatch(/disconnect/)
    expect(text).not.toMatch(/s3cret|token/)
  })

  it('attaches to an existing http.Server, leaving its requests alone', async () => {
    const http = createHttpServer((_req, res) => res.end('plain http'))
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    const { port } = http.address() as AddressInfo
    try {
      const attached = await start({
        server: http,
        channels: { 'room:*': { join: () => replyOk({ ok: 1 }) } },
      })
      expect(attached.port).toBe(port)
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('plain http')
      const client = await connect(`ws://127.0.0.1:${port}/socket/websocket?vsn=2.0.0&user=a`)
      client.send(['1', '1', 'room:1', 'phx_join', {}])
      expect(await client.nextJson()).toEqual([
        '1',
        '1',
        'room:1',
        'phx_reply',
        { response: { ok: 1 }, status: 'ok' },
      ])
      await server?.stop()
      server = null
      expect(http.listening).toBe(true)
    } finally {
      http.closeAllConnections()
      await new Promise((resolve) => http.close(resolve))
    }
  })
})

// The body of a refused upgrade, read with a plain HTTP client.
function upgradeBody(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url.replace('ws:', 'http:'), {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    })
    req.on('response', (res) => {
      let body = ''
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve(`${res.statusCode} ${body}`))
    })
    req.on('upgrade', () => reject(new Error('unexpectedly upgraded')))
    req.on('error', reject)
    req.end()
  })
}
