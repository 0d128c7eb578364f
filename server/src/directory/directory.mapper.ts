import type { CenterDetail } from './directory.schema';
import type { CenterDetailRows, TopicRow } from './detail.repository';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A topic as the API shows it. */
export function toTopicView(topic: TopicRow): CenterDetail['topics'][number] {
  return { key: topic.key, parent: topic.parent_key, labelDe: topic.label_de, labelEn: topic.label_en };
}

/** Rows of the detail queries → the public detail (explicit: nothing else can leak). */
export function toCenterDetail(rows: CenterDetailRows, topics: TopicRow[]): CenterDetail {
  const { center } = rows;
  const own = new Set(rows.topicKeys);
  return {
    id: center.id,
    name: center.name,
    organisation: center.organisation,
    description: center.description,
    website: center.website,
    timezone: center.timezone,
    online: center.offers_online_chat || center.offers_video,
    flags: {
      onlineChat: center.offers_online_chat,
      video: center.offers_video,
      onSite: center.offers_onsite,
      anonymous: center.offers_anonymous,
    },
    topics: topics.filter((topic) => own.has(topic.key)).map(toTopicView),
    locations: rows.locations.map((location) => {
      const openingHours: CenterDetail['locations'][number]['openingHours'] = {};
      for (const hour of rows.hours) {
        if (hour.location_id !== location.id) continue;
        const day = WEEKDAYS[hour.weekday - 1]!;
        (openingHours[day] ??= []).push({ start: hour.start_time, end: hour.end_time });
      }
      return {
        locationId: location.id,
        name: location.name,
        isMain: location.is_main,
        street: location.street,
        postalCode: location.postal_code,
        city: location.city,
        latitude: location.latitude,
        longitude: location.longitude,
        phone: location.phone,
        email: location.email,
        website: location.website,
        openingHours,
        transportHints: location.transport_hints,
        parkingHints: location.parking_hints,
        specialInstructions: location.special_instructions,
        accessibility: location.accessibility,
        languages: location.languages,
      };
    }),
    services: rows.services.map((service) => ({
      id: service.id,
      name: service.name,
      description: service.description,
      mode: service.mode,
      durationMinutes: service.duration_minutes,
      topic: service.topic_key,
      locationId: service.location_id,
    })),
    announcements: rows.announcements.map((announcement) => ({
      id: announcement.id,
      text: announcement.text,
      startsAt: announcement.starts_at?.toISOString() ?? null,
      endsAt: announcement.ends_at?.toISOString() ?? null,
    })),
  };
}
