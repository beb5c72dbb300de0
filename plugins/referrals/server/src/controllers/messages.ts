// What the referral routes answer when a request cannot be done, in Spanish and English.
export const T = {
  caseNotFound: { es: 'No se encontró el caso o no tiene acceso a él.', en: 'The case was not found or you have no access to it.' },
  referralNotFound: { es: 'No se encontró la derivación o no tiene acceso a ella.', en: 'The referral was not found or you have no access to it.' },
  cannotRefer: { es: 'Solo el procurador(a) titular y los fiscales y oficiales de atención a víctimas del equipo del caso pueden derivar.', en: 'Only the chief prosecutor and the prosecutors and victim officers on the case team may make referrals.' },
  cannotRevoke: { es: 'Solo el procurador(a) titular y los fiscales del equipo del caso pueden revocar una derivación.', en: 'Only the chief prosecutor and the prosecutors on the case team may revoke a referral.' },
  agencyOnly: { es: 'Solo el enlace de la institución que recibió la derivación puede hacer esto.', en: 'Only the liaison of the agency that received the referral may do this.' },
  cannotPost: { es: 'No puede escribir en esta derivación.', en: 'You may not write in this referral.' },
  noDataSet: { es: 'No hay un conjunto de datos mínimos configurado para esta finalidad y esta institución: el administrador funcional debe definirlo.', en: 'No minimal data set is configured for this purpose and agency: the configurator must define one.' },
  notVictim: { es: 'Esa persona no es víctima de este caso.', en: 'That person is not a victim of this case.' },
  noBasis: { es: 'La víctima no tiene un consentimiento vigente para compartir datos: registre una base legal (código y texto).', en: 'The victim has no current consent to share data: record a legal basis (code and text).' },
  move: {
    'unknown-status': { es: 'Ese estado no existe.', en: 'That status does not exist.' },
    closed: { es: 'La derivación ya está cerrada y su estado no puede cambiar.', en: 'The referral is closed and its status cannot change.' },
    'not-allowed': { es: 'La derivación no puede pasar de su estado actual a ese estado.', en: 'The referral cannot move from its current status to that one.' },
  },
};
