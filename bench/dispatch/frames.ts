/** The topic every dispatch benchmark joins. */
export const TOPIC = 'room:bench'

/**
 * `count` broadcast frames of a ~200-byte chat payload, as a Phoenix server sends
 * them (null join_ref and ref). Built once, outside the timed region.
 */
export function chatFrames(count: number): string[] {
  const frames: string[] = new Array(count)
  for (let i = 0; i < count; i++) {
    const payload = {
      id: i,
      user: `user-${i % 50}`,
      body: `message number ${i}: the quick brown fox jumps over the lazy dog`,
      sent_at: 1795340286000 + i,
      client_id: `c-${(i * 2654435761) % 4294967296}`,
    }
    frames[i] = JSON.stringify([null, null, TOPIC, 'new_msg', payload])
  }
  return frames
}

/** Topics of the channels joined besides `TOPIC` (no frame is for them). */
export function otherTopics(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `room:other-${i}`)
}
