import { atom } from 'nanostores'
import { BenchWebSocket } from '../fake-websocket.ts'
import { startStopwatch } from '../stopwatch.ts'
import { deliver } from './deliver.ts'
import { TOPIC } from './frames.ts'
import type { DispatchRun } from './run-phoenix.ts'

type Handler = (payload: unknown) => void

/**
 * The least any client can do with a broadcast, as a reference for the other two: parse
 * the frame, look its topic up in a map, call the handler of its event. No joins, replies,
 * checks or batching; with `withAtom` the handler writes a subscribed atom per frame, as
 * with phoenix.js. What the socket hands over (its `MessageEvent`, `data`) and `JSON.parse`
 * cost the same in every client, so floor / phoenix.js is the most a client can gain.
 */
export async function runFloor(
  frames: string[],
  withAtom: boolean,
  perTask: number,
  channels = 1,
): Promise<DispatchRun> {
  let handled = 0
  let notifications = 0
  const $last = atom<unknown>(null)
  const unlisten = withAtom ? $last.listen(() => notifications++) : undefined
  const routes = new Map<string, Map<string, Handler>>()
  for (let i = 1; i < channels; i++) routes.set(`room:other-${i}`, new Map())
  routes.set(
    TOPIC,
    new Map([
      [
        'new_msg',
        (payload) => {
          handled++
          if (withAtom) $last.set(payload)
        },
      ],
    ]),
  )
  const ws = new BenchWebSocket('ws://bench.local/socket')
  ws.onmessage = (e) => {
    const f = JSON.parse((e as MessageEvent<string>).data)
    routes.get(f[2])?.get(f[3])?.(f[4])
  }
  await new Promise<void>((resolve) => {
    ws.onopen = () => resolve()
  })
  const elapsed = startStopwatch()
  await deliver(ws, frames, perTask)
  const ms = elapsed()
  unlisten?.()
  ws.close()
  return { handled, notifications, ms }
}
