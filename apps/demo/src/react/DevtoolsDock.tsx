import { WirestateDevtools } from '@wirestate/react/devtools'
import { type ReactNode, useState } from 'react'

/**
 * The devtools panel docked under the app (inline, so it covers nothing), shown and
 * hidden by the top bar's toggle. It is mounted from sign-in on, so it records
 * everything: opening it shows how the page got where it is. Closed, it is simply
 * hidden (`display: none`); its lists redraw when they show again.
 */
export function DevtoolsDock({ open }: { open: boolean }): ReactNode {
  const [dock, setDock] = useState<HTMLElement | null>(null)
  return (
    <div className="devtools-dock" ref={setDock} hidden={!open}>
      {dock && <WirestateDevtools position="inline" target={dock} />}
    </div>
  )
}
