// Content-type UIDs the evidence plugin owns or reads.
export const ITEM_UID = 'plugin::evidence.evidence-item';
export const CUSTODY_UID = 'plugin::evidence.custody-event';
export const FILE_UID = 'plugin::evidence.evidence-file';

export const CASE_UID = 'api::case.case';
export const AGENCY_UID = 'api::agency.agency';
export const CODE_LIST_UID = 'api::code-list.code-list';
export const USER_UID = 'plugin::users-permissions.user';

export const ITEM_TABLE = 'evidence_items';
export const CUSTODY_TABLE = 'evidence_custody_events';
export const FILE_TABLE = 'evidence_files';
