// PDF of suppressed indicator tables (pdfkit, vector drawing only: no canvas): a title page with
// the parameters, then per indicator a bar chart of its row totals and its table. A withheld
// figure is printed as such (`<5`, `x`) and drawn as no bar, never as zero.
import PDFDocument from 'pdfkit';
import type { IndicatorAnswer } from '../services/tables';
import type { ReportContent } from './content';
import { tableLines } from './content';

const MARGIN = 40;
const INK = '#1a1a1a';
const ACCENT = '#1a3a5c';
const MUTED = '#6b6b6b';

/** Uncompressed, like the plan PDF: small, and its words can be checked in the file. */
export function renderPdf(report: ReportContent): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margins: { top: MARGIN, bottom: 50, left: MARGIN, right: MARGIN }, bufferPages: true, compress: false, info: { Title: report.title, Creator: 'PETT' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - 60;
  const room = (h: number) => { if (doc.y + h > bottom()) doc.addPage(); };
  const { labels } = report;

  doc.font('Helvetica-Bold').fontSize(18).fillColor(ACCENT).text(report.title, MARGIN, MARGIN, { width });
  doc.moveDown(0.6).font('Helvetica').fontSize(10).fillColor(INK);
  for (const p of report.parameters) doc.font('Helvetica-Bold').text(`${p.label}: `, { continued: true }).font('Helvetica').text(p.value);
  doc.text(`${labels.generatedAt}: ${report.generatedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC`);
  doc.text(`${labels.dataHash}: ${report.dataHash}`);
  doc.moveDown(0.6).font('Helvetica-Oblique').fontSize(9).fillColor(MUTED).text(labels.suppressedNote, { width });

  for (const answer of report.answers) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(14).fillColor(ACCENT).text(answer.data.name, MARGIN, MARGIN, { width });
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(`${labels.definition}: ${answer.data.counts}`, { width });
    doc.text(`${labels.source}: ${answer.data.source}`, { width });
    doc.moveDown(0.6);
    barChart(doc, answer, width, room);
    doc.moveDown(0.8);
    table(doc, answer, report, width, room);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Written inside the bottom margin: without this, pdfkit would start a new page for the footer.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(`${report.title} · ${labels.page} ${i + 1} / ${range.count}`, MARGIN, doc.page.height - 40, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}

/** Horizontal bars of the row totals: a published total is a bar with its value; a withheld one is its text alone. */
function barChart(doc: PDFKit.PDFDocument, answer: IndicatorAnswer, width: number, room: (h: number) => void) {
  const rows = answer.data.rows.map((row, i) => ({ label: row.label, figure: answer.data.rowTotals[i]! })).filter((r) => r.figure.value !== 0);
  if (rows.length === 0) return;
  const labelWidth = 170;
  const barArea = Math.min(420, width - labelWidth - 60);
  const max = Math.max(1, ...rows.map((r) => r.figure.value ?? 0));
  const barHeight = 10;
  const gap = 4;
  room(Math.min(rows.length, 8) * (barHeight + gap) + 10);
  doc.font('Helvetica').fontSize(8).fillColor(INK);
  for (const { label, figure } of rows) {
    room(barHeight + gap);
    const y = doc.y;
    doc.fillColor(INK).text(label, MARGIN, y + 1, { width: labelWidth - 8, height: barHeight, ellipsis: true, lineBreak: false });
    const x = MARGIN + labelWidth;
    if (figure.value !== null) {
      const w = Math.max(1, (figure.value / max) * barArea);
      doc.rect(x, y, w, barHeight).fill(ACCENT);
      doc.fillColor(INK).text(figure.text, x + w + 4, y + 1, { lineBreak: false });
    } else {
      doc.rect(x, y, 36, barHeight).lineWidth(0.5).dash(2, { space: 2 }).stroke(MUTED).undash();
      doc.fillColor(MUTED).font('Helvetica-Oblique').text(figure.text, x + 4, y + 1, { lineBreak: false }).font('Helvetica');
    }
    doc.x = MARGIN;
    doc.y = y + barHeight + gap;
  }
  doc.fillColor(INK);
}

/** The table, its columns split into as many bands as the page width needs. */
function table(doc: PDFKit.PDFDocument, answer: IndicatorAnswer, report: ReportContent, width: number, room: (h: number) => void) {
  const lines = tableLines(answer, report.labels);
  const first = 170;
  const col = 56;
  const perBand = Math.max(1, Math.floor((width - first) / col));
  const columns = Math.max(...lines.map((l) => l.length)) - 1;
  const rowHeight = 12;
  doc.fontSize(7.5);
  for (let start = 1; start <= columns; start += perBand) {
    const end = Math.min(columns, start + perBand - 1);
    room(rowHeight * 3);
    lines.forEach((line, i) => {
      room(rowHeight);
      const y = doc.y;
      const bold = i === 0 || line[0] === report.labels.total || line.length === 1;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fillColor(INK);
      if (i % 2 === 1) doc.rect(MARGIN, y - 2, first + (end - start + 1) * col, rowHeight).fill('#f1f3f6').fillColor(INK);
      doc.text(line[0] ?? '', MARGIN + 2, y, { width: first - 6, height: rowHeight, ellipsis: true, lineBreak: false });
      for (let j = start; j <= end && j < line.length; j += 1) {
        doc.text(line[j] ?? '', MARGIN + first + (j - start) * col, y, { width: col - 4, height: rowHeight, align: 'right', ellipsis: true, lineBreak: false });
      }
      doc.x = MARGIN;
      doc.y = y + rowHeight;
    });
    doc.moveDown(0.8);
  }
  if (answer.data.total.value === 0) doc.font('Helvetica-Oblique').text(report.labels.noData, MARGIN, doc.y);
}
