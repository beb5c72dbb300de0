// The statistics part of `npm run bench` (a benchmark, never a test): on the scale file, the
// dashboard's indicators for one year through the tables service (in-process) and over HTTP as the
// statistician (one after another, and all at once as the dashboard fires them), against the same
// aggregates written by hand in SQL on the same file; then a yearly report of every indicator in the
// catalogue through the tables service. Writes its own marked section of docs/performance.md.
import fs from 'node:fs';
import os from 'node:os';
import { generateSync } from 'otplib';
import { requireCjs, withStrapi } from './strapi-app.ts';
import type { TablesService } from '../../plugins/statistics/server/src/services/tables.ts';
import type { IndicatorsService } from '../../plugins/statistics/server/src/services/indicators.ts';
import type { CountTable } from '../../plugins/statistics/server/src/suppression/suppress.ts';

type Statement = { all(...args: unknown[]): unknown[]; get(...args: unknown[]): unknown };
type Database = { prepare(sql: string): Statement; pragma(sql: string): unknown; close(): void };
const BetterSqlite = requireCjs('better-sqlite3') as new (file: string, options?: object) => Database;

/** What the dashboard shows (the contract's list); those the catalogue does not have yet are skipped. */
export const DASHBOARD_KEYS = ['cases-by-stage', 'cases-opened-by-month', 'cases-by-province', 'victims-by-citizenship-exploitation', 'victims-by-sex-age', 'deadline-compliance'];

const ROUNDS = Number(process.env.BENCH_STAT_ROUNDS ?? 15);
const REPORT_ROUNDS = Number(process.env.BENCH_REPORT_ROUNDS ?? 3);
const WARMUP = 2;

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
export const p95 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))] ?? NaN;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

// ---------------------------------------------------------------------------------------------
// The same aggregates, written by hand for SQLite: one GROUP BY each, straight over the tables.
// Column `r` and `c` codes as the catalogue's dimensions code them ('unknown' for nothing known).

const U = "'unknown'";
const CASE_YEAR = 'c.intake_date >= ? AND c.intake_date <= ?';
const casesBy = (r: string) => `SELECT ${r} AS r, COALESCE(NULLIF(c.case_type, ''), ${U}) AS c, count(*) AS n FROM cases c WHERE ${CASE_YEAR} GROUP BY 1, 2`;
/**
 * Victims once per case: distinct (case, person) pairs of a victim role, natural persons. The year's
 * case ids first (`IN`): SQLite then walks the parties in case order (measured faster than a plain
 * join on the date, whose plan reads every party link).
 */
const victimsBy = (roles: string[], r: string, c: string, extraJoin = '') => `SELECT r, c, count(*) AS n FROM (
  SELECT DISTINCT pc.case_id, pp.person_id, ${r} AS r, ${c} AS c
  FROM cases c
  JOIN case_parties_case_lnk pc ON pc.case_id = c.id
  JOIN case_parties cp ON cp.id = pc.case_party_id
  JOIN case_parties_person_lnk pp ON pp.case_party_id = cp.id
  JOIN people p ON p.id = pp.person_id
  LEFT JOIN victim_profiles_person_lnk vpp ON vpp.person_id = p.id
  LEFT JOIN victim_profiles vp ON vp.id = vpp.victim_profile_id
  ${extraJoin}
  WHERE c.id IN (SELECT c.id FROM cases c WHERE ${CASE_YEAR}) AND cp.role IN (${roles.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}) AND p.person_kind = 'natural'
) GROUP BY r, c`;
const AGE = "COALESCE(vp.age_at_identification, CAST(substr(c.intake_date, 1, 4) AS INTEGER) - p.birth_year)";
const AGE_GROUP = `CASE WHEN ${AGE} IS NULL THEN ${U} WHEN ${AGE} < 12 THEN '0-11' WHEN ${AGE} < 18 THEN '12-17' WHEN ${AGE} < 30 THEN '18-29' WHEN ${AGE} < 50 THEN '30-49' ELSE '50+' END`;
const FORMS = `LEFT JOIN json_each(COALESCE(
    CASE WHEN json_type(vp.exploitation_forms) = 'array' AND json_array_length(vp.exploitation_forms) > 0 THEN vp.exploitation_forms END,
    CASE WHEN json_type(c.exploitation_forms) = 'array' THEN c.exploitation_forms END)) AS f ON 1 = 1`;

/**
 * A deadline's standing as OPERATIONAL's deadline-compliance counts it (met in time; breached: met
 * late, or cancelled after it ran out; open and past due; open), for deadlines of the year's cases.
 * `now` is written in: the service takes its own instant, so a deadline falling due in between
 * could differ (then the comparison says so and the indicator is timed only).
 */
const deadlineCompliance = (now: number) => `SELECT COALESCE(NULLIF(d.rule_key, ''), ${U}) AS r,
    CASE WHEN d.status = 'met' AND (d.closed_at IS NULL OR d.closed_at <= d.due_at) THEN 'met'
         WHEN d.status IN ('met', 'cancelled') THEN 'breached'
         WHEN d.due_at < ${Math.floor(now)} THEN 'open-overdue'
         ELSE 'open' END AS c, count(*) AS n
  FROM cases c
  JOIN case_deadlines_case_lnk dl ON dl.case_id = c.id
  JOIN case_deadlines d ON d.id = dl.case_deadline_id
  WHERE c.id IN (SELECT c.id FROM cases c WHERE ${CASE_YEAR}) AND d.status IN ('open', 'met', 'cancelled')
    AND NOT (d.status = 'cancelled' AND (d.closed_at IS NULL OR d.closed_at <= d.due_at))
  GROUP BY 1, 2`;

/** Hand-written SQL by indicator key; each takes (from, to). Keys missing here are timed but not compared. */
export function handWritten(victimRoles: string[], now = Date.now()): Record<string, string> {
  return {
    'cases-by-stage': casesBy(`COALESCE(NULLIF(c.stage, ''), ${U})`),
    'cases-opened-by-month': casesBy('substr(c.intake_date, 6, 2)'),
    'cases-by-province': casesBy(`COALESCE(NULLIF(c.province, ''), ${U})`),
    'victims-by-sex-age': victimsBy(victimRoles, `COALESCE(NULLIF(vp.sex, ''), NULLIF(p.sex, ''), ${U})`, AGE_GROUP),
    'victims-by-citizenship-exploitation': victimsBy(victimRoles, `COALESCE(NULLIF(vp.nationality, ''), NULLIF(p.nationality, ''), ${U})`, `COALESCE(f.value, ${U})`, FORMS),
    'deadline-compliance': deadlineCompliance(now),
  };
}

/** The indicators this module defines the counting of (a disagreement there is a bug); others' are compared when they agree. */
const OWN = new Set(['cases-by-stage', 'cases-opened-by-month', 'cases-by-province', 'victims-by-sex-age', 'victims-by-citizenship-exploitation']);

type Group = { r: unknown; c: unknown; n: number };

/** The raw groups agree with the service's unsuppressed table cell by cell (and so in total); the problem otherwise. */
function disagreement(key: string, table: CountTable, groups: Group[]): string | null {
  const at = (list: string[], code: string) => list.indexOf(code);
  let rawTotal = 0;
  for (const g of groups) {
    rawTotal += Number(g.n);
    const i = at(table.rows, String(g.r ?? 'unknown'));
    const j = at(table.columns, String(g.c ?? 'unknown'));
    if (i < 0 || j < 0) return `${key}: hand-written SQL has a group (${String(g.r)}, ${String(g.c)}) the service's table lacks`;
    if (table.cells[i]![j] !== Number(g.n)) return `${key}: cell (${String(g.r)}, ${String(g.c)}) is ${table.cells[i]![j]} in the service, ${g.n} in hand-written SQL`;
  }
  const total = table.cells.flat().reduce((a, b) => a + b, 0);
  return total === rawTotal ? null : `${key}: total ${total} in the service, ${rawTotal} in hand-written SQL`;
}

// ---------------------------------------------------------------------------------------------

export interface Timing { median: number; p95: number }
const timing = (values: number[]): Timing => ({ median: median(values), p95: p95(values) });

export interface InProcessResult {
  year: number;
  cases: number; parties: number; victims: number; deadlines: number;
  dashboardKeys: string[]; comparedKeys: string[]; notCompared: string[]; disagreements: string[];
  perIndicator: Array<{ key: string; service: Timing; raw: Timing | null; total: number }>;
  /** The compared indicators one after another, per round: service and raw. */
  dashboardService: Timing; dashboardRaw: Timing;
  /** Every dashboard indicator through the service, compared or not. */
  dashboardServiceAll: Timing;
  report: { indicators: number; seconds: number[]; slowest: Array<{ key: string; ms: number }>; failed: Array<{ key: string; message: string }> };
}

/**
 * In-process, before any server runs: the tables service (code lists, SQL, suppression, labels) and
 * the hand-written SQL, interleaved round by round on the same file; then the yearly report.
 */
export async function statisticsInProcess(file: string, year: number): Promise<InProcessResult> {
  return withStrapi({ DATABASE_FILENAME: file, DATABASE_URL: '' }, async (strapi) => {
    const tables = strapi.plugin('statistics').service('tables') as TablesService;
    const indicators = strapi.plugin('statistics').service('indicators') as IndicatorsService;
    const catalogue = (await tables.catalogue('es')).data;
    const keys = catalogue.map((i) => i.key);
    const dashboardKeys = DASHBOARD_KEYS.filter((k) => keys.includes(k));
    const request = await tables.request({ year: String(year) }, 'es');

    const db = new BetterSqlite(file, { readonly: true, fileMustExist: true });
    const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
    const hand = handWritten(await indicators.kit.victimRoles());
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;

    // The hand-written SQL must count what the service counts, before suppression, cell by cell
    // (the table is assembled without code lists: only counted codes, which is what is compared).
    const totals = new Map<string, number>();
    const statements = new Map<string, Statement>();
    const disagreements: string[] = [];
    for (const key of dashboardKeys.filter((k) => hand[k])) {
      const statement = db.prepare(hand[key]!);
      const table = await indicators.count(key, request.scope, new Map());
      const problem = disagreement(key, table, statement.all(from, to) as Group[]);
      if (problem && OWN.has(key)) throw new Error(`the benchmark would compare different queries: ${problem}`);
      if (problem) { disagreements.push(problem); continue; }
      statements.set(key, statement);
      totals.set(key, table.cells.flat().reduce((a, b) => a + b, 0));
    }
    const comparedKeys = dashboardKeys.filter((k) => statements.has(k));

    const serviceTimes = new Map<string, number[]>(dashboardKeys.map((k) => [k, []]));
    const rawTimes = new Map<string, number[]>(comparedKeys.map((k) => [k, []]));
    const dashService: number[] = [];
    const dashServiceAll: number[] = [];
    const dashRaw: number[] = [];
    for (let round = 0; round < WARMUP + ROUNDS; round += 1) {
      const keep = round >= WARMUP;
      const runService = async () => {
        let compared = 0;
        let all = 0;
        for (const key of dashboardKeys) {
          const start = process.hrtime.bigint();
          await tables.answerFor(key, request, 'es');
          const took = ms(start);
          all += took;
          if (statements.has(key)) compared += took;
          if (keep) serviceTimes.get(key)!.push(took);
        }
        if (keep) { dashService.push(compared); dashServiceAll.push(all); }
      };
      const runRaw = () => {
        let sum = 0;
        for (const key of comparedKeys) {
          const start = process.hrtime.bigint();
          statements.get(key)!.all(from, to);
          const took = ms(start);
          sum += took;
          if (keep) rawTimes.get(key)!.push(took);
        }
        if (keep) dashRaw.push(sum);
      };
      // Alternate which goes first, so neither always finds the page cache warmer.
      if (round % 2) { runRaw(); await runService(); } else { await runService(); runRaw(); }
    }

    // The yearly report: every indicator of the catalogue, one after another, end to end.
    const reportSeconds: number[] = [];
    let lastPer: Array<{ key: string; ms: number }> = [];
    const failed: Array<{ key: string; message: string }> = [];
    for (let round = 0; round < REPORT_ROUNDS; round += 1) {
      const per: Array<{ key: string; ms: number }> = [];
      const start = process.hrtime.bigint();
      for (const key of keys) {
        const one = process.hrtime.bigint();
        try {
          await tables.answer(key, { year: String(year) }, 'es');
        } catch (error) {
          if (round === 0) failed.push({ key, message: (error as Error).message });
        }
        per.push({ key, ms: ms(one) });
      }
      reportSeconds.push(ms(start) / 1000);
      lastPer = per;
    }

    const result: InProcessResult = {
      year,
      cases: count('SELECT count(*) AS n FROM cases'),
      parties: count('SELECT count(*) AS n FROM case_parties'),
      victims: count('SELECT count(*) AS n FROM victim_profiles'),
      deadlines: count('SELECT count(*) AS n FROM case_deadlines'),
      dashboardKeys, comparedKeys, notCompared: dashboardKeys.filter((k) => !statements.has(k)), disagreements,
      perIndicator: dashboardKeys.map((key) => ({ key, service: timing(serviceTimes.get(key)!), raw: rawTimes.has(key) ? timing(rawTimes.get(key)!) : null, total: totals.get(key) ?? NaN })),
      dashboardService: timing(dashService), dashboardRaw: timing(dashRaw), dashboardServiceAll: timing(dashServiceAll),
      report: { indicators: keys.length, seconds: reportSeconds, slowest: [...lastPer].sort((a, b) => b.ms - a.ms).slice(0, 3), failed },
    };
    db.close();
    return result;
  });
}

// ---------------------------------------------------------------------------------------------

export interface Credentials { username: string; password: string; totpSecret: string }

/** A keep-alive socket the server has just closed fails once: such a request is sent again, once. */
const fetchOnceMore = (url: string, init?: RequestInit) => fetch(url, init).catch(() => fetch(url, init));

/** Signs in with password and second factor; answers the access token. */
export async function signIn(base: string, who: Credentials): Promise<string> {
  const post = async (route: string, body: object) => (await fetchOnceMore(`${base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
  const step = (await post('/api/access/login', { identifier: who.username, password: who.password })) as { challenge?: string };
  if (!step.challenge) throw new Error(`${who.username} could not sign in`);
  const signed = (await post('/api/access/login/totp', { challenge: step.challenge, code: generateSync({ secret: who.totpSecret, epoch: Math.floor(Date.now() / 1000) + 30 }) })) as { accessToken?: string };
  if (!signed.accessToken) throw new Error(`${who.username} could not pass the second factor`);
  return signed.accessToken;
}

export interface HttpResult { sequential: Timing; concurrent: Timing; perIndicator: Array<{ key: string; timing: Timing }>; publishedTotals: Record<string, number | null> }

/** The dashboard over HTTP as the statistician: the indicators one after another, and all at once. */
export async function statisticsOverHttp(base: string, token: string, year: number, keys: string[], expected: Map<string, number>): Promise<HttpResult> {
  const headers = { authorization: `Bearer ${token}`, 'accept-language': 'es' };
  const get = async (key: string) => {
    const url = `${base}/api/statistics/indicators/${encodeURIComponent(key)}?year=${year}`;
    const res = await fetchOnceMore(url, { headers });
    if (res.status !== 200) throw new Error(`${key} answered ${res.status}`);
    return (await res.json()) as { data: { total: { value: number | null; suppressed: string | null } } };
  };
  const publishedTotals: Record<string, number | null> = {};
  for (const key of keys) {
    const total = (await get(key)).data.total;
    publishedTotals[key] = total.value;
    // Where the total is published it is the unsuppressed total (the hand-written SQL's).
    const want = expected.get(key);
    if (total.suppressed === null && want !== undefined && total.value !== want) throw new Error(`${key}: the API publishes a total of ${total.value}, hand-written SQL counts ${want}`);
  }
  const per = new Map<string, number[]>(keys.map((k) => [k, []]));
  const sequential: number[] = [];
  const concurrent: number[] = [];
  for (let round = 0; round < WARMUP + ROUNDS; round += 1) {
    const keep = round >= WARMUP;
    let start = process.hrtime.bigint();
    for (const key of keys) {
      const one = process.hrtime.bigint();
      await get(key);
      if (keep) per.get(key)!.push(ms(one));
    }
    if (keep) sequential.push(ms(start));
    start = process.hrtime.bigint();
    await Promise.all(keys.map(get));
    if (keep) concurrent.push(ms(start));
  }
  return { sequential: timing(sequential), concurrent: timing(concurrent), perIndicator: keys.map((key) => ({ key, timing: timing(per.get(key)!) })), publishedTotals };
}

// ---------------------------------------------------------------------------------------------

const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');

export function statisticsReport(inproc: InProcessResult, http: HttpResult | null): string {
  const ratio = inproc.dashboardService.median / inproc.dashboardRaw.median;
  const rows = inproc.perIndicator.map((i) => {
    const h = http?.perIndicator.find((p) => p.key === i.key)?.timing;
    return `| ${i.key} | ${Number.isFinite(i.total) ? i.total.toLocaleString('en') : 'not compared'} | ${f(i.service.median)} ms (p95 ${f(i.service.p95)}) | ${h ? `${f(h.median)} ms (p95 ${f(h.p95)})` : '—'} | ${i.raw ? `${f(i.raw.median)} ms` : '—'} | ${i.raw ? `${(i.service.median / i.raw.median).toFixed(2)}×` : '—'} |`;
  });
  const reportMedian = median(inproc.report.seconds);
  return [
    `### Statistics, run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `SQLite, ${inproc.cases.toLocaleString('en')} cases, ${inproc.parties.toLocaleString('en')} parties, ${inproc.victims.toLocaleString('en')} victim profiles, ${inproc.deadlines.toLocaleString('en')} deadlines; the year ${inproc.year}. ${ROUNDS} rounds after ${WARMUP} warm-up ones; ${os.cpus().length} cores shared with other work, Node ${process.versions.node}.`,
    `Dashboard indicators: ${inproc.dashboardKeys.join(', ')}${inproc.notCompared.length ? ` (not compared with hand-written SQL: ${inproc.notCompared.join(', ')})` : ''}.${inproc.disagreements.length ? ` Hand-written SQL disagreed, so not compared: ${inproc.disagreements.join('; ')}.` : ''}`,
    '',
    `- Dashboard through the tables service (code lists, SQL, suppression, labels; in-process): **${f(inproc.dashboardService.median)} ms** median (p95 ${f(inproc.dashboardService.p95)}) for the ${inproc.comparedKeys.length} compared indicators, against **${f(inproc.dashboardRaw.median)} ms** (p95 ${f(inproc.dashboardRaw.p95)}) for the same aggregates in hand-written SQL: **${ratio.toFixed(2)}×** (target: at most 2×).${inproc.notCompared.length ? ` All ${inproc.dashboardKeys.length}: ${f(inproc.dashboardServiceAll.median)} ms.` : ''}`,
    http
      ? `- Dashboard over HTTP as the statistician: **${f(http.concurrent.median)} ms** median (p95 ${f(http.concurrent.p95)}) with the ${inproc.dashboardKeys.length} requests fired at once as the portal does, ${f(http.sequential.median)} ms (p95 ${f(http.sequential.p95)}) one after another (target: under 500 ms).`
      : '- Dashboard over HTTP: not measured in this run.',
    `- Yearly report, every indicator of the catalogue (${inproc.report.indicators}) through the tables service, one after another: **${inproc.report.seconds.map((s) => s.toFixed(2)).join(' s, ')} s** over ${inproc.report.seconds.length} rounds (median ${reportMedian.toFixed(2)} s; target under 10 s). Slowest: ${inproc.report.slowest.map((s) => `${s.key} ${f(s.ms)} ms`).join(', ')}.${inproc.report.failed.length ? ` Not answered: ${inproc.report.failed.map((x) => `${x.key} (${x.message})`).join('; ')}.` : ''}`,
    '',
    '| indicator | units counted (unsuppressed) | tables service | HTTP, one at a time | hand-written SQL | service / SQL |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    'The hand-written SQL (scripts/lib/statistics-bench.ts) gives the service\'s unsuppressed counts cell by cell, checked before timing; over HTTP every published total equals it. It runs in-process through better-sqlite3 and returns the groups only; the service also reads the code lists, suppresses and labels.',
    '',
  ].join('\n');
}

export const STATISTICS_BEGIN = '<!-- bench:statistics -->';
export const STATISTICS_END = '<!-- /bench:statistics -->';

/** Replaces the statistics run between its markers (placed before `beforeMarker` the first time). */
export function writeStatisticsSection(docFile: string, report: string, beforeMarker: string): void {
  const doc = fs.readFileSync(docFile, 'utf8');
  const block = `${STATISTICS_BEGIN}\n\n${report}\n${STATISTICS_END}`;
  const begin = doc.indexOf(STATISTICS_BEGIN);
  const end = doc.indexOf(STATISTICS_END);
  let next: string;
  if (begin >= 0 && end > begin) next = `${doc.slice(0, begin)}${block}${doc.slice(end + STATISTICS_END.length)}`;
  else {
    const at = doc.indexOf(beforeMarker);
    next = at >= 0 ? `${doc.slice(0, at)}${block}\n\n${doc.slice(at)}` : `${doc}\n${block}\n`;
  }
  fs.writeFileSync(docFile, next);
}
