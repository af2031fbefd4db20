import { useConnectionStatus } from '@wirestate/react'
import type { ReactNode } from 'react'

/** The socket's status (`connected`, `reconnecting`, ...) and, with two, the node. */
export function StatusBadge({ node }: { node: string | undefined }): ReactNode {
  const { status } = useConnectionStatus()
  return (
    <span className="status">
      <span className="badge" data-status={status} role="status" aria-label="Connection">
        {status}
      </span>
      {node !== undefined && <span className="node">node {node}</span>}
    </span>
  )
}
