import { mount } from 'svelte'
import { readBindingPage } from '../shared/binding-page.ts'
import { createDemoClient } from '../shared/demo-client.ts'
import { saveName } from '../shared/session.ts'
import NameForm from './NameForm.svelte'
import SvelteApp from './SvelteApp.svelte'

// The Svelte page: one room (`?room=`), chat and presence through @wirestate/svelte.
const { room, name, node } = readBindingPage(new URLSearchParams(location.search))
const target = document.getElementById('app') as HTMLElement

if (name === undefined) {
  const onName = (picked: string) => {
    saveName(picked)
    location.reload()
  }
  mount(NameForm, { target, props: { onName } })
} else {
  const client = createDemoClient(name, node)
  mount(SvelteApp, { target, props: { client, room, me: name, node: node.label } })
}
