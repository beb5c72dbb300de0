// Content-type UIDs the statistics plugin counts from.
export const CASE_UID = 'api::case.case';
export const CASE_PARTY_UID = 'api::case-party.case-party';
export const PERSON_UID = 'api::person.person';
export const VICTIM_PROFILE_UID = 'api::victim-profile.victim-profile';
export const CODE_LIST_UID = 'api::code-list.code-list';
export const REPORT_SCHEDULE_UID = 'plugin::statistics.report-schedule';
export const REPORT_SNAPSHOT_UID = 'plugin::statistics.report-snapshot';
