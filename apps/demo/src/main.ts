// The interim demo: @wirestate/core in a page with no framework. Every payload is
// rendered with textContent, never as HTML.
import { createClient } from '@wirestate/core'

const url = import.meta.env.VITE_WIRESTATE_URL ?? `ws://${location.hostname}:4000/socket/websocket`
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

interface ChatMessage {
  id?: number | string
  user?: string
  body?: string
}

function start(name: string) {
  const client = createClient({ url, params: () => ({ user: name, token: 'demo' }) })
  const room = client.channel('room:lobby')
  client.$status.subscribe((s) => {
    $('status').textContent = s.status
    $('status').dataset.status = s.status
  })
  // Subscribing to $state is what joins the channel (and keeps it joined).
  room.$state.subscribe((s) => {
    $('channel-state').textContent =
      `room:lobby ${s.status}${'reason' in s && s.reason ? ` (${s.reason})` : ''}`
  })
  room.on('new_msg', (payload) => appendMessage(payload as ChatMessage))
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault()
    const input = $<HTMLInputElement>('body')
    const row = appendMessage({ user: name, body: input.value }, 'pending')
    room.push('new_msg', { body: input.value }).then(
      () => row.remove(),
      (error: Error) => {
        row.classList.replace('pending', 'failed')
        row.title = error.message
      },
    )
    input.value = ''
  })
  $('login').hidden = true
  $('room').hidden = false
  $('body').focus()
}

function appendMessage(message: ChatMessage, mark?: 'pending'): HTMLLIElement {
  const row = document.createElement('li')
  const user = document.createElement('span')
  user.className = 'user'
  user.textContent = String(message.user ?? '?')
  row.append(user, String(message.body ?? ''))
  if (mark) row.classList.add(mark)
  $('messages').append(row)
  return row
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault()
  start($<HTMLInputElement>('name').value.trim())
})
