// Deadline rules are edited in /admin: each save is checked against the other rules (dates, a
// positive duration, no two rules for one event in force at once) and refused with what to fix.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { languageOf, type Lang } from '@pett/access/dist/server/services/language';
import { ruleIssues, type RuleIssue } from '../deadlines/rules';
import { ruleOf, type StoredRule } from '../services/deadlines';
import { DEADLINE_RULE_UID } from '../uids';

const UNITS = ['hours', 'calendar-days', 'business-days', 'months', 'years', 'as-recorded'];

function issueMessage(issue: RuleIssue, lang: Lang): string {
  if (issue.code === 'dates') {
    return lang === 'es'
      ? `Regla «${issue.key}»: las fechas de vigencia deben ser AAAA-MM-DD y el fin no puede ser anterior al inicio.`
      : `Rule «${issue.key}»: the validity dates must be YYYY-MM-DD and the end cannot come before the start.`;
  }
  if (issue.code === 'amount') {
    return lang === 'es' ? `Regla «${issue.key}»: la duración debe ser un número entero mayor que cero.` : `Rule «${issue.key}»: the duration must be a whole number greater than zero.`;
  }
  return lang === 'es'
    ? `Las reglas «${issue.key}» y «${issue.other}» del evento «${issue.event}» estarían vigentes a la vez: ponga fecha de fin a la anterior (validTo) o cambie la fecha de inicio.`
    : `Rules «${issue.key}» and «${issue.other}» for event «${issue.event}» would be in force at the same time: give the older one an end date (validTo) or change the start date.`;
}

export default function registerDeadlineRuleCheck(strapi: Core.Strapi) {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== DEADLINE_RULE_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const lang = languageOf((strapi.requestContext.get() as { get?(h: string): string } | undefined)?.get?.('accept-language'));
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    const existing = params.documentId ? ((await strapi.db.query(DEADLINE_RULE_UID as never).findOne({ where: { documentId: params.documentId } })) as StoredRule | null) : null;
    const merged = { ...(existing ?? {}), ...(params.data ?? {}) } as StoredRule;
    const fail = (path: string, message: string): never => {
      throw new errors.ValidationError(message, { errors: [{ path: [path], message }] });
    };
    if (!UNITS.includes(String(merged.unit))) fail('unit', lang === 'es' ? `Indique la unidad del plazo: ${UNITS.join(', ')}.` : `Give the deadline's unit: ${UNITS.join(', ')}.`);
    if ((merged.amountIfComplex == null) !== (merged.unitIfComplex == null)) {
      fail('unitIfComplex', lang === 'es' ? 'Para un caso complejo indique a la vez la duración y su unidad, o deje ambas vacías.' : 'For a complex case give both the duration and its unit, or leave both empty.');
    }
    if (merged.active !== false) {
      const others = ((await strapi.db.query(DEADLINE_RULE_UID as never).findMany({})) as StoredRule[]).filter((r) => r.active !== false && r.documentId !== params.documentId);
      const mine = ruleOf(merged);
      const issues = ruleIssues([mine, ...others.map(ruleOf)]).filter((i) => i.key === mine.key || (i.code === 'overlap' && i.other === mine.key));
      // Overlaps among the other rules are not this save's fault; only report what involves this rule.
      const relevant = issues.filter((i) => i.code !== 'overlap' || i.key === mine.key || i.other === mine.key);
      if (relevant.length) {
        const [first] = relevant;
        const message = issueMessage(first, lang);
        throw new errors.ValidationError(message, { errors: relevant.map((i) => ({ path: [i.path], message: issueMessage(i, lang) })) });
      }
    }
    return next();
  });
}
