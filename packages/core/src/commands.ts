/**
 * What the client asks the connection to do. Plain, serializable data named `VerbNoun`,
 * stamped with `time` (ms since the epoch) when sent, so the connection could live in
 * a SharedWorker and devtools can draw them.
 *
 * - `OpenSocket` / `CloseSocket`: start or stop the socket (`connect()` / `disconnect()`)
 * - `CheckSocket`: the browser came online or the page became visible: heartbeat now, or
 *   reconnect now if waiting to
 * - `HoldSocket` / `ReleaseSocket`: drop the socket as a network loss would and stay
 *   `reconnecting` without retrying, then reconnect at once (`simulateOffline()`)
 * - `JoinChannel` / `LeaveChannel`: join with the evaluated params, or leave
 * - `PushMessage`: send an event on a channel; `pushId` ties the outcome event to the promise
 *
 * @example
 * ```ts
 * client.inspect((entry) => {
 *   if (entry.kind === 'command' && entry.command.type === 'PushMessage') console.log(entry.command.event)
 * })
 * ```
 */
export type Command =
  | { type: 'OpenSocket'; time: number }
  | { type: 'CloseSocket'; time: number }
  | { type: 'CheckSocket'; time: number }
  | { type: 'HoldSocket'; time: number }
  | { type: 'ReleaseSocket'; time: number }
  | { type: 'JoinChannel'; time: number; topic: string; payload: unknown }
  | { type: 'LeaveChannel'; time: number; topic: string }
  | {
      type: 'PushMessage'
      time: number
      topic: string
      event: string
      payload: unknown
      pushId: number
      timeoutMs: number
      /** The server sends no reply: settled as soon as it is written. */
      noReply?: boolean
    }

/**
 * A command before the connection stamps its `time`.
 *
 * @example
 * ```ts
 * const open: CommandInit = { type: 'OpenSocket' }
 * ```
 */
export type CommandInit = Command extends infer C
  ? C extends Command
    ? Omit<C, 'time'>
    : never
  : never
