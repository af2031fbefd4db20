/**
 * The command line's arguments for `parseArgs`, without the `--` that
 * `pnpm --filter @wirestate/bench <name> -- --option` passes on (pnpm 10 keeps it, and
 * `parseArgs` would read everything after it as positionals and refuse them).
 *
 * @example
 * ```ts
 * const { values } = parseArgs({ args: benchArgs(), options: { rounds: { type: 'string' } } })
 * ```
 */
export function benchArgs(): string[] {
  return process.argv.slice(2).filter((arg) => arg !== '--')
}
