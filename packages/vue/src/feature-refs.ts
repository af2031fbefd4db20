import { useStore } from '@nanostores/vue'
import type { ReadableAtom } from 'nanostores'
import type { ShallowRef } from 'vue'

/**
 * A feature's API as a component uses it: each `$`-store as a read-only ref named without
 * the `$` (`$messages` → `messages`), every verb as it is.
 *
 * @example
 * ```ts
 * const room: FeatureRefs<Chat> = featureRefs(chat(channel)) // { messages, typing, send, ... }
 * ```
 */
export type FeatureRefs<T> = {
  [K in keyof T as K extends `$${infer Name}` ? Name : K]: T[K] extends ReadableAtom<infer V>
    ? Readonly<ShallowRef<V>>
    : T[K]
}

/**
 * {@link FeatureRefs} of `api`: its stores through `useStore` of `@nanostores/vue` (which
 * subscribes in the browser, and on the server only reads, joining nothing), its verbs
 * unchanged.
 *
 * @example
 * ```ts
 * const { messages, send } = featureRefs(chat(useClient().channel('room:42')))
 * ```
 */
export function featureRefs<T extends object>(api: T): FeatureRefs<T> {
  const refs: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(api)) {
    if (key.startsWith('$')) refs[key.slice(1)] = useStore(value)
    else refs[key] = value
  }
  return refs as FeatureRefs<T>
}
