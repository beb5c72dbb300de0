// A case's legal deadlines: what runs, under which rule and law, until when; and closing one as met
// (or reopening it). Only the case's editors change a deadline; the team reads them.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { caseInReach, fieldError } from '../http/case-reach';
import { deadlineInput, oneOf } from '../validation/workflow-input';
import { CASE_DEADLINE_UID } from '../../../uids';

const TEXT = {
  noDeadline: { es: 'Este plazo no existe en el caso.', en: 'This deadline does not exist on the case.' },
  refused: { es: 'Solo los fiscales del equipo y el procurador(a) titular pueden cerrar o reabrir un plazo.', en: 'Only the team’s prosecutors and the chief prosecutor may close or reopen a deadline.' },
};

type DeadlineRow = Record<string, unknown> & { id: number; documentId: string };

/** A deadline as the portal shows it: the rule, the law, the dates; never who or what person started it. */
export function shapeDeadline(d: DeadlineRow) {
  return {
    id: d.documentId, ruleKey: d.ruleKey, name: d.ruleName, law: d.law ?? null, article: d.article ?? null, lawVersion: d.lawVersion ?? null,
    event: d.event, eventAt: d.eventAt, due: d.due, dueAt: d.dueAt, warnFrom: d.warnFrom, status: d.status, alert: d.alert,
    needsLegalConfirmation: d.needsLegalConfirmation === true, onMiss: d.onMiss ?? null, stage: d.stage ?? null, closedAt: d.closedAt ?? null, closeNote: d.closeNote ?? null,
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const reach = await caseInReach(strapi, ctx);
    const status = oneOf((ctx.query as Record<string, unknown>).status, 'status', ['open', 'all'] as const, 'open', reach.lang);
    if (!status.ok) throw fieldError(status.problem.path, status.problem.message);
    const rows = (await strapi.db.query(CASE_DEADLINE_UID as never).findMany({
      where: { case: { id: reach.row.id }, ...(status.value === 'open' ? { status: 'open' } : {}) },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    })) as DeadlineRow[];
    // meta.canEdit: whether the caller may close or reopen them (the portal shows its buttons by it).
    ctx.body = { data: rows.map(shapeDeadline), meta: { canEdit: reach.mayEdit } };
  },

  async update(ctx: Context) {
    const reach = await caseInReach(strapi, ctx);
    const { lang } = reach;
    const found = (await strapi.db.query(CASE_DEADLINE_UID as never).findOne({ where: { documentId: String(ctx.params.deadlineId ?? ''), case: { id: reach.row.id } } })) as DeadlineRow | null;
    if (!found) throw new errors.NotFoundError(TEXT.noDeadline[lang]);
    if (!reach.mayEdit) throw new errors.PolicyError(TEXT.refused[lang]);
    const input = deadlineInput((ctx.request as unknown as { body?: unknown }).body, lang);
    if (!input.ok) throw fieldError(input.problem.path, input.problem.message);
    const { status, note } = input.value;
    const closing = status !== 'open';
    await strapi.documents(CASE_DEADLINE_UID as never).update({
      documentId: found.documentId,
      data: { status, closedAt: closing ? new Date().toISOString() : null, closedBy: closing ? reach.userDocumentId : null, closeNote: note },
    } as never);
    const fresh = (await strapi.db.query(CASE_DEADLINE_UID as never).findOne({ where: { id: found.id } })) as DeadlineRow;
    ctx.body = { data: shapeDeadline(fresh) };
  },
});
