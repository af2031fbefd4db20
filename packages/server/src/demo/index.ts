export { type DemoUser, demoSocket } from './demo-socket.ts'
