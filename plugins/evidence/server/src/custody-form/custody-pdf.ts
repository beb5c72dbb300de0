// The chain-of-custody form of one evidence item as a Spanish A4 PDF, to attach to a court filing:
// the item's data, every hand-off in order (from, to, when, purpose, condition, seal) with its
// hash, the files with their SHA-256, the result of verifying the chain, and signature lines.
// It receives everything already resolved to printable labels and adds nothing else.
import PDFDocument from 'pdfkit';

export interface PrintableEvent {
  sequence: number; at: string; from: string; to: string; purpose: string; condition: string;
  sealNumber: string | null; storageLocation: string | null; note: string | null; recordedBy: string; prevHash: string; hash: string;
}

export interface PrintableItem {
  caseNumber: string;
  number: number;
  evidenceType: string;
  description: string;
  seizedAt: string;
  seizedWhere: string;
  seizedBy: string;
  storageLocation: string | null;
  sealNumber: string | null;
  holder: string;
  events: PrintableEvent[];
  files: Array<{ name: string; mimeType: string; size: number; sha256: string; uploadedAt: string }>;
  chainProblems: string[];
  generatedAt: Date;
  generatedBy: string;
}

/** dd/mm/aaaa HH:mm in office time (America/Santo_Domingo, UTC−4 all year). */
export function esDateTime(at: Date | string): string {
  const local = new Date(new Date(at).getTime() - 4 * 3_600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

const MARGIN = 50;

/** Uncompressed, so its words can be found and checked in the file. */
export function renderCustodyPdf(item: PrintableItem): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margins: { top: 64, bottom: 60, left: MARGIN, right: MARGIN }, bufferPages: true, compress: false,
    info: { Title: `Cadena de custodia ${item.caseNumber} indicio ${item.number}`, Author: 'PETT', Subject: 'CONFIDENCIAL', Creator: 'Plataforma de casos PETT' },
    lang: 'es-DO',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  const width = doc.page.width - 2 * MARGIN;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - 150) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('#1a3a5c').text(text, MARGIN, doc.y, { width });
    doc.moveTo(MARGIN, doc.y + 2).lineTo(MARGIN + width, doc.y + 2).strokeColor('#1a3a5c').lineWidth(0.8).stroke();
    doc.moveDown(0.5).fillColor('black');
  };
  const field = (name: string, value: string | null | undefined, indent = 0) => {
    if (value == null || value === '') return;
    doc.font('Helvetica-Bold').fontSize(9.5).text(`${name}: `, MARGIN + indent, doc.y, { width: width - indent, continued: true }).font('Helvetica').text(value);
  };

  doc.font('Helvetica-Bold').fontSize(17).text('Formulario de cadena de custodia', MARGIN, doc.y, { width });
  doc.moveDown(0.3).font('Helvetica').fontSize(10)
    .text(`Expediente: ${item.caseNumber}    Indicio Nº ${item.number}`)
    .text(`Generado el ${esDateTime(item.generatedAt)} por ${item.generatedBy}`);

  heading('1. Datos del indicio');
  field('Tipo', item.evidenceType);
  field('Descripción', item.description);
  field('Fecha y hora de la incautación', esDateTime(item.seizedAt));
  field('Lugar de la incautación', item.seizedWhere);
  field('Incautado por', item.seizedBy);
  field('Número de precinto actual', item.sealNumber ?? '—');
  field('Lugar de resguardo actual', item.storageLocation ?? '—');
  field('En poder de', item.holder);

  heading('2. Registro de entregas');
  for (const e of item.events) {
    if (doc.y > doc.page.height - 170) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10).text(`Entrega ${e.sequence} — ${esDateTime(e.at)}`, MARGIN, doc.y, { width });
    field('Entrega', e.from, 12);
    field('Recibe', e.to, 12);
    field('Motivo', e.purpose, 12);
    field('Estado del indicio', e.condition, 12);
    field('Precinto', e.sealNumber, 12);
    field('Lugar de resguardo', e.storageLocation, 12);
    field('Observaciones', e.note, 12);
    field('Registrado por', e.recordedBy, 12);
    doc.font('Courier').fontSize(7).text(`hash anterior ${e.prevHash}`, MARGIN + 12, doc.y, { width: width - 12 }).text(`hash          ${e.hash}`, { width: width - 12 });
    doc.font('Helvetica').fontSize(8.5).text('Firma de quien entrega: ______________________     Firma de quien recibe: ______________________', MARGIN + 12, doc.y + 6, { width: width - 12 });
    doc.moveDown(0.8);
  }

  heading('3. Archivos del indicio (SHA-256)');
  if (!item.files.length) doc.font('Helvetica-Oblique').fontSize(9).text('El indicio no tiene archivos.', MARGIN, doc.y, { width });
  for (const f of item.files) {
    doc.font('Helvetica-Bold').fontSize(9.5).text(f.name, MARGIN, doc.y, { width });
    doc.font('Helvetica').fontSize(8.5).text(`${f.mimeType}, ${f.size} bytes, recibido el ${esDateTime(f.uploadedAt)}`, MARGIN + 12, doc.y, { width: width - 12 });
    doc.font('Courier').fontSize(7).text(`SHA-256 ${f.sha256}`, MARGIN + 12, doc.y, { width: width - 12 }).moveDown(0.4);
  }

  heading('4. Verificación de la cadena');
  if (!item.chainProblems.length) {
    doc.font('Helvetica').fontSize(9.5).text(`La cadena de ${item.events.length} registro(s) se verificó al generar este formulario: cada registro corresponde a su hash SHA-256 y enlaza con el anterior; no hay registros modificados, eliminados ni reordenados.`, MARGIN, doc.y, { width });
  } else {
    doc.font('Helvetica-Bold').fontSize(9.5).fillColor('#b00000').text('LA CADENA NO VERIFICA:', MARGIN, doc.y, { width });
    for (const p of item.chainProblems) doc.font('Helvetica').text(`• ${p}`, { width });
    doc.fillColor('black');
  }
  doc.moveDown(0.4).font('Helvetica-Oblique').fontSize(8).text('Cada hash es SHA-256 sobre el JSON canónico del registro y el hash del registro anterior; puede recalcularse de forma independiente (docs/evidence.md).', { width });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica-Bold').fontSize(9).fillColor('#7a1f1f').text('CONFIDENCIAL', MARGIN, 24, { width, align: 'right', lineBreak: false });
    doc.font('Helvetica').fontSize(9).fillColor('black').text(`Expediente ${item.caseNumber} · Indicio ${item.number} · Cadena de custodia`, MARGIN, 24, { width, lineBreak: false });
    doc.fontSize(8).text(`Página ${i - range.start + 1} de ${range.count}`, MARGIN, doc.page.height - 36, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
