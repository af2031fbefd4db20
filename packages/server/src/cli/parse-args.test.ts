import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './parse-args.ts'

describe('parseCliArgs', () => {
  it('has defaults and reads every option', () => {
    expect(parseCliArgs([])).toEqual({
      port: 4000,
      host: '127.0.0.1',
      redis: undefined,
      redisCluster: undefined,
      idleTimeoutMs: undefined,
      help: false,
    })
    expect(
      parseCliArgs([
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--redis',
        'redis://r:6379',
        '--idle-timeout',
        '15000',
      ]),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      redis: 'redis://r:6379',
      redisCluster: undefined,
      idleTimeoutMs: 15000,
      help: false,
    })
  })

  it('ignores a leading -- from package-manager scripts', () => {
    expect(parseCliArgs(['--', '--port', '1']).port).toBe(1)
  })

  it('says what is wrong', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port must be an integer/)
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/--port/)
    expect(() => parseCliArgs(['--nope'])).toThrow(/nope/)
    expect(() => parseCliArgs(['--idle-timeout', '5'])).toThrow(/--idle-timeout must be/)
  })

  describe('--redis-cluster', () => {
    it('takes comma-separated seed URLs, and adds up repeated flags in order', () => {
      expect(
        parseCliArgs(['--redis-cluster', 'redis://10.0.0.1:7000,redis://10.0.0.2:7000'])
          .redisCluster,
      ).toEqual(['redis://10.0.0.1:7000', 'redis://10.0.0.2:7000'])
      expect(
        parseCliArgs([
          '--redis-cluster',
          'redis://a:7000, rediss://u:pw@b',
          '--port',
          '0',
          '--redis-cluster=redis://c:7002/',
        ]),
      ).toEqual({
        port: 0,
        host: '127.0.0.1',
        redis: undefined,
        redisCluster: ['redis://a:7000', 'rediss://u:pw@b', 'redis://c:7002/'],
        idleTimeoutMs: undefined,
        help: false,
      })
    })

    it('refuses it together with --redis, in either order', () => {
      const message = 'give --redis (one Redis) or --redis-cluster (seed nodes), not both'
      expect(() =>
        parseCliArgs(['--redis', 'redis://r:6379', '--redis-cluster', 'redis://a:7000']),
      ).toThrow(new Error(message))
      expect(() =>
        parseCliArgs(['--redis-cluster', 'redis://a:7000', '--redis', 'redis://r:6379']),
      ).toThrow(new Error(message))
    })

    it('says which seed is empty: a doubled or trailing comma, or no value', () => {
      const empty = (n: number) =>
        new Error(
          `--redis-cluster: seed ${n} is empty; give redis://host:port URLs separated by commas`,
        )
      expect(() => parseCliArgs(['--redis-cluster', 'redis://a:7000,,redis://b'])).toThrow(empty(2))
      expect(() => parseCliArgs(['--redis-cluster', 'redis://a:7000,'])).toThrow(empty(2))
      expect(() => parseCliArgs(['--redis-cluster', ''])).toThrow(empty(1))
      expect(() =>
        parseCliArgs(['--redis-cluster', 'redis://a:7000', '--redis-cluster', ' ']),
      ).toThrow(empty(2))
      expect(() => parseCliArgs(['--redis-cluster'])).toThrow(/--redis-cluster/)
    })

    it('says why a seed is malformed, and never quotes its password', () => {
      const cases: [string, string][] = [
        ['redis://:7000', 'got (not a URL)'],
        ['10.0.0.1:7000', 'got (not a URL)'],
        ['http://u:s3cret@10.0.0.1:7000', 'got (not redis:// or rediss://)'],
        // No scheme: the URL parser reads `u:` as one and the password as a path.
        ['u:s3cret@10.0.0.1:7000', 'got (not redis:// or rediss://)'],
        [
          'redis://u:s3cret@10.0.0.1:7000/2',
          'got redis://u:***@10.0.0.1:7000/2 (a cluster has only database 0)',
        ],
      ]
      for (const [seed, reason] of cases) {
        let message = ''
        try {
          parseCliArgs(['--redis-cluster', `redis://ok:7000,${seed}`])
        } catch (error) {
          message = (error as Error).message
        }
        expect(message).toBe(
          `--redis-cluster: seed 2: a cluster seed must look like redis://10.0.0.1:7000, ${reason}`,
        )
        expect(message).not.toContain('s3cret')
      }
    })
  })
})
