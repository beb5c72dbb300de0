// Content-type UIDs the audit plugin owns or listens to.
export const ENTRY_UID = 'plugin::audit.entry';
export const CHECKPOINT_UID = 'plugin::audit.checkpoint';
export const ARCHIVE_UID = 'plugin::audit.archive';

export const CASE_UID = 'api::case.case';
export const USER_UID = 'plugin::users-permissions.user';
export const ROLE_UID = 'plugin::users-permissions.role';
export const PERMISSION_UID = 'plugin::users-permissions.permission';
export const SECURITY_EVENT_UID = 'plugin::access.security-event';
export const BREAK_GLASS_UID = 'plugin::access.break-glass';
export const REVEAL_UID = 'plugin::vault.reveal';

/** Domain types whose writes the trail records: the application's, referrals, and the portal's accounts (and their agencies). */
export const isAuditedType = (uid: string) => uid.startsWith('api::') || uid.startsWith('plugin::referrals.') || uid === 'plugin::access.agency-liaison' || uid === USER_UID || uid === ROLE_UID;
