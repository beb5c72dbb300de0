// The text of an uncompressed pdfkit PDF: the hex strings of its TJ operators, in order.
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const block of raw.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    for (const hex of block[1].matchAll(/<([0-9a-fA-F]*)>/g)) out.push(Buffer.from(hex[1], 'hex').toString('latin1'));
  }
  return out.join('');
}
