import type { Db } from '../db/database';

/** The public columns of one center and everything its detail page shows. */
export async function findCenterDetail(db: Db, centerId: string, now: Date) {
  const center = await db
    .selectFrom('centers')
    .select([
      'id',
      'name',
      'organisation',
      'description',
      'website',
      'timezone',
      'offers_online_chat',
      'offers_video',
      'offers_onsite',
      'offers_anonymous',
    ])
    .where('id', '=', centerId)
    .executeTakeFirst();
  if (!center) return undefined;
  const [locations, hours, topicKeys, services, announcements] = await Promise.all([
    db
      .selectFrom('center_locations')
      .select([
        'id',
        'name',
        'is_main',
        'street',
        'postal_code',
        'city',
        'latitude',
        'longitude',
        'email',
        'phone',
        'website',
        'transport_hints',
        'parking_hints',
        'special_instructions',
        'accessibility',
        'languages',
      ])
      .where('center_id', '=', centerId)
      .orderBy('is_main', 'desc')
      .orderBy('city')
      .orderBy('street')
      .execute(),
    db
      .selectFrom('opening_hours as oh')
      .innerJoin('center_locations as l', 'l.id', 'oh.location_id')
      .select(['oh.location_id', 'oh.weekday', 'oh.start_time', 'oh.end_time'])
      .where('l.center_id', '=', centerId)
      .orderBy('oh.weekday')
      .orderBy('oh.start_time')
      .execute(),
    db.selectFrom('center_topics').select('topic_key').where('center_id', '=', centerId).execute(),
    db
      .selectFrom('services')
      .select(['id', 'name', 'description', 'mode', 'duration_minutes', 'topic_key', 'location_id'])
      .where('center_id', '=', centerId)
      .where('active', '=', true)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('announcements')
      .select(['id', 'text', 'starts_at', 'ends_at'])
      .where('center_id', '=', centerId)
      .where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '<=', now)]))
      .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
      .orderBy('starts_at', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
  ]);
  return {
    center,
    locations,
    hours,
    topicKeys: topicKeys.map((row) => row.topic_key),
    services,
    announcements,
  };
}

export type CenterDetailRows = NonNullable<Awaited<ReturnType<typeof findCenterDetail>>>;

/** The topic taxonomy in display order. */
export async function listTopics(db: Db) {
  return db
    .selectFrom('topics')
    .select(['key', 'parent_key', 'label_de', 'label_en', 'sort_order'])
    .orderBy('sort_order')
    .orderBy('key')
    .execute();
}

export type TopicRow = Awaited<ReturnType<typeof listTopics>>[number];
