/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_WIRESTATE_URL?: string
}
