// Legal deadlines for the scale seed: the statistics dashboard counts deadline compliance, so the
// benchmark file needs deadlines in realistic proportions. Written in bulk (one move per case, as
// the demo seed does, would take hours at 100,000 cases): every case has its maximum-duration
// deadline from intake; cases past intake had an arrest and its 48-hour coercion request; some
// trafficking cases a protection measure. Met, breached (met late), overdue and open ones. Pure.
import type { DemoDataSet } from '../../cms/src/seed/demo-data.ts';
import { rng } from '../../cms/src/seed/demo-data.ts';

export interface RuleText { key: string; name: string; law: string; article: string; lawVersion: string; event: string; onMiss: string; needsLegalConfirmation: boolean }
export interface ScaleDeadline { caseIndex: number; row: Record<string, unknown> }

const STAGES = ['intake', 'investigation', 'arrest', 'coercive-measure', 'conclusive-act', 'preliminary-hearing', 'trial', 'judgment', 'appeal', 'enforcement', 'closed'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function scaleDeadlines(data: DemoDataSet, rules: RuleText[], now = Date.now()): ScaleDeadline[] {
  const r = rng(11);
  const ruleOf = (key: string) => rules.find((rule) => rule.key === key);
  const out: ScaleDeadline[] = [];
  const add = (caseIndex: number, key: string, eventAt: number, dueAt: number, stage: string, closed: 'met' | 'late' | 'open') => {
    const rule = ruleOf(key);
    // No rule, or an event not yet happened (an arrest after a recent intake): no deadline.
    if (!rule || eventAt > now) return;
    const closedAt = closed === 'met' ? eventAt + r.next() * (dueAt - eventAt) : closed === 'late' ? dueAt + (1 + r.int(20)) * DAY : null;
    if (closedAt !== null && closedAt > now) return add(caseIndex, key, eventAt, dueAt, stage, 'open');
    const due = new Date(dueAt - 4 * HOUR).toISOString().slice(0, 10);
    out.push({
      caseIndex,
      row: {
        ruleKey: rule.key, ruleName: rule.name, law: rule.law, article: rule.article, lawVersion: rule.lawVersion, event: rule.event,
        eventAt: new Date(eventAt), due, dueAt: new Date(dueAt), warnFrom: new Date(Math.max(eventAt, dueAt - 7 * DAY)).toISOString().slice(0, 10),
        onMiss: rule.onMiss, needsLegalConfirmation: rule.needsLegalConfirmation,
        status: closedAt === null ? 'open' : 'met', alert: closedAt === null && dueAt < now ? 'overdue' : 'none',
        closedAt: closedAt === null ? null : new Date(closedAt), source: 'scale-seed', stage, isDemo: true,
      },
    });
  };
  data.cases.forEach((c, i) => {
    const intake = Date.parse(`${c.intakeDate}T04:00:00.000Z`);
    const stage = STAGES.indexOf(c.stage);
    // Four years from the start of proceedings; met when the case is closed.
    add(i, 'process-max-duration', intake, intake + 4 * 365 * DAY, 'intake', c.stage === 'closed' ? (r.chance(0.9) ? 'met' : 'late') : 'open');
    if (stage >= 2) {
      const arrest = intake + (3 + r.int(60)) * DAY;
      add(i, 'coercion-request-48h', arrest, arrest + 48 * HOUR, 'arrest', stage === 2 && r.chance(0.05) ? 'open' : r.chance(0.85) ? 'met' : 'late');
    }
    if (c.caseType !== 'trafico' && r.chance(0.3)) {
      const granted = intake + r.int(30) * DAY;
      add(i, 'protection-measure-expiry', granted, granted + 90 * DAY, c.stage, r.chance(0.6) ? 'met' : r.chance(0.5) ? 'late' : 'open');
    }
  });
  return out;
}
