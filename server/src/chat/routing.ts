import { sql } from 'kysely';
import { TOPIC_TREE } from '@beratung/shared/topics';
import type { Db } from '../db/database';

export interface InquiryRoute {
  centerId: string;
  centerName: string;
  fallback: boolean;
}

/** A topic and the main topic above it: a center serving "Schulden" also takes "Insolvenz". */
export function topicWithParent(topic: string): string[] {
  const parent = TOPIC_TREE.find((area) => (area.children as readonly string[]).includes(topic));
  return parent ? [topic, parent.key] : [topic];
}

/**
 * The center a postal-code inquiry goes to: among centers that offer online chat, have
 * a team key and cover the code for the topic (or its main topic) in their service
 * areas, the one with the narrowest covering range — the most local one. Without any,
 * the configured fallback center.
 */
export async function routeInquiry(
  db: Db,
  topic: string,
  postalCode: string,
  fallbackCenterId: string | undefined,
): Promise<InquiryRoute | undefined> {
  const covering = await db
    .selectFrom('service_areas as area')
    .innerJoin('centers as center', 'center.id', 'area.center_id')
    .select(['center.id', 'center.name'])
    .where('area.topic_key', 'in', topicWithParent(topic))
    .where('area.postal_from', '<=', postalCode)
    .where('area.postal_to', '>=', postalCode)
    .where('center.offers_online_chat', '=', true)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('center_team_keys as k').select('k.epoch').whereRef('k.center_id', '=', 'center.id')),
    )
    .orderBy(sql`area.postal_to::int - area.postal_from::int`)
    .orderBy('center.name')
    .limit(1)
    .executeTakeFirst();
  if (covering) return { centerId: covering.id, centerName: covering.name, fallback: false };
  if (!fallbackCenterId) return undefined;
  const fallback = await db
    .selectFrom('centers')
    .select(['id', 'name'])
    .where('id', '=', fallbackCenterId)
    .executeTakeFirst();
  return fallback ? { centerId: fallback.id, centerName: fallback.name, fallback: true } : undefined;
}

/** The center's current team key epoch, if it has one. */
export async function currentTeamEpoch(db: Db, centerId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('center_team_keys')
    .select(({ fn }) => fn.max('epoch').as('epoch'))
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  return row?.epoch ?? undefined;
}
