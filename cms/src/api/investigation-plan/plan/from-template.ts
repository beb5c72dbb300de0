// Turns a plan template (from the training manual, editable in /admin) into the first content of a
// case's plan: hypotheses, lines, actions, information needs, risks, resources and the judicial
// authorisations to request. Due dates are offsets in days from today. Pure; what the template names
// that no longer exists (an agency retired, a broken reference) is dropped, never invented.
import type { PlanContent, PlanReferences } from '../validation/plan-input';

type Row = Record<string, unknown>;
const rowsOf = (content: Row, part: string): Row[] => (Array.isArray(content[part]) ? (content[part] as unknown[]).filter((r): r is Row => !!r && typeof r === 'object' && !Array.isArray(r)) : []);
const str = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);
const pick = <T extends string>(v: unknown, values: readonly T[], fallback: T): T => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fallback);
const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function planFromTemplate(content: unknown, refs: Pick<PlanReferences, 'agencies'>, today: string): PlanContent {
  const c = (content && typeof content === 'object' && !Array.isArray(content) ? content : {}) as Row;
  const keyed = (part: string) => {
    const seen = new Set<string>();
    return rowsOf(c, part).filter((r) => typeof r.key === 'string' && KEY.test(r.key) && r.key.length <= 40 && !seen.has(r.key) && seen.add(r.key) !== undefined);
  };
  const due = (v: unknown) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 3650 ? addDays(today, v as number) : null);
  const agency = (v: unknown) => (typeof v === 'string' && refs.agencies.has(v) ? v : null);

  const hypotheses = keyed('hypotheses').map((r) => ({ key: r.key as string, statement: str(r.statement, 2000) ?? '', basis: str(r.basis, 2000), status: 'open', personCodes: [] })).filter((h) => h.statement);
  const hypothesisKeys = new Set(hypotheses.map((h) => h.key));
  const lines = keyed('lines').map((r) => ({ key: r.key as string, hypothesisKey: String(r.hypothesisKey ?? ''), title: str(r.title, 300) ?? '', description: str(r.description, 2000) })).filter((l) => l.title && hypothesisKeys.has(l.hypothesisKey));
  const lineKeys = new Set(lines.map((l) => l.key));
  const lineOf = (v: unknown) => (typeof v === 'string' && lineKeys.has(v) ? v : null);

  return {
    objective: str(c.objective, 3000),
    hypotheses,
    lines,
    actions: keyed('actions')
      .filter((r) => lineOf(r.lineKey) && str(r.description, 2000))
      .map((r) => ({ key: r.key as string, lineKey: r.lineKey as string, description: str(r.description, 2000)!, assigneeUser: null, assigneeAgency: agency(r.agency), dueDate: due(r.dueInDays), status: 'planned', personCodes: [], note: null })),
    resources: keyed('resources')
      .filter((r) => str(r.description, 1000))
      .map((r) => ({ key: r.key as string, kind: pick(r.kind, ['personnel', 'technical', 'logistics', 'financial', 'other'], 'other'), description: str(r.description, 1000)!, agencyCode: agency(r.agency), secured: false })),
    risks: keyed('risks')
      .filter((r) => str(r.description, 1000))
      .map((r) => ({ key: r.key as string, description: str(r.description, 1000)!, likelihood: pick(r.likelihood, ['low', 'medium', 'high'], 'medium'), impact: pick(r.impact, ['low', 'medium', 'high'], 'medium'), mitigation: str(r.mitigation, 2000) })),
    authorisations: keyed('authorisations').map((r) => ({
      key: r.key as string, kind: pick(r.kind, ['search', 'interception', 'bank-records', 'other'], 'other'), description: str(r.description, 1000),
      court: null, reference: null, requestedOn: null, grantedOn: null, expiresOn: null, lineKey: lineOf(r.lineKey),
    })),
    mlaRequests: [],
    informationNeeds: keyed('informationNeeds')
      .filter((r) => str(r.question, 1000))
      .map((r) => ({ key: r.key as string, question: str(r.question, 1000)!, sources: str(r.sources, 1000), deadline: due(r.dueInDays), priority: pick(r.priority, ['low', 'medium', 'high'], 'medium'), status: 'open', lineKey: lineOf(r.lineKey) })),
  };
}
