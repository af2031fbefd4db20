// The module `sharedConnection()` starts as a SharedWorker: one socket for every tab of
// this origin that uses the same name.
import { hostSharedConnection, type SharedWorkerScope } from './host.ts'

hostSharedConnection(globalThis as unknown as SharedWorkerScope)
