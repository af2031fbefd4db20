// One tab of bench/shared: follows a stream topic, on a socket of its own or on the one
// its tabs share (`?mode=own|shared&server=ws://…`), and counts what it gets.
import { createClient } from '@wirestate/core'
import { sharedConnection } from '@wirestate/core/shared'
import { stream } from '@wirestate/core/stream'

const query = new URLSearchParams(location.search)
const client = createClient({
  url: query.get('server') as string,
  params: { user: 'bench' },
  connection: query.get('mode') === 'shared' ? sharedConnection({ mode: 'worker' }) : undefined,
})
const feed = client.channel('feed:bench')
stream(feed)
let count = 0
feed.on('tick', () => {
  count++
})
// ms from the navigation's start to the channel joined: the socket's (or worker's) startup.
const joined = feed.join().then(() => performance.now())

declare global {
  interface Window {
    bench: { joined: Promise<number>; count(): number }
  }
}
window.bench = { joined, count: () => count }
