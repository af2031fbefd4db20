import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './parse-args.ts'

describe('parseCliArgs', () => {
  it('has defaults and reads every option', () => {
    expect(parseCliArgs([])).toEqual({
      port: 4000,
      host: '127.0.0.1',
      redis: undefined,
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
})
