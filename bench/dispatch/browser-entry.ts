// Bundled for the browser by browser.ts: one run of one client per call, so the driver can
// measure the renderer's CPU time around each.
import { measureHere } from './bench.ts'

Object.assign(globalThis, { runDispatch: measureHere() })
