// Published forms and their frozen versions: checking a draft before it is published, freezing the
// version records will name, and checking a record's answers against the version in force.
import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { definitionProblems, versionProblems } from '../definition/check';
import { validateAnswers } from '../definition/answers';
import { definitionFromStored, storedPath, type StoredForm } from '../definition/stored';
import { fieldsOf, type Answers, type FieldProblem, type FormDefinition, type FormField, type FormTarget, type Lang } from '../definition/types';
import { CODE_LIST_UID, FORM_DEFINITION_UID, FORM_VERSION_UID } from '../uids';

export interface CodeListState { all: Set<string>; active: Set<string> }
export interface VersionedForm { version: number; definition: FormDefinition }

const TEXT = {
  notPublishable: {
    es: (n: number, first: string) => (n === 1 ? `El formulario no se puede publicar: ${first}` : `El formulario tiene ${n} problemas y no se puede publicar. El primero: ${first}`),
    en: (n: number, first: string) => (n === 1 ? `The form cannot be published: ${first}` : `The form has ${n} problems and cannot be published. The first: ${first}`),
  },
  invalidAnswers: {
    es: (n: number, first: string) => (n === 1 ? first : `Hay ${n} respuestas con errores. ${first}`),
    en: (n: number, first: string) => (n === 1 ? first : `${n} answers have errors. ${first}`),
  },
  noForm: { es: 'Estos registros no tienen formulario publicado: no se aceptan respuestas adicionales.', en: 'No form is published for these records: extra answers are not accepted.' },
};

/** JSON with object keys sorted: PostgreSQL's jsonb gives a stored definition back in another key order. */
const stable = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
};
/** What decides behaviour, without the version number: two publishes of the same form are one version. */
const fingerprint = (definition: FormDefinition) => createHash('sha256').update(stable({ ...definition, version: 0 })).digest('hex');

export const POPULATE_STORED = { sections: { populate: { fields: { populate: { codeList: { fields: ['key'] } } } } } } as const;

export const createDefinitionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const versions = () => strapi.db.query(FORM_VERSION_UID as never);

  async function codeLists(): Promise<Map<string, CodeListState>> {
    const lists = (await strapi.db.query(CODE_LIST_UID as never).findMany({ select: ['key'], populate: { items: { select: ['code', 'active'] } } })) as Array<{ key: string; items?: Array<{ code: string; active?: boolean | null }> }>;
    return new Map(lists.map((l) => [l.key, { all: new Set((l.items ?? []).map((i) => i.code)), active: new Set((l.items ?? []).filter((i) => i.active !== false).map((i) => i.code)) }]));
  }

  async function latest(target: string): Promise<VersionedForm | null> {
    const row = (await versions().findOne({ where: { target }, orderBy: { version: 'desc' } })) as { version: number; definition: FormDefinition } | null;
    return row ? { version: row.version, definition: row.definition } : null;
  }

  const service = {
    codeLists,
    latest,

    async version(target: string, version: number): Promise<VersionedForm | null> {
      const row = (await versions().findOne({ where: { target, version } })) as { version: number; definition: FormDefinition } | null;
      return row ? { version: row.version, definition: row.definition } : null;
    },

    async versionNumbers(target: string): Promise<number[]> {
      const rows = (await versions().findMany({ where: { target }, select: ['version'], orderBy: { version: 'asc' } })) as Array<{ version: number }>;
      return rows.map((r) => r.version);
    },

    /**
     * The statistics hook: fields flagged for statistics in any version of the target's form, as last
     * published (key, type, code list, labels), so old records group with new ones. Never free text,
     * people or files (the definition check refuses those as dimensions).
     */
    async statisticsDimensions(target: string): Promise<Array<Pick<FormField, 'key' | 'type' | 'codeList' | 'labelEs' | 'labelEn'>>> {
      const rows = (await versions().findMany({ where: { target }, select: ['definition'], orderBy: { version: 'asc' } })) as Array<{ definition: FormDefinition }>;
      const byKey = new Map<string, FormField>();
      for (const row of rows) for (const field of fieldsOf(row.definition)) if (field.statistics) byKey.set(field.key, field);
      return [...byKey.values()].map(({ key, type, codeList, labelEs, labelEn }) => ({ key, type, codeList: codeList ?? null, labelEs, labelEn }));
    },

    /** Keys any version of the target's form marked sensitive: once sensitive, an answer stays protected. */
    async sensitiveKeys(target: string): Promise<Set<string>> {
      const rows = (await versions().findMany({ where: { target }, select: ['definition'] })) as Array<{ definition: FormDefinition }>;
      return new Set(rows.flatMap((r) => fieldsOf(r.definition).filter((f) => f.sensitive).map((f) => f.key)));
    },

    /** Fields earlier versions had and the version in force no longer has, as last published: old answers keep their labels. */
    async retiredFields(target: string): Promise<FormField[]> {
      const rows = (await versions().findMany({ where: { target }, select: ['version', 'definition'], orderBy: { version: 'asc' } })) as Array<{ definition: FormDefinition }>;
      const last = rows.at(-1);
      if (!last) return [];
      const byKey = new Map<string, FormField>();
      for (const row of rows) for (const field of fieldsOf(row.definition)) byKey.set(field.key, field);
      for (const field of fieldsOf(last.definition)) byKey.delete(field.key);
      return [...byKey.values()];
    },

    /** The draft of a form as the rules see it, numbered as the version it would become. */
    async draftOf(documentId: string): Promise<FormDefinition | null> {
      const stored = (await strapi.documents(FORM_DEFINITION_UID as never).findOne({ documentId, status: 'draft', populate: POPULATE_STORED } as never)) as unknown as StoredForm | null;
      if (!stored) return null;
      const current = stored.target ? await latest(stored.target) : null;
      return definitionFromStored(stored, (current?.version ?? 0) + 1);
    },

    /** Every problem that keeps a draft from being published, on the admin panel's paths. */
    async publishProblems(definition: FormDefinition, lang: Lang): Promise<FieldProblem[]> {
      const lists = await codeLists();
      const problems = definitionProblems(definition, { codeLists: new Map([...lists].map(([k, v]) => [k, v.all])), lang });
      const current = await latest(definition.target);
      if (problems.length === 0 && current) problems.push(...versionProblems(current.definition, definition, lang));
      return problems.map((p) => storedPath(definition, p));
    },

    assertPublishable(problems: FieldProblem[], lang: Lang): void {
      if (problems.length === 0) return;
      throw new errors.ValidationError(TEXT.notPublishable[lang](problems.length, problems[0].message), { errors: problems });
    },

    /** Freezes the definition as its target's next version, unless it is the version in force already. */
    async freeze(definition: FormDefinition): Promise<VersionedForm> {
      const current = await latest(definition.target);
      if (current && fingerprint(current.definition) === fingerprint(definition)) return current;
      const version = (current?.version ?? 0) + 1;
      const frozen = { ...definition, version };
      await versions().create({ data: { target: definition.target, formKey: definition.key, version, definition: frozen, frozenAt: new Date().toISOString() } });
      return { version, definition: frozen };
    },

    /**
     * Checks a record's answers against the form in force for its target. Returns what to store, or
     * throws a 400 whose errors sit under `custom.<key>`.
     */
    async checkAnswers(target: FormTarget, input: unknown, previous: Answers | null, lang: Lang): Promise<{ custom: Answers | null; version: number | null }> {
      const form = await latest(target);
      const empty = input === null || input === undefined || (typeof input === 'object' && !Array.isArray(input) && Object.keys(input as object).length === 0);
      if (!form) {
        if (empty) return { custom: previous && Object.keys(previous).length ? previous : null, version: null };
        throw new errors.ValidationError(TEXT.noForm[lang], { errors: [{ path: ['custom'], message: TEXT.noForm[lang] }] });
      }
      const lists = await codeLists();
      const result = validateAnswers(form.definition, input, { lang, previous, activeCodes: new Map([...lists].map(([k, v]) => [k, v.active])) });
      if (!result.ok) {
        const placed = result.errors.map((e) => ({ path: ['custom', ...e.path], message: e.message }));
        throw new errors.ValidationError(TEXT.invalidAnswers[lang](placed.length, placed[0].message), { errors: placed });
      }
      return { custom: result.value, version: form.version };
    },
  };
  return service;
};

export type DefinitionsService = ReturnType<typeof createDefinitionsService>;
