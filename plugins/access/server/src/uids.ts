// Content-type UIDs the access layer guards.
import type { RecordKind } from './policy/policy';

export const CASE_UID = 'api::case.case';
export const CASE_MEMBER_UID = 'api::case-member.case-member';
export const CASE_PARTY_UID = 'api::case-party.case-party';
export const PERSON_UID = 'api::person.person';
export const VICTIM_PROFILE_UID = 'api::victim-profile.victim-profile';
export const CHARGE_UID = 'api::charge.charge';
export const USER_UID = 'plugin::users-permissions.user';
export const ROLE_UID = 'plugin::users-permissions.role';
// Referrals (plugins/referrals): a liaison reaches a referral, and its messages, only through its agency.
export const REFERRAL_UID = 'plugin::referrals.referral';
export const REFERRAL_MESSAGE_UID = 'plugin::referrals.referral-message';

export const GUARDED: Record<string, RecordKind> = {
  [CASE_UID]: 'case',
  [CASE_MEMBER_UID]: 'case-member',
  [CASE_PARTY_UID]: 'case-party',
  [PERSON_UID]: 'person',
  [VICTIM_PROFILE_UID]: 'victim-profile',
  [CHARGE_UID]: 'charge',
  [REFERRAL_UID]: 'referral',
  [REFERRAL_MESSAGE_UID]: 'referral-message',
};

export const SESSION_UID = 'plugin::access.session';
export const SECOND_FACTOR_UID = 'plugin::access.second-factor';
export const SIGN_IN_LOCK_UID = 'plugin::access.sign-in-lock';
export const SIGN_IN_CHALLENGE_UID = 'plugin::access.sign-in-challenge';
export const SECURITY_EVENT_UID = 'plugin::access.security-event';
export const BREAK_GLASS_UID = 'plugin::access.break-glass';
export const AGENCY_LIAISON_UID = 'plugin::access.agency-liaison';
