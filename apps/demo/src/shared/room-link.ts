/**
 * Links between the demo's pages: the React app routes by hash (`#/room/general`); the
 * Vue and Svelte pages take the room in the query. All are on one origin, one server node.
 */

/**
 * The React app's address of a room, or of the lobby.
 *
 * @example
 * ```ts
 * roomHash('general') // '#/room/general'
 * ```
 */
export function roomHash(room: string | undefined): string {
  return room === undefined ? '#/' : `#/room/${encodeURIComponent(room)}`
}

/**
 * The room in a React app hash, if it names one.
 *
 * @example
 * ```ts
 * roomOfHash('#/room/general') // 'general'
 * roomOfHash('#/') // undefined
 * ```
 */
export function roomOfHash(hash: string): string | undefined {
  const match = /^#\/room\/([^/]+)$/.exec(hash)
  return match ? decodeURIComponent(match[1] as string) : undefined
}

/**
 * The address of the same room on another binding's page (`vue.html`, `svelte.html`).
 *
 * @example
 * ```ts
 * bindingPageUrl('vue', 'general') // '/vue.html?room=general'
 * ```
 */
export function bindingPageUrl(page: 'vue' | 'svelte', room: string): string {
  return `/${page}.html?${new URLSearchParams({ room })}`
}

/**
 * The address of a room on each of the demo's pages (the React app, `vue.html`,
 * `svelte.html`); each page links to the other two.
 *
 * @example
 * ```ts
 * roomPages('general').react // '/#/room/general'
 * ```
 */
export function roomPages(room: string): {
  readonly react: string
  readonly vue: string
  readonly svelte: string
} {
  return {
    react: `/${roomHash(room)}`,
    vue: bindingPageUrl('vue', room),
    svelte: bindingPageUrl('svelte', room),
  }
}
