// Content-type UIDs the statistics plugin counts from.
export const CASE_UID = 'api::case.case';
export const CASE_PARTY_UID = 'api::case-party.case-party';
export const PERSON_UID = 'api::person.person';
export const VICTIM_PROFILE_UID = 'api::victim-profile.victim-profile';
export const CODE_LIST_UID = 'api::code-list.code-list';
export const POPULATION_ESTIMATE_UID = 'api::population-estimate.population-estimate';
export const CASE_MOVE_UID = 'api::case-move.case-move';
export const CASE_DEADLINE_UID = 'api::case-deadline.case-deadline';
export const DEADLINE_RULE_UID = 'api::deadline-rule.deadline-rule';
export const SOP_RUN_UID = 'api::sop-run.sop-run';
export const SOP_RUN_STEP_UID = 'api::sop-run-step.sop-run-step';
export const CHARGE_UID = 'api::charge.charge';
export const REPORT_SCHEDULE_UID = 'plugin::statistics.report-schedule';
export const REPORT_SNAPSHOT_UID = 'plugin::statistics.report-snapshot';
