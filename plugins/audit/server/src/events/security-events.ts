// How the access plugin's security events read in the trail. No Strapi import.

export interface SecurityEventMeaning {
  action: string;
  outcome: 'success' | 'failure' | 'refused';
}

const MEANINGS: Record<string, SecurityEventMeaning> = {
  'login-success': { action: 'sign-in', outcome: 'success' },
  'login-failure': { action: 'sign-in', outcome: 'failure' },
  lockout: { action: 'sign-in.lockout', outcome: 'refused' },
  'locked-refused': { action: 'sign-in', outcome: 'refused' },
  'totp-failure': { action: 'second-factor', outcome: 'failure' },
  'totp-enrolled': { action: 'second-factor.enrol', outcome: 'success' },
  'recovery-code-used': { action: 'second-factor.recovery-code', outcome: 'success' },
  logout: { action: 'sign-out', outcome: 'success' },
  'refresh-reuse': { action: 'session.refresh-reuse', outcome: 'refused' },
  'password-change': { action: 'password.change', outcome: 'success' },
  'sessions-revoked': { action: 'sessions.revoke', outcome: 'success' },
  'identity-change': { action: 'identity.change', outcome: 'success' },
  'identity-search': { action: 'identity.search', outcome: 'success' },
};

/**
 * Kinds recorded from a richer source instead, which names the target: a break-glass from its
 * grant (the case), an identity reveal from the vault's reveal record (the person).
 */
const RECORDED_ELSEWHERE = new Set(['break-glass', 'identity-reveal']);

/** The meaning of a security event, or null when another feed records it. Unknown kinds are kept. */
export function securityEventMeaning(kind: string): SecurityEventMeaning | null {
  if (RECORDED_ELSEWHERE.has(kind)) return null;
  return MEANINGS[kind] ?? { action: `security.${kind.slice(0, 60)}`, outcome: 'success' };
}
