import { expect, test } from 'vitest'
import { chatFrames } from './frames.ts'
import { runPhoenix } from './run-phoenix.ts'

const frames = chatFrames(500)

test('frames are ~200-byte Phoenix v2 broadcasts', () => {
  const sizes = frames.map((f) => f.length)
  expect(Math.min(...sizes)).toBeGreaterThan(170)
  expect(Math.max(...sizes)).toBeLessThan(230)
  expect(JSON.parse(frames[0] as string).slice(0, 4)).toEqual([null, null, 'room:bench', 'new_msg'])
})

test('phoenix runner delivers every frame to its handler', async () => {
  expect((await runPhoenix(frames, false)).delivered).toBe(500)
})

test('phoenix runner notifies the subscribed atom once per frame', async () => {
  expect((await runPhoenix(frames, true)).delivered).toBe(500)
})
