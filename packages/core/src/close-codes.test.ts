import { expect, test } from 'vitest'
import { classifyClose } from './close-codes.ts'

test.each([
  [1000, 'retry'],
  [1001, 'retry'],
  [1006, 'retry'],
  [1012, 'retry'],
  [1002, 'stop'],
  [1008, 'stop'],
  [4000, 'stop'],
  [4099, 'stop'],
  [4100, 'reauthenticate'],
  [4199, 'reauthenticate'],
  [1011, 'slow'],
  [1013, 'slow'],
  [4200, 'slow'],
  [4300, 'retry'],
  [4401, 'unauthorized'],
  [4400, 'stop'],
  [4403, 'stop'],
  [4500, 'retry'],
])('close code %i is %s', (code, expected) => {
  expect(classifyClose(code)).toBe(expected)
})
