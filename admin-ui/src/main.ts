// Entry point of the portal.
import { createWebHistory } from 'vue-router'
import './styles/base.css'
import { createPortal } from './portal'

const { app } = createPortal(createWebHistory('/'))
app.mount('#app')
