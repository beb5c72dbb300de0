// The operational indicators' units: the intervals between steps of a case (from the move history),
// the legal deadlines of the period's cases and how they stand, and whether each complaint was
// investigated. All in SQL; the medians of the intervals are in services/measures/operational.ts.
import { DEADLINE_RULE_LOOKUP } from '../../indicators/catalogue-operational';
import type { CodeItem } from '../../indicators/table';
import type { IndicatorScope } from '../../indicators/query';
import { CASE_DEADLINE_UID, CASE_MOVE_UID, CASE_UID, DEADLINE_RULE_UID, SOP_RUN_STEP_UID, SOP_RUN_UID } from '../../uids';
import type { Sql, SqlKit, UnitsOf } from '../sql-kit';

/** Stages of the default workflows the intervals end in (codes of the case-stage list). */
export const STAGES = { arrest: 'arrest', coerciveMeasure: 'coercive-measure', conclusiveAct: 'conclusive-act', judgment: 'judgment', intake: 'intake', closed: 'closed' } as const;
/** The SOP step that records the coercive-measure request (the guard into coercive-measure asks for it too). */
export const COERCION_REQUEST_STEP = 'coercion-request';
/** The office's day starts at 00:00 UTC-4: a date (the intake date) is that instant, as the deadlines take it. */
const OFFICE_DAY_START_MS = 4 * 3600 * 1000;
const DAY_MS = 86_400_000;

/** A datetime column as epoch milliseconds (SQLite keeps epoch ms; PostgreSQL a timestamp, in UTC). */
export function instantMs(kit: SqlKit, column: string): string {
  if (kit.isPostgres()) return `(EXTRACT(EPOCH FROM ${column}) * 1000)`;
  // A value written as text by hand rather than by Strapi is read as a date-time string.
  return `(CASE WHEN typeof(${column}) IN ('integer', 'real') THEN ${column} ELSE (julianday(${column}) - 2440587.5) * ${DAY_MS}.0 END)`;
}

/** A date column ('YYYY-MM-DD' text on SQLite, a date on PostgreSQL) as the epoch ms of the start of that office day. */
export function dayStartMs(kit: SqlKit, column: string): string {
  if (kit.isPostgres()) return `(EXTRACT(EPOCH FROM CAST(${column} AS timestamp)) * 1000 + ${OFFICE_DAY_START_MS})`;
  return `((julianday(${column}) - 2440587.5) * ${DAY_MS}.0 + ${OFFICE_DAY_START_MS})`;
}

/** Per case, the first time it entered each of `stages` (the earliest move into it). */
function firstEntries(kit: SqlKit, stages: string[]): string {
  const moveCase = kit.link(CASE_MOVE_UID, 'case');
  return `(SELECT ml.${moveCase.to} AS case_id, m.to_state AS stage, MIN(m.moved_at) AS at
    FROM ${kit.table(CASE_MOVE_UID)} m JOIN ${moveCase.name} ml ON ml.${moveCase.from} = m.id
    WHERE m.to_state IN (${stages.map((s) => `'${s}'`).join(', ')})
    GROUP BY ml.${moveCase.to}, m.to_state)`;
}

/** Per case, when its coercive-measure request was first recorded (the SOP step ticked done). */
function coercionRequests(kit: SqlKit): string {
  const stepRun = kit.link(SOP_RUN_STEP_UID, 'run');
  const runCase = kit.link(SOP_RUN_UID, 'case');
  return `(SELECT rl.${runCase.to} AS case_id, MIN(s.done_at) AS at
    FROM ${kit.table(SOP_RUN_STEP_UID)} s JOIN ${stepRun.name} sl ON sl.${stepRun.from} = s.id JOIN ${runCase.name} rl ON rl.${runCase.from} = sl.${stepRun.to}
    WHERE s.key = '${COERCION_REQUEST_STEP}' AND s.status = 'done' AND s.done_at IS NOT NULL
    GROUP BY rl.${runCase.to})`;
}

/**
 * Every completed interval of the period's cases, one row per case and interval, with columns
 * case_id, r (interval), c (case type) and days (fractional). An interval counts only when both its
 * ends are on record and the end is not before the start:
 * - arrest-to-coercive-measure: first entry into `arrest` → the earlier of the first coercive-measure
 *   request recorded (SOP step `coercion-request` done) and the first entry into `coercive-measure`,
 *   each taken only at or after that arrest;
 * - intake-to-conclusive-act / intake-to-judgment: the intake date (00:00 office time) → the first
 *   entry into `conclusive-act` / `judgment`.
 */
export function intervalsOf(kit: SqlKit, scope: IndicatorScope): Sql {
  const entries = firstEntries(kit, [STAGES.arrest, STAGES.coerciveMeasure, STAGES.conclusiveAct, STAGES.judgment]);
  const ms = (column: string) => instantMs(kit, column);
  const atOrAfter = (column: string, start: string) => `CASE WHEN ${ms(column)} >= ${start} THEN ${ms(column)} END`;
  const measure = atOrAfter('cm.at', ms('a.at'));
  const request = atOrAfter('rq.at', ms('a.at'));
  // SQLite's min(x, y) is NULL when either is; LEAST is PostgreSQL's: spelled out for both.
  const earlier = `CASE WHEN (${measure}) IS NULL THEN (${request}) WHEN (${request}) IS NULL THEN (${measure}) WHEN (${request}) < (${measure}) THEN (${request}) ELSE (${measure}) END`;
  const fromIntake = (code: string, stage: string) => `SELECT e.case_id AS case_id, '${code}' AS r, ${dayStartMs(kit, 'k.intake_date')} AS start_ms, ${ms('e.at')} AS end_ms
      FROM ${entries} e JOIN ${kit.table(CASE_UID)} k ON k.id = e.case_id WHERE e.stage = '${stage}'`;
  const where = kit.scopeOf(scope);
  return {
    sql: `SELECT x.case_id AS case_id, x.r AS r, ${kit.known('c.case_type')} AS c, (x.end_ms - x.start_ms) / ${DAY_MS}.0 AS days
      FROM (
        SELECT a.case_id AS case_id, 'arrest-to-coercive-measure' AS r, ${ms('a.at')} AS start_ms, ${earlier} AS end_ms
          FROM ${entries} a
          LEFT JOIN ${entries} cm ON cm.case_id = a.case_id AND cm.stage = '${STAGES.coerciveMeasure}'
          LEFT JOIN ${coercionRequests(kit)} rq ON rq.case_id = a.case_id
          WHERE a.stage = '${STAGES.arrest}'
        UNION ALL ${fromIntake('intake-to-conclusive-act', STAGES.conclusiveAct)}
        UNION ALL ${fromIntake('intake-to-judgment', STAGES.judgment)}
      ) x
      JOIN ${kit.table(CASE_UID)} c ON c.id = x.case_id
      WHERE x.start_ms IS NOT NULL AND x.end_ms IS NOT NULL AND x.end_ms >= x.start_ms AND ${where.sql}`,
    bindings: where.bindings,
  };
}

/**
 * A deadline's standing: met in time; breached (met after its due instant, or ended unmet after it:
 * cancelled once run out); open and past due; open. A deadline cancelled before it ran out (a measure
 * lifted, the case closed in time) no longer runs and is not counted.
 */
function deadlinesOf(kit: SqlKit, scope: IndicatorScope): Sql {
  const deadlineCase = kit.link(CASE_DEADLINE_UID, 'case');
  const where = kit.scopeOf(scope);
  // "Now" as each database compares it with a datetime column.
  const now: string | number = kit.isPostgres() ? new Date().toISOString() : Date.now();
  return {
    sql: `SELECT d.id AS deadline_id, ${kit.known('d.rule_key')} AS r,
        CASE WHEN d.status = 'met' AND (d.closed_at IS NULL OR d.closed_at <= d.due_at) THEN 'met'
             WHEN d.status IN ('met', 'cancelled') THEN 'breached'
             WHEN d.due_at < ? THEN 'open-overdue'
             ELSE 'open' END AS c
      FROM ${kit.table(CASE_DEADLINE_UID)} d
      JOIN ${deadlineCase.name} dl ON dl.${deadlineCase.from} = d.id
      JOIN ${kit.table(CASE_UID)} c ON c.id = dl.${deadlineCase.to}
      WHERE d.status IN ('open', 'met', 'cancelled')
        AND NOT (d.status = 'cancelled' AND (d.closed_at IS NULL OR d.closed_at <= d.due_at))
        AND ${where.sql}`,
    bindings: [now, ...where.bindings],
  };
}

/**
 * Whether a complaint was investigated: it is in, or has ever been moved into, a stage other than
 * intake and closed (cases recorded before the move history count by their stage); else it is still
 * at intake, or was closed from intake.
 */
function investigatedOf(kit: SqlKit, scope: IndicatorScope): Sql {
  const moveCase = kit.link(CASE_MOVE_UID, 'case');
  const where = kit.scopeOf(scope);
  const outside = `NOT IN ('${STAGES.intake}', '${STAGES.closed}')`;
  return {
    sql: `SELECT c.id AS case_id, ${kit.known('c.origin')} AS r,
        CASE WHEN c.stage ${outside} OR EXISTS (SELECT 1 FROM ${kit.table(CASE_MOVE_UID)} m JOIN ${moveCase.name} ml ON ml.${moveCase.from} = m.id WHERE ml.${moveCase.to} = c.id AND m.to_state ${outside}) THEN 'investigated'
             WHEN c.stage = '${STAGES.closed}' THEN 'closed-at-intake'
             ELSE 'at-intake' END AS c
      FROM ${kit.table(CASE_UID)} c WHERE ${where.sql}`,
    bindings: where.bindings,
  };
}

export const OPERATIONAL_UNITS: Record<string, UnitsOf> = {
  'median-days-between-steps': (kit, scope) => {
    const intervals = intervalsOf(kit, scope);
    return { sql: `SELECT DISTINCT i.case_id AS case_id, i.r AS r, i.c AS c FROM (${intervals.sql}) i`, bindings: intervals.bindings };
  },
  'deadline-compliance': deadlinesOf,
  'complaints-investigated': investigatedOf,
};

/**
 * The deadline rules as row labels: one row per rule key, in the order the rules were entered (the
 * catalogue's), named as its latest version (by validFrom) is; a key whose every version is inactive
 * shows only when counted. Rule names are written in Spanish only, so both languages get them.
 */
async function deadlineRules(kit: SqlKit): Promise<CodeItem[]> {
  const rows = (await kit.strapi.db.query(DEADLINE_RULE_UID as never).findMany({ select: ['key', 'name', 'validFrom', 'active'], orderBy: [{ id: 'asc' }] })) as Array<{ key: string; name: string; validFrom: unknown; active?: boolean | null }>;
  const day = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ''));
  const byKey = new Map<string, CodeItem & { from: string }>();
  for (const row of rows) {
    const seen = byKey.get(row.key);
    const latest = !seen || day(row.validFrom) >= seen.from;
    byKey.set(row.key, {
      code: row.key, labelEs: latest ? row.name : seen.labelEs, labelEn: latest ? row.name : seen.labelEn, from: latest ? day(row.validFrom) : seen.from,
      sortOrder: seen?.sortOrder ?? byKey.size, active: (seen?.active ?? false) || row.active !== false,
    });
  }
  return [...byKey.values()].map(({ from: _from, ...item }) => item);
}

/** Lookups that label dimensions from records rather than code lists (Dimension.lookup). */
export const OPERATIONAL_LOOKUPS: Record<string, (kit: SqlKit) => Promise<CodeItem[]>> = { [DEADLINE_RULE_LOOKUP]: deadlineRules };
