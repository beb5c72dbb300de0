// The forms plugin's document-service middlewares: a form is checked when it is published and frozen
// as a new version in the same transaction; a record's answers (`custom`) are checked against the
// version in force whenever a caller writes them (portal, admin panel, scripts alike).
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { languageOf } from '@pett/access/dist/server/services/language';
import { currentCaller } from '@pett/access/dist/server/services/actor';
import { readableFields } from '@pett/access/dist/server/policy/fields';
import { keepSensitive, withoutSensitive } from './definition/sensitive';
import type { Answers, FormTarget } from './definition/types';
import type { DefinitionsService } from './services/definitions';
import { CASE_PARTY_UID, CASE_UID, FORM_DEFINITION_UID, PERSON_UID, VICTIM_PROFILE_UID } from './uids';

/** The records whose extra answers a form describes, by content type. */
export const FORM_RECORDS: Readonly<Record<string, FormTarget>> = {
  [CASE_UID]: 'case',
  [VICTIM_PROFILE_UID]: 'victim-profile',
  [CASE_PARTY_UID]: 'case-party',
};

const TEXT = {
  targetTaken: { es: 'Ya hay un formulario para ese tipo de registro: edítelo en lugar de crear otro.', en: 'There is already a form for that kind of record: edit it instead of adding another.' },
  stays: { es: 'Un formulario publicado sigue en uso: para cambiarlo, edite el borrador y publique una versión nueva.', en: 'A published form stays in use: to change it, edit the draft and publish a new version.' },
  missing: { es: 'No se encontró el borrador del formulario.', en: 'The draft of the form was not found.' },
  sensitive: { es: 'Su función no permite cambiar las respuestas marcadas como sensibles.', en: 'Your role may not change the answers marked sensitive.' },
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const definitions = () => strapi.plugin('forms').service('definitions') as DefinitionsService;
  const lang = () => languageOf((strapi.requestContext.get() as { get?(h: string): string } | undefined)?.get?.('accept-language'));
  /** Sensitive answers are for the system, the admin panel and the roles that read victim profiles' answers. */
  const maySeeSensitive = async () => {
    const caller = currentCaller(strapi);
    if (caller.kind === 'system' || caller.kind === 'admin') return true;
    return caller.kind === 'portal' && readableFields('victim-profile', caller.actor.role).includes('custom');
  };

  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== FORM_DEFINITION_UID) return next();
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    if (ctx.action === 'create' || ctx.action === 'update') {
      const target = params.data?.target;
      if (typeof target === 'string') {
        const others = (await strapi.db.query(FORM_DEFINITION_UID as never).findMany({ where: { target }, select: ['documentId'] })) as Array<{ documentId: string }>;
        if (others.some((o) => o.documentId !== params.documentId)) {
          throw new errors.ValidationError(TEXT.targetTaken[lang()], { errors: [{ path: ['target'], message: TEXT.targetTaken[lang()] }] });
        }
      }
      return next();
    }
    if (ctx.action === 'unpublish' || ctx.action === 'discardDraft' || ctx.action === 'delete') {
      const documentId = params.documentId;
      const stored = documentId ? ((await strapi.db.query(FORM_DEFINITION_UID as never).findOne({ where: { documentId }, select: ['target'] })) as { target: string } | null) : null;
      if (ctx.action !== 'discardDraft' && stored && (await definitions().latest(stored.target))) throw new errors.ValidationError(TEXT.stays[lang()]);
      return next();
    }
    if (ctx.action !== 'publish') return next();
    const draft = params.documentId ? await definitions().draftOf(params.documentId) : null;
    if (!draft) throw new errors.NotFoundError(TEXT.missing[lang()]);
    definitions().assertPublishable(await definitions().publishProblems(draft, lang()), lang());
    return strapi.db.transaction(async () => {
      const result = await next();
      await definitions().freeze(draft);
      return result;
    });
  });

  strapi.documents.use(async (ctx, next) => {
    const target = FORM_RECORDS[ctx.uid];
    if (!target || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    // Answers are checked whenever they are sent, required questions included. A record created
    // without answers (a victim profile made with its party, a case opened before its form was
    // filled) holds none until someone answers the form: the portal then asks for what is required.
    if (!params.data || !('custom' in params.data)) return next();
    const previous = ctx.action === 'update' && params.documentId
      ? ((await strapi.db.query(ctx.uid as never).findOne({ where: { documentId: params.documentId }, select: ['custom'] })) as { custom?: Answers | null } | null)?.custom ?? null
      : null;
    let input = params.data.custom;
    if (!(await maySeeSensitive())) {
      const kept = keepSensitive(input, previous, await definitions().sensitiveKeys(target));
      if (kept.attempted.length) {
        const message = TEXT.sensitive[lang()];
        throw new errors.ValidationError(message, { errors: kept.attempted.map((key) => ({ path: ['custom', key], message })) });
      }
      input = kept.merged;
    }
    const checked = await definitions().checkAnswers(target, input, previous, lang());
    params.data = { ...params.data, custom: checked.custom, customFormVersion: checked.version };
    return next();
  });

  // Reading: sensitive answers leave the server only for roles that may read them. Records read
  // with their parties or victim profile carry those records' answers too.
  const READS = new Set(['findOne', 'findFirst', 'findMany']);
  const NESTED: Record<string, FormTarget> = { parties: 'case-party', victimProfile: 'victim-profile' };
  strapi.documents.use(async (ctx, next) => {
    const target = FORM_RECORDS[ctx.uid];
    const result = await next();
    // A person is read with their parties and victim profile: only those nested answers are theirs.
    if ((!target && ctx.uid !== PERSON_UID) || !READS.has(ctx.action) || !result || (await maySeeSensitive())) return result;
    const keys = new Map<FormTarget, ReadonlySet<string>>();
    const keysOf = async (t: FormTarget) => keys.get(t) ?? keys.set(t, await definitions().sensitiveKeys(t)).get(t)!;
    const strip = async (record: unknown, t: FormTarget | null) => {
      if (!record || typeof record !== 'object') return;
      const row = record as Record<string, unknown>;
      if (t && 'custom' in row) row.custom = withoutSensitive(row.custom, await keysOf(t));
      for (const [field, nested] of Object.entries(NESTED)) {
        const value = row[field];
        for (const item of Array.isArray(value) ? value : value ? [value] : []) await strip(item, nested);
      }
    };
    for (const record of Array.isArray(result) ? result : [result]) await strip(record, target ?? null);
    return result;
  });
};
