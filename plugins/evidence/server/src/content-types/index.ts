// The evidence plugin's tables. None has a generated content-API route or an admin-panel view:
// only the evidence services read and write them, after the case access check.
import evidenceItem from './evidence-item/schema.json';
import custodyEvent from './custody-event/schema.json';
import evidenceFile from './evidence-file/schema.json';

export default {
  'evidence-item': { schema: evidenceItem },
  'custody-event': { schema: custodyEvent },
  'evidence-file': { schema: evidenceFile },
};
