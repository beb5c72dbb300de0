// Request bodies shared by API tests: valid, visibly fictional records.
export function newCaseBody(title: string) {
  return { data: { title, caseType: 'trata', origin: 'denuncia', intakeDate: '2026-01-15', province: 'santiago', exploitationForms: ['trabajo-forzoso'], palermoActs: ['captacion'], palermoMeans: ['engano'], priority: 'high', risk: 'medium', isComplex: false, summary: 'Hechos ficticios para pruebas automáticas.' } };
}
