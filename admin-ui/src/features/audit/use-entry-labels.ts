// Words for the codes an audit entry carries (action, record type, outcome, role), in the portal's
// language; a code without a label is shown as it is, so a new kind of event is never hidden.
import { useI18n } from 'vue-i18n'
import { actionKey } from './audit-api'

export function useEntryLabels() {
  const { t, te } = useI18n()
  const label = (key: string, fallback: string) => (te(key) ? t(key) : fallback)
  return {
    action: (action: string) => label(actionKey(action), action),
    targetType: (type: string | null) => (type ? label(`audit.targets.${type.replace(/-/g, '_')}`, type) : '—'),
    outcome: (outcome: string) => label(`audit.outcomes.${outcome.replace(/-/g, '_')}`, outcome),
    /** "fiscal.demo1 (Fiscal)"; the system and unknown callers in words. */
    actor: (actor: { kind: string; username?: string | null; role: string | null }) => {
      if (actor.kind === 'system') return t('audit.actors.system')
      if (actor.kind === 'anonymous') return t('audit.actors.anonymous')
      const role = actor.role ? label(`roles.${actor.role}`, actor.role) : ''
      const name = actor.username ?? (actor.kind === 'admin' ? t('audit.actors.admin') : t('audit.actors.unknown'))
      return role ? `${name} (${role})` : name
    },
  }
}
