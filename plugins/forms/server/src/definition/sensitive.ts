// Sensitive answers follow the field-level access rules: only roles that may read a victim profile's
// answers (plugins/access fields.ts) read or change the answers a form marks sensitive, on any kind
// of record. Others get records without them, and their saves keep them as they were. Pure.
import type { Answers } from './types';

/** The answers without the sensitive ones. */
export function withoutSensitive(answers: unknown, sensitive: ReadonlySet<string>): unknown {
  if (!answers || typeof answers !== 'object' || Array.isArray(answers) || sensitive.size === 0) return answers;
  return Object.fromEntries(Object.entries(answers as Answers).filter(([key]) => !sensitive.has(key)));
}

/**
 * What a caller who may not see sensitive answers sends, made whole: the record's sensitive answers
 * are put back as they were. Returns the keys they tried to set, which are refused.
 */
export function keepSensitive(input: unknown, previous: Answers | null, sensitive: ReadonlySet<string>): { merged: unknown; attempted: string[] } {
  if (!input || typeof input !== 'object' || Array.isArray(input) || sensitive.size === 0) return { merged: input, attempted: [] };
  const given = input as Answers;
  const attempted = Object.keys(given).filter((key) => sensitive.has(key) && JSON.stringify(given[key]) !== JSON.stringify(previous?.[key]));
  const kept = Object.fromEntries(Object.entries(previous ?? {}).filter(([key]) => sensitive.has(key)));
  return { merged: { ...(withoutSensitive(given, sensitive) as Answers), ...kept }, attempted };
}
