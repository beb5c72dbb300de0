// A case's charges: who is charged with which offence, under which version of the law, and how
// it ended. Reads and writes go through the document service, so the access plugin scopes them
// (a charge is seen by whoever sees its case; a case out of reach is 404) and the audit plugin
// records every write. Only the case's editors (chief prosecutor, the team's prosecutors) write.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { canOnCase, officeToday } from '@pett/access/dist/server/policy/policy';
import { languageOf, type Lang } from '@pett/access/dist/server/services/language';
import { membershipsOf } from '@pett/access/dist/server/services/team-cases';
import { CASE_PARTY_UID, CASE_UID, CHARGE_UID, CODE_LIST_UID } from '../../../uids';
import { actorOf, NOT_FOUND } from '../../case/http/case-reach';
import { lawVersionsOf, penaltyFor, validateChargeInput, type ChargeData, type CodeItem, type FieldError } from '../validation/charge-input';

const TEXT = {
  refused: { es: 'Su función en este caso no permite registrar ni cambiar cargos.', en: 'Your role on this case may not record or change charges.' },
  charge: { es: 'No se encontró ese cargo en este caso.', en: 'That charge was not found on this case.' },
  invalid: { es: (n: number) => `Hay ${n} campos con errores.`, en: (n: number) => `${n} fields have errors.` },
};

/** Party roles that may be charged: the accused family (I) and legal persons (J) of the party-role list. */
const CHARGEABLE_FAMILIES = new Set(['I', 'J']);

type CaseRow = { id: number; documentId: string; intakeDate: string; factsDate: string | null };
type ChargeRow = Required<Omit<ChargeData, 'party'>> & { id: number; documentId: string; isDemo: boolean; createdAt: string; party?: { documentId: string; role: string; isPublicOfficial?: boolean; person?: { code: string; personKind: string } | null } | null };

type LawFacts = { unconfirmed: ReadonlySet<string>; offences: ReadonlyMap<string, CodeItem>; versions: readonly CodeItem[] };

const FIELDS = ['offence', 'lawVersion', 'article', 'aggravating', 'status', 'chargedAt', 'verdictAt', 'sentenceMonths', 'isDemo', 'createdAt'];
const dateOnly = (v: unknown) => (v == null ? null : String(v instanceof Date ? v.toISOString() : v).slice(0, 10));

function throwIfInvalid(fieldErrors: FieldError[], lang: Lang): void {
  if (!fieldErrors.length) return;
  const message = fieldErrors.length === 1 ? fieldErrors[0]!.message : `${TEXT.invalid[lang](fieldErrors.length)} ${fieldErrors[0]!.message}`;
  throw new errors.ValidationError(message, { errors: fieldErrors });
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const documents = () => strapi.documents(CHARGE_UID as never);

  /** The case as the caller may reach it (404 otherwise) and whether they may write its charges. */
  async function reach(ctx: Context) {
    const lang = languageOf(ctx.get('accept-language'));
    const today = officeToday();
    const found = (await strapi.documents(CASE_UID as never).findOne({ documentId: String(ctx.params.id ?? ''), fields: ['id', 'intakeDate', 'factsDate'] } as never)) as unknown as CaseRow | null;
    if (!found) throw new errors.NotFoundError(NOT_FOUND[lang]);
    const members = (await membershipsOf(strapi, [found.id])).get(found.id) ?? [];
    return { found, lang, today, mayEdit: canOnCase(actorOf(ctx), 'update', { members }, today), factsDate: dateOnly(found.factsDate) ?? dateOnly(found.intakeDate)! };
  }

  async function items(keys: string[]): Promise<Map<string, CodeItem[]>> {
    const lists = (await strapi.db.query(CODE_LIST_UID as never).findMany({ where: { key: { $in: keys } }, select: ['key'], populate: { items: true } })) as Array<{ key: string; items?: CodeItem[] }>;
    return new Map(lists.map((l) => [l.key, l.items ?? []]));
  }

  /** The case's charges through the document service: the party (and its person) only where the caller may see people. */
  async function chargesOf(caseId: number, documentId?: string): Promise<ChargeRow[]> {
    return (await documents().findMany({
      filters: { case: { id: caseId }, ...(documentId ? { documentId } : {}) },
      fields: FIELDS,
      populate: { party: { fields: ['documentId', 'role', 'isPublicOfficial'], populate: { person: { fields: ['code', 'personKind'] } } } },
      sort: ['createdAt:asc', 'id:asc'],
    } as never)) as unknown as ChargeRow[];
  }

  const shape = (c: ChargeRow, law: LawFacts) => ({
    id: c.documentId,
    party: c.party ? { id: c.party.documentId, role: c.party.role, isPublicOfficial: c.party.isPublicOfficial === true, person: c.party.person ? { code: c.party.person.code, personKind: c.party.person.personKind } : null } : null,
    offence: c.offence, lawVersion: c.lawVersion, lawVersionNeedsConfirmation: law.unconfirmed.has(c.lawVersion),
    penaltyYears: penaltyFor(law.offences.get(c.offence), c.lawVersion, law.versions), article: c.article ?? null,
    aggravating: Array.isArray(c.aggravating) ? c.aggravating : [], status: c.status,
    chargedAt: dateOnly(c.chargedAt), verdictAt: dateOnly(c.verdictAt), sentenceMonths: c.sentenceMonths ?? null, isDemo: c.isDemo === true,
  });

  /** What the answer says of each charge's law: versions awaiting legal confirmation, penalty ranges. */
  async function lawFacts(): Promise<LawFacts> {
    const lists = await items(['offence', 'law-version']);
    const versions = lists.get('law-version') ?? [];
    return {
      unconfirmed: new Set(lawVersionsOf(versions).filter((v) => v.needsLegalConfirmation).map((v) => v.code)),
      offences: new Map((lists.get('offence') ?? []).map((i) => [i.code, i])),
      versions,
    };
  }

  /** What the validator needs: the code lists and the parties of the case that may be charged. */
  async function contextFor(caseId: number) {
    const lists = await items(['offence', 'law-version', 'aggravating-circumstance', 'party-role']);
    const families = new Map((lists.get('party-role') ?? []).map((i) => [i.code, String(i.meta?.family ?? '')]));
    const parties = (await strapi.db.query(CASE_PARTY_UID as never).findMany({ where: { case: { id: caseId } }, select: ['documentId', 'role'] })) as Array<{ documentId: string; role: string }>;
    return {
      offences: (lists.get('offence') ?? []).filter((i) => i.active !== false),
      lawVersions: lists.get('law-version') ?? [],
      aggravating: new Set((lists.get('aggravating-circumstance') ?? []).filter((i) => i.active !== false).map((i) => i.code)),
      accusedParties: new Set(parties.filter((p) => CHARGEABLE_FAMILIES.has(families.get(p.role) ?? '')).map((p) => p.documentId)),
    };
  }

  const bodyOf = (ctx: Context) => (ctx.request as unknown as { body?: { data?: unknown } }).body?.data;

  return {
    /** GET /api/cases/:id/charges */
    async list(ctx: Context) {
      const { found, mayEdit, factsDate } = await reach(ctx);
      const law = await lawFacts();
      ctx.body = { data: (await chargesOf(found.id)).map((c) => shape(c, law)), meta: { mayEdit, factsDate } };
    },

    /** POST /api/cases/:id/charges {data:{party, offence, article?, aggravating?, status?, chargedAt?, verdictAt?, sentenceMonths?}} */
    async create(ctx: Context) {
      const { found, lang, today, mayEdit, factsDate } = await reach(ctx);
      if (!mayEdit) throw new errors.PolicyError(TEXT.refused[lang]);
      const { errors: fieldErrors, data } = validateChargeInput(bodyOf(ctx), { mode: 'create', lang, today, factsDate, ...(await contextFor(found.id)) });
      throwIfInvalid(fieldErrors, lang);
      const created = (await documents().create({ data: { ...data, case: found.documentId, isDemo: false } } as never)) as unknown as { documentId: string };
      const [row] = await chargesOf(found.id, created.documentId);
      ctx.status = 201;
      ctx.body = { data: shape(row!, await lawFacts()) };
    },

    /** PUT /api/cases/:id/charges/:chargeId {data:{offence?, article?, aggravating?, status?, chargedAt?, verdictAt?, sentenceMonths?}} */
    async update(ctx: Context) {
      const { found, lang, today, mayEdit, factsDate } = await reach(ctx);
      const [existing] = await chargesOf(found.id, String(ctx.params.chargeId ?? ''));
      if (!existing) throw new errors.NotFoundError(TEXT.charge[lang]);
      if (!mayEdit) throw new errors.PolicyError(TEXT.refused[lang]);
      const stored = {
        offence: existing.offence, lawVersion: existing.lawVersion, article: existing.article ?? null, aggravating: Array.isArray(existing.aggravating) ? existing.aggravating : [],
        status: existing.status, chargedAt: dateOnly(existing.chargedAt), verdictAt: dateOnly(existing.verdictAt), sentenceMonths: existing.sentenceMonths ?? null,
      };
      const { errors: fieldErrors, data } = validateChargeInput(bodyOf(ctx), { mode: 'update', lang, today, factsDate, existing: stored, ...(await contextFor(found.id)) });
      throwIfInvalid(fieldErrors, lang);
      await documents().update({ documentId: existing.documentId, data } as never);
      const [row] = await chargesOf(found.id, existing.documentId);
      ctx.body = { data: shape(row!, await lawFacts()) };
    },
  };
};
