// The data sets an installation starts with, per purpose and agency kind; the configurator changes
// them in the admin panel (Referral data set). Each list is the least the agency needs.
export interface DefaultDataSet { purpose: string; agencyKind: string; fields: string[] }

const VICTIM_BASICS = ['victim.code', 'victim.sex', 'victim.ageGroup', 'victim.nationality'];

export const DEFAULT_DATA_SETS: readonly DefaultDataSet[] = [
  { purpose: 'albergue', agencyKind: 'shelter', fields: ['case.province', ...VICTIM_BASICS, 'victim.isMinor', 'victim.needs'] },
  { purpose: 'albergue', agencyKind: 'child-protection', fields: ['case.province', ...VICTIM_BASICS, 'victim.isMinor', 'victim.needs'] },
  { purpose: 'asistencia', agencyKind: 'shelter', fields: [...VICTIM_BASICS, 'victim.needs'] },
  { purpose: 'asistencia', agencyKind: 'ngo', fields: [...VICTIM_BASICS, 'victim.needs'] },
  { purpose: 'asistencia', agencyKind: 'women', fields: [...VICTIM_BASICS, 'victim.needs'] },
  { purpose: 'asistencia', agencyKind: 'health', fields: [...VICTIM_BASICS, 'victim.needs'] },
  { purpose: 'asistencia', agencyKind: 'international-organisation', fields: [...VICTIM_BASICS, 'victim.needs'] },
  { purpose: 'proteccion-nna', agencyKind: 'child-protection', fields: ['case.province', ...VICTIM_BASICS, 'victim.isMinor', 'victim.exploitationForms', 'victim.needs'] },
  { purpose: 'examen-forense', agencyKind: 'forensic', fields: ['case.number', 'victim.code', 'victim.sex', 'victim.ageGroup'] },
  { purpose: 'identificacion', agencyKind: 'migration', fields: ['case.number', 'victim.code', 'victim.sex', 'victim.ageGroup', 'victim.nationality'] },
  { purpose: 'regularizacion-migratoria', agencyKind: 'migration', fields: ['victim.code', 'victim.nationality', 'victim.needs'] },
  { purpose: 'solicitud-internacional', agencyKind: 'foreign-affairs', fields: ['case.number', 'case.type', 'case.exploitationForms', 'victim.code', 'victim.nationality'] },
];
