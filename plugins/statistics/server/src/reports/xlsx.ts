// XLSX of suppressed indicator tables (exceljs): a sheet per indicator, published figures as
// numbers and withheld ones as their text (`<5`, `x`), and a notes sheet with the parameters, k,
// the profile, each indicator's definition, the generation time and the data hash.
import ExcelJS from 'exceljs';
import type { ReportContent } from './content';
import { tableLines } from './content';

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(index: number, key: string): string {
  return `${index + 1} ${key}`.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);
}

export async function renderXlsx(report: ReportContent): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'PETT';
  book.created = report.generatedAt;
  const { labels } = report;

  report.answers.forEach((answer, index) => {
    const sheet = book.addWorksheet(sheetName(index, answer.data.key));
    sheet.addRow([answer.data.name]).font = { bold: true, size: 13 };
    sheet.addRow([answer.data.counts]);
    sheet.addRow([]);
    const lines = tableLines(answer, labels);
    const measureAt = answer.data.measure ? answer.data.rows.length + 2 : -1;
    lines.forEach((line, i) => {
      // Published figures are numbers (they add up in a spreadsheet); withheld ones stay text.
      const cells = line.map((text, j) => (j > 0 && i > 0 && i !== measureAt && /^\d+(\.\d+)?$/.test(text) ? Number(text) : text));
      const row = sheet.addRow(cells);
      if (i === 0 || i === measureAt || line[0] === labels.total) row.font = { bold: true };
    });
    sheet.getColumn(1).width = 34;
    for (let c = 2; c <= answer.data.columns.length + 2; c += 1) sheet.getColumn(c).width = 14;
  });

  const notes = book.addWorksheet(labels.notes);
  notes.addRow([report.title]).font = { bold: true, size: 13 };
  notes.addRow([]);
  notes.addRow([labels.parameter, labels.value]).font = { bold: true };
  for (const p of report.parameters) notes.addRow([p.label, p.value]);
  notes.addRow([labels.generatedAt, report.generatedAt.toISOString()]);
  notes.addRow([labels.dataHash, report.dataHash]);
  notes.addRow([]);
  notes.addRow([labels.suppressedNote]);
  notes.addRow([]);
  notes.addRow([labels.definition, labels.source]).font = { bold: true };
  for (const answer of report.answers) notes.addRow([`${answer.data.name}: ${answer.data.counts}`, answer.data.source]);
  notes.getColumn(1).width = 60;
  notes.getColumn(2).width = 70;
  return Buffer.from(await book.xlsx.writeBuffer());
}
