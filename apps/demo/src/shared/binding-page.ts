import { DEFAULT_ROOMS, isRoomName } from './lobby.ts'
import { pickServerNode, type ServerNode } from './server-node.ts'
import { savedName } from './session.ts'

/** What the Vue and Svelte pages read from their URL before mounting. */
export interface BindingPage {
  /** `?room=`, else the first default room. */
  readonly room: string
  /** The tab's name (`?name=` or the one signed in with), if any yet. */
  readonly name: string | undefined
  readonly node: ServerNode
}

/**
 * Reads a Vue or Svelte page's room, name and server node.
 *
 * @example
 * ```ts
 * const { room, name, node } = readBindingPage(new URLSearchParams(location.search))
 * ```
 */
export function readBindingPage(query: URLSearchParams): BindingPage {
  const asked = query.get('room') ?? ''
  return {
    room: isRoomName(asked) ? asked : (DEFAULT_ROOMS[0] as string),
    name: savedName(query),
    node: pickServerNode(location),
  }
}
