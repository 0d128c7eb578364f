import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '@beratung/shared';
import type {
  ACCESSIBILITY_FEATURES,
  ImportCenter,
  ImportLocation,
  TimeInterval,
  WeekdayKey,
} from '@beratung/shared/schemas/import-format';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { Checkbox, FieldError, SubmitButton } from '@common/ui/Form';
import { Page } from '@common/ui/Layout';
import { useCenter, type Membership } from '../center';
import { useT, type MessageKey } from '../i18n';
import { TOPIC_TREE, isTopicKey } from '@beratung/shared/topics';

// Kept in step with the schema's constants; importing them as values would pull zod into the page.
const WEEKDAYS: readonly WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];
const FEATURES: readonly AccessibilityFeature[] = [
  'step_free_access',
  'elevator',
  'accessible_toilet',
  'accessible_parking',
  'hearing_loop',
  'tactile_guidance',
  'sign_language',
  'easy_language',
];

const topicLabel = (key: string): MessageKey | undefined => {
  const label = `topic.${key}`;
  return isTopicKey(key) ? (label as MessageKey) : undefined;
};

interface LocationDraft {
  source: ImportLocation | undefined;
  externalId: string;
  name: string;
  isMain: boolean;
  street: string;
  postalCode: string;
  city: string;
  latitude: string;
  longitude: string;
  email: string;
  phone: string;
  website: string;
  hours: Record<WeekdayKey, TimeInterval[]>;
  transportHints: string;
  parkingHints: string;
  specialInstructions: string;
  accessibility: AccessibilityFeature[];
  languages: string;
}

interface AnnouncementDraft {
  externalId: string;
  text: string;
  startsAt: string;
  endsAt: string;
}

interface AreaRow {
  key: string;
  topic: string;
  from: string;
  to: string;
}

interface Draft {
  organisation: string;
  name: string;
  description: string;
  website: string;
  flags: ImportCenter['flags'];
  locations: LocationDraft[];
  announcements: AnnouncementDraft[];
  topics: string[];
  areas: AreaRow[];
}

let counter = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36)}`;

const pad = (n: number) => String(n).padStart(2, '0');
/** An ISO date-time as the value of a datetime-local input (in the browser's time zone). */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
/** A datetime-local value as ISO 8601 with the browser's offset; '' → undefined. */
function fromLocalInput(value: string): string | undefined {
  if (!value.trim()) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${value.length === 16 ? `${value}:00` : value}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);
const number = (value: string) => (value.trim() ? Number(value.replace(',', '.')) : undefined);

function emptyHours(): Record<WeekdayKey, TimeInterval[]> {
  return { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
}

function toDraft(profile: ImportCenter): Draft {
  return {
    organisation: profile.organisation,
    name: profile.name,
    description: profile.description ?? '',
    website: profile.website ?? '',
    flags: { ...profile.flags },
    locations: profile.locations.map((location) => ({
      source: location,
      externalId: location.externalId,
      name: location.name ?? '',
      isMain: location.isMain,
      street: location.street,
      postalCode: location.postalCode,
      city: location.city,
      latitude: String(location.latitude),
      longitude: String(location.longitude),
      email: location.email ?? '',
      phone: location.phone ?? '',
      website: location.website ?? '',
      hours: Object.fromEntries(
        WEEKDAYS.map((day) => [day, (location.openingHours[day] ?? []).map((i) => ({ ...i }))]),
      ) as Record<WeekdayKey, TimeInterval[]>,
      transportHints: location.transportHints ?? '',
      parkingHints: location.parkingHints ?? '',
      specialInstructions: location.specialInstructions ?? '',
      accessibility: [...location.accessibility],
      languages: location.languages.join(', '),
    })),
    announcements: profile.announcements.map((a) => ({
      externalId: a.externalId,
      text: a.text,
      startsAt: toLocalInput(a.startsAt),
      endsAt: toLocalInput(a.endsAt),
    })),
    topics: [...profile.topics],
    areas: profile.serviceAreas.flatMap((area) =>
      area.postalCodes.map((entry) => {
        const [from = '', to = ''] = entry.split('-');
        return { key: newId('area'), topic: area.topic, from, to };
      }),
    ),
  };
}

/**
 * The profile to save: the original with the edited parts replaced, everything the page
 * does not show (rooms, services, counselors, …) passed through. `aliases` maps the
 * server's service-area paths back to the rows of the page.
 */
function fromDraft(
  original: ImportCenter,
  draft: Draft,
): { profile: ImportCenter; aliases: Map<string, string> } {
  const aliases = new Map<string, string>();
  const groups: Array<{ topic: string; rows: number[] }> = [];
  draft.areas.forEach((row, index) => {
    let group = groups.find((g) => g.topic === row.topic);
    if (!group) groups.push((group = { topic: row.topic, rows: [] }));
    group.rows.push(index);
  });
  const serviceAreas = groups.map((group, a) => {
    aliases.set(`$.serviceAreas[${a}].topic`, `$.areas[${group.rows[0]}].topic`);
    aliases.set(`$.serviceAreas[${a}]`, `$.areas[${group.rows[0]}].topic`);
    return {
      topic: group.topic,
      postalCodes: group.rows.map((r, j) => {
        const row = draft.areas[r]!;
        aliases.set(`$.serviceAreas[${a}].postalCodes[${j}]`, `$.areas[${r}].from`);
        const from = row.from.trim();
        const to = row.to.trim();
        return to && to !== from ? `${from}-${to}` : from;
      }),
    };
  });
  const profile: ImportCenter = {
    ...original,
    organisation: draft.organisation,
    name: draft.name,
    description: optional(draft.description),
    website: optional(draft.website),
    flags: draft.flags,
    locations: draft.locations.map((l) => ({
      ...l.source,
      externalId: l.externalId,
      name: optional(l.name),
      isMain: l.isMain,
      street: l.street,
      postalCode: l.postalCode.trim(),
      city: l.city,
      latitude: number(l.latitude) as number,
      longitude: number(l.longitude) as number,
      email: optional(l.email),
      phone: optional(l.phone),
      website: optional(l.website),
      openingHours: Object.fromEntries(
        WEEKDAYS.filter((day) => l.hours[day].length > 0).map((day) => [day, l.hours[day]]),
      ),
      transportHints: optional(l.transportHints),
      parkingHints: optional(l.parkingHints),
      specialInstructions: optional(l.specialInstructions),
      accessibility: l.accessibility,
      languages: l.languages
        .split(/[,;\s]+/)
        .map((code) => code.trim().toLowerCase())
        .filter(Boolean),
    })),
    announcements: draft.announcements.map((a) => ({
      externalId: a.externalId,
      text: a.text,
      startsAt: fromLocalInput(a.startsAt),
      endsAt: fromLocalInput(a.endsAt),
    })),
    topics: draft.topics,
    serviceAreas,
  };
  return { profile, aliases };
}

/** Every path the page has a place for; a server problem goes to the nearest of them. */
function anchorPaths(draft: Draft): Set<string> {
  const paths = ['$.organisation', '$.name', '$.description', '$.website', '$.locations', '$.topics'];
  for (const flag of ['onlineChat', 'video', 'onSite', 'anonymous']) paths.push(`$.flags.${flag}`);
  draft.locations.forEach((l, i) => {
    const base = `$.locations[${i}]`;
    paths.push(base);
    for (const field of [
      'name',
      'isMain',
      'street',
      'postalCode',
      'city',
      'latitude',
      'longitude',
      'email',
      'phone',
      'website',
      'transportHints',
      'parkingHints',
      'specialInstructions',
      'accessibility',
      'languages',
      'openingHours',
    ])
      paths.push(`${base}.${field}`);
    for (const day of WEEKDAYS) {
      paths.push(`${base}.openingHours.${day}`);
      l.hours[day].forEach((_, j) => {
        paths.push(`${base}.openingHours.${day}[${j}]`);
        paths.push(`${base}.openingHours.${day}[${j}].start`);
        paths.push(`${base}.openingHours.${day}[${j}].end`);
      });
    }
  });
  draft.announcements.forEach((_, i) => {
    for (const field of ['text', 'startsAt', 'endsAt']) paths.push(`$.announcements[${i}].${field}`);
  });
  draft.topics.forEach((_, i) => paths.push(`$.topics[${i}]`));
  draft.areas.forEach((_, i) => {
    for (const field of ['topic', 'from', 'to']) paths.push(`$.areas[${i}].${field}`);
  });
  return new Set(paths);
}

/** `$.a[0].b` → `$.a[0]` → `$.a` → `$`. */
function parentPath(path: string): string {
  const match = /^(.*?)(\[\d+\]|\.[^.[]+|\["[^"]*"\])$/.exec(path);
  return match?.[1] || '$';
}

interface Problem {
  path: string;
  message: string;
}

function placeProblems(
  details: Problem[],
  draft: Draft,
  aliases: Map<string, string>,
): { byPath: Map<string, string>; unplaced: Problem[] } {
  const anchors = anchorPaths(draft);
  const byPath = new Map<string, string>();
  const unplaced: Problem[] = [];
  for (const problem of details) {
    let path = aliases.get(problem.path) ?? problem.path;
    // Topics are one group of checkboxes.
    if (/^\$\.topics\[\d+\]$/.test(path)) path = '$.topics';
    while (path !== '$' && !anchors.has(path)) path = aliases.get(parentPath(path)) ?? parentPath(path);
    if (path === '$') {
      unplaced.push(problem);
      continue;
    }
    const previous = byPath.get(path);
    byPath.set(path, previous ? `${previous} · ${problem.message}` : problem.message);
  }
  return { byPath, unplaced };
}

/** An element id for a JSON path. */
const fieldId = (path: string) => `p${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

export function ProfilePage() {
  const t = useT();
  const { current } = useCenter();
  let content;
  if (!current) content = <p className="kern-body">{t('center.none')}</p>;
  else if (current.role !== 'center_admin') content = <Alert variant="info" title={t('error.forbidden')} />;
  else content = <ProfileEditor key={current.centerId} center={current} />;
  return (
    <Page title={t('profile.title')} siteName={t('app.name')}>
      {content}
    </Page>
  );
}

function ProfileEditor({ center }: { center: Membership }) {
  const t = useT();
  const { sdk } = useSession();
  const [original, setOriginal] = useState<ImportCenter>();
  const [draft, setDraft] = useState<Draft>();
  const [loadError, setLoadError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [problems, setProblems] = useState<{ byPath: Map<string, string>; unplaced: Problem[] }>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let active = true;
    sdk.centerProfile(center.centerId).then(
      (profile) => {
        if (!active) return;
        setOriginal(profile);
        setDraft(toDraft(profile));
      },
      (error: unknown) => active && setLoadError(error),
    );
    return () => {
      active = false;
    };
  }, [sdk, center.centerId]);

  if (loadError) return <ErrorAlert error={loadError} />;
  if (!original || !draft)
    return (
      <p className="kern-body" role="status">
        {t('common.loading')}
      </p>
    );

  /** Changes the draft; adding or removing entries drops the markers (their indices moved). */
  const update = (change: (d: Draft) => Draft, structural = false) => {
    setDraft((d) => (d ? change(d) : d));
    setSaved(false);
    if (structural) setProblems(undefined);
  };
  const updateLocation = (index: number, change: Partial<LocationDraft>, structural = false) =>
    update(
      (d) => ({ ...d, locations: d.locations.map((l, i) => (i === index ? { ...l, ...change } : l)) }),
      structural,
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !original || !draft) return;
    setBusy(true);
    setFailure(undefined);
    setProblems(undefined);
    setSaved(false);
    const { profile, aliases } = fromDraft(original, draft);
    try {
      const result = await sdk.saveCenterProfile(center.centerId, profile);
      setOriginal(result);
      setDraft(toDraft(result));
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.details?.length) {
        const placed = placeProblems(error.details, draft, aliases);
        setProblems(placed);
        const first = [...placed.byPath.keys()][0];
        requestAnimationFrame(() =>
          document.getElementById(first ? fieldId(first) : 'profile-problems')?.focus(),
        );
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  }

  const error = (path: string) => problems?.byPath.get(path);
  const field = (
    path: string,
    label: string,
    value: string,
    onChange: (v: string) => void,
    extra?: FieldExtra,
  ) => (
    <Field
      id={fieldId(path)}
      label={label}
      value={value}
      onChange={onChange}
      error={error(path)}
      {...extra}
    />
  );
  const mainIndex = draft.locations.findIndex((l) => l.isMain);

  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={busy} data-testid="profile-form">
      <p className="kern-body">{t('profile.intro')}</p>
      {problems && (
        <div id="profile-problems" tabIndex={-1}>
          <Alert variant="danger" title={t('profile.problemsTitle')} live>
            <p className="kern-body">
              {t('profile.problemsText', { count: problems.byPath.size + problems.unplaced.length })}
            </p>
            {problems.unplaced.length > 0 && (
              <ul className="kern-list" data-testid="profile-unplaced">
                {problems.unplaced.map((p) => (
                  <li key={`${p.path}:${p.message}`}>
                    <code>{p.path}</code>: {p.message}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        </div>
      )}
      <ErrorAlert<MessageKey> error={failure} overrides={{ IN_USE: 'profile.inUse' }} />
      {saved && <Alert variant="success" title={t('profile.saved')} live />}

      <Section id="profile-center" title={t('profile.centerTitle')}>
        {field('$.organisation', t('profile.organisation'), draft.organisation, (v) =>
          update((d) => ({ ...d, organisation: v })),
        )}
        {field('$.name', t('profile.name'), draft.name, (v) => update((d) => ({ ...d, name: v })))}
        {field(
          '$.description',
          t('profile.description'),
          draft.description,
          (v) => update((d) => ({ ...d, description: v })),
          { multiline: true, optional: true },
        )}
        {field(
          '$.website',
          t('profile.website'),
          draft.website,
          (v) => update((d) => ({ ...d, website: v })),
          {
            type: 'url',
            optional: true,
            hint: t('profile.website.hint'),
          },
        )}
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('profile.flags')}</legend>
          <div className="kern-fieldset__body">
            {(['onlineChat', 'video', 'onSite', 'anonymous'] as const).map((flag) => (
              <Checkbox
                key={flag}
                id={fieldId(`$.flags.${flag}`)}
                label={t(`profile.flag.${flag}`)}
                checked={draft.flags[flag]}
                error={error(`$.flags.${flag}`)}
                onChange={(checked) => update((d) => ({ ...d, flags: { ...d.flags, [flag]: checked } }))}
              />
            ))}
          </div>
        </fieldset>
      </Section>

      <Section id="profile-locations" title={t('profile.locationsTitle')}>
        {error('$.locations') && <FieldError id={fieldId('$.locations')} message={error('$.locations')!} />}
        {draft.locations.map((location, index) => {
          const base = `$.locations[${index}]`;
          const title = t('profile.location', {
            number: index + 1,
            name: location.name || location.city || location.street || '',
          });
          const change = (patch: Partial<LocationDraft>) => updateLocation(index, patch);
          return (
            <fieldset
              className="kern-fieldset location"
              key={location.externalId}
              id={fieldId(base)}
              tabIndex={-1}
            >
              <legend className="kern-heading-small">{title}</legend>
              <div className="kern-fieldset__body">
                {error(base) && <FieldError id={`${fieldId(base)}-error`} message={error(base)!} />}
                <div className="kern-form-check">
                  <input
                    className="kern-form-check__radio"
                    type="radio"
                    name="main-location"
                    id={fieldId(`${base}.isMain`)}
                    checked={location.isMain}
                    onChange={() =>
                      update((d) => ({
                        ...d,
                        locations: d.locations.map((l, i) => ({ ...l, isMain: i === index })),
                      }))
                    }
                  />
                  <label className="kern-label" htmlFor={fieldId(`${base}.isMain`)}>
                    {t('profile.isMain')}
                  </label>
                </div>
                {field(`${base}.name`, t('profile.locationName'), location.name, (v) => change({ name: v }), {
                  optional: true,
                  hint: t('profile.locationName.hint'),
                })}
                {field(`${base}.street`, t('profile.street'), location.street, (v) => change({ street: v }))}
                <div className="field-row">
                  {field(
                    `${base}.postalCode`,
                    t('profile.postalCode'),
                    location.postalCode,
                    (v) => change({ postalCode: v }),
                    { inputMode: 'numeric', short: true },
                  )}
                  {field(`${base}.city`, t('profile.city'), location.city, (v) => change({ city: v }))}
                </div>
                {!location.source && <Alert variant="info" title={t('profile.coordinatesNote')} />}
                <div className="field-row">
                  {field(
                    `${base}.latitude`,
                    t('profile.latitude'),
                    location.latitude,
                    (v) => change({ latitude: v }),
                    {
                      inputMode: 'decimal',
                      short: true,
                    },
                  )}
                  {field(
                    `${base}.longitude`,
                    t('profile.longitude'),
                    location.longitude,
                    (v) => change({ longitude: v }),
                    { inputMode: 'decimal', short: true },
                  )}
                </div>
                {field(`${base}.email`, t('profile.email'), location.email, (v) => change({ email: v }), {
                  type: 'email',
                  optional: true,
                })}
                {field(`${base}.phone`, t('profile.phone'), location.phone, (v) => change({ phone: v }), {
                  type: 'tel',
                  optional: true,
                })}
                {field(
                  `${base}.website`,
                  t('profile.website'),
                  location.website,
                  (v) => change({ website: v }),
                  {
                    type: 'url',
                    optional: true,
                  },
                )}
                <OpeningHours
                  base={`${base}.openingHours`}
                  hours={location.hours}
                  error={error}
                  onChange={(hours, structural) => updateLocation(index, { hours }, structural)}
                />
                {field(
                  `${base}.transportHints`,
                  t('profile.transportHints'),
                  location.transportHints,
                  (v) => change({ transportHints: v }),
                  { multiline: true, optional: true },
                )}
                {field(
                  `${base}.parkingHints`,
                  t('profile.parkingHints'),
                  location.parkingHints,
                  (v) => change({ parkingHints: v }),
                  { multiline: true, optional: true },
                )}
                {field(
                  `${base}.specialInstructions`,
                  t('profile.specialInstructions'),
                  location.specialInstructions,
                  (v) => change({ specialInstructions: v }),
                  { multiline: true, optional: true },
                )}
                <fieldset className="kern-fieldset" id={fieldId(`${base}.accessibility`)} tabIndex={-1}>
                  <legend className="kern-label">{t('profile.accessibility')}</legend>
                  <div className="kern-fieldset__body">
                    {error(`${base}.accessibility`) && (
                      <FieldError
                        id={`${fieldId(`${base}.accessibility`)}-error`}
                        message={error(`${base}.accessibility`)!}
                      />
                    )}
                    {FEATURES.map((feature) => (
                      <Checkbox
                        key={feature}
                        id={`${fieldId(`${base}.accessibility`)}-${feature}`}
                        label={t(`profile.feature.${feature}`)}
                        checked={location.accessibility.includes(feature)}
                        onChange={(checked) =>
                          change({
                            accessibility: checked
                              ? [...location.accessibility, feature]
                              : location.accessibility.filter((f) => f !== feature),
                          })
                        }
                      />
                    ))}
                  </div>
                </fieldset>
                {field(
                  `${base}.languages`,
                  t('profile.languages'),
                  location.languages,
                  (v) => change({ languages: v }),
                  {
                    hint: t('profile.languages.hint'),
                    optional: true,
                  },
                )}
                {draft.locations.length > 1 && (
                  <div className="actions">
                    <button
                      type="button"
                      className="kern-btn kern-btn--secondary"
                      onClick={() =>
                        update((d) => {
                          const locations = d.locations.filter((_, i) => i !== index);
                          if (!locations.some((l) => l.isMain) && locations[0])
                            locations[0] = { ...locations[0], isMain: true };
                          return { ...d, locations };
                        }, true)
                      }
                    >
                      <span className="kern-label">{t('profile.removeLocation', { name: title })}</span>
                    </button>
                  </div>
                )}
              </div>
            </fieldset>
          );
        })}
        <div className="actions">
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            onClick={() =>
              update(
                (d) => ({
                  ...d,
                  locations: [
                    ...d.locations,
                    {
                      source: undefined,
                      externalId: newId('standort'),
                      name: '',
                      isMain: mainIndex < 0,
                      street: '',
                      postalCode: '',
                      city: '',
                      latitude: '',
                      longitude: '',
                      email: '',
                      phone: '',
                      website: '',
                      hours: emptyHours(),
                      transportHints: '',
                      parkingHints: '',
                      specialInstructions: '',
                      accessibility: [],
                      languages: 'de',
                    },
                  ],
                }),
                true,
              )
            }
          >
            <span className="kern-label">{t('profile.addLocation')}</span>
          </button>
        </div>
      </Section>

      <Section id="profile-announcements" title={t('profile.announcementsTitle')}>
        <p className="kern-hint">{t('profile.announcements.hint')}</p>
        {draft.announcements.length === 0 && <p className="kern-body">{t('profile.noAnnouncements')}</p>}
        {draft.announcements.map((announcement, index) => {
          const base = `$.announcements[${index}]`;
          const change = (patch: Partial<AnnouncementDraft>) =>
            update((d) => ({
              ...d,
              announcements: d.announcements.map((a, i) => (i === index ? { ...a, ...patch } : a)),
            }));
          return (
            <fieldset className="kern-fieldset" key={announcement.externalId}>
              <legend className="kern-label">{t('profile.announcement', { number: index + 1 })}</legend>
              <div className="kern-fieldset__body">
                {field(
                  `${base}.text`,
                  t('profile.announcementText'),
                  announcement.text,
                  (v) => change({ text: v }),
                  {
                    multiline: true,
                  },
                )}
                <div className="field-row">
                  {field(
                    `${base}.startsAt`,
                    t('profile.startsAt'),
                    announcement.startsAt,
                    (v) => change({ startsAt: v }),
                    {
                      type: 'datetime-local',
                    },
                  )}
                  {field(
                    `${base}.endsAt`,
                    t('profile.endsAt'),
                    announcement.endsAt,
                    (v) => change({ endsAt: v }),
                    {
                      type: 'datetime-local',
                      optional: true,
                    },
                  )}
                </div>
                <div className="actions">
                  <button
                    type="button"
                    className="kern-btn kern-btn--secondary"
                    onClick={() =>
                      update(
                        (d) => ({ ...d, announcements: d.announcements.filter((_, i) => i !== index) }),
                        true,
                      )
                    }
                  >
                    <span className="kern-label">
                      {t('profile.removeAnnouncement', { number: index + 1 })}
                    </span>
                  </button>
                </div>
              </div>
            </fieldset>
          );
        })}
        <div className="actions">
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            onClick={() =>
              update(
                (d) => ({
                  ...d,
                  announcements: [
                    ...d.announcements,
                    {
                      externalId: newId('ankuendigung'),
                      text: '',
                      startsAt: toLocalInput(new Date().toISOString()),
                      endsAt: '',
                    },
                  ],
                }),
                true,
              )
            }
          >
            <span className="kern-label">{t('profile.addAnnouncement')}</span>
          </button>
        </div>
      </Section>

      <Section id="profile-topics" title={t('profile.topicsTitle')}>
        <fieldset
          className={`kern-fieldset${error('$.topics') ? ' kern-fieldset--error' : ''}`}
          id={fieldId('$.topics')}
          tabIndex={-1}
        >
          <legend className="kern-label">{t('profile.topics')}</legend>
          <div className="kern-fieldset__body">
            {error('$.topics') && (
              <FieldError id={`${fieldId('$.topics')}-error`} message={error('$.topics')!} />
            )}
            {TOPIC_TREE.map((main) => (
              <div key={main.key} className="topic-group">
                {[main.key, ...main.children].map((key) => (
                  <div key={key} className={key === main.key ? undefined : 'topic-child'}>
                    <Checkbox
                      id={`topic-${key}`}
                      label={t(topicLabel(key)!)}
                      checked={draft.topics.includes(key)}
                      onChange={(checked) =>
                        update((d) => ({
                          ...d,
                          topics: checked ? [...d.topics, key] : d.topics.filter((k) => k !== key),
                        }))
                      }
                    />
                  </div>
                ))}
              </div>
            ))}
            {draft.topics
              .filter((key) => !isTopicKey(key))
              .map((key) => (
                <Checkbox
                  key={key}
                  id={`topic-${key}`}
                  label={key}
                  checked
                  onChange={() => update((d) => ({ ...d, topics: d.topics.filter((k) => k !== key) }))}
                />
              ))}
          </div>
        </fieldset>
      </Section>

      <Section id="profile-areas" title={t('profile.areasTitle')}>
        <p className="kern-hint">{t('profile.areas.hint')}</p>
        {draft.areas.map((row, index) => {
          const base = `$.areas[${index}]`;
          const change = (patch: Partial<AreaRow>) =>
            update((d) => ({ ...d, areas: d.areas.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));
          const topicId = fieldId(`${base}.topic`);
          return (
            <fieldset className="kern-fieldset" key={row.key}>
              <legend className="kern-label">{t('profile.area', { number: index + 1 })}</legend>
              <div className="kern-fieldset__body kern-fieldset__body--horizontal field-row">
                <div className={`kern-form-input${error(`${base}.topic`) ? ' kern-form-input--error' : ''}`}>
                  <label className="kern-label" htmlFor={topicId}>
                    {t('profile.areaTopic')}
                  </label>
                  <div className="kern-form-input__select-wrapper">
                    <select
                      className="kern-form-input__select"
                      id={topicId}
                      value={row.topic}
                      aria-invalid={error(`${base}.topic`) ? true : undefined}
                      aria-describedby={error(`${base}.topic`) ? `${topicId}-error` : undefined}
                      onChange={(event) => change({ topic: event.target.value })}
                    >
                      {[...new Set([...draft.topics, row.topic])].map((key) => (
                        <option key={key} value={key}>
                          {topicLabel(key) ? t(topicLabel(key)!) : key}
                        </option>
                      ))}
                    </select>
                  </div>
                  {error(`${base}.topic`) && (
                    <FieldError id={`${topicId}-error`} message={error(`${base}.topic`)!} />
                  )}
                </div>
                {field(`${base}.from`, t('profile.areaFrom'), row.from, (v) => change({ from: v }), {
                  inputMode: 'numeric',
                  short: true,
                })}
                {field(`${base}.to`, t('profile.areaTo'), row.to, (v) => change({ to: v }), {
                  inputMode: 'numeric',
                  short: true,
                  optional: true,
                })}
                <div className="actions">
                  <button
                    type="button"
                    className="kern-btn kern-btn--secondary"
                    onClick={() =>
                      update((d) => ({ ...d, areas: d.areas.filter((_, i) => i !== index) }), true)
                    }
                  >
                    <span className="kern-label">{t('profile.removeArea', { number: index + 1 })}</span>
                  </button>
                </div>
              </div>
            </fieldset>
          );
        })}
        <div className="actions">
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            onClick={() =>
              update(
                (d) => ({
                  ...d,
                  areas: [...d.areas, { key: newId('area'), topic: d.topics[0] ?? '', from: '', to: '' }],
                }),
                true,
              )
            }
          >
            <span className="kern-label">{t('profile.addArea')}</span>
          </button>
        </div>
      </Section>

      <div className="actions">
        <SubmitButton busy={busy}>{t('profile.save')}</SubmitButton>
      </div>
    </form>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="section stack" aria-labelledby={`${id}-title`}>
      <h2 className="kern-heading-medium" id={`${id}-title`}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function OpeningHours({
  base,
  hours,
  error,
  onChange,
}: {
  base: string;
  hours: Record<WeekdayKey, TimeInterval[]>;
  error: (path: string) => string | undefined;
  onChange(hours: Record<WeekdayKey, TimeInterval[]>, structural: boolean): void;
}) {
  const t = useT();
  const setDay = (day: WeekdayKey, intervals: TimeInterval[], structural = false) =>
    onChange({ ...hours, [day]: intervals }, structural);
  return (
    <fieldset className="kern-fieldset" id={fieldId(base)} tabIndex={-1}>
      <legend className="kern-label">{t('profile.openingHours')}</legend>
      <div className="kern-fieldset__body">
        <p className="kern-hint">{t('profile.openingHours.hint')}</p>
        {error(base) && <FieldError id={`${fieldId(base)}-error`} message={error(base)!} />}
        {WEEKDAYS.map((day) => {
          const dayPath = `${base}.${day}`;
          const dayName = t(`profile.day.${day}`);
          return (
            <div key={day} className="opening-day" id={fieldId(dayPath)} tabIndex={-1}>
              <h3 className="kern-heading-small">{dayName}</h3>
              {hours[day].length === 0 && <p className="kern-body muted">{t('profile.closed')}</p>}
              {error(dayPath) && <FieldError id={`${fieldId(dayPath)}-error`} message={error(dayPath)!} />}
              {hours[day].map((interval, j) => {
                const path = `${dayPath}[${j}]`;
                const change = (patch: Partial<TimeInterval>) =>
                  setDay(
                    day,
                    hours[day].map((i, k) => (k === j ? { ...i, ...patch } : i)),
                  );
                return (
                  <div key={j} className="field-row" id={fieldId(path)} tabIndex={-1}>
                    <Field
                      id={fieldId(`${path}.start`)}
                      label={t('profile.from', { day: dayName })}
                      value={interval.start}
                      onChange={(v) => change({ start: v })}
                      error={error(`${path}.start`) ?? error(path)}
                      inputMode="numeric"
                      short
                      placeholder="09:00"
                    />
                    <Field
                      id={fieldId(`${path}.end`)}
                      label={t('profile.to', { day: dayName })}
                      value={interval.end}
                      onChange={(v) => change({ end: v })}
                      error={error(`${path}.end`)}
                      inputMode="numeric"
                      short
                      placeholder="17:00"
                    />
                    <div className="actions">
                      <button
                        type="button"
                        className="kern-btn kern-btn--tertiary"
                        onClick={() =>
                          setDay(
                            day,
                            hours[day].filter((_, k) => k !== j),
                            true,
                          )
                        }
                      >
                        <span className="kern-label">
                          {t('profile.removeInterval', {
                            day: dayName,
                            start: interval.start,
                            end: interval.end,
                          })}
                        </span>
                      </button>
                    </div>
                  </div>
                );
              })}
              <button
                type="button"
                className="kern-btn kern-btn--tertiary"
                onClick={() => {
                  const last = hours[day].at(-1);
                  setDay(
                    day,
                    [
                      ...hours[day],
                      last ? { start: last.end, end: last.end } : { start: '09:00', end: '17:00' },
                    ],
                    true,
                  );
                }}
              >
                <span className="kern-label">{t('profile.addInterval', { day: dayName })}</span>
              </button>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

interface FieldExtra {
  type?: 'text' | 'email' | 'url' | 'tel' | 'datetime-local';
  multiline?: boolean;
  optional?: boolean;
  hint?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email';
  short?: boolean;
  placeholder?: string;
}

/** A labelled KERN input or textarea; hint and error are tied to it with aria-describedby. */
function Field(
  props: FieldExtra & {
    id: string;
    label: string;
    value: string;
    onChange(value: string): void;
    error?: string | undefined;
  },
) {
  const t = useT();
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const common = {
    className: 'kern-form-input__input',
    id: props.id,
    name: props.id,
    value: props.value,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
  };
  return (
    <div
      className={`kern-form-input${props.error ? ' kern-form-input--error' : ''}${props.short ? ' field--compact' : ''}`}
    >
      <label className="kern-label" htmlFor={props.id}>
        {props.label}
        {props.optional && <span className="kern-label__optional"> – {t('common.optional')}</span>}
      </label>
      {props.hint && (
        <div className="kern-hint" id={hintId}>
          {props.hint}
        </div>
      )}
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          placeholder={props.placeholder}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
      {props.error && <FieldError id={errorId!} message={props.error} />}
    </div>
  );
}
