/**
 * One seed node of a Redis Cluster, read from its `redis://` URL.
 *
 * @example
 * ```ts
 * const seed: ClusterSeed = { host: '10.0.0.1', port: 7000, username: undefined, password: undefined }
 * ```
 */
export interface ClusterSeed {
  host: string
  port: number
  username: string | undefined
  password: string | undefined
}

/**
 * Reads `redis[s]://[user:password@]host[:port]` (port 6379 by default). Throws a
 * `TypeError` saying why when it is not one: not a URL, another scheme, no host, or
 * a database number (a cluster has only database 0: `/2` would be silently ignored).
 * The message never holds the password.
 *
 * @example
 * ```ts
 * parseClusterSeed('redis://u:secret@10.0.0.1:7000') // { host: '10.0.0.1', port: 7000, username: 'u', password: 'secret' }
 * parseClusterSeed('http://10.0.0.1') // throws: a cluster seed must look like redis://10.0.0.1:7000, got (not redis:// or rediss://)
 * ```
 */
export function parseClusterSeed(url: string): ClusterSeed {
  const parsed = URL.parse(url)
  const problem = seedProblem(parsed)
  if (parsed === null || problem !== undefined) {
    // Only a redis: URL is quoted: in `user:secret@host` (no scheme) the URL parser
    // takes `user:` for a scheme and the password for a path, so it cannot be masked.
    const redisUrl = parsed?.protocol === 'redis:' || parsed?.protocol === 'rediss:'
    const got = redisUrl ? `${withoutPassword(url)} ` : ''
    throw new TypeError(
      `a cluster seed must look like redis://10.0.0.1:7000, got ${got}(${problem})`,
    )
  }
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
  }
}

function seedProblem(parsed: URL | null): string | undefined {
  if (parsed === null) return 'not a URL'
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    return 'not redis:// or rediss://'
  if (parsed.hostname === '') return 'no host'
  if (parsed.pathname !== '' && parsed.pathname !== '/') return 'a cluster has only database 0'
  return undefined
}

/**
 * A Redis URL fit for logs: the password replaced by `***`.
 *
 * @example
 * ```ts
 * withoutPassword('redis://u:secret@h:6379') // 'redis://u:***@h:6379'
 * ```
 */
export function withoutPassword(url: string): string {
  const parsed = URL.parse(url)
  if (parsed === null) return '(an unparsable URL)'
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}
