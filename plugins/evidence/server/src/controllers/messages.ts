// What the evidence routes answer when a request cannot be done, in Spanish and English.
import type { ContentProblem, NameProblem } from '../files/content-check';
import { KINDS } from '../files/content-check';

const allowed = Object.values(KINDS).map((k) => k.extensions[0].toUpperCase()).join(', ');

export const T = {
  caseNotFound: { es: 'No se encontró el caso o no tiene acceso a él.', en: 'The case was not found or you have no access to it.' },
  itemNotFound: { es: 'Este caso no tiene un indicio con ese número.', en: 'This case has no evidence item with that number.' },
  fileNotFound: { es: 'Este indicio no tiene ese archivo.', en: 'This evidence item has no such file.' },
  cannotRecord: { es: 'Solo el procurador(a) titular y los fiscales e investigadores del equipo del caso pueden registrar indicios, archivos y entregas.', en: 'Only the chief prosecutor and the prosecutors and investigators on the case team may record evidence, files and hand-offs.' },
  auditorsOnly: { es: 'La verificación de la integridad de las evidencias corresponde a control interno (auditoría).', en: 'Verifying the integrity of evidence is for internal control (auditors).' },
  agencyUnknown: { es: 'Esa institución no existe o no está activa.', en: 'That agency does not exist or is not active.' },
  userUnknown: { es: 'Esa cuenta de usuario no existe o está bloqueada.', en: 'That user account does not exist or is blocked.' },
  beforeLast: { es: 'La entrega no puede ser anterior a la última registrada en la cadena de custodia.', en: 'The hand-off cannot be earlier than the last one recorded in the chain of custody.' },
  sameHolder: { es: 'El indicio ya está en poder de ese destinatario: indique otra institución o persona.', en: 'The item is already held by that recipient: name another agency or person.' },
  number: { es: 'El número de indicio debe ser un número entero positivo.', en: 'The item number must be a positive whole number.' },
  multipart: { es: 'Envíe el archivo como multipart/form-data, en un único campo llamado «file».', en: 'Send the file as multipart/form-data, in a single field named «file».' },
  tooLarge: (bytes: number) => ({ es: `El archivo supera el tamaño máximo permitido (${(bytes / 1048576).toFixed(0)} MB).`, en: `The file is larger than the maximum allowed size (${(bytes / 1048576).toFixed(0)} MB).` }),
};

export const CONTENT: Record<ContentProblem, { es: string; en: string }> = {
  empty: { es: 'El archivo está vacío.', en: 'The file is empty.' },
  unsupported: { es: `Formato no admitido (se reconoce por el contenido, no por el nombre). Se aceptan: ${allowed} y texto plano UTF-8.`, en: `Unsupported format (recognised from the content, not the name). Accepted: ${allowed} and plain UTF-8 text.` },
  svg: { es: 'No se aceptan imágenes SVG: pueden contener código ejecutable. Conviértala a PNG o PDF.', en: 'SVG images are not accepted: they can carry executable script. Convert it to PNG or PDF.' },
  'trailing-data': { es: 'El archivo tiene datos añadidos después del final de su formato (posible archivo políglota): no se acepta.', en: 'The file has data appended after the end of its format (a possible polyglot file): refused.' },
  'zip-inside': { es: 'El archivo contiene un archivo ZIP oculto (archivo políglota): no se acepta.', en: 'The file hides a ZIP archive inside it (a polyglot file): refused.' },
  'active-content': { es: 'El archivo contiene HTML, script o acciones ejecutables: no se acepta.', en: 'The file contains HTML, script or executable actions: refused.' },
  malformed: { es: 'La estructura del archivo no corresponde a su formato.', en: 'The file’s structure does not match its format.' },
};

export const NAME: Record<NameProblem, { es: string; en: string }> = {
  empty: { es: 'El archivo no trae nombre.', en: 'The file has no name.' },
  'too-long': { es: 'El nombre del archivo supera 200 caracteres.', en: 'The file name is longer than 200 characters.' },
  path: { es: 'El nombre del archivo no puede contener rutas («/», «\\» ni «..»).', en: 'The file name may not contain paths («/», «\\» or «..»).' },
  control: { es: 'El nombre del archivo contiene caracteres de control o de formato invisibles.', en: 'The file name contains control or invisible formatting characters.' },
  characters: { es: 'El nombre del archivo no puede contener < > : " | ? *.', en: 'The file name may not contain < > : " | ? *.' },
  extension: { es: 'La extensión del nombre no corresponde al contenido del archivo.', en: 'The name’s extension does not match the file’s content.' },
};
