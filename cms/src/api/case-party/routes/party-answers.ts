// A party's answers to the party form, changed on its case.
export default {
  routes: [{ method: 'PUT', path: '/cases/:id/parties/:partyId', handler: 'party-answers.update', config: { policies: [] } }],
};
