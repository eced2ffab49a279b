// Closed vocabularies that several edges check values against (the API, the CLI), kept free of
// imports so that checking them costs nothing at start-up.
export const PLOVER_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
] as const;
export const MODALITIES = ['asserted', 'planned', 'possible', 'denied'] as const;
