import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

const SCRIPT = fileURLToPath(new URL('./vite-reload-leaks.ts', import.meta.url))

interface Snapshot {
  resources: Record<string, number>
  listeners: Record<string, number>
  heapUsed: number
}

// In a process of its own (test/vite-reload-leaks.ts): 5 edits to warm up, then 50, each
// followed by a push that must get the new handler, a snapshot after each 25.
// V8 runs it in its interpreter only: with the JIT on, the heap also grows by the
// machine code of functions that get warm (50 edits: +360 KB, 200: +780 KB, all V8 code
// objects in a heap snapshot diff), which would hide a leak of the app's own objects.
// A leak of the socket module per reload (the module kept by something) is +8 KB per
// edit: +210 KB over 25 edits; without one, the second 25 edits add 7 KB.
it('50 handler edits leave timers, sockets, watchers, listeners and the heap as they were', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      ...['--no-opt', '--no-sparkplug', '--no-maglev', '--expose-gc'],
      '--conditions=@wirestate/source',
      SCRIPT,
      '50',
    ],
    { timeout: 60_000 },
  )
  const result = JSON.parse(stdout.trim().split('\n').at(-1) as string)
  const [warm, half, end] = result.snapshots as [Snapshot, Snapshot, Snapshot]
  console.log(
    `50 edits: async resources ${JSON.stringify(end.resources)}, listeners ${JSON.stringify(end.listeners)}; heap +${kb(half.heapUsed - warm.heapUsed)} KB over the first 25, +${kb(end.heapUsed - half.heapUsed)} KB over the next 25`,
  )
  expect(result.edits).toBe(50)
  expect(result.openThroughout).toBe(true)
  for (const snapshot of [half, end]) {
    expect(snapshot.resources).toEqual(warm.resources)
    expect(snapshot.listeners).toEqual(warm.listeners)
  }
  expect(warm.resources.Timeout ?? 0).toBeGreaterThan(0) // the count sees timers at all
  expect(end.heapUsed - half.heapUsed).toBeLessThan(50 * 1024)
}, 90_000)

function kb(bytes: number): number {
  return Math.round(bytes / 1024)
}
