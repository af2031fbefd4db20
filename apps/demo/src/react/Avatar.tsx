import { memo, type ReactNode } from 'react'
import { avatarOf } from '../shared/avatar.ts'

/** A person's initials on their colour; the name is the tooltip. */
export const Avatar = memo(function Avatar({ name }: { name: string }): ReactNode {
  const { initials, color } = avatarOf(name)
  return (
    <span className="avatar" style={{ background: color }} title={name} aria-hidden="true">
      {initials}
    </span>
  )
})
