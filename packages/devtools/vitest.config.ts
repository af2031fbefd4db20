import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

// The model is plain data and runs in Node; the DOM is tested in real Chromium
// (vitest.browser.config.ts).
export default mergeConfig(sharedConfig, defineConfig({ test: { environment: 'node' } }))
