import { afterEach, expect, test, vi } from 'vitest'
import { isProduction } from './environment.ts'

afterEach(() => {
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
})

test('production when NODE_ENV says so', () => {
  vi.stubEnv('NODE_ENV', 'production')
  expect(isProduction()).toBe(true)
  vi.stubEnv('NODE_ENV', 'development')
  expect(isProduction()).toBe(false)
})

test('a page with no bundler (no `process` at all) counts as development, without throwing', () => {
  const saved = globalThis.process
  vi.stubGlobal('process', undefined)
  let result: boolean | undefined
  try {
    result = isProduction()
  } finally {
    vi.stubGlobal('process', saved)
  }
  expect(result).toBe(false)
})
