import { execFile } from 'node:child_process'

/** How a command ended: its exit code and what it printed. */
export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs a command to its end in `cwd`, in the environment of a terminal rather than of the
 * test runner (see {@link terminalEnv}); resolves whatever the exit code.
 *
 * @example
 * ```ts
 * const { code, stdout } = await runCommand(root, 'pnpm', ['exec', 'tsc', '--noEmit'])
 * ```
 */
export function runCommand(
  cwd: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const options = { cwd, env: { ...terminalEnv(), ...env }, timeout: 180_000 }
    execFile(command, args, options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/**
 * This process's environment without what the test runner (vitest, under pnpm) set for
 * itself: a command run from a test sees what it would see from a shell.
 *
 * @example
 * ```ts
 * spawn('npm', ['start'], { env: terminalEnv() })
 * ```
 */
export function terminalEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const key of Object.keys(env)) {
    if (/^(VITEST|npm_|PNPM_)/.test(key) || key === 'NODE_ENV' || key === 'TEST') delete env[key]
  }
  return env
}
