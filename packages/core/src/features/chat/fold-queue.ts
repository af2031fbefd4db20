import type { NotifyManager } from '../../notify.ts'

/**
 * Folds items into stores at most twice per notify flush, however many arrive: the first
 * item after a quiet spell at once (a lone message shows in the flush it came in), and
 * every item after it together, in a callback scheduled on the next flush.
 *
 * Why: an atom holding a list needs a new array to notify, and copying the list once per
 * frame makes a burst cost frames × list length. Folding a batch copies it once. The
 * deferred batch goes through the client's notify manager, the one batching point, so it still runs
 * inside a flush and its store writes are batched with everything else there.
 *
 * @example
 * ```ts
 * const add = createFoldQueue<ChatMessage>(ctx.notify, (batch) => list.update((d) => batch.forEach((m) => d.insert(m))))
 * channel.on('new_msg', add)
 * ```
 */
export function createFoldQueue<T>(
  notify: Pick<NotifyManager, 'schedule'>,
  fold: (items: readonly T[]) => void,
): (item: T) => void {
  let queued: T[] | undefined
  const drain = () => {
    const items = queued as T[]
    queued = undefined
    if (items.length) fold(items)
  }
  return (item) => {
    if (queued) {
      queued.push(item)
      return
    }
    queued = []
    notify.schedule(drain)
    fold([item])
  }
}
