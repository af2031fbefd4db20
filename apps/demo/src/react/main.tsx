import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { pickServerNode } from '../shared/server-node.ts'
import { App } from './App.tsx'

const node = pickServerNode(location)

createRoot(document.getElementById('app') as HTMLElement).render(
  <StrictMode>
    <App node={node} />
  </StrictMode>,
)
