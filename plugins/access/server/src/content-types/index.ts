// The access plugin's own tables: sessions, second factors, sign-in counters and challenges, events,
// and the link of a liaison account to its agency.
import session from './session/schema.json';
import secondFactor from './second-factor/schema.json';
import signInLock from './sign-in-lock/schema.json';
import signInChallenge from './sign-in-challenge/schema.json';
import securityEvent from './security-event/schema.json';
import breakGlass from './break-glass/schema.json';
import agencyLiaison from './agency-liaison/schema.json';

export default {
  session: { schema: session },
  'second-factor': { schema: secondFactor },
  'sign-in-lock': { schema: signInLock },
  'sign-in-challenge': { schema: signInChallenge },
  'security-event': { schema: securityEvent },
  'break-glass': { schema: breakGlass },
  'agency-liaison': { schema: agencyLiaison },
};
