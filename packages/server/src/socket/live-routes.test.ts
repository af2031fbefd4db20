import type { ChannelRoute } from '@wirestate/engine'
import { expect, it } from 'vitest'
import { LiveRoutes } from './live-routes.ts'

const v1: ChannelRoute = { events: { ping: () => undefined }, stream: { maxLength: 1 } }

it('gives a join a route that reads the routes of the moment', () => {
  const routes = new LiveRoutes({ 'room:*': v1 })
  const match = routes.match('room:1')
  expect(match).toMatchObject({ pattern: 'room:*', wildcards: ['1'] })
  const route = match?.route as ChannelRoute
  expect(route.events).toBe(v1.events)
  expect(route.stream).toEqual({ maxLength: 1 })
  const v2: ChannelRoute = { events: { pong: () => undefined }, presence: { key: () => 'k' } }
  routes.replace({ 'room:*': v2 })
  expect(route.events).toBe(v2.events)
  expect(route.stream).toBeUndefined()
  expect(route.presence).toBe(v2.presence)
  expect(routes.match('room:2')?.route).toBe(route) // one stand-in per pattern
})

it('leaves joins of a dropped pattern without handlers, and new joins unmatched', () => {
  const routes = new LiveRoutes({ 'room:*': v1, lobby: {} })
  const route = routes.match('room:1')?.route as ChannelRoute
  routes.replace({ lobby: {} })
  expect(route.events).toBeUndefined()
  expect(route.join).toBeUndefined()
  expect(routes.match('room:1')).toBeNull()
  routes.replace({ 'room:*': v1 })
  expect(route.events).toBe(v1.events) // back: the old joins' handlers too
})

it('calls a route’s methods on the route itself', async () => {
  const route = {
    greeting: 'hello',
    join(this: { greeting: string }) {
      return { status: 'ok' as const, response: this.greeting }
    },
  }
  const routes = new LiveRoutes({ lobby: route })
  const standIn = routes.match('lobby')?.route as ChannelRoute
  expect(await standIn.join?.('lobby', {}, {} as never)).toEqual({
    status: 'ok',
    response: 'hello',
  })
})
