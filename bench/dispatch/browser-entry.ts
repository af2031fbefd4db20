// Bundled for the browser by browser.ts; exposes the benchmark to the page.
import { dispatchReport } from './bench.ts'

Object.assign(globalThis, {
  runDispatch: (count: number, rounds: number) =>
    dispatchReport(navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'browser', count, rounds),
})
