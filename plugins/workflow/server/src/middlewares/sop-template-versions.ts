// SOP templates are versioned: saving a template whose steps changed raises its version, so the
// next checklist opened from it carries the new steps while open checklists keep their snapshot.
// Steps are checked on save, with a message that names the step to fix.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ROLE_KEYS } from '@pett/access/dist/server/policy/roles';
import { languageOf } from '@pett/access/dist/server/services/language';
import { SOP_TEMPLATE_UID } from '../uids';

type Step = Record<string, unknown>;
const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** What of a step matters to a checklist, normalised the way the admin panel may send it. */
export function stepsFingerprint(steps: unknown): string {
  const list = Array.isArray(steps) ? (steps as Step[]) : [];
  return JSON.stringify(list.map((s) => [s.key ?? null, s.title ?? null, s.role ?? null, s.required !== false, s.gate === true, s.dueOffsetDays ?? null, s.guidance || null, s.evidenceRequired || null]));
}

const WORDS = {
  key: { es: (n: number) => `El paso n.º ${n} necesita una clave en minúsculas con guiones (por ejemplo «intake-register»).`, en: (n: number) => `Step no. ${n} needs a lower-case, hyphenated key (for example «intake-register»).` },
  duplicate: { es: (k: string) => `La clave de paso «${k}» aparece dos veces en el protocolo: cada paso necesita la suya.`, en: (k: string) => `Step key «${k}» appears twice in the protocol: each step needs its own.` },
  gate: { es: (k: string) => `El paso «${k}» bloquea la salida de la etapa, así que debe ser obligatorio.`, en: (k: string) => `Step «${k}» blocks leaving the stage, so it must be required.` },
  role: { es: (k: string) => `El paso «${k}» necesita un rol responsable válido.`, en: (k: string) => `Step «${k}» needs a valid responsible role.` },
  templateKey: { es: 'La clave del protocolo debe estar en minúsculas con guiones (por ejemplo «sop-recepcion-denuncia»).', en: 'The protocol key must be lower case with hyphens (for example «sop-intake»).' },
  takenKey: { es: (k: string) => `Ya existe un protocolo con la clave «${k}»: edite ese (su versión sube sola) o elija otra clave.`, en: (k: string) => `A protocol with key «${k}» already exists: edit that one (its version rises by itself) or choose another key.` },
};

export function stepProblems(steps: unknown, lang: 'es' | 'en'): Array<{ path: string[]; message: string }> {
  const problems: Array<{ path: string[]; message: string }> = [];
  const seen = new Set<string>();
  (Array.isArray(steps) ? (steps as Step[]) : []).forEach((s, i) => {
    const key = typeof s.key === 'string' ? s.key : '';
    if (!KEY.test(key)) return problems.push({ path: ['steps', String(i), 'key'], message: WORDS.key[lang](i + 1) });
    if (seen.has(key)) problems.push({ path: ['steps', String(i), 'key'], message: WORDS.duplicate[lang](key) });
    seen.add(key);
    if (s.gate === true && s.required === false) problems.push({ path: ['steps', String(i), 'gate'], message: WORDS.gate[lang](key) });
    if (typeof s.role !== 'string' || !(ROLE_KEYS as readonly string[]).includes(s.role)) problems.push({ path: ['steps', String(i), 'role'], message: WORDS.role[lang](key) });
  });
  return problems;
}

export default function registerSopTemplateVersions(strapi: Core.Strapi) {
  const lang = () => languageOf((strapi.requestContext.get() as { get?(h: string): string } | undefined)?.get?.('accept-language'));
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== SOP_TEMPLATE_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const params = (ctx.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    const data = params.data ?? {};
    const current = params.documentId ? ((await strapi.db.query(SOP_TEMPLATE_UID as never).findOne({ where: { documentId: params.documentId }, select: ['key'] })) as { key: string } | null) : null;
    if (ctx.action === 'create' || (data.key !== undefined && data.key !== current?.key)) {
      const key = typeof data.key === 'string' ? data.key : '';
      if (!KEY.test(key)) throw new errors.ValidationError(WORDS.templateKey[lang()], { errors: [{ path: ['key'], message: WORDS.templateKey[lang()] }] });
      const same = (await strapi.db.query(SOP_TEMPLATE_UID as never).findMany({ where: { key }, select: ['documentId'] })) as Array<{ documentId: string }>;
      if (same.some((t) => t.documentId !== params.documentId)) throw new errors.ValidationError(WORDS.takenKey[lang()](key), { errors: [{ path: ['key'], message: WORDS.takenKey[lang()](key) }] });
    }
    if (data.steps !== undefined) {
      const problems = stepProblems(data.steps, lang());
      if (problems.length) throw new errors.ValidationError(problems[0].message, { errors: problems });
    }
    if (ctx.action === 'update' && params.documentId) {
      const existing = (await strapi.db.query(SOP_TEMPLATE_UID as never).findOne({ where: { documentId: params.documentId }, populate: ['steps'] })) as { version: number; steps?: Step[] } | null;
      if (existing) {
        // The version is the system's to keep: it rises by one when the steps change, never otherwise.
        const changed = data.steps !== undefined && stepsFingerprint(data.steps) !== stepsFingerprint(existing.steps);
        params.data = { ...data, version: (existing.version ?? 1) + (changed ? 1 : 0) };
      }
    }
    return next();
  });
}
