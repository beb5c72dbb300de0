// Content-type UIDs the referrals plugin owns or reads.
export const REFERRAL_UID = 'plugin::referrals.referral';
export const MESSAGE_UID = 'plugin::referrals.referral-message';
export const DATA_SET_UID = 'plugin::referrals.data-set';

export const CASE_UID = 'api::case.case';
export const CASE_PARTY_UID = 'api::case-party.case-party';
export const PERSON_UID = 'api::person.person';
export const AGENCY_UID = 'api::agency.agency';
export const CODE_LIST_UID = 'api::code-list.code-list';
export const NOTIFICATION_UID = 'api::notification.notification';
export const LIAISON_UID = 'plugin::access.agency-liaison';
export const BREAK_GLASS_UID = 'plugin::access.break-glass';

/** Party roles that make a person a victim of the case (a referral may name only such a person). */
export const VICTIM_ROLES = ['victim-adult', 'victim-child', 'survivor', 'smuggled-migrant'];
