// /api/cases/:documentId/evidence and /api/evidence/verify. The case is read through the document
// service, so a case out of the caller's reach is 404 and its register with it; recording is the
// evidence policy's answer for the case. Thin: check, call the services, shape, record on the trail.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { officeToday, type Actor } from '@pett/access/dist/server/policy/policy';
import { isRoleKey } from '@pett/access/dist/server/policy/roles';
import { languageOf, type Lang } from '@pett/access/dist/server/services/language';
import { membershipsOf } from '@pett/access/dist/server/services/team-cases';
import { currentActor, currentClient } from '@pett/audit/dist/server/services/request-facts';
import type { TrailService } from '@pett/audit/dist/server/services/trail';
import { verifyCustody, type CustodyEvent } from '../chain/custody-chain';
import { canRecordEvidence, canVerifyEvidence } from '../policy/evidence-access';
import { parseHandOff, parseItem, parsePage, type Problem, type References } from '../validation/input';
import type { CaseRef, FileRow, ItemRow, RecordsService, UserRef } from '../services/records';
import type { UploadsService } from '../services/uploads';
import type { IntegrityService } from '../services/integrity';
import type { CustodyFormService } from '../services/custody-form';
import { CASE_UID } from '../uids';
import { T } from './messages';

type User = { id: number; documentId: string; username?: string; role?: { type?: string } };
const actorOf = (ctx: Context): Actor => {
  const user = ctx.state.user as User | undefined;
  return { id: user?.id ?? 0, role: isRoleKey(user?.role?.type) ? (user!.role!.type as Actor['role']) : null };
};
const invalid = (problems: Problem[]) => new errors.ValidationError(problems.map((p) => p.message).join(' '), { errors: problems });
const fieldError = (path: string[], message: string) => invalid([{ path, message }]);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const records = () => strapi.plugin('evidence').service('records') as RecordsService;
  const uploads = () => strapi.plugin('evidence').service('uploads') as UploadsService;
  const integrity = () => strapi.plugin('evidence').service('integrity') as IntegrityService;
  const forms = () => strapi.plugin('evidence').service('custodyForm') as CustodyFormService;
  const trail = () => strapi.plugin('audit').service('trail') as TrailService;
  const record = (action: string, item: { documentId: string }, fields: string[] = []) =>
    trail().append({ actor: currentActor(strapi), action, target: { type: 'evidence-item', id: item.documentId }, outcome: 'success', fields, client: currentClient(strapi) });

  async function caseFor(ctx: Context, lang: Lang): Promise<{ ref: CaseRef; canRecord: boolean }> {
    const row = (await strapi.documents(CASE_UID as never).findOne({ documentId: String(ctx.params.documentId ?? '').slice(0, 64), fields: ['id', 'caseNumber'] } as never)) as unknown as CaseRef | null;
    if (!row) throw new errors.NotFoundError(T.caseNotFound[lang]);
    const facts = { members: (await membershipsOf(strapi, [row.id])).get(row.id) ?? [] };
    return { ref: { id: row.id, documentId: row.documentId, caseNumber: row.caseNumber }, canRecord: canRecordEvidence(actorOf(ctx), facts, officeToday()) };
  }

  async function itemFor(ctx: Context, ref: CaseRef, lang: Lang): Promise<ItemRow> {
    const raw = String(ctx.params.number ?? '');
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw fieldError(['number'], T.number[lang]);
    const item = await records().item(ref, Number(raw));
    if (!item) throw new errors.NotFoundError(T.itemNotFound[lang]);
    return item;
  }

  async function references(): Promise<References> {
    const [evidenceTypes, purposes, conditions] = await Promise.all(['evidence-type', 'custody-purpose', 'evidence-condition'].map((key) => integrity().codes(key)));
    return { evidenceTypes: new Set(evidenceTypes.keys()), purposes: new Set([...purposes.keys()].filter((p) => p !== 'incautacion')), conditions: new Set(conditions.keys()), agencies: await integrity().agencyCodes() };
  }

  /** What a portal form may choose from: the code lists, the active agencies, the case's active team. */
  async function choices(ref: CaseRef) {
    const today = officeToday();
    const members = ((await membershipsOf(strapi, [ref.id])).get(ref.id) ?? []).filter((m) => m.startDate <= today && (m.endDate == null || m.endDate >= today));
    const users = members.length ? ((await strapi.db.query('plugin::users-permissions.user' as never).findMany({ where: { id: { $in: members.map((m) => m.userId) }, blocked: false }, select: ['documentId', 'username'], orderBy: { username: 'asc' } })) as Array<{ documentId: string; username: string }>) : [];
    const agencies = (await strapi.db.query('api::agency.agency' as never).findMany({ where: { active: true }, select: ['code', 'name'], orderBy: { code: 'asc' } })) as Array<{ code: string; name: string }>;
    const list = async (key: string) => [...(await integrity().codes(key)).entries()].map(([code, label]) => ({ code, labelEs: label.es, labelEn: label.en }));
    const [evidenceTypes, purposes, conditions] = await Promise.all(['evidence-type', 'custody-purpose', 'evidence-condition'].map(list));
    return { evidenceTypes, purposes: purposes.filter((p) => p.code !== 'incautacion'), conditions, agencies, team: users };
  }

  /** The agency and (optional) officer a holder names, or a 400 on the field. */
  async function holderOf(input: { agency: string; user: string | null }, field: string, lang: Lang) {
    const agency = await records().agency(input.agency);
    if (!agency) throw fieldError([field, 'agency'], T.agencyUnknown[lang]);
    const user = input.user ? await records().user(input.user) : null;
    if (input.user && !user) throw fieldError([field, 'user'], T.userUnknown[lang]);
    return { agency, user };
  }

  const holder = (agency: ItemRow['holderAgency'], user: ItemRow['holderUser']) => ({
    agency: agency ? { code: agency.code, name: agency.name } : null, user: user ? { documentId: user.documentId, username: user.username } : null,
  });
  const summary = (item: ItemRow) => ({
    documentId: item.documentId, number: item.number, evidenceType: item.evidenceType, description: item.description,
    seizedAt: item.seizedAt, seizedWhere: item.seizedWhere, seizedBy: holder(item.seizedByAgency, item.seizedByUser),
    storageLocation: item.storageLocation, sealNumber: item.sealNumber, holder: holder(item.holderAgency, item.holderUser), custodyLength: item.custodyLength,
  });
  const fileShape = (f: FileRow) => ({ documentId: f.documentId, name: f.originalName, mimeType: f.mimeType, size: Number(f.size), sha256: f.sha256, uploadedAt: f.uploadedAt });
  const eventShape = (e: CustodyEvent, users: Map<string, UserRef>) => {
    const person = (id: string | null) => (id ? { documentId: id, username: users.get(id)?.username ?? null } : null);
    return {
      sequence: e.sequence, at: e.at, from: { agency: e.from.agency, user: person(e.from.user) }, to: { agency: e.to.agency, user: person(e.to.user) },
      purpose: e.purpose, condition: e.condition, sealNumber: e.sealNumber, storageLocation: e.storageLocation, note: e.note,
      recordedBy: person(e.recordedBy), prevHash: e.prevHash, hash: e.hash,
    };
  };

  async function detail(item: ItemRow, lang: Lang) {
    const [events, files] = await Promise.all([records().events(item.documentId), records().files(item.documentId)]);
    const users = await records().usersByDocumentId(events.flatMap((e) => [e.from.user, e.to.user, e.recordedBy]));
    const problems = verifyCustody(item.documentId, events, { length: item.custodyLength, hash: item.custodyHead });
    return {
      ...summary(item), files: files.map(fileShape), custody: events.map((e) => eventShape(e, users)),
      chain: { ok: problems.length === 0, problems: problems.map((p) => ({ kind: p.kind, sequence: p.sequence, message: p.message[lang] })) },
    };
  }

  return {
    /** GET /api/cases/:documentId/evidence?page=&pageSize= — the case's register, by item number. */
    async list(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const paging = parsePage(ctx.query as Record<string, unknown>, lang);
      if ('problems' in paging) throw invalid(paging.problems);
      const { ref, canRecord } = await caseFor(ctx, lang);
      const { rows, total } = await records().list(ref, paging.page, paging.pageSize);
      const options = canRecord ? await choices(ref) : null;
      ctx.body = { data: rows.map(summary), meta: { canRecord, options, case: { documentId: ref.documentId, caseNumber: ref.caseNumber }, pagination: { page: paging.page, pageSize: paging.pageSize, total, pageCount: Math.ceil(total / paging.pageSize) } } };
    },

    /** POST /api/cases/:documentId/evidence {data} — a new item and its seizure, the first link of its chain. */
    async create(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const { ref, canRecord } = await caseFor(ctx, lang);
      if (!canRecord) throw new errors.PolicyError(T.cannotRecord[lang]);
      const parsed = parseItem((ctx.request as unknown as { body?: unknown }).body, await references(), lang);
      if ('problems' in parsed) throw invalid(parsed.problems);
      const seizedBy = await holderOf(parsed.value.seizedBy, 'seizedBy', lang);
      const user = ctx.state.user as User;
      const item = await strapi.db.transaction(async () => {
        const created = await records().create(ref, parsed.value, seizedBy, user.documentId);
        await record('evidence.create', created, ['evidenceType', 'description', 'seizedAt', 'seizedWhere', 'seizedBy', 'storageLocation', 'sealNumber'].filter((f) => (parsed.value as unknown as Record<string, unknown>)[f] != null));
        return created;
      });
      ctx.status = 201;
      ctx.body = { data: await detail(item, lang) };
    },

    /** GET /api/cases/:documentId/evidence/:number — the item, its files and its custody history, verified. */
    async show(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const { ref, canRecord } = await caseFor(ctx, lang);
      const item = await itemFor(ctx, ref, lang);
      ctx.body = { data: await detail(item, lang), meta: { canRecord } };
    },

    /** POST /api/cases/:documentId/evidence/:number/custody {data} — a hand-off, appended to the chain. */
    async handOff(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const { ref, canRecord } = await caseFor(ctx, lang);
      if (!canRecord) throw new errors.PolicyError(T.cannotRecord[lang]);
      const item = await itemFor(ctx, ref, lang);
      const parsed = parseHandOff((ctx.request as unknown as { body?: unknown }).body, await references(), lang);
      if ('problems' in parsed) throw invalid(parsed.problems);
      const to = await holderOf(parsed.value.to, 'to', lang);
      if (to.agency.code === item.holderAgency?.code && (to.user?.documentId ?? null) === (item.holderUser?.documentId ?? null)) throw fieldError(['to'], T.sameHolder[lang]);
      const event = await strapi.db.transaction(async () => {
        const appended = await records().handOff(item, parsed.value, to, (ctx.state.user as User).documentId);
        if (appended !== 'before-last') await record('evidence.custody', item, ['to', 'purpose', 'condition']);
        return appended;
      });
      if (event === 'before-last') throw fieldError(['at'], T.beforeLast[lang]);
      const fresh = (await records().item(ref, item.number))!;
      ctx.status = 201;
      ctx.body = { data: await detail(fresh, lang) };
    },

    /** POST /api/cases/:documentId/evidence/:number/files (multipart, field «file») — checked by content, hashed, kept privately. */
    async upload(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const received = uploads().receivedFiles(ctx);
      try {
        const { ref, canRecord } = await caseFor(ctx, lang);
        if (!canRecord) throw new errors.PolicyError(T.cannotRecord[lang]);
        const item = await itemFor(ctx, ref, lang);
        const outcome = await uploads().accept(ctx, item, (ctx.state.user as User).documentId, lang, async (file) => record('evidence.upload', item, [`file:${file.documentId}`]));
        if ('status' in outcome) {
          ctx.status = outcome.status;
          ctx.body = { data: null, error: { status: outcome.status, name: outcome.status === 413 ? 'PayloadTooLargeError' : 'ValidationError', message: outcome.message, details: { errors: [{ path: ['file'], message: outcome.message }] } } };
          return;
        }
        ctx.status = 201;
        ctx.body = { data: fileShape(outcome.file) };
      } finally {
        uploads().discard(received);
      }
    },

    /** GET /api/cases/:documentId/evidence/:number/files/:fileId — the bytes, as an attachment, after the check; recorded. */
    async download(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const { ref } = await caseFor(ctx, lang);
      const item = await itemFor(ctx, ref, lang);
      const file = (await records().files(item.documentId)).find((f) => f.documentId === String(ctx.params.fileId ?? ''));
      if (!file) throw new errors.NotFoundError(T.fileNotFound[lang]);
      const opened = uploads().open(file);
      if (!opened) throw new errors.NotFoundError(T.fileNotFound[lang]);
      await record('evidence.download', item, [`file:${file.documentId}`]);
      uploads().sendAttachment(ctx, file, opened);
    },

    /** GET /api/cases/:documentId/evidence/:number/custody.pdf — the chain-of-custody form, in Spanish; recorded. */
    async custodyForm(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const { ref } = await caseFor(ctx, lang);
      const item = await itemFor(ctx, ref, lang);
      await record('evidence.form', item, ['pdf']);
      const user = ctx.state.user as User;
      const body = await forms().render(ref, item, user.username ?? String(user.id));
      ctx.set('Cache-Control', 'no-store');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Content-Disposition', `attachment; filename="cadena-custodia-${ref.caseNumber}-${item.number}.pdf"`);
      ctx.type = 'application/pdf';
      ctx.body = body;
    },

    /** POST /api/evidence/verify — every file re-hashed, every chain verified; problems by case and item number. */
    async verify(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      if (!canVerifyEvidence(actorOf(ctx))) throw new errors.PolicyError(T.auditorsOnly[lang]);
      const report = await integrity().verifyAll(lang);
      await trail().append({ actor: currentActor(strapi), action: 'evidence.verify', target: { type: 'evidence', id: null }, outcome: report.ok ? 'success' : 'problems', fields: [], client: currentClient(strapi) });
      ctx.body = { data: report };
    },
  };
};
