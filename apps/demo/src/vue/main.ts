import { wirestate } from '@wirestate/vue'
import { createApp } from 'vue'
import { readBindingPage } from '../shared/binding-page.ts'
import { createDemoClient } from '../shared/demo-client.ts'
import { saveName } from '../shared/session.ts'
import NameForm from './NameForm.vue'
import VueRoom from './VueRoom.vue'

// The Vue page: one room (`?room=`), chat and presence through @wirestate/vue.
const { room, name, node } = readBindingPage(new URLSearchParams(location.search))
const root = document.getElementById('app') as HTMLElement

if (name === undefined) {
  const onName = (picked: string) => {
    saveName(picked)
    location.reload()
  }
  createApp(NameForm, { onName }).mount(root)
} else {
  createApp(VueRoom, { room, me: name, node: node.label })
    .use(wirestate, { client: createDemoClient(name, node) })
    .mount(root)
}
