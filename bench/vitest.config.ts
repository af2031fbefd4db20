import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../vitest.shared.ts'

// The benchmarks' own correctness: each runner must deliver every frame it is fed,
// or its msgs/s would be meaningless. Timing is never asserted here.
export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: { environment: 'node', include: ['**/*.test.ts'], exclude: ['node_modules/**'] },
  }),
)
