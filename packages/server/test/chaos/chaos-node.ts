// One server node for the multi-process chaos scenarios (see chat-node.ts), on the
// Redis at argv[2]. Prints `listening on <url>` once it serves; SIGTERM stops it.
import { startChatNode } from './chat-node.ts'

const url = process.argv[2]
if (!url) throw new Error('usage: chaos-node.ts <redis url>')
const node = await startChatNode({ url })
console.log(`listening on ${node.server.url} (node ${node.broker.nodeId})`)
process.once('SIGTERM', async () => {
  await node.stop()
  process.exit(0)
})
