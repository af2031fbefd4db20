import type { HeartbeatSample } from '../model/connection-history.ts'

const SVG = 'http://www.w3.org/2000/svg'
const WIDTH = 400
const HEIGHT = 100
const PAD = 18

/**
 * A small SVG line chart of heartbeat round trips, newest on the right, with the latest,
 * min, average and max written beneath it as text.
 *
 * @example
 * ```ts
 * const chart = createLatencyChart()
 * parent.append(chart.element)
 * chart.draw(history.heartbeats.toArray())
 * ```
 */
export function createLatencyChart(): {
  element: SVGSVGElement
  draw(samples: HeartbeatSample[]): void
} {
  const element = document.createElementNS(SVG, 'svg')
  element.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
  element.setAttribute('role', 'img')
  const line = document.createElementNS(SVG, 'polyline')
  const label = document.createElementNS(SVG, 'text')
  const scale = document.createElementNS(SVG, 'text')
  label.setAttribute('x', String(PAD))
  label.setAttribute('y', String(HEIGHT - 5))
  scale.setAttribute('x', String(PAD))
  scale.setAttribute('y', '12')
  element.append(line, label, scale)
  const draw = (samples: HeartbeatSample[]) => {
    const rtts = samples.map((s) => s.rttMs)
    const max = Math.max(1, ...rtts)
    const step = (WIDTH - 2 * PAD) / Math.max(1, rtts.length - 1)
    const y = (ms: number) => HEIGHT - PAD - (ms / max) * (HEIGHT - 2 * PAD)
    line.setAttribute(
      'points',
      rtts.map((ms, i) => `${(PAD + i * step).toFixed(1)},${y(ms).toFixed(1)}`).join(' '),
    )
    const avg = rtts.reduce((a, b) => a + b, 0) / Math.max(1, rtts.length)
    const last = rtts.at(-1)
    label.textContent = rtts.length
      ? `last ${last} ms · min ${Math.min(...rtts)} · avg ${avg.toFixed(1)} · max ${Math.max(...rtts)} (${rtts.length} beats)`
      : 'no heartbeat reply yet'
    scale.textContent = `${max} ms`
    element.setAttribute('aria-label', `Heartbeat round trips: ${label.textContent}`)
  }
  draw([])
  return { element, draw }
}
