/**
 * How every browser suite and benchmark of the repository starts Chromium: Debian's
 * binary (`scripts/system-deps.sh` installs it; `CHROMIUM_PATH` points elsewhere), never a
 * browser Playwright would download, with the flags a machine whose network reaches only
 * the package registries needs: without the background-networking ones Chromium keeps
 * opening connections that are refused, many at a time.
 *
 * @example
 * ```ts
 * import { chromiumLaunchOptions } from '../../chromium.ts'
 * const browser = await chromium.launch(chromiumLaunchOptions)
 * ```
 */
export const chromiumLaunchOptions: { executablePath: string; args: string[] } = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
}
