// What the dashboard shows, in order: each panel's indicator (keys from the statistics catalogue),
// how it is drawn, and its title's message key.
import type { PanelKind } from './IndicatorPanel.vue'

export interface PanelSpec {
  indicator: string
  kind: PanelKind
  title: string
  horizontal?: boolean
  /** Drawn only when the catalogue has it (it comes from another part of the statistics plugin). */
  optional?: boolean
}

export const DEADLINE_COMPLIANCE = 'deadline-compliance'

export const PANELS: PanelSpec[] = [
  { indicator: 'cases-by-stage', kind: 'bars-by-row', title: 'dashboard.panels.casesByStage', horizontal: true },
  { indicator: 'cases-opened-by-month', kind: 'bars-by-row', title: 'dashboard.panels.casesByMonth' },
  { indicator: 'cases-by-province', kind: 'map', title: 'dashboard.panels.casesByProvince' },
  { indicator: 'victims-by-citizenship-exploitation', kind: 'column-totals', title: 'dashboard.panels.victimsByForm', horizontal: true },
  { indicator: 'victims-by-sex-age', kind: 'bars-by-column', title: 'dashboard.panels.victimsBySexAge' },
  { indicator: DEADLINE_COMPLIANCE, kind: 'bars-by-row', title: 'dashboard.panels.deadlineCompliance', horizontal: true, optional: true },
]

/** The panels the catalogue can answer, and the keys they ask for (the export asks for the same). */
export function availablePanels(catalogue: ReadonlySet<string>): PanelSpec[] {
  return PANELS.filter((panel) => catalogue.has(panel.indicator))
}
