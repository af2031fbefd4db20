import type { Command, ConnectionEvent } from '@wirestate/core'
import type { TimelineRecord } from '../model/record.ts'
import { compactJson } from './format.ts'

/**
 * The one-line text of a timeline row after its type and topic: the event name and
 * payload of messages, the outcome of replies, the fields of the rest (redacted).
 *
 * @example
 * ```ts
 * summarize(record, keys) // 'new_msg {"body":"hi"}'
 * ```
 */
export function summarize(record: TimelineRecord, secretKeys: RegExp): string {
  const item: Command | ConnectionEvent =
    record.entry.kind === 'command' ? record.entry.command : record.entry.event
  switch (item.type) {
    case 'PushMessage':
    case 'MessageReceived':
      return `${item.event} ${compactJson(item.payload, secretKeys)}`
    case 'ReplyReceived':
      return `push #${item.pushId} ${item.status} ${compactJson(item.response, secretKeys)}`
    case 'JoinChannel':
      return `params ${compactJson(item.payload, secretKeys)}`
    case 'StatusChanged': {
      const { status, ...why } = item.status
      return Object.keys(why).length ? `${status} ${compactJson(why, secretKeys)}` : status
    }
  }
  const {
    type: _type,
    time: _time,
    ...rest
  } = item as { type: string; time: number; topic?: string }
  delete rest.topic
  return Object.keys(rest).length ? compactJson(rest, secretKeys) : ''
}
