// The daily deadline alerts end to end on a real server: the job marks planted deadlines due soon
// or overdue and notifies the case team's prosecutors once; "my deadlines", the notifications and
// the ICS feed show each user only their own teams' deadlines, with no person data.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { caseFacts, executeSql, queryRows, userIds } from '../support/db-facts.ts';
import type { RunningTarget } from '../support/server-harness.ts';
import { addDays, bootWithFastAlerts, endOfOfficeDay, forceNextRun, officeToday, plantDeadline, waitForFirstRun } from './deadline-alerts-support.ts';

const names = [...new Set(inject('apiTargets').map((t) => t.name))];

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe.each(names)('deadline alerts on %s', (name) => {
  let target: RunningTarget;
  let users: Awaited<ReturnType<typeof userIds>>;
  const planted: Record<string, { id: number; documentId: string }> = {};
  let caseA: { id: number; documentId: string; number: string; title: string };
  let caseB: { id: number; documentId: string; number: string; title: string };
  const today = officeToday();

  beforeAll(async () => {
    target = await bootWithFastAlerts(name);
    await waitForFirstRun(target);
    users = await userIds(target);
    const fiscal1 = users.get('fiscal.demo1')!.id;
    const fiscal2 = users.get('fiscal.demo2')!.id;
    const investigator = users.get('investigador.demo')!.id;
    const facts = await caseFacts(target);
    const active = (m: { endDate: string | null; startDate: string }) => m.startDate <= today && (m.endDate === null || m.endDate >= today);
    const a = facts.find((c) => c.members.some((m) => m.userId === fiscal1 && m.teamRole === 'lead-prosecutor' && active(m)) && c.members.some((m) => m.userId === investigator && active(m)) && !c.members.some((m) => m.userId === fiscal2))!;
    const b = facts.find((c) => c.members.some((m) => m.userId === fiscal2 && m.teamRole === 'lead-prosecutor' && active(m)) && !c.members.some((m) => m.userId === fiscal1 || m.userId === investigator))!;
    expect(a && b, 'the demo data has a case of each prosecutor').toBeTruthy();
    const caseRow = async (id: number) => (await queryRows<{ document_id: string; case_number: string; title: string }>(target, `SELECT document_id, case_number, title FROM cases WHERE id = ${id}`))[0];
    const [ra, rb] = [await caseRow(a.caseId), await caseRow(b.caseId)];
    caseA = { id: a.caseId, documentId: ra.document_id, number: ra.case_number, title: ra.title };
    caseB = { id: b.caseId, documentId: rb.document_id, number: rb.case_number, title: rb.title };

    const nowMs = Date.now();
    planted.overdue = await plantDeadline(target, { caseId: caseA.id, ruleName: 'Solicitud de medida de coerción, 48 horas', due: '2020-01-10', dueAt: endOfOfficeDay('2020-01-10'), warnFrom: '2020-01-08' });
    planted.soon = await plantDeadline(target, { caseId: caseA.id, ruleName: 'Duración máxima de la investigación; con detenido', due: addDays(today, 3), dueAt: endOfOfficeDay(addDays(today, 3)), warnFrom: addDays(today, -1) });
    planted.later = await plantDeadline(target, { caseId: caseA.id, ruleName: 'Revisión del archivo provisional', due: addDays(today, 60), dueAt: endOfOfficeDay(addDays(today, 60)), warnFrom: addDays(today, 50) });
    planted.met = await plantDeadline(target, { caseId: caseA.id, ruleName: 'Acuse de recibo de la remisión', due: '2020-02-01', dueAt: endOfOfficeDay('2020-02-01'), warnFrom: '2020-01-30', status: 'met' });
    const hoursDue = new Date(nowMs + 20 * 3600_000);
    planted.hours = await plantDeadline(target, { caseId: caseA.id, ruleName: 'Presentación ante el juez (horas)', due: hoursDue.toISOString(), dueAt: hoursDue, warnFrom: today });
    planted.other = await plantDeadline(target, { caseId: caseB.id, ruleName: 'Vencimiento de la medida de protección', due: '2021-03-01', dueAt: endOfOfficeDay('2021-03-01'), warnFrom: '2021-02-25' });
  }, 240_000);

  afterAll(async () => {
    await target?.stop();
  });

  const alertsOf = async () => new Map((await queryRows<{ document_id: string; alert: string }>(target, `SELECT document_id, alert FROM case_deadlines WHERE source = 'test:planted'`)).map((r) => [r.document_id, r.alert]));
  const notificationsOf = async (username: string) => queryRows<{ dedupe_key: string; kind: string; message_key: string; params: unknown; link: string }>(target, `SELECT dedupe_key, kind, message_key, params, link FROM notifications WHERE user_id = ${users.get(username)!.id} AND dedupe_key LIKE 'deadline:t%' ORDER BY dedupe_key`);

  it('marks open deadlines due soon or overdue, and notifies only the case team\'s prosecutors', async () => {
    await forceNextRun(target);
    const alerts = await alertsOf();
    expect(alerts.get(planted.overdue.documentId)).toBe('overdue');
    expect(alerts.get(planted.soon.documentId)).toBe('due-soon');
    expect(alerts.get(planted.hours.documentId)).toBe('due-soon');
    expect(alerts.get(planted.later.documentId)).toBe('none');
    expect(alerts.get(planted.met.documentId)).toBe('none');
    expect(alerts.get(planted.other.documentId)).toBe('overdue');

    const mine = await notificationsOf('fiscal.demo1');
    expect(mine.map((n) => n.dedupe_key).sort()).toEqual([
      `deadline:${planted.overdue.documentId}:overdue:${users.get('fiscal.demo1')!.id}`,
      `deadline:${planted.soon.documentId}:due-soon:${users.get('fiscal.demo1')!.id}`,
      `deadline:${planted.hours.documentId}:due-soon:${users.get('fiscal.demo1')!.id}`,
    ].sort());
    for (const n of mine) {
      expect(n.link).toBe(`/casos/${caseA.documentId}`);
      const params = typeof n.params === 'string' ? JSON.parse(n.params) : n.params;
      // Case number, rule and due date: nothing else, in particular no title and no person.
      expect(Object.keys(params).sort()).toEqual(['caseNumber', 'due', 'rule']);
      expect(params.caseNumber).toBe(caseA.number);
    }
    const theirs = await notificationsOf('fiscal.demo2');
    expect(theirs.map((n) => n.dedupe_key)).toEqual([`deadline:${planted.other.documentId}:overdue:${users.get('fiscal.demo2')!.id}`]);
    // The investigator is on case A's team but does not answer for its deadlines.
    expect(await notificationsOf('investigador.demo')).toEqual([]);
    expect(await notificationsOf('titular.demo')).toEqual([]);
  });

  it('a second run the same day adds no notification, and the log has counts only', async () => {
    const count = async () => Number((await queryRows<{ n: number }>(target, `SELECT count(*) AS n FROM notifications`))[0].n);
    const before = await count();
    const run = await forceNextRun(target);
    expect(run.run_key).toBe(today);
    expect(await count()).toBe(before);
    const outcome = (await queryRows<{ last_outcome: string }>(target, `SELECT last_outcome FROM job_leases WHERE name = 'deadline-alerts'`))[0].last_outcome;
    expect(JSON.parse(outcome)).toMatchObject({ today, notifications: 0 });
    const log = fs.readFileSync(path.join(target.dir, 'server.log'), 'utf8');
    const lines = log.split('\n').filter((line) => line.includes('[deadline-alerts] run'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const word of [caseA.number, caseA.documentId, caseA.title, 'Solicitud de medida', 'fiscal.demo']) expect(lines.join('\n')).not.toContain(word);
  });

  it('lists my deadlines of my team cases only, with live alert states, filters and a summary', async () => {
    const fiscal = await new ApiClient(target).as('fiscal.demo1');
    const res = await fiscal.request('GET', '/api/me/deadlines?pageSize=100');
    expect(res.status).toBe(200);
    const ids = res.body.data.map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining([planted.overdue.documentId, planted.soon.documentId, planted.later.documentId, planted.hours.documentId]));
    expect(ids).not.toContain(planted.met.documentId); // open only by default
    expect(ids).not.toContain(planted.other.documentId); // another team's case
    const overdue = res.body.data.find((d: { id: string }) => d.id === planted.overdue.documentId);
    expect(overdue).toMatchObject({ name: 'Solicitud de medida de coerción, 48 horas', due: '2020-01-10', status: 'open', alert: 'overdue', case: { documentId: caseA.documentId, caseNumber: caseA.number } });
    expect(JSON.stringify(res.body)).not.toContain(caseA.title);

    const all = await fiscal.request('GET', '/api/me/deadlines?status=all&pageSize=100');
    expect(all.body.data.map((d: { id: string }) => d.id)).toContain(planted.met.documentId);

    const onlyOverdue = await fiscal.request('GET', '/api/me/deadlines?alert=overdue&pageSize=100');
    expect(onlyOverdue.body.data.every((d: { alert: string }) => d.alert === 'overdue')).toBe(true);
    expect(onlyOverdue.body.data.map((d: { id: string }) => d.id)).toContain(planted.overdue.documentId);

    const month = await fiscal.request('GET', `/api/me/deadlines?from=${addDays(today, 2)}&to=${addDays(today, 4)}`);
    expect(month.body.data.map((d: { id: string }) => d.id)).toContain(planted.soon.documentId);
    expect(month.body.data.map((d: { id: string }) => d.id)).not.toContain(planted.overdue.documentId);

    const page = await fiscal.request('GET', '/api/me/deadlines?page=2&pageSize=1');
    expect(page.body.meta.pagination).toMatchObject({ page: 2, pageSize: 1, total: res.body.meta.pagination.total });
    expect(page.body.data).toHaveLength(1);

    const summary = await fiscal.request('GET', '/api/me/deadlines/summary');
    const dueSoon = await fiscal.request('GET', '/api/me/deadlines?alert=due-soon&pageSize=1');
    expect(summary.body.data).toEqual({ dueSoon: dueSoon.body.meta.pagination.total, overdue: onlyOverdue.body.meta.pagination.total });
    expect(summary.body.data.dueSoon).toBeGreaterThanOrEqual(2);

    const other = await new ApiClient(target).as('fiscal.demo2');
    const theirs = (await other.request('GET', '/api/me/deadlines?pageSize=100')).body.data.map((d: { id: string }) => d.id);
    expect(theirs).toContain(planted.other.documentId);
    expect(theirs).not.toContain(planted.overdue.documentId);
    // A team member without the prosecutor role sees the team's deadlines, with no notification.
    const investigator = await new ApiClient(target).as('investigador.demo');
    expect((await investigator.request('GET', '/api/me/deadlines?pageSize=100')).body.data.map((d: { id: string }) => d.id)).toContain(planted.soon.documentId);
    // Roles without cases have no such list.
    const statistician = await new ApiClient(target).as('estadistica.demo');
    expect((await statistician.request('GET', '/api/me/deadlines')).status).toBe(403);
    expect((await statistician.request('GET', '/api/me/notifications')).status).toBe(403);
    const anonymous = new ApiClient(target);
    for (const route of ['/api/me/deadlines', '/api/me/deadlines/summary', '/api/me/notifications', '/api/me/calendar-feed']) {
      expect((await anonymous.request('GET', route)).status, route).toBe(401);
    }
  });

  it('answers bad queries with a 400 naming the field, in the caller\'s language', async () => {
    const fiscal = await new ApiClient(target).as('fiscal.demo1');
    const bad = await fiscal.request('GET', '/api/me/deadlines?from=2026-02-30', { lang: 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['from']);
    expect(bad.body.error.message).toContain('must be a date');
    const es = await fiscal.request('GET', '/api/me/deadlines?pageSize=1000');
    expect(es.status).toBe(400);
    expect(es.body.error.details.errors[0]).toMatchObject({ path: ['pageSize'] });
    expect(es.body.error.message).toContain('debe ser');
    for (const query of ['alert=late', 'status=closed', 'from=2026-05-01&to=2026-04-01', 'color=red', 'page=0']) {
      const res = await fiscal.request('GET', `/api/me/deadlines?${query}`);
      expect(res.status, query).toBe(400);
    }
    expect((await fiscal.request('GET', '/api/me/notifications?unread=yes')).status).toBe(400);
  });

  it('keeps notifications to their owner: list, unread count, mark read, mark all read', async () => {
    const fiscal = await new ApiClient(target).as('fiscal.demo1');
    const list = await fiscal.request('GET', '/api/me/notifications?unread=true', { lang: 'en' });
    expect(list.status).toBe(200);
    const ours = list.body.data.filter((n: { link: string }) => n.link === `/casos/${caseA.documentId}`);
    expect(ours.length).toBeGreaterThanOrEqual(3);
    expect(list.body.meta.unread).toBeGreaterThanOrEqual(3);
    const overdueNote = ours.find((n: { kind: string }) => n.kind === 'deadline-overdue');
    expect(overdueNote.message).toContain(caseA.number);
    expect(overdueNote.message).toContain('Solicitud de medida de coerción, 48 horas');
    expect(overdueNote.message).toMatch(/^Deadline overdue/);
    expect(overdueNote.message).not.toContain(caseA.title);

    const other = await new ApiClient(target).as('fiscal.demo2');
    expect((await other.request('POST', `/api/me/notifications/${overdueNote.id}/read`)).status).toBe(404);
    expect((await other.request('GET', '/api/me/notifications?pageSize=100')).body.data.map((n: { id: string }) => n.id)).not.toContain(overdueNote.id);

    const read = await fiscal.request('POST', `/api/me/notifications/${overdueNote.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.data.readAt).toBeTruthy();
    const after = await fiscal.request('GET', '/api/me/notifications');
    expect(after.body.meta.unread).toBe(list.body.meta.unread - 1);
    expect((await fiscal.request('POST', '/api/me/notifications/read-all')).status).toBe(200);
    expect((await fiscal.request('GET', '/api/me/notifications')).body.meta.unread).toBe(0);
  });

  it('serves a private ICS feed without person data; a replaced or revoked token is 404', async () => {
    const fiscal = await new ApiClient(target).as('fiscal.demo1');
    expect((await fiscal.request('GET', '/api/me/calendar-feed')).body.data).toMatchObject({ url: null, active: false });
    const made = await fiscal.request('POST', '/api/me/calendar-feed');
    expect(made.status).toBe(201);
    const url = new URL(made.body.data.url);
    expect(url.pathname).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = url.pathname.slice('/api/calendar/'.length, -'.ics'.length);
    const stored = await queryRows<{ token_hash: string }>(target, 'SELECT token_hash FROM calendar_feeds');
    expect(JSON.stringify(stored)).not.toContain(token); // only the hash is kept
    expect((await fiscal.request('GET', '/api/me/calendar-feed')).body.data).toMatchObject({ url: null, active: true });

    const fetchIcs = (path: string) => fetch(`${target.baseUrl}${path}`); // no session
    const res = await fetchIcs(url.pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const raw = await res.text();
    expect(raw.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(raw.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(raw.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const ics = unfold(raw);
    expect(ics).toContain(`SUMMARY:Plazo: Solicitud de medida de coerción\\, 48 horas — ${caseA.number}`);
    expect(ics).toContain(`UID:${planted.overdue.documentId}@plazos.pett`);
    expect(ics).toContain('DTSTART;VALUE=DATE:20200110');
    expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/); // the hours deadline
    expect(ics).not.toContain(planted.met.documentId);
    expect(ics).not.toContain(planted.other.documentId);
    expect(ics).not.toContain(caseA.title);
    for (const word of ['fiscal.demo1', 'investigador.demo']) expect(ics).not.toContain(word);
    expect(ics).not.toMatch(/@(?!plazos\.pett)/); // no e-mail address: the only @ is in the UIDs
    // The same deadline keeps its UID from one fetch to the next.
    expect(unfold(await (await fetchIcs(url.pathname)).text())).toContain(`UID:${planted.overdue.documentId}@plazos.pett`);

    const renewed = await fiscal.request('POST', '/api/me/calendar-feed');
    expect((await fetchIcs(url.pathname)).status).toBe(404);
    const second = new URL(renewed.body.data.url).pathname;
    expect((await fetchIcs(second)).status).toBe(200);
    expect((await fiscal.request('DELETE', '/api/me/calendar-feed')).status).toBe(200);
    expect((await fetchIcs(second)).status).toBe(404);
    expect((await fetchIcs(`/api/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetchIcs('/api/calendar/short.ics')).status).toBe(404);
  });

  it('the job takes over a run whose holder died before finishing it', async () => {
    await executeSql(target, `UPDATE job_leases SET holder = 'dead-process', finished_at = NULL, locked_until = ${target.databaseUrl ? "'2000-01-01T00:00:00Z'" : '0'} WHERE name = 'deadline-alerts'`);
    const taken = await waitForTakeover();
    expect(taken.holder).not.toBe('dead-process');
    expect(taken.run_key).toBe(today);

    async function waitForTakeover() {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const row = (await queryRows<{ holder: string; run_key: string; finished_at: unknown }>(target, `SELECT holder, run_key, finished_at FROM job_leases WHERE name = 'deadline-alerts'`))[0];
        if (row.holder !== 'dead-process' && row.finished_at != null) return row;
        if (Date.now() > deadline) throw new Error('no takeover');
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  });
});
