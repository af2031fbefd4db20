/** The topic every presence benchmark joins. */
export const TOPIC = 'room:presence-bench'

/** The frames of one presence benchmark run, and the member set they end with. */
export interface PresenceFrames {
  /** One `presence_state` with the whole room. */
  state: string
  /** Single-member `presence_diff`s: a new member joins, then the longest-present one leaves. */
  diffs: string[]
  /** The keys present after all of them, sorted. */
  expected: string[]
}

const meta = (key: string) => ({ phx_ref: `ref-${key}`, online_at: '1795340286', name: key })

/**
 * A `presence_state` of `members` members, then `diffs` single-member diffs that
 * alternate a join of a new member and the leave of the oldest one, as Phoenix sends
 * them (broadcasts: null join_ref and ref). Built once, outside the timed region.
 */
export function presenceFrames(members: number, diffs: number): PresenceFrames {
  const present: string[] = []
  const state: Record<string, { metas: unknown[] }> = {}
  for (let i = 0; i < members; i++) {
    const key = `m${i}`
    present.push(key)
    state[key] = { metas: [meta(key)] }
  }
  const frames: string[] = new Array(diffs)
  let oldest = 0
  for (let k = 0; k < diffs; k++) {
    let payload: unknown
    if (k % 2 === 0) {
      const key = `n${k}`
      present.push(key)
      payload = { joins: { [key]: { metas: [meta(key)] } }, leaves: {} }
    } else {
      const key = present[oldest++] as string
      payload = { joins: {}, leaves: { [key]: { metas: [meta(key)] } } }
    }
    frames[k] = JSON.stringify([null, null, TOPIC, 'presence_diff', payload])
  }
  return {
    state: JSON.stringify([null, null, TOPIC, 'presence_state', state]),
    diffs: frames,
    expected: present.slice(oldest).sort(),
  }
}
