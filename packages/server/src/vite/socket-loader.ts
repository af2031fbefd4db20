import {
  createRunnableDevEnvironment,
  createServerModuleRunner,
  type DevEnvironment,
  type ResolvedConfig,
} from 'vite'
import type { EvaluatedModuleNode, ModuleRunner } from 'vite/module-runner'
import { checkSocketModule, type SocketModule } from '../socket/socket-definition.ts'

/**
 * Loads the socket module in the dev server's SSR environment, with a module runner
 * of its own (no HMR client: the plugin decides when to load again), and loads it
 * again after a change to a file it was built from.
 *
 * @example
 * ```ts
 * const loader = new DevSocketLoader(server.environments.ssr, '/app/server/socket.ts')
 * hosted.use(await loader.load())
 * // a file changed:
 * if (loader.covers(file)) hosted.use(await loader.reload(file))
 * ```
 */
export class DevSocketLoader {
  readonly environment: DevEnvironment
  #file: string
  #runner: ModuleRunner
  #loadedOnce = false

  constructor(environment: DevEnvironment, file: string) {
    this.environment = environment
    this.#file = file
    this.#runner = createServerModuleRunner(environment, { hmr: false })
  }

  /** Imports the socket module (or returns it as last evaluated) and checks its export. */
  async load(): Promise<SocketModule<unknown>> {
    const module = await this.#runner.import<{ default?: unknown }>(this.#file)
    this.#loadedOnce = true
    return checkSocketModule(module.default, this.#file)
  }

  /**
   * Whether a change to `file` may change the socket: a file the runner evaluated for
   * it. Until a first load succeeds, any file the environment knows (the one that
   * failed may be any of them).
   */
  covers(file: string): boolean {
    if (this.#runner.evaluatedModules.getModulesByFile(file)?.size) return true
    return (
      !this.#loadedOnce &&
      (file === this.#file || this.environment.moduleGraph.getModulesByFile(file) !== undefined)
    )
  }

  /** Drops `file` and what imports it from the runner, then imports the socket again. */
  reload(file: string): Promise<SocketModule<unknown>> {
    const modules = this.#runner.evaluatedModules
    const stale = [...(modules.getModulesByFile(file) ?? [])]
    const seen = new Set<EvaluatedModuleNode>()
    for (let node = stale.pop(); node; node = stale.pop()) {
      if (seen.has(node)) continue
      seen.add(node)
      modules.invalidateModule(node)
      for (const id of node.importers) {
        const importer = modules.getModuleById(id)
        if (importer) stale.push(importer)
      }
    }
    return this.load()
  }

  close(): Promise<void> {
    return this.#runner.close()
  }
}

/**
 * Loads the socket module once, for `vite preview`: in a runner environment made from
 * the app's SSR settings (resolve conditions, externals), closed once it is loaded.
 *
 * @example
 * ```ts
 * hosted.use(await loadSocketOnce(previewServer.config, '/app/server/socket.ts'))
 * ```
 */
export async function loadSocketOnce(
  config: ResolvedConfig,
  file: string,
): Promise<SocketModule<unknown>> {
  const environment = createRunnableDevEnvironment('ssr', config, {
    hot: false,
    runnerOptions: { hmr: false },
  })
  await environment.init()
  try {
    const module = await environment.runner.import<{ default?: unknown }>(file)
    return checkSocketModule(module.default, file)
  } finally {
    await environment.close()
  }
}
