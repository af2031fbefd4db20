import { expect, test } from 'vitest'
import { chatFrames } from './frames.ts'
import { runFloor } from './run-floor.ts'
import { runPhoenix } from './run-phoenix.ts'
import { runWirestate } from './run-wirestate.ts'

const frames = chatFrames(500)

test('frames are ~200-byte Phoenix v2 broadcasts', () => {
  const sizes = frames.map((f) => f.length)
  expect(Math.min(...sizes)).toBeGreaterThan(170)
  expect(Math.max(...sizes)).toBeLessThan(230)
  expect(JSON.parse(frames[0] as string).slice(0, 4)).toEqual([null, null, 'room:bench', 'new_msg'])
})

test('phoenix: every frame reaches the handler', async () => {
  expect(await runPhoenix(frames, false, 100)).toMatchObject({ handled: 500, notifications: 0 })
})

test('phoenix: the subscribed atom notifies once per frame', async () => {
  expect(await runPhoenix(frames, true, Number.POSITIVE_INFINITY)).toMatchObject({
    handled: 500,
    notifications: 500,
  })
})

test('wirestate: every frame reaches the handler', async () => {
  expect(await runWirestate(frames, false, 100)).toMatchObject({ handled: 500, notifications: 0 })
})

test('wirestate: the subscribed atom notifies once for the whole burst', async () => {
  expect(await runWirestate(frames, true, Number.POSITIVE_INFINITY)).toMatchObject({
    handled: 500,
    notifications: 1,
  })
})

test('floor: every frame reaches the handler, and the atom notifies once per frame', async () => {
  expect(await runFloor(frames, true, 100, 100)).toMatchObject({ handled: 500, notifications: 500 })
})

test('with 100 channels joined, each client still delivers every frame to its one handler', async () => {
  expect(await runPhoenix(frames, false, 100, 100)).toMatchObject({ handled: 500 })
  expect(await runWirestate(frames, false, 100, 100)).toMatchObject({ handled: 500 })
})
