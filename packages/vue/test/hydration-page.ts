import { defineComponent, h } from 'vue'
import { useChannel, useConnection, usePresence } from '../src/index.ts'

/** The page of the hydration test; ssr.test.ts renders it on the server (Node, no window). */
export const HydrationPage = defineComponent(() => {
  const connection = useConnection()
  const { state } = useChannel('room:1')
  const { count } = usePresence('room:1')
  return () => h('p', `${connection.value.status} ${state.value.status} ${count.value}`)
})

/** What the server renders for it (asserted by ssr.test.ts). */
export const HYDRATION_HTML = '<p>idle closed 0</p>'
