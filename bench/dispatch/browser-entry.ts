// Bundled for the browser by browser.ts; exposes the benchmark to the page.
import { benchDispatch, formatDispatch } from './bench.ts'

Object.assign(globalThis, {
  runDispatch: async (count: number, rounds: number) =>
    formatDispatch(
      navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'browser',
      count,
      await benchDispatch(count, rounds),
    ),
})
