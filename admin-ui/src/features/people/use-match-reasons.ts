// Why the vault thinks two people may be one, in words: "mismo número de documento, mismo nombre".
import { useI18n } from 'vue-i18n'
import type { PossibleMatch } from './people-api'

export function useMatchReasons(): (match: PossibleMatch) => string {
  const { t } = useI18n()
  return (match) => match.reasons.map((reason) => t(`identity.reasons.${reason}`)).join(', ')
}
