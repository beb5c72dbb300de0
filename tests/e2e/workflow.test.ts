// A demo prosecutor opens a new case in intake, sees the move to investigation blocked by the unticked
// required SOP step "intake-register", ticks it, moves the case on with a reason, and sees the new
// stage's checklist and deadlines; "Mis plazos" lists the open deadlines of their teams' cases.
// Runs against the server of issue 6 (SOP runs, deadlines, my deadlines): see docs/api.md.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient, qs } from '../support/api-client.ts';
import { newCaseBody } from '../support/fixtures.ts';
import { nextCode } from '../support/totp.ts';
import { launch } from './browser.ts';

const target = inject('e2eTarget');
const USER = 'fiscal.demo1';
const INTAKE = 'Denuncia / querella / de oficio';
const INVESTIGATION = 'Investigación preliminar / procedimiento preparatorio';
/** The required step of the intake checklist that gates the move to investigation. */
const GATING_STEP = 'intake-register';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!target)('a prosecutor moves a case along its workflow', () => {
  let session: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  let api: ApiClient;
  const errors: string[] = [];
  const run = Date.now().toString(36).toUpperCase();
  let caseId = '';
  let caseNumber = '';

  beforeAll(async () => {
    session = await launch();
    page = await session.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    api = await new ApiClient(target!).as(USER);
    // A case of its own, so the test starts in intake on every run.
    const created = await api.request('POST', '/api/cases', { body: newCaseBody(`Flujo de trabajo E2E ${run} (DEMO)`) });
    expect(created.status).toBe(201);
    caseId = created.body.data.documentId;
    caseNumber = created.body.data.caseNumber;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('sees the move to investigation blocked by the unticked required step', async () => {
    const { password, totpSecret } = new ApiClient(target!).credential(USER);
    await page.goto(`${target!.baseUrl}/casos/${caseId}`);
    await page.getByLabel('Usuario o correo').fill(USER);
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByLabel('Código de verificación').fill(await nextCode(target!.dir, USER, totpSecret));
    await page.getByRole('button', { name: 'Verificar' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(caseNumber) }).waitFor();

    const stage = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Etapa y protocolo', exact: true }) });
    await stage.getByText(INTAKE, { exact: true }).waitFor();
    const blocked = stage.locator('.blocked-step', { hasText: INVESTIGATION });
    await blocked.getByText('Bloqueada').waitFor();
    // The server's reason names the step (by its key or its title).
    const checklists = (await api.get(`/api/cases/${caseId}/checklists?${qs({ scope: 'current' })}`)).body;
    const gating = checklists.data.flatMap((r: { steps: Array<{ key: string; title: string }> }) => r.steps).find((s: { key: string }) => s.key === GATING_STEP);
    expect(gating, 'the intake checklist has the step intake-register').toBeTruthy();
    await expect.poll(async () => blocked.innerText()).toMatch(new RegExp(`${escape(GATING_STEP)}|${escape(gating.title)}`));
    // A prosecutor cannot pass the block: no button to move there.
    expect(await stage.getByRole('button', { name: `Pasar a «${INVESTIGATION}»` }).count()).toBe(0);
    // And the server refuses the move itself, with the step as the reason.
    const refused = await api.request('POST', `/api/cases/${caseId}/transitions`, { body: { to: 'investigation', reason: 'Intento sin completar el registro.' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.reasons.map((r: { code: string }) => r.code)).toContain('step-not-done');
  });

  it('ticks the step, and the move opens', async () => {
    const checklists = (await api.get(`/api/cases/${caseId}/checklists?${qs({ scope: 'current' })}`)).body;
    const title: string = checklists.data.flatMap((r: { steps: Array<{ key: string; title: string }> }) => r.steps).find((s: { key: string }) => s.key === GATING_STEP).title;
    const protocols = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Protocolos', exact: true }) });
    await protocols.getByRole('button', { name: `Actualizar el paso «${title}»` }).first().click();
    const form = protocols.locator('form', { has: page.getByText(`Estado de «${title}»`) });
    await form.getByLabel('Hecho').check();
    await form.getByRole('button', { name: 'Guardar' }).click();
    const step = protocols.locator('li.step', { hasText: title }).first();
    await step.getByText(/Marcado por .+ el \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/).waitFor();

    const stage = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Etapa y protocolo', exact: true }) });
    await stage.getByRole('button', { name: `Pasar a «${INVESTIGATION}»` }).waitFor();
  });

  it('moves the case on with a reason, and sees the new stage, its checklist and its deadlines', async () => {
    const stage = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Etapa y protocolo', exact: true }) });
    await stage.getByRole('button', { name: `Pasar a «${INVESTIGATION}»` }).click();
    const dialog = page.getByRole('dialog', { name: `Pasar el caso a «${INVESTIGATION}»` });
    await dialog.getByRole('button', { name: 'Cambiar etapa' }).click();
    await dialog.getByText('Indique por qué cambia la etapa del caso (al menos 5 caracteres).').waitFor();
    await dialog.getByLabel('Motivo').fill('Denuncia registrada; se abre la investigación preliminar.');
    await dialog.getByRole('button', { name: 'Cambiar etapa' }).click();
    await dialog.waitFor({ state: 'detached' });

    await stage.locator('dd.current', { hasText: INVESTIGATION }).waitFor();
    await stage.getByRole('cell', { name: 'Denuncia registrada; se abre la investigación preliminar.' }).waitFor();
    expect(await stage.locator('.blocked-step', { hasText: INVESTIGATION }).count()).toBe(0);

    // The checklists of the new stage, as the server opened them.
    const opened = (await api.get(`/api/cases/${caseId}/checklists?${qs({ scope: 'current' })}`)).body.data as Array<{ templateName: string; stage: { code: string } }>;
    expect(opened.length).toBeGreaterThan(0);
    // Checklists both stages list (victim identification, the child protocol) stay open with their ticks.
    expect(opened.some((run) => run.stage.code === 'investigation')).toBe(true);
    expect(opened.every((run) => ['intake', 'investigation'].includes(run.stage.code))).toBe(true);
    const protocols = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Protocolos', exact: true }) });
    for (const run of opened) await protocols.getByRole('heading', { level: 3, name: run.templateName }).waitFor();
    await protocols.getByText(`etapa «${INVESTIGATION}»`).first().waitFor();

    // Entering investigation starts the deadline of the whole process (a rule still to be confirmed).
    const deadlines = (await api.get(`/api/cases/${caseId}/deadlines?${qs({ status: 'open' })}`)).body.data as Array<{ name: string; event: string; needsLegalConfirmation: boolean }>;
    const started = deadlines.find((d) => d.event === 'proceedings-start');
    expect(started, 'the proceedings-start deadline').toBeTruthy();
    const plazos = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Plazos', exact: true }) });
    const item = plazos.locator('li.deadline', { hasText: started!.name });
    await item.waitFor();
    if (started!.needsLegalConfirmation) await item.locator('.badge', { hasText: 'Por confirmar' }).waitFor();
    await item.getByRole('button', { name: `Marcar como cumplido: ${started!.name}` }).waitFor();
  });

  it('"Mis plazos" lists the open deadlines of the teams’ cases, and the header counts those needing attention', async () => {
    const mine = (await api.get(`/api/me/deadlines?${qs({ page: 1, pageSize: 20 })}`)).body;
    const summary = (await api.get('/api/me/deadlines/summary')).body.data as { dueSoon: number; overdue: number };
    expect(mine.meta.pagination.total).toBeGreaterThan(0);

    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Plazos', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Mis plazos' }).waitFor();
    expect(page.url()).toBe(`${target!.baseUrl}/plazos`);
    const total = mine.meta.pagination.total as number;
    await page.getByText(new RegExp(`^${total} plazos?$`)).waitFor();
    const first = mine.data[0] as { case: { caseNumber: string }; name: string };
    const row = page.locator('tbody tr', { hasText: first.case.caseNumber }).first();
    await row.getByText(first.name).waitFor();

    const attention = summary.dueSoon + summary.overdue;
    const badge = page.locator('header').getByRole('link', { name: new RegExp(`^${attention} plazos? requieren? atención`) });
    if (attention > 0) await badge.waitFor();
    else expect(await page.locator('header .deadline-badge').count()).toBe(0);

    // The calendar of this month is reachable too.
    await page.getByRole('button', { name: 'Calendario', exact: true }).click();
    await page.getByRole('button', { name: 'Mes siguiente' }).waitFor();
    await page.locator('table.grid caption').waitFor();
    expect(errors).toEqual([]);
  });
  it('a step a configurator adds to a protocol in /admin appears on the next checklist, and earlier checklists keep theirs', async () => {
    const anonymous = new ApiClient(target!);
    const headers = await anonymous.adminHeaders();
    const TEMPLATES = '/content-manager/collection-types/api::sop-template.sop-template';
    const found = await anonymous.request('GET', `${TEMPLATES}?${qs({ 'filters[key][$eq]': 'sop-recepcion-denuncia' })}`, { headers });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    const template = (await anonymous.request('GET', `${TEMPLATES}/${found.body.results[0].documentId}`, { headers })).body.data;
    const title = `Verificar la ficha de prueba ${run}`;
    const steps = template.steps.map(({ id: _id, ...step }: { id: number }) => step);
    const saved = await anonymous.request('PUT', `${TEMPLATES}/${template.documentId}`, {
      headers,
      body: { ...template, steps: [...steps, { key: `verificar-ficha-${run.toLowerCase()}`, title, role: 'prosecutor', required: false, gate: false, dueOffsetDays: 2 }] },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    // The case moved on earlier keeps the intake checklist it had, without the new step.
    const earlier = (await api.get(`/api/cases/${caseId}/checklists?${qs({ scope: 'all' })}`)).body.data as Array<{ templateKey: string; steps: Array<{ title: string }> }>;
    expect(earlier.find((r) => r.templateKey === 'sop-recepcion-denuncia')!.steps.map((s) => s.title)).not.toContain(title);

    const created = await api.request('POST', '/api/cases', { body: newCaseBody(`Caso ficticio con el paso nuevo ${run}`) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await page.goto(`${target!.baseUrl}/casos/${created.body.data.documentId}`);
    const protocols = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Protocolos', exact: true }) });
    await protocols.locator('li.step', { hasText: title }).waitFor();
    expect(errors).toEqual([]);
  });
});
