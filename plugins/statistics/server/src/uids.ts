// Content-type UIDs the statistics plugin counts from.
export const CASE_UID = 'api::case.case';
export const CASE_PARTY_UID = 'api::case-party.case-party';
export const PERSON_UID = 'api::person.person';
export const VICTIM_PROFILE_UID = 'api::victim-profile.victim-profile';
export const CODE_LIST_UID = 'api::code-list.code-list';
export const CASE_DEADLINE_UID = 'api::case-deadline.case-deadline';
