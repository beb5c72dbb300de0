// npm run seed:scale -- --cases 100000 [--users 50]: fills a database (default data/scale.db, or
// DATABASE_URL) with synthetic cases, parties and team memberships for benchmarks. Cases are
// entered in intake-date order, as a real installation enters them; `--scattered` keeps the data
// set's random order instead (each year's cases spread over the whole file: a worse case).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateSecret } from 'otplib';
import { buildAll } from './lib/build.ts';
import { BENCH_CREDENTIALS, SCALE_DB } from './lib/paths.ts';
import { requireCjs, withStrapi } from './lib/strapi-app.ts';
import { scaleDeadlines, type RuleText } from './lib/scale-deadlines.ts';
import { inIntakeOrder } from './lib/scale-order.ts';

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}


async function main() {
  const cases = arg('cases', 100_000);
  const users = arg('users', 50);
  buildAll({ admin: false });
  const env: Record<string, string> = process.env.DATABASE_URL ? {} : { DATABASE_FILENAME: SCALE_DB };
  const started = Date.now();
  await withStrapi(env, async (strapi) => {
    const { buildDemoDataSet, demoNationalities } = requireCjs('../../cms/dist/src/seed/demo-data.js') as typeof import('../cms/src/seed/demo-data.ts');
    const { loadDataSet } = requireCjs('../../cms/dist/src/seed/load-data-set.js') as typeof import('../cms/src/seed/load-data-set.ts');
    const roleId = async (type: string) => ((await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } })) as { id: number }).id;
    const lines: string[] = [];
    const ids: number[] = [];
    // The prosecutors on the case teams, then one statistician (the statistics benchmark's caller).
    for (let i = 1; i <= users + 1; i += 1) {
      const statistician = i > users;
      const roleType = statistician ? 'statistician' : 'prosecutor';
      const username = statistician ? 'bench.estadistica' : `bench.fiscal.${String(i).padStart(2, '0')}`;
      const existing = (await strapi.db.query('plugin::users-permissions.user').findOne({ where: { username } })) as { id: number } | null;
      const password = randomBytes(18).toString('base64url');
      const user = existing ?? ((await strapi.plugin('users-permissions').service('user').add({ username, email: `${username}@bench.pett.invalid`, password, provider: 'local', confirmed: true, blocked: false, role: await roleId(roleType) })) as { id: number });
      if (existing) await strapi.plugin('users-permissions').service('user').edit(existing.id, { password });
      if (!statistician) ids.push(user.id);
      const totpSecret = generateSecret();
      await (strapi.plugin('access').service('signIn') as { enrol(userId: number, secret: string, step: number | null): Promise<string[]> }).enrol(user.id, totpSecret, null);
      lines.push([roleType, username, password, totpSecret].join('\t'));
    }
    // Written before the load, so the file always matches the passwords just set.
    fs.mkdirSync(path.dirname(BENCH_CREDENTIALS), { recursive: true, mode: 0o700 });
    fs.writeFileSync(BENCH_CREDENTIALS, `${lines.join('\n')}\n`, { mode: 0o600 });
    const lists = (await strapi.db.query('api::code-list.code-list').findMany({ where: { key: { $in: ['province', 'nationality'] } }, populate: ['items'] })) as Array<{ key: string; items: Array<{ code: string; labelEs: string; sortOrder?: number | null }> }>;
    const items = (key: string) => lists.find((l) => l.key === key)?.items ?? [];
    const built = buildDemoDataSet(cases, {
      provinces: items('province').map((i) => i.code),
      provinceLabels: Object.fromEntries(items('province').map((i) => [i.code, i.labelEs])),
      // The relevant nationalities and 'unknown', as before the list held every ISO code.
      nationalities: [...demoNationalities(items('nationality')), 'xx'],
    }, { seed: 1 });
    const data = process.argv.includes('--scattered') ? built : inIntakeOrder(built);
    const plan = (caseIndex: number) => [
      { userId: ids[caseIndex % ids.length], teamRole: 'lead-prosecutor', startDate: '2019-01-01', endDate: null },
      { userId: ids[(caseIndex * 7 + 3) % ids.length], teamRole: 'investigator', startDate: '2019-01-01', endDate: caseIndex % 10 === 0 ? '2024-01-01' : null },
    ];
    const { caseIds } = await loadDataSet(strapi, data, plan, { demo: true });
    // Deadlines, in bulk: the statistics dashboard counts their compliance.
    const { insertDocuments, insertLinks } = requireCjs('../../cms/dist/src/database/bulk.js') as typeof import('../cms/src/database/bulk.ts');
    const rules = (await strapi.db.query('api::deadline-rule.deadline-rule').findMany({ orderBy: { validFrom: 'asc' } })) as RuleText[];
    const deadlines = scaleDeadlines(data, rules);
    await strapi.db.transaction(async ({ trx }) => {
      const deadlineIds = await insertDocuments(strapi, trx as never, 'api::case-deadline.case-deadline', deadlines.map((d) => d.row));
      await insertLinks(strapi, trx as never, 'api::case-deadline.case-deadline', 'case', deadlines.map((d, i) => [deadlineIds[i], caseIds[d.caseIndex]]));
    });
    console.log(`[PETT] ${cases} casos sintéticos, ${data.parties.length} intervinientes, ${deadlines.length} plazos y ${cases * 2} miembros de equipo cargados en ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  });
}

await main();
