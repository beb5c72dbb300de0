// Entry point of the portal.
import { createWebHistory } from 'vue-router'
import './styles/base.css'
import { createPortal } from './portal'
import { openTabChannel } from './session/tabs'

const { app } = createPortal(createWebHistory('/'), { tabs: openTabChannel() })
app.mount('#app')
