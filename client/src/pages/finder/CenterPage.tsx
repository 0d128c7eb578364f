import { useEffect, useState, type ReactNode } from 'react';
import { ApiError, type CenterDetail, type CenterLocationDetail, type TopicView } from '@beratung/shared';
import { useI18n, type Locale } from '../../common/i18n/core';
import { useSession } from '../../common/sdk/session';
import { Alert, ErrorAlert } from '../../common/ui/Alert';
import { Page } from '../../common/ui/Layout';
import { TableHead } from '../../common/ui/TableHead';
import { useT, type MessageKey } from '../../i18n';
import {
  WEEKDAYS,
  formatDate,
  formatIntervals,
  languageName,
  phoneHref,
  safeWebsite,
  websiteLabel,
  weekdayIn,
} from './format';
import { lastSearch } from './lastSearch';
import { EMPTY_QUERY, queryToPath } from './query';

type LoadState =
  | { status: 'loading' }
  | { status: 'done'; center: CenterDetail }
  | { status: 'notFound' }
  | { status: 'error'; error: unknown };

/** The public detail page of a center: `#/finder/<centerId>`. */
export function CenterPage({ centerId }: { centerId: string }) {
  const t = useT();
  const { sdk } = useSession();
  const [answer, setAnswer] = useState<{ id: string; state: LoadState }>();
  const state: LoadState = answer?.id === centerId ? answer.state : { status: 'loading' };

  useEffect(() => {
    let current = true;
    const settle = (next: LoadState) => {
      if (current) setAnswer({ id: centerId, state: next });
    };
    sdk.centerDetail(centerId).then(
      (center) => settle({ status: 'done', center }),
      (error: unknown) =>
        settle(
          error instanceof ApiError && (error.status === 404 || error.status === 422)
            ? { status: 'notFound' }
            : { status: 'error', error },
        ),
    );
    return () => {
      current = false;
    };
  }, [sdk, centerId]);

  const back = (
    <p className="kern-body center__back">
      <a className="kern-link" href={`#${lastSearch()}`}>
        <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
        {t('center.back')}
      </a>
    </p>
  );

  if (state.status === 'done') return <CenterView center={state.center} back={back} />;
  return (
    <Page
      title={state.status === 'notFound' ? t('center.notFoundTitle') : t('finder.title')}
      siteName={t('app.name')}
    >
      {back}
      {state.status === 'loading' && (
        <p className="kern-body" role="status">
          {t('center.loading')}
        </p>
      )}
      {state.status === 'notFound' && <p className="kern-body">{t('center.notFound')}</p>}
      {state.status === 'error' && <ErrorAlert<MessageKey> error={state.error} />}
    </Page>
  );
}

function CenterView({ center, back }: { center: CenterDetail; back: ReactNode }) {
  const t = useT();
  const { locale } = useI18n();
  const today = weekdayIn(center.timezone);
  const locations = [...center.locations].sort((a, b) => Number(b.isMain) - Number(a.isMain));
  const main = locations[0];
  const website = safeWebsite(center.website);
  const flags = (['onlineChat', 'video', 'onSite', 'anonymous'] as const).filter(
    (flag) => center.flags[flag],
  );

  return (
    <Page title={center.name} siteName={t('app.name')} wide>
      <div className="center">
        <p className="kern-body kern-body--large center__organisation">{center.organisation}</p>
        {back}

        {center.announcements.length > 0 && (
          <section aria-labelledby="center-announcements">
            <Alert variant="info" title={t('center.announcements')} id="center-announcements">
              <ul className="kern-list center__announcements">
                {center.announcements.map((announcement) => (
                  <li key={announcement.id} className="kern-body">
                    {announcement.text}
                    {announcement.endsAt && (
                      <span className="muted">
                        {' '}
                        ({t('center.announcement.until', { date: formatDate(announcement.endsAt, locale) })})
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </Alert>
          </section>
        )}

        <div className="center__columns">
          <div className="center__main">
            {(center.description || flags.length > 0) && (
              <section aria-labelledby="center-about">
                <h2 className="kern-heading-medium" id="center-about">
                  {t('center.about')}
                </h2>
                {center.description && <p className="kern-body center__description">{center.description}</p>}
                {flags.length > 0 && (
                  <>
                    <h3 className="kern-heading-small">{t('center.ways')}</h3>
                    <ul className="kern-list">
                      {flags.map((flag) => (
                        <li key={flag} className="kern-body">
                          {t(`center.flag.${flag}`)}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {website && (
                  <p className="kern-body">
                    <a className="kern-link" href={website} rel="noopener noreferrer">
                      {websiteLabel(website)}
                    </a>
                  </p>
                )}
              </section>
            )}

            <section aria-labelledby="center-reach">
              <h2 className="kern-heading-medium" id="center-reach">
                {t('center.reach')}
              </h2>
              {locations.map((location) => (
                <LocationView
                  key={location.locationId}
                  location={location}
                  today={today}
                  several={locations.length > 1}
                  locale={locale}
                />
              ))}
            </section>

            {center.services.length > 0 && (
              <section aria-labelledby="center-services">
                <h2 className="kern-heading-medium" id="center-services">
                  {t('center.services')}
                </h2>
                <ul className="kern-list center__services">
                  {center.services.map((service) => (
                    <li key={service.id} className="kern-body">
                      <strong>{service.name}</strong> – {t(`center.service.${service.mode}`)},{' '}
                      {t('center.service.duration', { minutes: service.durationMinutes })}
                      {service.description && (
                        <span className="center__service-text">{service.description}</span>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>

          <aside className="center__aside" aria-label={center.name}>
            {center.services.length > 0 && (
              <section className="kern-card kern-card--small center__cta" aria-labelledby="center-booking">
                <div className="kern-card__container">
                  <header className="kern-card__header">
                    <h2 className="kern-title" id="center-booking">
                      {t('center.booking.title')}
                    </h2>
                  </header>
                  <div className="kern-card__body">
                    <p className="kern-body">{t('center.booking.text')}</p>
                  </div>
                  <div className="kern-card__footer">
                    <a
                      className="kern-btn kern-btn--primary"
                      href={`#/finder/${encodeURIComponent(center.id)}/termin`}
                    >
                      <span className="kern-label">{t('center.booking.button')}</span>
                    </a>
                  </div>
                </div>
              </section>
            )}
            {center.flags.onlineChat && (
              <section className="kern-card kern-card--small center__cta" aria-labelledby="center-cta">
                <div className="kern-card__container">
                  <header className="kern-card__header">
                    <h2 className="kern-title" id="center-cta">
                      {t('center.cta.title')}
                    </h2>
                  </header>
                  <div className="kern-card__body">
                    <p className="kern-body">{t('center.cta.text')}</p>
                  </div>
                  <div className="kern-card__footer">
                    <a
                      className="kern-btn kern-btn--primary"
                      href={`#/finder/${encodeURIComponent(center.id)}/beratung`}
                    >
                      <span className="kern-label">{t('center.cta.button')}</span>
                    </a>
                  </div>
                </div>
              </section>
            )}
            {center.topics.length > 0 && (
              <TopicLinks topics={center.topics} near={main?.city ?? ''} locale={locale} />
            )}
          </aside>
        </div>
      </div>
    </Page>
  );
}

function LocationView({
  location,
  today,
  several,
  locale,
}: {
  location: CenterLocationDetail;
  today: (typeof WEEKDAYS)[number];
  several: boolean;
  locale: Locale;
}) {
  const t = useT();
  const headingId = `location-${location.locationId}`;
  const title =
    location.name ??
    t(location.isMain ? 'center.location.main' : 'center.location.other', { city: location.city });
  const website = safeWebsite(location.website);
  const hasHours = WEEKDAYS.some((day) => (location.openingHours[day] ?? []).length > 0);
  return (
    <div className="center-location">
      <h3 className="kern-heading-small" id={headingId}>
        {title}
      </h3>
      <dl className="center-contact">
        <dt>{t('center.address')}</dt>
        <dd>
          {location.street}, {location.postalCode} {location.city}
        </dd>
        {location.phone && (
          <>
            <dt>{t('center.phone')}</dt>
            <dd>
              <a className="kern-link" href={phoneHref(location.phone)}>
                {location.phone}
              </a>
            </dd>
          </>
        )}
        {location.email && (
          <>
            <dt>{t('center.email')}</dt>
            <dd>
              <a className="kern-link" href={`mailto:${location.email}`}>
                {location.email}
              </a>
            </dd>
          </>
        )}
        {website && (
          <>
            <dt>{t('center.website')}</dt>
            <dd>
              <a className="kern-link" href={website} rel="noopener noreferrer">
                {websiteLabel(website)}
              </a>
            </dd>
          </>
        )}
        {location.transportHints && (
          <>
            <dt>{t('center.transport')}</dt>
            <dd>{location.transportHints}</dd>
          </>
        )}
        {location.parkingHints && (
          <>
            <dt>{t('center.parking')}</dt>
            <dd>{location.parkingHints}</dd>
          </>
        )}
        {location.specialInstructions && (
          <>
            <dt>{t('center.instructions')}</dt>
            <dd>{location.specialInstructions}</dd>
          </>
        )}
        {location.accessibility.length > 0 && (
          <>
            <dt>{t('center.accessibility')}</dt>
            <dd>{location.accessibility.map((feature) => t(`a11y.${feature}` as MessageKey)).join(', ')}</dd>
          </>
        )}
        {location.languages.length > 0 && (
          <>
            <dt>{t('center.languages')}</dt>
            <dd>{location.languages.map((code) => languageName(code, locale)).join(', ')}</dd>
          </>
        )}
      </dl>

      {hasHours ? (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small center-hours">
            <caption className="kern-title kern-title--small">
              {t('center.hours')}
              {several && ` – ${location.city}`}
            </caption>
            <TableHead columns={[t('center.hours.day'), t('center.hours.times')]} />
            <tbody className="kern-table__body">
              {WEEKDAYS.map((day) => {
                const hours = formatIntervals(location.openingHours[day] ?? [], locale);
                return (
                  <tr key={day} className={`kern-table__row${day === today ? ' center-hours__today' : ''}`}>
                    <th className="kern-table__header" scope="row">
                      {t(`weekday.${day}`)}
                      {day === today && (
                        <span className="center-hours__today-label"> {t('center.hours.today')}</span>
                      )}
                    </th>
                    <td className="kern-table__cell">{hours || t('center.hours.closed')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="kern-body muted">{t('center.hours.none')}</p>
      )}
    </div>
  );
}

/** "Mehr Angebote dieser Beratungsstelle": each topic searches for more centers near by. */
function TopicLinks({ topics, near, locale }: { topics: TopicView[]; near: string; locale: Locale }) {
  const t = useT();
  const label = (topic: TopicView) => (locale === 'de' ? topic.labelDe : topic.labelEn);
  const areas = topics.filter((topic) => topic.parent === null);
  const orphans = topics.filter(
    (topic) => topic.parent !== null && !areas.some((a) => a.key === topic.parent),
  );
  const groups = [
    ...areas.map((area) => ({ area, children: topics.filter((topic) => topic.parent === area.key) })),
    ...orphans.map((topic) => ({ area: topic, children: [] as TopicView[] })),
  ];
  const href = (key: string) => `#${queryToPath({ ...EMPTY_QUERY, topic: key, near })}`;
  return (
    <section className="center__offers" aria-labelledby="center-offers">
      <h2 className="kern-heading-small" id="center-offers">
        {t('center.offers')}
      </h2>
      <p className="kern-body kern-body--small muted">{t('center.offers.hint')}</p>
      <ul className="center-topics">
        {groups.map(({ area, children }) => (
          <li key={area.key}>
            <a className="kern-link" href={href(area.key)}>
              {label(area)}
            </a>
            {children.length > 0 && (
              <ul className="center-topics__children">
                {children.map((topic) => (
                  <li key={topic.key}>
                    <a className="kern-link" href={href(topic.key)}>
                      {label(topic)}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
