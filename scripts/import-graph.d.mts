/** Files reached from the entries, and outside modules with the files that import them. */
export function importGraph(entries: readonly string[]): {
  modules: Map<string, string[]>
  externals: Map<string, string[]>
}
/** Import cycles, each as the files in it (paths from the repository root). */
export function importCycles(modules: Map<string, string[]>): string[][]
