// /api/audit/*: a case's "Actividad" for its lead prosecutor and the chief prosecutor, and for
// auditors the search, the verification and the exports of a case's trail. Thin: check the query,
// ask the access policy, call the reading service, shape the answer. Auditors never read a case.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { canReadAuditTrail, canReadCaseActivity, officeToday, type Actor } from '@pett/access/dist/server/policy/policy';
import { isRoleKey } from '@pett/access/dist/server/policy/roles';
import { languageOf, type Lang } from '@pett/access/dist/server/services/language';
import { membershipsOf } from '@pett/access/dist/server/services/team-cases';
import { EXPORT_FORMAT, exportCsv } from '../chain/export';
import { parseEntryFilters, parseExportFormat, parsePaging, type Checked } from '../validation/query';
import { currentActor, currentClient } from '../services/request-facts';
import type { ReadEntry, ReadingService } from '../services/reading';
import type { TrailService } from '../services/trail';
import { CASE_UID } from '../uids';

const DOCUMENT_ID = /^[A-Za-z0-9]{1,64}$/;

const TEXT = {
  caseNotFound: { es: 'No se encontró el caso o no tiene acceso a él.', en: 'The case was not found or you have no access to it.' },
  activityRefused: { es: 'Solo el fiscal titular del caso y el procurador(a) titular pueden ver su actividad.', en: 'Only the case lead prosecutor and the chief prosecutor may see its activity.' },
  auditorsOnly: { es: 'Solo el personal de auditoría puede consultar la bitácora de auditoría.', en: 'Only auditors may consult the audit trail.' },
  documentId: { es: 'El parámetro «documentId» no es un identificador de caso válido.', en: 'The parameter «documentId» is not a valid case identifier.' },
};

const actorOf = (ctx: Context): Actor => {
  const user = ctx.state.user as { id: number; role?: { type?: string } } | undefined;
  const type = user?.role?.type;
  return { id: user?.id ?? 0, role: isRoleKey(type) ? type : null };
};

function checked<T>(result: Checked<T>): T {
  if ('problems' in result) {
    const [first] = result.problems;
    throw new errors.ValidationError(first.message, { errors: result.problems });
  }
  return result.value;
}

/** An entry as the portal shows it: who (username and role), what, on which record, which fields. */
function activityRow(e: ReadEntry, personCodes?: Map<string, string>) {
  return {
    seq: e.seq,
    at: e.at,
    actor: { kind: e.actor.kind, username: e.actorUsername, role: e.actor.role },
    action: e.action,
    target: { type: e.target.type, id: e.target.id, code: e.target.type === 'person' && e.target.id ? (personCodes?.get(e.target.id) ?? null) : null },
    fields: e.fields,
    outcome: e.outcome,
  };
}

/** An entry in full, for internal control: every stored field, hashes included. */
function auditRow(e: ReadEntry) {
  return { seq: e.seq, at: e.at, actor: { ...e.actor, username: e.actorUsername }, action: e.action, target: e.target, outcome: e.outcome, fields: e.fields, client: e.client, prevHash: e.prevHash, hash: e.hash };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reading = () => strapi.plugin('audit').service('reading') as ReadingService;
  const trail = () => strapi.plugin('audit').service('trail') as TrailService;

  function assertAuditor(ctx: Context, lang: Lang): Actor {
    const actor = actorOf(ctx);
    if (!canReadAuditTrail(actor)) throw new errors.PolicyError(TEXT.auditorsOnly[lang]);
    return actor;
  }

  return {
    /** GET /api/audit/cases/:documentId/activity?page=&pageSize= */
    async activity(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const paging = checked(parsePaging(ctx.query, lang));
      // Through the document service: the access policy decides whether the case exists for the caller.
      const found = (await strapi.documents(CASE_UID as never).findOne({ documentId: String(ctx.params.documentId ?? ''), fields: ['id'] } as never)) as unknown as { id: number; documentId: string } | null;
      if (!found) throw new errors.NotFoundError(TEXT.caseNotFound[lang]);
      const facts = { members: (await membershipsOf(strapi, [found.id])).get(found.id) ?? [] };
      if (!canReadCaseActivity(actorOf(ctx), facts, officeToday())) throw new errors.PolicyError(TEXT.activityRefused[lang]);
      const targets = await reading().caseTargets(found.id, found.documentId);
      const result = await reading().activity(targets, paging);
      ctx.body = { data: result.entries.map((e) => activityRow(e, targets.personCodes)), meta: { pagination: result.pagination } };
    },

    /** GET /api/audit/entries?actor=&action=&targetType=&targetId=&from=&to=&page=&pageSize= */
    async entries(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      assertAuditor(ctx, lang);
      const filters = checked(parseEntryFilters(ctx.query, lang));
      const result = await reading().search(filters);
      ctx.body = { data: result.entries.map(auditRow), meta: { pagination: result.pagination } };
    },

    /** POST /api/audit/verify: the verdict of `npm run audit:verify`, recorded in the trail. */
    async verify(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      assertAuditor(ctx, lang);
      const report = await reading().verify();
      await trail().append({ actor: currentActor(strapi), action: 'audit.verify', target: { type: 'audit-trail', id: null }, outcome: report.ok ? 'valid' : 'invalid', fields: [], client: currentClient(strapi) });
      ctx.body = { data: { ok: report.ok, entries: report.entries, checkpoints: report.checkpoints, last: report.last, problems: report.problems } };
    },

    /** GET /api/audit/cases/:documentId/export?format=csv|json: recorded before it is built, so it holds itself. */
    async exportCase(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const actor = assertAuditor(ctx, lang);
      const format = checked(parseExportFormat(ctx.query, lang));
      const documentId = String(ctx.params.documentId ?? '');
      if (!DOCUMENT_ID.test(documentId)) throw new errors.ValidationError(TEXT.documentId[lang], { errors: [{ path: ['documentId'], message: TEXT.documentId[lang] }] });
      await trail().append({ actor: currentActor(strapi), action: 'audit.export', target: { type: 'case', id: documentId }, outcome: 'success', fields: [format], client: currentClient(strapi) });
      const entries = await reading().caseTrail(await reading().caseTargetsByDocumentId(documentId));
      const name = `bitacora-${documentId}-${new Date().toISOString().slice(0, 10)}`;
      ctx.set('Cache-Control', 'no-store');
      if (format === 'csv') {
        ctx.set('Content-Disposition', `attachment; filename="${name}.csv"`);
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = exportCsv(entries);
        return;
      }
      const body = { format: EXPORT_FORMAT as typeof EXPORT_FORMAT, case: documentId, exportedAt: new Date().toISOString(), exportedBy: { userId: actor.id, role: actor.role }, entries: entries.map(({ actorUsername: _name, ...entry }) => entry) };
      ctx.set('Content-Disposition', `attachment; filename="${name}.json"`);
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = trail().sign(body);
    },
  };
};
