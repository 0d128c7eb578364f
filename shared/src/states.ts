/** Bundesländer by ISO 3166-2:DE code (without the 'DE-' prefix). Dependency-free. */
export const STATE_CODES = [
  'BW',
  'BY',
  'BE',
  'BB',
  'HB',
  'HH',
  'HE',
  'MV',
  'NI',
  'NW',
  'RP',
  'SL',
  'SN',
  'ST',
  'SH',
  'TH',
] as const;

export type StateCode = (typeof STATE_CODES)[number];
