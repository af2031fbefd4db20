// Before `npm start` starts anything: is each port it needs free? A taken port stops it
// with one line naming the port and the variable that moves it (and a free port to try),
// instead of a server stack trace and a page talking to whatever owns the port.
//   node scripts/check-ports.mjs <prefix> <command> <port>:<VARIABLE>[:<offset>] ...
// (`offset`: the port is VARIABLE + offset, as node B's is DEMO_PORT + 1 in demo-redis.sh.)
// Exits 0 when all are free; 1 after one line per port that is taken or not a port.
import { createServer } from 'node:net'

const HOST = '127.0.0.1' // where the demo's server and app listen

/** Whether nothing listens on `port` (binding it works, and it is let go at once). */
function isFree(port) {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen({ port, host: HOST, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

async function freeAfter(port, taken) {
  for (let next = port + 1; next < Math.min(port + 50, 65536); next++) {
    if (!taken.has(next) && (await isFree(next))) return next
  }
  return undefined
}

const [prefix, command, ...wanted] = process.argv.slice(2)
const ports = wanted.map((arg) => {
  const [value, variable, offset = '0'] = arg.split(':')
  return { value, variable, offset: Number(offset), port: Number(value) }
})
const taken = new Set(ports.map((p) => p.port))
let problems = 0
for (const { value, variable, offset, port } of ports) {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${prefix}: ${variable}=${value} is not a port number (1-65535)`)
    problems++
  } else if (!(await isFree(port))) {
    // A port derived from another (node B's) gets no guess: the base must move for both.
    const next = offset ? undefined : await freeAfter(port, taken)
    const which = offset ? `${variable} (it is ${variable} + ${offset})` : variable
    const hint = next ? `: try ${variable}=${next} ${command}` : ''
    console.error(`${prefix}: port ${port} is already in use; ${which} moves it${hint}`)
    problems++
  }
}
process.exit(problems ? 1 : 0)
