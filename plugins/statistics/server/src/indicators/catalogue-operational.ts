// The operational indicators (issue 8, OPERATIONAL): how long the steps of a case take, how the legal
// deadlines fare, and how many complaints are investigated. Pure data; the SQL is in
// services/units/operational.ts and the medians in services/measures/operational.ts.
import { DIMENSIONS, type Dimension, type Indicator } from './dimensions';

/** The intervals whose median is measured, each from its start to its end (docs/statistics.md). */
export const INTERVALS = ['arrest-to-coercive-measure', 'intake-to-conclusive-act', 'intake-to-judgment'] as const;
export type IntervalCode = (typeof INTERVALS)[number];

/** How a deadline of a period's case stands: met in time, run out (met late or ended unmet), open past its due instant, open. */
export const COMPLIANCE = ['met', 'breached', 'open-overdue', 'open'] as const;
/** Whether a complaint (a case) was investigated: still at intake, taken to investigation or beyond, closed from intake. */
export const INVESTIGATED = ['at-intake', 'investigated', 'closed-at-intake'] as const;

/** The lookup (not a code list) the deadline rules' keys and names come from: api::deadline-rule. */
export const DEADLINE_RULE_LOOKUP = 'deadline-rule';

export const OPERATIONAL_DIMENSIONS = {
  caseType: DIMENSIONS.caseType,
  interval: {
    key: 'interval', name: { es: 'Intervalo', en: 'Interval' }, allCodes: true,
    fixed: [
      { code: 'arrest-to-coercive-measure', label: { es: 'Arresto → solicitud de medida de coerción', en: 'Arrest → coercive-measure request' } },
      { code: 'intake-to-conclusive-act', label: { es: 'Entrada → acto conclusivo', en: 'Intake → charging decision (conclusive act)' } },
      { code: 'intake-to-judgment', label: { es: 'Entrada → sentencia', en: 'Complaint → judgment' } },
    ],
  },
  deadlineRule: { key: 'deadline-rule', name: { es: 'Plazo legal', en: 'Legal deadline' }, lookup: DEADLINE_RULE_LOOKUP, allCodes: true },
  compliance: {
    key: 'deadline-compliance', name: { es: 'Cumplimiento', en: 'Compliance' }, allCodes: true,
    fixed: [
      { code: 'met', label: { es: 'Cumplido a tiempo', en: 'Met in time' } },
      { code: 'breached', label: { es: 'Incumplido', en: 'Breached' } },
      { code: 'open-overdue', label: { es: 'Abierto y vencido', en: 'Open, overdue' } },
      { code: 'open', label: { es: 'Abierto en plazo', en: 'Open, in time' } },
    ],
  },
  caseOrigin: { key: 'case-origin', name: { es: 'Origen del caso', en: 'Case origin' }, codeList: 'case-origin', allCodes: true },
  investigated: {
    key: 'investigated', name: { es: 'Investigación', en: 'Investigation' }, allCodes: true,
    fixed: [
      { code: 'at-intake', label: { es: 'En recepción', en: 'Still at intake' } },
      { code: 'investigated', label: { es: 'Investigado (investigación o etapas posteriores)', en: 'Investigated (investigation or later stages)' } },
      { code: 'closed-at-intake', label: { es: 'Cerrado sin investigación', en: 'Closed without investigation' } },
    ],
  },
} satisfies Record<string, Dimension>;

export const OPERATIONAL_INDICATORS: Indicator[] = [
  {
    key: 'median-days-between-steps', group: 'operational', measure: 'median-days',
    name: { es: 'Mediana de días entre etapas del proceso', en: 'Median days between steps of the process' },
    counts: {
      es: 'Casos con fecha de entrada en el periodo que cumplieron ambos extremos del intervalo (n de cada mediana); la medida es la mediana de días.',
      en: 'Cases with an intake date in the period that reached both ends of the interval (the n of each median); the measure is the median in days.',
    },
    source: 'Operational', rows: OPERATIONAL_DIMENSIONS.interval, columns: OPERATIONAL_DIMENSIONS.caseType,
  },
  {
    key: 'deadline-compliance', group: 'operational',
    name: { es: 'Cumplimiento de los plazos legales', en: 'Compliance with legal deadlines' },
    counts: {
      es: 'Plazos legales de los casos con fecha de entrada en el periodo (sin los cancelados antes de vencer), según cómo están hoy.',
      en: 'Legal deadlines of the cases with an intake date in the period (leaving out those cancelled before they ran out), as they stand today.',
    },
    source: 'Operational', rows: OPERATIONAL_DIMENSIONS.deadlineRule, columns: OPERATIONAL_DIMENSIONS.compliance,
  },
  {
    key: 'complaints-investigated', group: 'operational',
    name: { es: 'Denuncias investigadas', en: 'Complaints investigated' },
    counts: {
      es: 'Casos con fecha de entrada en el periodo, por origen y según hayan pasado a investigación o a etapas posteriores.',
      en: 'Cases with an intake date in the period, by origin and by whether they went on to investigation or later stages.',
    },
    source: 'Operational', rows: OPERATIONAL_DIMENSIONS.caseOrigin, columns: OPERATIONAL_DIMENSIONS.investigated,
  },
];
