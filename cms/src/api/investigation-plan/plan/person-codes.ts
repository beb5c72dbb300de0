// A plan names people by pseudonymous code, and only codes the caller may see leave the server:
// the chief prosecutor outside the team (who sees a case's summary but not its people) gets the
// plan without them. A save by such a caller keeps the codes it could not see, item by item (by key).
import type { PlanContent } from '../validation/plan-input';

type WithCodes = 'hypotheses' | 'actions';
const PARTS_WITH_CODES: WithCodes[] = ['hypotheses', 'actions'];

/** The plan with only the codes in `visible`. */
export function visibleCodesOnly<P extends Pick<PlanContent, WithCodes>>(plan: P, visible: ReadonlySet<string>): P {
  const out = { ...plan };
  for (const part of PARTS_WITH_CODES) {
    (out as Record<WithCodes, unknown>)[part] = plan[part].map((item) => ({ ...item, personCodes: item.personCodes.filter((code) => visible.has(code)) }));
  }
  return out;
}

/** The content to store: what the caller sent, plus the codes of the same items they could not see. */
export function keepHiddenCodes(current: Pick<PlanContent, WithCodes>, sent: PlanContent, visible: ReadonlySet<string>): PlanContent {
  const out = { ...sent };
  for (const part of PARTS_WITH_CODES) {
    const hidden = new Map(current[part].map((item) => [item.key, item.personCodes.filter((code) => !visible.has(code))]));
    (out as Record<WithCodes, unknown>)[part] = sent[part].map((item) => ({ ...item, personCodes: [...new Set([...item.personCodes, ...(hidden.get(item.key) ?? [])])] }));
  }
  return out;
}
