// People by pseudonym: the person page, the identity reveal (its own action, with a reason, on the
// record), identity correction, search by blind index, and adding a person to a case with the
// duplicate warning. Reads go through the document service, so the access policy decides what
// exists for the caller; identity goes through the vault service and the identity policy only.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { canOnCase, canSeePeopleOf, officeToday, type Actor, type CaseFacts } from '@pett/access/dist/server/policy/policy';
import { REVEAL_REASON, canRevealIdentity, canSearchPeople } from '@pett/access/dist/server/policy/identity';
import { isRoleKey } from '@pett/access/dist/server/policy/roles';
import { languageOf, type Lang } from '@pett/access/dist/server/services/language';
import { recordEvent } from '@pett/access/dist/server/services/sessions';
import { membershipsOf } from '@pett/access/dist/server/services/team-cases';
import { validateIdentity, fullName, type Identity } from '@pett/vault/dist/server/identity/identity';
import type { Match, VaultService } from '@pett/vault/dist/server/services/vault';
import { validateUpload, type FileUpload } from '@pett/vault/dist/server/identity/files';
import { AGENCY_UID, CASE_PARTY_UID, CASE_UID, PERSON_UID, TASK_UID, USER_UID, VICTIM_PROFILE_UID } from '../../../uids';
import { isPersonCode, newPersonCode, type Family } from '../pseudonym';
import { validateNewParty, type CodeSets, type NewParty } from '../validation/new-party';
import { measureAlerts, validateVictimProfile, type ProtectionMeasure } from '../validation/victim-profile';
import { unwritableFields } from '@pett/access/dist/server/policy/fields';

const BREAK_GLASS_UID = 'plugin::access.break-glass';
/** How long the portal keeps an opened identity on screen before it closes itself. */
const REVEAL_SECONDS = 120;

const T = {
  notFound: { es: 'No se encontró la persona o no tiene acceso a ella.', en: 'The person was not found or you have no access to them.' },
  caseNotFound: { es: 'No se encontró el caso o no tiene acceso a él.', en: 'The case was not found or you have no access to it.' },
  noReveal: { es: 'Su función en los casos de esta persona no permite ver su identidad.', en: 'Your role in this person\'s cases does not allow you to see their identity.' },
  noIdentity: { es: 'Esta persona no tiene identidad registrada en el almacén.', en: 'This person has no identity recorded in the vault.' },
  reason: { es: `Indique el motivo para ver la identidad (de ${REVEAL_REASON.min} a ${REVEAL_REASON.max} caracteres).`, en: `State why you need to see the identity (${REVEAL_REASON.min} to ${REVEAL_REASON.max} characters).` },
  addRefused: { es: 'Solo el fiscal del caso o el oficial de atención a víctimas del equipo pueden añadir personas al caso.', en: 'Only the case prosecutor or the team victim officer may add people to the case.' },
  invalid: { es: (n: number) => (n === 1 ? 'Hay 1 campo con errores.' : `Hay ${n} campos con errores.`), en: (n: number) => (n === 1 ? '1 field has an error.' : `${n} fields have errors.`) },
  duplicates: { es: 'Puede que esta persona ya esté registrada. Revise los códigos indicados: use la persona existente o confirme que es otra persona.', en: 'This person may already be on record. Check the codes given: use the existing person or confirm it is someone else.' },
  noFile: { es: 'No se encontró ese archivo de la persona.', en: 'That file of the person was not found.' },
  noProfile: { es: 'Esta persona no tiene perfil de víctima.', en: 'This person has no victim profile.' },
  profileRefused: { es: 'Su función en los casos de esta persona no permite cambiar su perfil de víctima.', en: 'Your role in this person\'s cases does not allow you to change their victim profile.' },
  search: { es: 'Indique un número de documento, o un nombre (con el año de nacimiento si lo conoce).', en: 'Give a document number, or a name (with the year of birth if known).' },
};

interface PartyRow { documentId: string; role: string; schemeRole: string | null; isPublicOfficial: boolean; since: string | null; custom?: Record<string, unknown> | null; customFormVersion?: number | null; case?: { id?: number; documentId: string; caseNumber: string; title: string; stage: string } | null }
interface PersonRow { id: number; documentId: string; code: string; personKind: string; sex: string | null; nationality: string | null; birthYear?: number | null; isDemo: boolean; parties?: PartyRow[]; victimProfile?: Record<string, unknown> | null }

const actorOf = (ctx: Context): Actor => {
  const user = ctx.state.user as { id: number; role?: { type?: string } } | undefined;
  const type = user?.role?.type;
  return { id: user?.id ?? 0, role: isRoleKey(type) ? type : null };
};
const bodyOf = (ctx: Context) => ((ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {}) as Record<string, unknown>;
const sidOf = (ctx: Context) => (ctx.state as { pettSession?: { sid: string } }).pettSession?.sid;

function invalid(problems: Array<{ path: string[]; message: string }>, lang: Lang): never {
  const message = problems.length === 1 ? problems[0].message : `${T.invalid[lang](problems.length)} ${problems[0].message}`;
  throw new errors.ValidationError(message, { errors: problems });
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const vault = () => strapi.plugin('vault').service('vault') as VaultService;
  const codeSets = async () => (await (strapi.service(CASE_UID as never) as unknown as { activeCodeSets(): Promise<CodeSets> }).activeCodeSets());
  const identityCodes = (sets: CodeSets) => ({ documentKinds: sets['identity-document-kind'] ?? new Set<string>(), countries: sets.nationality ?? new Set<string>() });

  /** The person as the caller may see them (the access policy scopes every part), or 404. */
  async function visiblePerson(code: unknown, lang: Lang): Promise<PersonRow> {
    if (typeof code !== 'string' || !isPersonCode(code)) throw new errors.NotFoundError(T.notFound[lang]);
    const found = (await strapi.documents(PERSON_UID as never).findFirst({
      filters: { code: { $eq: code } },
      populate: { parties: { populate: { case: { fields: ['caseNumber', 'title', 'stage'] } } }, victimProfile: { populate: { identifiedBy: { fields: ['name', 'code'] }, protectionMeasures: true, consents: true, serviceReferrals: true } } },
    } as never)) as unknown as PersonRow | null;
    if (!found) throw new errors.NotFoundError(T.notFound[lang]);
    return found;
  }

  /** Facts of every case the person is a party to (teams, the caller's emergency accesses). */
  async function casesOfPerson(personId: number, actorId: number): Promise<Array<CaseFacts & { breakGlassUserIds: number[] }>> {
    const parties = (await strapi.db.query(CASE_PARTY_UID as never).findMany({ where: { person: { id: personId } }, populate: { case: { select: ['id'] } } })) as Array<{ case?: { id: number } | null }>;
    const caseIds = [...new Set(parties.map((p) => p.case?.id).filter((id): id is number => typeof id === 'number'))];
    return caseFacts(caseIds, actorId);
  }

  /** The case through which a person most recently became a victim party (for tasks). */
  async function firstVictimCase(personId: number): Promise<number | undefined> {
    const parties = (await strapi.db.query(CASE_PARTY_UID as never).findMany({ where: { person: { id: personId } }, populate: { case: { select: ['id'] } }, orderBy: { id: 'desc' } })) as Array<{ role: string; case?: { id: number } | null }>;
    return (parties.find((p) => p.case && ['victim-adult', 'victim-child', 'survivor', 'smuggled-migrant'].includes(p.role)) ?? parties.find((p) => p.case))?.case?.id;
  }

  async function caseFacts(caseIds: number[], actorId: number): Promise<Array<CaseFacts & { breakGlassUserIds: number[] }>> {
    if (!caseIds.length) return [];
    const members = await membershipsOf(strapi, caseIds);
    const grants = (await strapi.db.query(BREAK_GLASS_UID as never).findMany({ where: { userId: actorId, caseId: { $in: caseIds }, expiresAt: { $gt: new Date() } }, select: ['caseId'] })) as Array<{ caseId: number }>;
    return caseIds.map((id) => ({
      members: members.get(id) ?? [],
      breakGlassUserIds: grants.some((g) => Number(g.caseId) === id) ? [actorId] : [],
    }));
  }

  /** Of these vault matches, the people the caller may see, by code only. */
  async function visibleMatches(matches: Match[], exceptDocumentId?: string) {
    const wanted = matches.filter((m) => m.personDocumentId !== exceptDocumentId);
    if (!wanted.length) return [];
    const people = (await strapi.documents(PERSON_UID as never).findMany({ filters: { documentId: { $in: wanted.map((m) => m.personDocumentId) } }, fields: ['code'], limit: 50 } as never)) as unknown as Array<{ documentId: string; code: string }>;
    const codes = new Map(people.map((p) => [p.documentId, p.code]));
    return wanted.filter((m) => codes.has(m.personDocumentId)).map((m) => ({ code: codes.get(m.personDocumentId)!, reasons: m.reasons }));
  }

  const probeOf = (identity: Identity, birthYear: number | null) => ({
    documentNumbers: identity.documents.map((d) => d.number),
    names: [fullName(identity), ...identity.aliases].filter(Boolean),
    birthYear: identity.dateOfBirth ? Number(identity.dateOfBirth.slice(0, 4)) : birthYear,
  });

  /** A minor victim gets a task to notify CONANI (due the next day), once per person. */
  async function ensureConaniTask(personCode: string, caseId: number | null, today: string) {
    const existing = await strapi.db.query(TASK_UID as never).count({ where: { kind: 'conani-notification', personCode } });
    if (existing) return;
    const conani = (await strapi.db.query(AGENCY_UID as never).findOne({ where: { code: 'CONANI' }, select: ['id'] })) as { id: number } | null;
    const due = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await strapi.db.query(TASK_UID as never).create({ data: { kind: 'conani-notification', personCode, case: caseId, agency: conani?.id ?? null, dueDate: due, status: 'open' } });
  }

  const tasksOf = async (personCode: string) => ((await strapi.db.query(TASK_UID as never).findMany({ where: { personCode }, populate: { agency: { select: ['code', 'name'] } }, orderBy: { dueDate: 'asc' } })) as Array<{ kind: string; dueDate: string; status: string; agency?: { code: string; name: string } | null }>)
    .map((t) => ({ kind: t.kind, dueDate: t.dueDate, status: t.status, agency: t.agency ? { code: t.agency.code, name: t.agency.name } : null }));

  function shapeProfile(profile: Record<string, unknown> | null | undefined, today: string, canEdit: boolean) {
    if (!profile) return null;
    const strip = (rows: unknown) => (Array.isArray(rows) ? rows.map(({ id: _id, ...rest }: Record<string, unknown>) => rest) : []);
    const measures = strip(profile.protectionMeasures) as unknown as ProtectionMeasure[];
    const by = profile.identifiedBy as { name: string; code: string } | null | undefined;
    return { ...profile, identifiedBy: by ? { name: by.name, code: by.code } : null, protectionMeasures: measures, consents: strip(profile.consents), serviceReferrals: strip(profile.serviceReferrals), alerts: measureAlerts(measures, today), canEdit };
  }

  /**
   * The person's parties the reader sees, each with its answers to the party form and whether the
   * reader may change them (an editor of the case whose role may write a party's answers).
   */
  async function shapeParties(parties: PartyRow[], actor: Actor, today: string) {
    const visible = parties.filter((p) => p.case);
    const ids = [...new Set(visible.map((p) => p.case!.id).filter((id): id is number => typeof id === 'number'))];
    const facts = new Map(ids.map((id, i) => [id, i] as const));
    const all = await caseFacts(ids, actor.id);
    const mayWrite = unwritableFields('case-party', actor.role, { custom: null }).length === 0;
    return visible.map((p) => {
      const index = typeof p.case!.id === 'number' ? facts.get(p.case!.id) : undefined;
      const canEdit = mayWrite && index !== undefined && canOnCase(actor, 'update', all[index]!, today);
      const { id: _id, ...caseShown } = p.case!;
      return { documentId: p.documentId, role: p.role, schemeRole: p.schemeRole, isPublicOfficial: p.isPublicOfficial, since: p.since, case: caseShown, custom: p.custom ?? null, customFormVersion: p.customFormVersion ?? null, canEdit };
    });
  }

  const canEditProfile = (actor: Actor, allowed: boolean) => allowed && (actor.role === 'prosecutor' || actor.role === 'victim-officer');

  async function assertCanReveal(ctx: Context, person: PersonRow, lang: Lang) {
    const actor = actorOf(ctx);
    if (!canRevealIdentity(actor, await casesOfPerson(person.id, actor.id), officeToday())) throw new errors.PolicyError(T.noReveal[lang]);
    return actor;
  }

  return {
    /** GET /api/people/by-code/:code — the person page, with no identity in it. */
    async profile(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const person = await visiblePerson(ctx.params.code, lang);
      const actor = actorOf(ctx);
      const today = officeToday();
      const canReveal = canRevealIdentity(actor, await casesOfPerson(person.id, actor.id), today);
      const recorded = (await vault().withIdentity([person.documentId])).has(person.documentId);
      ctx.body = {
        data: {
          documentId: person.documentId,
          code: person.code,
          personKind: person.personKind,
          sex: person.sex,
          nationality: person.nationality,
          birthYear: person.birthYear ?? null,
          isDemo: person.isDemo,
          parties: await shapeParties(person.parties ?? [], actor, today),
          victimProfile: shapeProfile(person.victimProfile, today, canEditProfile(actor, canReveal)),
          tasks: person.victimProfile ? await tasksOf(person.code) : [],
          identity: { recorded, canReveal, canEdit: canReveal },
        },
      };
    },

    /** POST /api/people/by-code/:code/reveal {reason} — opens the identity, and records that it did. */
    async reveal(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const person = await visiblePerson(ctx.params.code, lang);
      const actor = await assertCanReveal(ctx, person, lang);
      const reason = typeof bodyOf(ctx).reason === 'string' ? String(bodyOf(ctx).reason).trim() : '';
      if (reason.length < REVEAL_REASON.min || reason.length > REVEAL_REASON.max) invalid([{ path: ['reason'], message: T.reason[lang] }], lang);
      const identity = await vault().readIdentity(person.documentId);
      if (!identity) throw new errors.NotFoundError(T.noIdentity[lang]);
      await vault().recordReveal(actor.id, person.documentId, reason);
      await recordEvent(strapi, 'identity-reveal', { userId: actor.id, sid: sidOf(ctx) });
      ctx.body = { data: { code: person.code, identity, closesInSeconds: REVEAL_SECONDS } };
    },

    /** GET /api/people/by-code/:code/reveals — who opened this identity, when and why. */
    async reveals(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const person = await visiblePerson(ctx.params.code, lang);
      await assertCanReveal(ctx, person, lang);
      const rows = await vault().reveals(person.documentId);
      const users = (await strapi.db.query(USER_UID as never).findMany({ where: { id: { $in: [...new Set(rows.map((r) => r.userId))] } }, select: ['id', 'username'], populate: { role: { select: ['type'] } } })) as Array<{ id: number; username: string; role?: { type: string } }>;
      const byId = new Map(users.map((u) => [u.id, u]));
      ctx.body = { data: rows.map((r) => ({ revealedAt: r.revealedAt, reason: r.reason, username: byId.get(r.userId)?.username ?? null, role: byId.get(r.userId)?.role?.type ?? null })) };
    },

    /** PUT /api/people/by-code/:code/identity {identity} — records or corrects the identity. */
    async updateIdentity(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const person = await visiblePerson(ctx.params.code, lang);
      const actor = await assertCanReveal(ctx, person, lang);
      const checked = validateIdentity(bodyOf(ctx).identity, identityCodes(await codeSets()), lang, officeToday());
      if ('problems' in checked) invalid(checked.problems, lang);
      const { identity } = checked as { identity: Identity };
      await vault().saveIdentity(person.documentId, identity, { birthYear: person.birthYear ?? null, isDemo: person.isDemo });
      await recordEvent(strapi, 'identity-change', { userId: actor.id, sid: sidOf(ctx) });
      const possibleDuplicates = await visibleMatches(await vault().findMatches(probeOf(identity, person.birthYear ?? null)), person.documentId);
      ctx.body = { data: { code: person.code, saved: true, possibleDuplicates } };
    },

    /** GET /api/people/by-code/:code/files — photos and identity documents, without their names. */
    async files(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const person = await visiblePerson(ctx.params.code, lang);
      await assertCanReveal(ctx, person, lang);
      ctx.body = { data: await vault().listFiles(person.documentId) };
    },

    /** POST /api/people/by-code/:code/files {kind, fileName, mimeType, contentBase64} — sealed before it is written. */
    async uploadFile(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const person = await visiblePerson(ctx.params.code, lang);
      const actor = await assertCanReveal(ctx, person, lang);
      const checked = validateUpload(bodyOf(ctx), lang);
      if ('problems' in checked) invalid(checked.problems, lang);
      const stored = await vault().storeFile(person.documentId, (checked as { upload: FileUpload }).upload, actor.id);
      await recordEvent(strapi, 'identity-change', { userId: actor.id, sid: sidOf(ctx) });
      ctx.status = 201;
      ctx.body = { data: stored };
    },

    /** POST /api/people/by-code/:code/files/:file/open {reason} — the file, opened and recorded like a reveal. */
    async openFile(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const person = await visiblePerson(ctx.params.code, lang);
      const actor = await assertCanReveal(ctx, person, lang);
      const reason = typeof bodyOf(ctx).reason === 'string' ? String(bodyOf(ctx).reason).trim() : '';
      if (reason.length < REVEAL_REASON.min || reason.length > REVEAL_REASON.max) invalid([{ path: ['reason'], message: T.reason[lang] }], lang);
      const file = await vault().openFile(person.documentId, String(ctx.params.file ?? ''));
      if (!file) throw new errors.NotFoundError(T.noFile[lang]);
      await vault().recordReveal(actor.id, person.documentId, reason);
      await recordEvent(strapi, 'identity-reveal', { userId: actor.id, sid: sidOf(ctx) });
      ctx.body = { data: { fileName: file.fileName, mimeType: file.mimeType, contentBase64: file.content.toString('base64'), closesInSeconds: REVEAL_SECONDS } };
    },

    /** PUT /api/people/by-code/:code/victim-profile {data} — identification, measures, consent, referrals, red flags. */
    async updateVictimProfile(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const person = await visiblePerson(ctx.params.code, lang);
      if (!person.victimProfile) throw new errors.NotFoundError(T.noProfile[lang]);
      const actor = actorOf(ctx);
      const today = officeToday();
      const cases = await casesOfPerson(person.id, actor.id);
      if (!canEditProfile(actor, canRevealIdentity(actor, cases, today))) throw new errors.PolicyError(T.profileRefused[lang]);
      const data = bodyOf(ctx).data;
      const body = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
      const refused = unwritableFields('victim-profile', actor.role, body);
      const agencies = new Set(((await strapi.db.query(AGENCY_UID as never).findMany({ where: { active: true }, select: ['code'] })) as Array<{ code: string }>).map((a) => a.code));
      const checked = validateVictimProfile(body, { ...(await codeSets()), agencies }, lang, today);
      const problems = [...refused.map((f) => ({ path: [f], message: lang === 'es' ? `No puede cambiar el campo ${f}.` : `You may not change the field ${f}.` })), ...('problems' in checked ? checked.problems : [])];
      if (problems.length) invalid(problems, lang);
      const { update } = checked as { update: Record<string, unknown> };
      // A victim under 18 at identification is a minor, whatever the box says.
      if (typeof update.ageAtIdentification === 'number' && update.ageAtIdentification < 18) update.isMinor = true;
      if (typeof update.identifiedBy === 'string') {
        update.identifiedBy = ((await strapi.db.query(AGENCY_UID as never).findOne({ where: { code: update.identifiedBy }, select: ['documentId'] })) as { documentId: string }).documentId;
      }
      const profileId = String((person.victimProfile as { documentId: string }).documentId);
      await strapi.db.transaction(async () => {
        await strapi.documents(VICTIM_PROFILE_UID as never).update({ documentId: profileId, data: update } as never);
        const isMinor = update.isMinor ?? (person.victimProfile as { isMinor?: boolean }).isMinor;
        if (isMinor) await ensureConaniTask(person.code, (await firstVictimCase(person.id)) ?? null, today);
      });
      const fresh = await visiblePerson(person.code, lang);
      ctx.body = { data: { ...shapeProfile(fresh.victimProfile, today, true), tasks: await tasksOf(person.code) } };
    },

    /**
     * POST /api/people/search {documentNumber} or {name, birthYear?} — exact match through the
     * blind indexes; answers codes of people the caller may see, never identity.
     */
    async search(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      if (!canSearchPeople(actorOf(ctx))) throw new errors.PolicyError(lang === 'es' ? 'Su función no permite buscar personas.' : 'Your role may not search people.');
      const body = bodyOf(ctx);
      const documentNumber = typeof body.documentNumber === 'string' ? body.documentNumber.trim() : '';
      const name = typeof body.name === 'string' ? body.name.trim() : '';
      const birthYear = body.birthYear == null || body.birthYear === '' ? null : Number(body.birthYear);
      const problems: Array<{ path: string[]; message: string }> = [];
      if (!documentNumber && !name) problems.push({ path: ['documentNumber'], message: T.search[lang] });
      if (documentNumber.length > 40 || name.length > 200) problems.push({ path: [documentNumber.length > 40 ? 'documentNumber' : 'name'], message: T.search[lang] });
      if (birthYear !== null && (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > 2100)) problems.push({ path: ['birthYear'], message: lang === 'es' ? 'Año de nacimiento no válido.' : 'Invalid year of birth.' });
      if (problems.length) invalid(problems, lang);
      const matches = await vault().findMatches({ documentNumbers: documentNumber ? [documentNumber] : [], names: name ? [name] : [], birthYear, nameOnly: birthYear === null });
      await recordEvent(strapi, 'identity-search', { userId: actorOf(ctx).id, sid: sidOf(ctx) });
      const visible = await visibleMatches(matches);
      const people = visible.length
        ? ((await strapi.documents(PERSON_UID as never).findMany({ filters: { code: { $in: visible.map((v) => v.code) } }, fields: ['code', 'personKind', 'sex', 'nationality'], populate: { parties: { fields: ['role'], populate: { case: { fields: ['caseNumber'] } } } } } as never)) as unknown as Array<{ code: string; personKind: string; sex: string | null; nationality: string | null; parties?: PartyRow[] }>)
        : [];
      ctx.body = {
        data: visible.map((v) => {
          const p = people.find((x) => x.code === v.code);
          return { code: v.code, reasons: v.reasons, personKind: p?.personKind ?? null, sex: p?.sex ?? null, nationality: p?.nationality ?? null, cases: (p?.parties ?? []).filter((x) => x.case).map((x) => ({ caseNumber: x.case!.caseNumber, documentId: x.case!.documentId, role: x.role })) };
        }),
      };
    },

    /**
     * POST /api/cases/:id/parties — adds a person to a case: an existing one by code, or a new one
     * with an optional identity. A possible duplicate answers 409 with the codes (of people the
     * caller may see) until the caller confirms it is someone else.
     */
    async addParty(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const actor = actorOf(ctx);
      const found = (await strapi.documents(CASE_UID as never).findOne({ documentId: String(ctx.params.id ?? ''), fields: ['id'] } as never)) as unknown as { id: number; documentId: string } | null;
      if (!found) throw new errors.NotFoundError(T.caseNotFound[lang]);
      const [facts] = await caseFacts([found.id], actor.id);
      const today = officeToday();
      if (!canSeePeopleOf(actor, facts, today) || !canRevealIdentity(actor, [facts], today)) throw new errors.PolicyError(T.addRefused[lang]);

      const sets = await codeSets();
      const data = bodyOf(ctx).data;
      const body = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
      const checked = validateNewParty(body, sets, lang, today, actor.role);
      if ('problems' in checked) invalid(checked.problems, lang);
      const { input } = checked as { input: NewParty };

      let identity: Identity | null = null;
      if (body.identity !== undefined && body.identity !== null && !input.existingPerson) {
        const result = validateIdentity(body.identity, identityCodes(sets), lang, today);
        if ('problems' in result) invalid(result.problems, lang);
        identity = (result as { identity: Identity }).identity;
      }

      let existing: PersonRow | null = null;
      if (input.existingPerson) {
        existing = (await strapi.documents(PERSON_UID as never).findFirst({ filters: { code: { $eq: input.existingPerson } }, fields: ['code', 'birthYear', 'isDemo'], populate: { parties: { fields: ['role'], populate: { case: { fields: ['caseNumber'] } } } } } as never)) as unknown as PersonRow | null;
        if (!existing) invalid([{ path: ['existingPerson'], message: T.notFound[lang] }], lang);
        if ((existing!.parties ?? []).some((p) => p.case?.documentId === found.documentId && p.role === input.role)) {
          invalid([{ path: ['role'], message: lang === 'es' ? 'Esta persona ya figura en el caso con ese rol.' : 'This person is already in the case with that role.' }], lang);
        }
      }

      if (identity && body.acknowledgeDuplicates !== true) {
        const matches = await visibleMatches(await vault().findMatches(probeOf(identity, input.person?.birthYear ?? null)));
        if (matches.length) {
          ctx.status = 409;
          ctx.body = { data: null, error: { status: 409, name: 'PossibleDuplicate', message: T.duplicates[lang], details: { matches } } };
          return;
        }
      }

      const created = await strapi.db.transaction(async () => {
        let person = existing;
        if (!person) {
          let code = newPersonCode(input.family as Family);
          while ((await strapi.db.query(PERSON_UID as never).count({ where: { code } })) > 0) code = newPersonCode(input.family as Family);
          person = (await strapi.documents(PERSON_UID as never).create({ data: { ...input.person, code, isDemo: false } } as never)) as unknown as PersonRow;
        }
        const party = (await strapi.documents(CASE_PARTY_UID as never).create({ data: { case: found.documentId, person: person.documentId, role: input.role, schemeRole: input.schemeRole, isPublicOfficial: input.isPublicOfficial, since: today, isDemo: false } } as never)) as unknown as { documentId: string };
        if (input.isVictim) {
          const hasProfile = await strapi.db.query(VICTIM_PROFILE_UID as never).count({ where: { person: { documentId: person.documentId } } });
          if (!hasProfile) {
            const birthYear = input.person?.birthYear ?? null;
            const age = identity?.dateOfBirth ? ageOn(identity.dateOfBirth, today) : birthYear ? Number(today.slice(0, 4)) - birthYear : null;
            const isMinor = input.role === 'victim-child' || (age !== null && age < 18);
            await strapi.documents(VICTIM_PROFILE_UID as never).create({ data: { person: person.documentId, sex: input.person?.sex ?? null, nationality: input.person?.nationality ?? null, ageAtIdentification: age, isMinor, identificationDate: today, isDemo: false } } as never);
            if (isMinor) await ensureConaniTask(person.code, found.id, today);
          }
        }
        if (identity) await vault().saveIdentity(person.documentId, identity, { birthYear: input.person?.birthYear ?? null });
        return { person, party };
      });
      if (identity) await recordEvent(strapi, 'identity-change', { userId: actor.id, sid: sidOf(ctx) });
      ctx.status = 201;
      ctx.body = { data: { party: created.party.documentId, person: { code: created.person.code, documentId: created.person.documentId } } };
    },
  };
};

function ageOn(dateOfBirth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return today.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}
