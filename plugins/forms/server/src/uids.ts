// Content-type UIDs the forms plugin reads and writes.
export const FORM_DEFINITION_UID = 'plugin::forms.form-definition';
export const FORM_VERSION_UID = 'plugin::forms.form-version';
export const CODE_LIST_UID = 'api::code-list.code-list';
export const CASE_UID = 'api::case.case';
export const VICTIM_PROFILE_UID = 'api::victim-profile.victim-profile';
export const CASE_PARTY_UID = 'api::case-party.case-party';
export const PERSON_UID = 'api::person.person';
