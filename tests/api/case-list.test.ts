// The case list's search, filters, sorting and paging are done by the server.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, qs } from '../support/api-client.ts';

const targets = inject('apiTargets');

describe.each(targets.map((t) => [t.name, t] as const))('the case list on %s', (_name, target) => {
  let chief: ApiClient;
  beforeAll(async () => {
    chief = await new ApiClient(target).as('titular.demo');
  });

  const list = async (params: Record<string, string | number>) => {
    const res = await chief.get(`/api/cases?${qs({ 'pagination[pageSize]': 100, ...params })}`);
    expect(res.status).toBe(200);
    return res.body as { data: Array<Record<string, any>>; meta: { pagination: { total: number } } };
  };

  it('filters by stage, type, province and year', async () => {
    const all = await list({});
    const sample = all.data[0];
    for (const field of ['stage', 'caseType', 'province', 'year']) {
      const res = await list({ [`filters[${field}][$eq]`]: sample[field] });
      expect(res.meta.pagination.total).toBeGreaterThan(0);
      expect(res.meta.pagination.total).toBeLessThanOrEqual(all.meta.pagination.total);
      for (const row of res.data) expect(row[field]).toBe(sample[field]);
    }
  });

  it('searches by case number or title, ignoring case', async () => {
    const all = await list({});
    const target = all.data[3];
    const byNumber = await list({ 'filters[$or][0][caseNumber][$containsi]': target.caseNumber.toLowerCase(), 'filters[$or][1][title][$containsi]': target.caseNumber.toLowerCase() });
    expect(byNumber.data.map((c) => c.caseNumber)).toEqual([target.caseNumber]);
    const word = 'OPERACIÓN';
    const byTitle = await list({ 'filters[$or][0][caseNumber][$containsi]': 'operación', 'filters[$or][1][title][$containsi]': 'operación' });
    expect(byTitle.meta.pagination.total).toBeGreaterThan(0);
    for (const row of byTitle.data) expect(row.title.toUpperCase()).toContain(word);
  });

  it('sorts by number, title and intake date in both directions', async () => {
    for (const field of ['caseNumber', 'title', 'intakeDate']) {
      const asc = (await list({ 'sort[0]': `${field}:asc` })).data.map((c) => c[field] as string);
      const desc = (await list({ 'sort[0]': `${field}:desc` })).data.map((c) => c[field] as string);
      expect(asc).toEqual([...asc].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(desc[0] >= desc[desc.length - 1]).toBe(true);
    }
  });

  it('pages without gaps or repeats', async () => {
    const seen: string[] = [];
    const first = await chief.get(`/api/cases?${qs({ 'pagination[pageSize]': 25, 'sort[0]': 'caseNumber:asc' })}`);
    const { pageCount, total } = first.body.meta.pagination;
    for (let page = 1; page <= pageCount; page += 1) {
      const res = await chief.get(`/api/cases?${qs({ 'pagination[page]': page, 'pagination[pageSize]': 25, 'sort[0]': 'caseNumber:asc' })}`);
      seen.push(...res.body.data.map((c: { caseNumber: string }) => c.caseNumber));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('never returns more than 100 rows in one page', async () => {
    const res = await chief.get(`/api/cases?${qs({ 'pagination[pageSize]': 5000 })}`);
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeLessThanOrEqual(100);
  });

  it('refuses a filter on a field that does not exist with a clear 400', async () => {
    const res = await chief.get(`/api/cases?${qs({ 'filters[inventado][$eq]': 'x' })}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('inventado');
  });

  it('serves the code lists the portal needs, with Spanish and English labels', async () => {
    const res = await chief.get(`/api/code-lists?${qs({ 'filters[key][$in][0]': 'province', 'filters[key][$in][1]': 'case-stage', populate: 'items' })}`);
    expect(res.status).toBe(200);
    const provinces = res.body.data.find((l: { key: string }) => l.key === 'province');
    expect(provinces.items).toHaveLength(32);
    const stages = res.body.data.find((l: { key: string }) => l.key === 'case-stage');
    expect(stages.items.map((i: { code: string }) => i.code)).toContain('investigation');
    expect(stages.items[0].labelEs).toBeTruthy();
    expect(stages.items[0].labelEn).toBeTruthy();
  });
});
