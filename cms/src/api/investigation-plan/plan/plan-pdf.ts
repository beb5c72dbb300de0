// The investigation plan as a Spanish A4 PDF: on every page the case number, "CONFIDENCIAL" and a
// watermark, page numbers, who generated it and when; one section per part. It receives the plan
// already resolved to what may be printed (people by pseudonymous code, staff by user name,
// agencies by code and name) and adds nothing else: no case title, no identity.
import PDFDocument from 'pdfkit';
import type { PlanContent } from '../validation/plan-input';

export interface PrintablePlan {
  caseNumber: string;
  caseType: string | null;
  stage: string | null;
  version: number;
  updatedAt: string | null;
  generatedAt: Date;
  generatedBy: string;
  content: PlanContent;
  /** user documentId → "username (team role)"; agency code → "CODE — name". */
  userLabels: ReadonlyMap<string, string>;
  agencyLabels: ReadonlyMap<string, string>;
  countryLabels: ReadonlyMap<string, string>;
}

const ES: Record<string, string> = {
  open: 'Abierta', confirmed: 'Confirmada', discarded: 'Descartada',
  planned: 'Planificada', 'in-progress': 'En curso', done: 'Realizada', cancelled: 'Cancelada',
  personnel: 'Personal', technical: 'Técnico', logistics: 'Logística', financial: 'Financiero', other: 'Otro',
  low: 'Baja', medium: 'Media', high: 'Alta',
  search: 'Allanamiento', interception: 'Interceptación de comunicaciones', 'bank-records': 'Levantamiento del secreto bancario',
  draft: 'Borrador', sent: 'Enviada', acknowledged: 'Acusado recibo', 'partially-executed': 'Ejecutada en parte', executed: 'Ejecutada', refused: 'Denegada', withdrawn: 'Retirada',
  satisfied: 'Satisfecha',
};
const NEED_STATUS: Record<string, string> = { open: 'Abierta', satisfied: 'Satisfecha', cancelled: 'Cancelada' };
const label = (v: string | null | undefined) => (v ? ES[v] ?? v : '—');

/** dd/mm/aaaa, as the office writes dates. */
export const esDate = (d: string | null | undefined) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '—');
/** dd/mm/aaaa HH:mm in office time (America/Santo_Domingo, UTC−4 all year). */
export const esDateTime = (at: Date) => {
  const local = new Date(at.getTime() - 4 * 3_600_000).toISOString();
  return `${esDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
};

const MARGIN = 56;
const HEADER_Y = 24;

/** Uncompressed: a few dozen kilobytes of text, and its words can be found and checked in the file. */
export function renderPlanPdf(plan: PrintablePlan): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margins: { top: 72, bottom: 64, left: MARGIN, right: MARGIN }, bufferPages: true, compress: false,
    info: { Title: `Plan de investigación ${plan.caseNumber}`, Author: 'PETT', Subject: 'CONFIDENCIAL', Creator: 'Plataforma de casos PETT' },
    lang: 'es-DO',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });

  const width = doc.page.width - 2 * MARGIN;
  const c = plan.content;
  const lineTitle = new Map(c.lines.map((l, i) => [l.key, `L${i + 1}. ${l.title}`]));
  const hypothesisNo = new Map(c.hypotheses.map((h, i) => [h.key, `H${i + 1}`]));

  const heading = (text: string) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#1a3a5c').text(text, MARGIN, doc.y, { width });
    doc.moveTo(MARGIN, doc.y + 2).lineTo(MARGIN + width, doc.y + 2).strokeColor('#1a3a5c').lineWidth(0.8).stroke();
    doc.moveDown(0.5).fillColor('black');
  };
  const item = (title: string, fields: Array<[string, string | null | undefined]>) => {
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10).text(title, MARGIN, doc.y, { width });
    for (const [name, value] of fields) {
      if (value == null || value === '') continue;
      doc.font('Helvetica-Bold').fontSize(9).text(`${name}: `, MARGIN + 12, doc.y, { width: width - 12, continued: true }).font('Helvetica').text(value);
    }
    doc.moveDown(0.5);
  };
  const empty = () => doc.font('Helvetica-Oblique').fontSize(9).text('Sin elementos registrados.', MARGIN, doc.y, { width }).moveDown(0.4);
  const codes = (list: string[]) => (list.length ? list.join(', ') : null);
  const assignee = (a: PlanContent['actions'][number]) => (a.assigneeUser ? plan.userLabels.get(a.assigneeUser) ?? 'Miembro del equipo' : a.assigneeAgency ? plan.agencyLabels.get(a.assigneeAgency) ?? a.assigneeAgency : 'Sin asignar');

  // Title block
  doc.font('Helvetica-Bold').fontSize(18).text('Plan de investigación e inteligencia', MARGIN, doc.y, { width });
  doc.moveDown(0.3).font('Helvetica').fontSize(10)
    .text(`Expediente: ${plan.caseNumber}`)
    .text(`Tipo de caso: ${plan.caseType ?? '—'}    Etapa procesal: ${plan.stage ?? '—'}`)
    .text(`Versión del plan: ${plan.version}${plan.updatedAt ? `    Última modificación: ${esDateTime(new Date(plan.updatedAt))}` : ''}`)
    .text(`Generado el ${esDateTime(plan.generatedAt)} por ${plan.generatedBy}`);
  doc.moveDown(0.3).font('Helvetica-Oblique').fontSize(8.5).fillColor('#7a1f1f')
    .text('Documento confidencial. Las personas figuran solo por su código; su identidad no se incluye. Prohibida su difusión fuera del equipo del caso.', { width })
    .fillColor('black');

  heading('1. Objetivo');
  if (c.objective) doc.font('Helvetica').fontSize(10).text(c.objective, MARGIN, doc.y, { width }); else empty();

  heading('2. Hipótesis');
  if (!c.hypotheses.length) empty();
  c.hypotheses.forEach((h, i) => item(`H${i + 1}. ${h.statement}`, [['Fundamento', h.basis], ['Estado', label(h.status)], ['Personas (código)', codes(h.personCodes)]]));

  heading('3. Líneas de investigación');
  if (!c.lines.length) empty();
  c.lines.forEach((l, i) => item(`L${i + 1}. ${l.title}`, [['Hipótesis', hypothesisNo.get(l.hypothesisKey)], ['Descripción', l.description]]));

  heading('4. Diligencias');
  if (!c.actions.length) empty();
  c.actions.forEach((a, i) => item(`D${i + 1}. ${a.description}`, [
    ['Línea', lineTitle.get(a.lineKey)], ['Responsable', assignee(a)], ['Vence el', esDate(a.dueDate)], ['Estado', label(a.status)],
    ['Personas (código)', codes(a.personCodes)], ['Nota', a.note],
  ]));

  heading('5. Recursos');
  if (!c.resources.length) empty();
  c.resources.forEach((r, i) => item(`R${i + 1}. ${r.description}`, [['Tipo', label(r.kind)], ['Institución', r.agencyCode ? plan.agencyLabels.get(r.agencyCode) ?? r.agencyCode : null], ['Asegurado', r.secured ? 'Sí' : 'No']]));

  heading('6. Riesgos y mitigación');
  if (!c.risks.length) empty();
  c.risks.forEach((r, i) => item(`G${i + 1}. ${r.description}`, [['Probabilidad', label(r.likelihood)], ['Impacto', label(r.impact)], ['Mitigación', r.mitigation]]));

  heading('7. Autorizaciones judiciales');
  if (!c.authorisations.length) empty();
  c.authorisations.forEach((a, i) => item(`A${i + 1}. ${label(a.kind)}`, [
    ['Objeto', a.description], ['Tribunal', a.court], ['Referencia', a.reference], ['Solicitada el', a.requestedOn ? esDate(a.requestedOn) : null],
    ['Concedida el', a.grantedOn ? esDate(a.grantedOn) : null], ['Vence el', a.expiresOn ? esDate(a.expiresOn) : null], ['Línea', a.lineKey ? lineTitle.get(a.lineKey) : null],
  ]));

  heading('8. Solicitudes de asistencia judicial recíproca');
  if (!c.mlaRequests.length) empty();
  c.mlaRequests.forEach((m, i) => item(`M${i + 1}. ${plan.countryLabels.get(m.country) ?? m.country.toUpperCase()}`, [
    ['Autoridad requerida', m.authority], ['Objeto', m.subject], ['Enviada el', m.sentOn ? esDate(m.sentOn) : null], ['Estado', label(m.status)], ['Línea', m.lineKey ? lineTitle.get(m.lineKey) : null],
  ]));

  heading('9. Plan de inteligencia: necesidades de información');
  if (!c.informationNeeds.length) empty();
  c.informationNeeds.forEach((n, i) => item(`N${i + 1}. ${n.question}`, [
    ['Fuentes', n.sources], ['Plazo', esDate(n.deadline)], ['Prioridad', label(n.priority)], ['Estado', NEED_STATUS[n.status] ?? n.status], ['Línea', n.lineKey ? lineTitle.get(n.lineKey) : null],
  ]));

  // Header and footer on every page, once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not open a new page
    // A light diagonal watermark, under nothing that matters: a photocopy still says what it is.
    doc.save().rotate(-45, { origin: [doc.page.width / 2, doc.page.height / 2] }).font('Helvetica-Bold').fontSize(72).fillColor('#b00000').fillOpacity(0.07)
      .text('CONFIDENCIAL', 0, doc.page.height / 2 - 36, { width: doc.page.width, align: 'center', lineBreak: false }).restore();
    doc.fillOpacity(1);
    doc.font('Helvetica-Bold').fontSize(9).fillColor('#7a1f1f').text('CONFIDENCIAL', MARGIN, HEADER_Y, { width, align: 'right', lineBreak: false });
    doc.font('Helvetica').fontSize(9).fillColor('black').text(`Expediente ${plan.caseNumber} · Plan de investigación`, MARGIN, HEADER_Y, { width, lineBreak: false });
    const footY = doc.page.height - 40;
    doc.fontSize(8).text(`Generado el ${esDateTime(plan.generatedAt)} por ${plan.generatedBy}`, MARGIN, footY, { width, lineBreak: false });
    doc.text(`Página ${i - range.start + 1} de ${range.count}`, MARGIN, footY, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
