import type { ConnectionStatus, InspectEntry, InspectListener } from '@wirestate/core'

/**
 * What the devtools need of a client: the inspect stream, plus `simulateOffline` (or,
 * for clients without it, `connect`/`disconnect`) for the offline and reconnect controls. `$status` is read once, so a panel mounted
 * after the client connected starts with the right status. A `Client` from
 * `@wirestate/core` fits; so does a stand-in in tests.
 *
 * @example
 * ```ts
 * const client: DevtoolsClient = createClient({ url })
 * ```
 */
export interface DevtoolsClient {
  inspect(listener: InspectListener): () => void
  connect(): void
  disconnect(): void
  /** Drops the socket as a lost network would and holds it down until called with `false`. */
  simulateOffline?(offline?: boolean): void
  readonly $status?: { get(): ConnectionStatus }
}

/**
 * Where the panel sits: a floating toggle in a corner of the page (the panel opens as
 * a drawer on that edge), or `inline`, filling the element it is mounted in, always
 * open.
 *
 * @example
 * ```ts
 * mountDevtools(client, { position: 'bottom-left' })
 * ```
 */
export type DevtoolsPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | 'inline'

/**
 * Options of a devtools panel; every one has a default.
 *
 * @example
 * ```ts
 * new DevtoolsPanel(client, { initialOpen: true, capacity: 10_000 })
 * ```
 */
export interface DevtoolsOptions {
  /** Open the panel at mount (default `false`; `inline` is always open). */
  initialOpen?: boolean
  /** Default `bottom-right`. */
  position?: DevtoolsPosition
  /** Commands and events the timeline keeps (default 5,000). */
  capacity?: number
  /** Raw frames the frames view keeps (default 2,000). */
  frameCapacity?: number
  /**
   * Record from mount, so the panel shows what happened before it was first opened
   * (default `true`). `false`: nothing listens to the client until the first open.
   */
  recordWhileClosed?: boolean
  /** Keys whose values are redacted in views and exports; adds nothing, replaces the default. */
  secretKeys?: RegExp
}

/**
 * Options of `mountDevtools`: the panel's options plus where to mount it.
 *
 * @example
 * ```ts
 * mountDevtools(client, { target: document.getElementById('devtools') ?? undefined, position: 'inline' })
 * ```
 */
export interface MountDevtoolsOptions extends DevtoolsOptions {
  /** The element to mount in (default `document.body`). */
  target?: Element
}

/** The options with their defaults applied. */
export type ResolvedDevtoolsOptions = Required<Omit<DevtoolsOptions, 'secretKeys'>> &
  Pick<DevtoolsOptions, 'secretKeys'>

/**
 * Fills in the defaults.
 *
 * @example
 * ```ts
 * resolveDevtoolsOptions({}).position // 'bottom-right'
 * ```
 */
export function resolveDevtoolsOptions(options: DevtoolsOptions): ResolvedDevtoolsOptions {
  return {
    initialOpen: options.initialOpen ?? false,
    position: options.position ?? 'bottom-right',
    capacity: options.capacity ?? 5_000,
    frameCapacity: options.frameCapacity ?? 2_000,
    recordWhileClosed: options.recordWhileClosed ?? true,
    secretKeys: options.secretKeys,
  }
}

/**
 * What the lazily loaded panel UI gets from the shell that loaded it.
 *
 * @example
 * ```ts
 * const ui = createPanelUi({ client, container, options, backlog, close })
 * ```
 */
export interface PanelContext {
  client: DevtoolsClient
  /** The element inside the shadow root the UI renders into. */
  container: HTMLElement
  options: ResolvedDevtoolsOptions
  /** Entries recorded before the UI loaded, oldest first. */
  backlog: InspectEntry[]
  /** Asks the shell to close the panel (the UI's close button). */
  close(): void
}

/**
 * The lazily loaded panel UI, as the shell drives it.
 *
 * @example
 * ```ts
 * ui.ingest(entry); ui.show(); ui.hide(); ui.destroy()
 * ```
 */
export interface PanelUi {
  ingest(entry: InspectEntry): void
  show(): void
  hide(): void
  destroy(): void
}
