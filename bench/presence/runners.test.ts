import { expect, test } from 'vitest'
import { presenceFrames } from './frames.ts'
import { runPhoenix } from './run-phoenix.ts'
import { runWirestate } from './run-wirestate.ts'

// Small enough to stay fast; the shape is the benchmark's (state, then 1-member diffs).
const frames = presenceFrames(200, 600)

test('frames: a state, then alternating single-member joins and leaves', () => {
  expect(JSON.parse(frames.state)[3]).toBe('presence_state')
  expect(Object.keys(JSON.parse(frames.state)[4])).toHaveLength(200)
  const [first, second] = frames.diffs.map((f) => JSON.parse(f)[4])
  expect(Object.keys(first.joins)).toEqual(['n0'])
  expect(Object.keys(second.leaves)).toEqual(['m0'])
  expect(frames.expected).toHaveLength(200)
  expect(frames.expected).not.toContain('m0')
  expect(frames.expected).toContain('n598')
})

test('phoenix: ends with the expected members, one sync per diff', async () => {
  const run = await runPhoenix(frames, 100)
  expect(run.members).toEqual(frames.expected)
  expect(run.notifications).toBe(600)
})

test('wirestate, a flush per frame: ends with the same members, one notification per diff', async () => {
  for (const reader of ['read', 'list'] as const) {
    const run = await runWirestate(frames, 100, { reader, perFrameFlush: true })
    expect(run.members).toEqual(frames.expected)
    expect(run.notifications).toBe(600)
    expect(run.read).toBeGreaterThan(600 * 199)
  }
})

test('wirestate, the default notify window: the same members, far fewer notifications', async () => {
  const run = await runWirestate(frames, Number.POSITIVE_INFINITY, {
    reader: 'list',
    perFrameFlush: false,
  })
  expect(run.members).toEqual(frames.expected)
  expect(run.notifications).toBe(1)
})
