// /api/cases/:documentId/referrals and /api/referrals/*. Every referral is read through the
// document service, where the access plugin's referral scope applies: a liaison reaches only what
// was referred to their agency and not revoked, the case team what belongs to their cases; anything
// else is 404. What a liaison reads of the case and victim is the projection of the snapshot of
// fields stored on the referral, computed here at read time. Writes go through the document
// service, so the audit trail records them; reads of a referral's data are recorded too.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { canRefer, canRevokeReferral, officeToday, type Actor } from '@pett/access/dist/server/policy/policy';
import { currentCaller } from '@pett/access/dist/server/services/actor';
import { languageOf, type Lang } from '@pett/access/dist/server/services/language';
import { currentActor, currentClient } from '@pett/audit/dist/server/services/request-facts';
import type { TrailService } from '@pett/audit/dist/server/services/trail';
import { chooseDataSet, codeListOf, currentSharingConsent, project, spelled, unknownFields } from '../domain/shareable-fields';
import { isAcknowledgementOverdue, nextStatuses, refuseMove, type Side, type Status } from '../domain/status';
import { parseMessage, parsePage, parseReason, parseReferral, parseStatusChange, type Problem } from '../domain/input';
import type { RecordsService } from '../services/records';
import { CASE_UID, MESSAGE_UID, REFERRAL_UID } from '../uids';
import { T } from './messages';

const invalid = (problems: Problem[]) => new errors.ValidationError(problems.map((p) => p.message).join(' '), { errors: problems });
const fieldError = (path: string[], message: string) => invalid([{ path, message }]);

type User = { id: number; documentId: string };
interface ReferralRow {
  id: number; documentId: string; purpose: string; fields: unknown; basis: string; consentGivenOn: string | null; legalBasisCode: string | null; legalBasisText: string | null;
  needs: string | null; acknowledgeBy: string; status: string; sentAt: string; acknowledgedAt: string | null; statusChangedAt: string | null; revokedAt: string | null;
  caseDocumentId: string; agency?: { code: string; name: string } | null; case?: { documentId: string; caseNumber: string } | null; victim?: { documentId: string; code: string } | null;
}

const POPULATE = { agency: { fields: ['code', 'name'] }, case: { fields: ['caseNumber'] }, victim: { fields: ['code'] } };
const day = (v: unknown) => (v ? String(v).slice(0, 10) : null);
const instant = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const records = () => strapi.plugin('referrals').service('records') as RecordsService;
  const trail = () => strapi.plugin('audit').service('trail') as TrailService;
  const referrals = () => strapi.documents(REFERRAL_UID as never);

  function actorOf(): Actor {
    const caller = currentCaller(strapi);
    return caller.kind === 'portal' ? caller.actor : { id: 0, role: null };
  }
  const sideOf = (actor: Actor): Side => (actor.role === 'agency-liaison' ? 'agency' : 'team');

  async function caseFor(ctx: Context, lang: Lang) {
    const row = (await strapi.documents(CASE_UID as never).findOne({ documentId: String(ctx.params.documentId ?? '').slice(0, 64), fields: ['id', 'caseNumber'] } as never)) as unknown as { id: number; documentId: string; caseNumber: string } | null;
    if (!row) throw new errors.NotFoundError(T.caseNotFound[lang]);
    return { row, facts: await records().caseFacts(row.id) };
  }

  async function referralFor(ctx: Context, lang: Lang): Promise<ReferralRow> {
    const row = (await referrals().findOne({ documentId: String(ctx.params.documentId ?? '').slice(0, 64), populate: POPULATE } as never)) as unknown as ReferralRow | null;
    if (!row) throw new errors.NotFoundError(T.referralNotFound[lang]);
    return row;
  }

  async function labels() {
    const [purposes, legalBases] = await Promise.all([records().codes('referral-purpose'), records().codes('referral-legal-basis')]);
    return { purposes, legalBases };
  }

  /** What the caller may do next with a referral: the allowed statuses and whether they may revoke. */
  async function abilities(row: ReferralRow, actor: Actor) {
    const side = sideOf(actor);
    if (side === 'agency') return { next: nextStatuses(row.status, 'agency'), canRevoke: false, canPost: row.status !== 'revoked' };
    const links = await records().links(row.id);
    const facts = links.caseId ? await records().caseFacts(links.caseId) : { members: [], breakGlassUserIds: [] };
    const canRevoke = canRevokeReferral(actor, facts, officeToday()) && row.status !== 'revoked';
    return { next: canRevoke ? nextStatuses(row.status, 'team') : [], canRevoke, canPost: row.status !== 'revoked' && canRefer(actor, facts, officeToday()) };
  }

  function summary(row: ReferralRow, side: Side, lang: Lang, l: Awaited<ReturnType<typeof labels>>) {
    const common = {
      documentId: row.documentId, agency: row.agency ? { code: row.agency.code, name: row.agency.name } : null,
      purpose: { code: row.purpose, label: l.purposes.get(row.purpose)?.[lang] ?? row.purpose }, status: row.status,
      sentAt: instant(row.sentAt), acknowledgeBy: day(row.acknowledgeBy), acknowledgedAt: instant(row.acknowledgedAt),
      overdue: isAcknowledgementOverdue(row.status, day(row.acknowledgeBy), officeToday()), hasVictim: !!row.victim || undefined,
    };
    if (side === 'agency') return { ...common, hasVictim: undefined };
    return {
      ...common, case: row.case ? { documentId: row.case.documentId, caseNumber: row.case.caseNumber } : { documentId: row.caseDocumentId, caseNumber: null },
      victim: row.victim ? { documentId: row.victim.documentId, code: row.victim.code } : null,
      basis: { kind: row.basis, consentGivenOn: day(row.consentGivenOn), code: row.legalBasisCode, label: row.legalBasisCode ? l.legalBases.get(row.legalBasisCode)?.[lang] ?? row.legalBasisCode : null, text: row.legalBasisText },
      fields: Array.isArray(row.fields) ? row.fields : [], needs: row.needs, revokedAt: instant(row.revokedAt), hasVictim: undefined,
    };
  }

  async function detail(row: ReferralRow, actor: Actor, lang: Lang) {
    const l = await labels();
    const source = await records().projectionSource(row.id);
    const projection = project(source.fields, source, officeToday(), lang);
    await trail().append({ actor: currentActor(strapi), action: 'referral.read', target: { type: 'referral', id: row.documentId }, outcome: 'success', fields: projection.fields.map((f) => f.key), client: currentClient(strapi) });
    // Coded values also in words, in the reader's language (the code stays in `value`).
    const lists = [...new Set(projection.fields.map((f) => codeListOf(f.key)).filter((k): k is string => !!k))];
    const words = new Map(await Promise.all(lists.map(async (key) => [key, new Map([...(await records().codes(key))].map(([code, label]) => [code, label[lang]]))] as const)));
    const data = projection.fields.map((f) => ({ ...f, text: spelled(f.value, words.get(codeListOf(f.key) ?? '')) }));
    return { ...summary(row, sideOf(actor), lang, l), data, withheld: projection.withheld, ...(await abilities(row, actor)) };
  }

  const page = (ctx: Context, lang: Lang) => {
    const parsed = parsePage(ctx.query as Record<string, unknown>, lang);
    if ('problems' in parsed) throw invalid(parsed.problems);
    return parsed.value;
  };

  async function listWhere(filters: Record<string, unknown>, paging: { page: number; pageSize: number; status: Status | null }) {
    const where = paging.status ? { $and: [filters, { status: { $eq: paging.status } }] } : filters;
    const [rows, total] = await Promise.all([
      referrals().findMany({ filters: where, sort: [{ sentAt: 'desc' }, { id: 'desc' }], populate: POPULATE, start: (paging.page - 1) * paging.pageSize, limit: paging.pageSize } as never) as unknown as Promise<ReferralRow[]>,
      referrals().count({ filters: where } as never) as unknown as Promise<number>,
    ]);
    return { rows, total };
  }
  const pagination = (p: { page: number; pageSize: number }, total: number) => ({ page: p.page, pageSize: p.pageSize, total, pageCount: Math.ceil(total / p.pageSize) });

  async function changeStatus(ctx: Context, row: ReferralRow, to: Status, side: Side, lang: Lang, reason: string | null) {
    const refusal = refuseMove(row.status, to, side);
    if (refusal) throw fieldError(['status'], T.move[refusal][lang]);
    const now = new Date().toISOString();
    const data: Record<string, unknown> = { status: to, statusChangedAt: now };
    if (to === 'acknowledged') data.acknowledgedAt = now;
    if (to === 'revoked') data.revokedAt = now;
    await strapi.db.transaction(async () => {
      await referrals().update({ documentId: row.documentId, data } as never);
      if (reason) await postMessage(row, side, reason);
    });
    const fresh = await referralFor(ctx, lang).catch(() => null);
    // After a revocation the agency's access is gone; the team still reads it.
    ctx.body = { data: fresh ? await detail(fresh, actorOf(), lang) : { documentId: row.documentId, status: to } };
  }

  async function postMessage(row: ReferralRow, side: Side, body: string) {
    const user = (strapi.requestContext.get() as { state?: { user?: User } } | undefined)?.state?.user;
    return strapi.documents(MESSAGE_UID as never).create({ data: { referral: row.id, author: user?.id ?? null, side, body, postedAt: new Date().toISOString() } } as never);
  }

  return {
    /** GET /api/cases/:documentId/referrals — the case's referrals and, for who may refer, the choices. */
    async listForCase(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const paging = page(ctx, lang);
      const { row, facts } = await caseFor(ctx, lang);
      const actor = actorOf();
      const { rows, total } = await listWhere({ case: { id: { $eq: row.id } } }, paging);
      const l = await labels();
      const may = canRefer(actor, facts, officeToday());
      let options = null;
      if (may) {
        const today = officeToday();
        const [agencies, victims, sets] = await Promise.all([records().agencies(), records().victims(row.id), records().dataSets()]);
        options = {
          purposes: [...l.purposes].map(([code, label]) => ({ code, labelEs: label.es, labelEn: label.en })),
          legalBases: [...l.legalBases].map(([code, label]) => ({ code, labelEs: label.es, labelEn: label.en })),
          agencies: agencies.map((a) => ({ code: a.code, name: a.name, kind: a.kind, purposes: [...l.purposes.keys()].filter((p) => chooseDataSet(sets, p, a)) })),
          victims: victims.map((v) => ({ documentId: v.documentId, code: v.code, consentToShare: !!currentSharingConsent(v.consents, today) })),
        };
      }
      ctx.body = { data: rows.map((r) => summary(r, 'team', lang, l)), meta: { canRefer: may, options, case: { documentId: row.documentId, caseNumber: row.caseNumber }, pagination: pagination(paging, total) } };
    },

    /** POST /api/cases/:documentId/referrals {data} — refer the case, or one of its victims, to an agency. */
    async create(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const { row, facts } = await caseFor(ctx, lang);
      const actor = actorOf();
      if (!canRefer(actor, facts, officeToday())) throw new errors.PolicyError(T.cannotRefer[lang]);
      const today = officeToday();
      const l = await labels();
      const agencies = await records().agencies();
      const parsed = parseReferral((ctx.request as unknown as { body?: unknown }).body, { purposes: new Set(l.purposes.keys()), legalBases: new Set(l.legalBases.keys()), agencies: new Set(agencies.map((a) => a.code)) }, today, lang);
      if ('problems' in parsed) throw invalid(parsed.problems);
      const input = parsed.value;
      const agency = agencies.find((a) => a.code === input.agency)!;
      const set = chooseDataSet(await records().dataSets(), input.purpose, agency);
      if (!set || unknownFields(set.fields).length) throw fieldError(['purpose'], T.noDataSet[lang]);
      let victimId: number | null = null;
      let basis: 'none' | 'consent' | 'legal-basis' = input.legalBasis ? 'legal-basis' : 'none';
      let consentGivenOn: string | null = null;
      if (input.victim) {
        const victim = (await records().victims(row.id)).find((v) => v.code === input.victim || v.documentId === input.victim);
        if (!victim) throw fieldError(['victim'], T.notVictim[lang]);
        victimId = victim.id;
        const consent = currentSharingConsent(victim.consents, today);
        // A current consent is the basis; without one, a recorded legal basis is required.
        if (consent) { basis = 'consent'; consentGivenOn = String(consent.givenOn).slice(0, 10); }
        else if (!input.legalBasis) throw fieldError(['legalBasis'], T.noBasis[lang]);
      }
      const user = ctx.state.user as User;
      const created = (await strapi.db.transaction(async () => referrals().create({
        data: {
          case: row.id, caseDocumentId: row.documentId, victim: victimId, agency: agency.id, purpose: input.purpose, fields: [...(set.fields as string[])], dataSetDocumentId: set.documentId,
          basis, consentGivenOn, legalBasisCode: input.legalBasis?.code ?? null, legalBasisText: input.legalBasis?.text ?? null, needs: input.needs,
          acknowledgeBy: input.acknowledgeBy, status: 'sent', sentAt: new Date().toISOString(), referredBy: user.id,
        },
      } as never))) as unknown as { documentId: string };
      await records().notify(await records().liaisonsOf(agency.id), 'referral-new', 'referral.new', { due: input.acknowledgeBy }, `/derivaciones/${created.documentId}`, `referral-new:${created.documentId}`);
      const fresh = (await referrals().findOne({ documentId: created.documentId, populate: POPULATE } as never)) as unknown as ReferralRow;
      ctx.status = 201;
      ctx.body = { data: await detail(fresh, actor, lang) };
    },

    /** GET /api/referrals?page=&pageSize=&status= — a liaison's inbox, or every referral the team member reaches. */
    async list(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const paging = page(ctx, lang);
      const actor = actorOf();
      const { rows, total } = await listWhere({}, paging);
      const l = await labels();
      ctx.body = { data: rows.map((r) => summary(r, sideOf(actor), lang, l)), meta: { side: sideOf(actor), pagination: pagination(paging, total) } };
    },

    /** GET /api/referrals/:documentId — the referral and the fields its agency reads, computed now. */
    async show(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      ctx.body = { data: await detail(await referralFor(ctx, lang), actorOf(), lang) };
    },

    /** POST /api/referrals/:documentId/acknowledge — the receiving agency confirms it has the referral. */
    async acknowledge(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const row = await referralFor(ctx, lang);
      if (sideOf(actorOf()) !== 'agency') throw new errors.PolicyError(T.agencyOnly[lang]);
      await changeStatus(ctx, row, 'acknowledged', 'agency', lang, null);
    },

    /** POST /api/referrals/:documentId/status {data: {status, reason?}} — the agency's progress. */
    async status(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const row = await referralFor(ctx, lang);
      if (sideOf(actorOf()) !== 'agency') throw new errors.PolicyError(T.agencyOnly[lang]);
      const parsed = parseStatusChange((ctx.request as unknown as { body?: unknown }).body, lang);
      if ('problems' in parsed) throw invalid(parsed.problems);
      await changeStatus(ctx, row, parsed.value.status, 'agency', lang, parsed.value.reason);
    },

    /** POST /api/referrals/:documentId/revoke {data: {reason}} — the case team ends the agency's access. */
    async revoke(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const row = await referralFor(ctx, lang);
      const actor = actorOf();
      if ((await abilities(row, actor)).canRevoke !== true) {
        if (row.status === 'revoked') throw fieldError(['status'], T.move.closed[lang]);
        throw new errors.PolicyError(T.cannotRevoke[lang]);
      }
      const parsed = parseReason((ctx.request as unknown as { body?: unknown }).body, lang);
      if ('problems' in parsed) throw invalid(parsed.problems);
      await changeStatus(ctx, row, 'revoked', 'team', lang, parsed.value.reason);
    },

    /** GET /api/referrals/:documentId/messages — the thread, oldest first. */
    async messages(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const row = await referralFor(ctx, lang);
      const rows = (await strapi.documents(MESSAGE_UID as never).findMany({ filters: { referral: { id: { $eq: row.id } } }, sort: [{ postedAt: 'asc' }, { id: 'asc' }], populate: { author: { fields: ['username'] } }, limit: 500 } as never)) as unknown as Array<{ documentId: string; side: string; body: string; postedAt: string; author?: { username: string } | null }>;
      ctx.body = { data: rows.map((m) => ({ documentId: m.documentId, side: m.side, author: m.author?.username ?? null, body: m.body, postedAt: instant(m.postedAt) })) };
    },

    /** POST /api/referrals/:documentId/messages {data: {body}} — a message from the team or the agency. */
    async post(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const row = await referralFor(ctx, lang);
      const actor = actorOf();
      if (!(await abilities(row, actor)).canPost) throw new errors.PolicyError(T.cannotPost[lang]);
      const parsed = parseMessage((ctx.request as unknown as { body?: unknown }).body, lang);
      if ('problems' in parsed) throw invalid(parsed.problems);
      const made = (await postMessage(row, sideOf(actor), parsed.value.body)) as unknown as { documentId: string; postedAt: string };
      const user = ctx.state.user as User & { username?: string };
      ctx.status = 201;
      ctx.body = { data: { documentId: made.documentId, side: sideOf(actor), author: user.username ?? null, body: parsed.value.body, postedAt: instant(made.postedAt) } };
    },
  };
};
