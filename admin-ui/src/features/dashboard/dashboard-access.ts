// Who sees "Tablero" and lands on it: the statistics unit and the chief prosecutor, the roles the
// statistics API answers. The server's flag wins when it sends one (can.readStatistics).
import type { Me } from '../../stores/session'

const STATISTICS_ROLES: ReadonlySet<string> = new Set(['statistician', 'chief-prosecutor'])

export function canReadStatistics(me: Me | null | undefined): boolean {
  const flag = me?.can.readStatistics
  return typeof flag === 'boolean' ? flag : STATISTICS_ROLES.has(me?.role ?? '')
}
