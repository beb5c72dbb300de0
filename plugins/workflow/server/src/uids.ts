// Content-type UIDs the workflow plugin reads and writes (they live in the application).
export const WORKFLOW_UID = 'api::workflow.workflow';
export const WORKFLOW_VERSION_UID = 'api::workflow-version.workflow-version';
export const CASE_MOVE_UID = 'api::case-move.case-move';
export const CASE_UID = 'api::case.case';
export const CASE_MEMBER_UID = 'api::case-member.case-member';
export const CASE_PARTY_UID = 'api::case-party.case-party';
export const VICTIM_PROFILE_UID = 'api::victim-profile.victim-profile';
export const CODE_LIST_UID = 'api::code-list.code-list';
export const USER_UID = 'plugin::users-permissions.user';
export const CASE_DEADLINE_UID = 'api::case-deadline.case-deadline';
export const NOTIFICATION_UID = 'api::notification.notification';
export const JOB_LEASE_UID = 'api::job-lease.job-lease';
export const CALENDAR_FEED_UID = 'api::calendar-feed.calendar-feed';
