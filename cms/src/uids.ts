// Content-type UIDs of the application, in one place.
export const CASE_UID = 'api::case.case';
export const CASE_MEMBER_UID = 'api::case-member.case-member';
export const CASE_PARTY_UID = 'api::case-party.case-party';
export const PERSON_UID = 'api::person.person';
export const VICTIM_PROFILE_UID = 'api::victim-profile.victim-profile';
export const AGENCY_UID = 'api::agency.agency';
export const CODE_LIST_UID = 'api::code-list.code-list';
export const SOP_TEMPLATE_UID = 'api::sop-template.sop-template';
export const USER_UID = 'plugin::users-permissions.user';
export const ROLE_UID = 'plugin::users-permissions.role';
export const TASK_UID = 'api::task.task';
export const WORKFLOW_UID = 'api::workflow.workflow';
export const WORKFLOW_VERSION_UID = 'api::workflow-version.workflow-version';
export const CASE_MOVE_UID = 'api::case-move.case-move';
export const CASE_DEADLINE_UID = 'api::case-deadline.case-deadline';
export const INVESTIGATION_PLAN_UID = 'api::investigation-plan.investigation-plan';
export const PLAN_TEMPLATE_UID = 'api::investigation-plan.plan-template';
