/**
 * The topic taxonomy as seeded by server/src/db/migrations/0002_directory.sql: the three
 * main areas with their sub-offers. Labels live in each app's i18n (`topic.<key>`).
 * Dependency-free, so the apps can import it without pulling in zod.
 */
export const TOPIC_TREE = [
  {
    key: 'suchtberatung',
    children: [
      'alkohol',
      'drogen',
      'medikamente',
      'essstoerungen',
      'gluecksspiel',
      'medien',
      'tabak',
      'angehoerige',
    ],
  },
  {
    key: 'schuldnerberatung',
    children: ['insolvenz', 'pfaendungsschutz', 'haushaltsbudget', 'energieschulden'],
  },
  {
    key: 'wohnungsnotfallhilfe',
    children: ['wohnungssicherung', 'mietschulden', 'obdachlosigkeit', 'notunterkunft'],
  },
] as const;

export type MainTopic = (typeof TOPIC_TREE)[number]['key'];
export type TopicKey = MainTopic | (typeof TOPIC_TREE)[number]['children'][number];

export const TOPIC_KEYS: readonly TopicKey[] = TOPIC_TREE.flatMap((area) => [area.key, ...area.children]);

export function isTopicKey(value: string): value is TopicKey {
  return (TOPIC_KEYS as readonly string[]).includes(value);
}
