/**
 * Links between the demo's pages: the React app routes by hash (`#/room/general`); the
 * Vue and Svelte pages take the room (and the node, with two) in the query.
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
 * The address of the same room on another binding's page (`vue.html`, `svelte.html`),
 * on the same server node.
 *
 * @example
 * ```ts
 * bindingPageUrl('vue', 'general', 'B') // '/vue.html?room=general&node=b'
 * ```
 */
export function bindingPageUrl(page: 'vue' | 'svelte', room: string, node?: string): string {
  const query = new URLSearchParams({ room })
  if (node) query.set('node', node.toLowerCase())
  return `/${page}.html?${query}`
}

/**
 * The address of a room on each of the demo's pages (the React app, `vue.html`,
 * `svelte.html`), on the same server node; each page links to the other two.
 *
 * @example
 * ```ts
 * roomPages('general', 'B').react // '/?node=b#/room/general'
 * ```
 */
export function roomPages(
  room: string,
  node?: string,
): { readonly react: string; readonly vue: string; readonly svelte: string } {
  const query = node ? `?${new URLSearchParams({ node: node.toLowerCase() })}` : ''
  return {
    react: `/${query}${roomHash(room)}`,
    vue: bindingPageUrl('vue', room, node),
    svelte: bindingPageUrl('svelte', room, node),
  }
}
