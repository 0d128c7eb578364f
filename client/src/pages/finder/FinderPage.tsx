import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, type CenterCard, type CenterSearchResult } from '@beratung/shared';
import { useI18n } from '../../common/i18n/core';
import { navigate, splitPath, useHashPath } from '../../common/router';
import { useSession } from '../../common/sdk/session';
import { Alert, ErrorAlert } from '../../common/ui/Alert';
import { Checkbox, TextField } from '../../common/ui/Form';
import { Page } from '../../common/ui/Layout';
import { useT, type MessageKey } from '../../i18n';
import { formatDistance, formatIntervals } from './format';
import { rememberSearch } from './lastSearch';
import {
  EMPTY_QUERY,
  RADII,
  hasSearch,
  placeSuggestions,
  queryFromSearch,
  queryToPath,
  toApiQuery,
  widerRadius,
  type FinderQuery,
} from './query';
import { TOPIC_TREE } from './topics';

type SearchState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; result: CenterSearchResult }
  | { status: 'unknownPlace'; place: string; suggestions: string[] }
  | { status: 'error'; error: unknown };

/** The Beratungsstellenfinder: the form, and the results of the search in the URL. */
export function FinderPage() {
  const t = useT();
  const { sdk } = useSession();
  const path = useHashPath();
  const searchString = splitPath(path).search.toString();
  const query = useMemo(() => queryFromSearch(new URLSearchParams(searchString)), [searchString]);
  const searching = hasSearch(new URLSearchParams(searchString));

  const [draft, setDraft] = useState<FinderQuery>(query);
  // The form follows the URL (back/forward, suggestions, shared links): adjust during render.
  const [draftFor, setDraftFor] = useState(searchString);
  if (draftFor !== searchString) {
    setDraftFor(searchString);
    setDraft(query);
  }

  // Bumped to run the same search again (submitting an unchanged form after an error).
  const [attempt, setAttempt] = useState(0);
  const requestKey = `${searchString}|${attempt}`;
  const [answer, setAnswer] = useState<{ key: string; state: SearchState }>();
  const state: SearchState = !searching
    ? { status: 'idle' }
    : answer?.key === requestKey
      ? answer.state
      : { status: 'loading' };

  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);

  // The URL is the source of truth: the results always belong to the search in it.
  useEffect(() => {
    if (!searching) return;
    rememberSearch(queryToPath(query));
    let current = true;
    const settle = (next: SearchState) => {
      if (current) setAnswer({ key: requestKey, state: next });
    };
    sdk.searchCenters(toApiQuery(query)).then(
      (result) => settle({ status: 'done', result }),
      (error: unknown) => {
        if (error instanceof ApiError && error.code === 'UNKNOWN_PLACE') {
          settle({ status: 'unknownPlace', place: query.near, suggestions: placeSuggestions(error.extra) });
        } else settle({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [sdk, query, searching, requestKey]);

  // After a search the person started, move focus to the results (announces them, too).
  useEffect(() => {
    if (state.status !== 'loading' && state.status !== 'idle' && focusResults.current) {
      focusResults.current = false;
      resultsHeading.current?.focus();
    }
  }, [state.status]);

  const go = (next: FinderQuery) => {
    focusResults.current = true;
    const target = queryToPath(next);
    if (target === path) setAttempt((value) => value + 1);
    else navigate(target);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ ...draft, page: 1 });
  };

  const reset = () => {
    setDraft(EMPTY_QUERY);
    navigate('/finder');
  };

  return (
    <Page title={t('finder.title')} siteName={t('app.name')} wide>
      <p className="kern-body kern-body--large finder__lead">{t('finder.lead')}</p>
      <form className="finder-form" role="search" onSubmit={submit} noValidate aria-label={t('finder.form')}>
        <TopicSelect value={draft.topic} onChange={(topic) => setDraft({ ...draft, topic })} />
        <TextField
          id="finder-q"
          label={t('finder.q')}
          hint={t('finder.q.hint')}
          value={draft.q}
          onChange={(q) => setDraft({ ...draft, q })}
          maxLength={200}
          className="finder-form__q"
        />
        <TextField
          id="finder-near"
          label={t('finder.near')}
          hint={t('finder.near.hint')}
          value={draft.near}
          onChange={(near) => setDraft({ ...draft, near })}
          autoComplete="postal-code"
          maxLength={100}
          className="finder-form__near"
        />
        <div className="kern-form-input finder-form__radius">
          <label className="kern-label" htmlFor="finder-radius">
            {t('finder.radius')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              className="kern-form-input__select"
              id="finder-radius"
              name="finder-radius"
              value={draft.radiusKm}
              onChange={(event) => setDraft({ ...draft, radiusKm: Number(event.target.value) })}
            >
              {RADII.map((km) => (
                <option key={km} value={km}>
                  {t('finder.radius.option', { km })}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="finder-form__online">
          <Checkbox
            id="finder-online"
            label={t('finder.online')}
            hint={t('finder.online.hint')}
            checked={draft.online}
            onChange={(online) => setDraft({ ...draft, online })}
          />
        </div>
        <div className="actions finder-form__actions">
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-icon kern-icon--search" aria-hidden="true" />
            <span className="kern-label">{t('finder.submit')}</span>
          </button>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={reset}>
            <span className="kern-label">{t('finder.reset')}</span>
          </button>
        </div>
      </form>

      <section className="finder-results" aria-labelledby="finder-results-title" hidden={!searching}>
        <h2 className="kern-heading-medium" id="finder-results-title" tabIndex={-1} ref={resultsHeading}>
          {t('finder.results.title')}
        </h2>
        <div role="status" className="finder-results__status">
          {state.status === 'loading' && <p className="kern-body">{t('finder.loading')}</p>}
          {state.status === 'done' && <ResultSummary result={state.result} />}
        </div>
        {state.status === 'done' && state.result.items.length === 0 && (
          <EmptyResult query={query} onSearch={go} />
        )}
        {state.status === 'done' && state.result.items.length > 0 && (
          <>
            <ol className="finder-list">
              {state.result.items.map((card) => (
                <li key={card.id}>
                  <ResultCard card={card} />
                </li>
              ))}
            </ol>
            <Pagination result={state.result} query={query} />
          </>
        )}
        {state.status === 'unknownPlace' && (
          <UnknownPlace
            place={state.place}
            suggestions={state.suggestions}
            onPick={(near) => go({ ...query, near, page: 1 })}
          />
        )}
        {state.status === 'error' && <ErrorAlert<MessageKey> error={state.error} />}
      </section>
    </Page>
  );
}

/** Thema: all topics, or a main area (with all its sub-offers), or one sub-offer. */
function TopicSelect({ value, onChange }: { value: string; onChange(value: string): void }) {
  const t = useT();
  const label = (key: string) => t(`topic.${key}` as MessageKey);
  return (
    <div className="kern-form-input finder-form__topic">
      <label className="kern-label" htmlFor="finder-topic">
        {t('finder.topic')}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          className="kern-form-input__select"
          id="finder-topic"
          name="finder-topic"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">{t('finder.topic.all')}</option>
          {TOPIC_TREE.map((area) => (
            <optgroup key={area.key} label={label(area.key)}>
              <option value={area.key}>{t('finder.topic.allOf', { topic: label(area.key) })}</option>
              {area.children.map((key) => (
                <option key={key} value={key}>
                  {label(key)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
    </div>
  );
}

function ResultSummary({ result }: { result: CenterSearchResult }) {
  const t = useT();
  const { locale } = useI18n();
  const count =
    result.total === 1
      ? t('finder.results.count.one')
      : t('finder.results.count', {
          count: result.total.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB'),
        });
  const from = (result.page - 1) * result.pageSize + 1;
  const to = from + result.items.length - 1;
  return (
    <p className="kern-body">
      <strong>{count}</strong>
      {result.near && (
        <> {t('finder.results.near', { radius: result.near.radiusKm, place: result.near.label })}</>
      )}
      {result.total > result.pageSize && result.items.length > 0 && (
        <>
          {'. '}
          {t('finder.results.range', { from, to })}
        </>
      )}
    </p>
  );
}

function ResultCard({ card }: { card: CenterCard }) {
  const t = useT();
  const { locale } = useI18n();
  const label = (topic: CenterCard['topics'][number]) => (locale === 'de' ? topic.labelDe : topic.labelEn);
  const areas = card.topics.filter((topic) => topic.parent === null).map(label);
  const offers = card.topics.filter((topic) => topic.parent !== null).map(label);
  const hours = formatIntervals(card.openingHoursToday, locale);
  const { location } = card;
  return (
    <article className="kern-card kern-card--small kern-card--interactive finder-card">
      <div className="kern-card__container">
        <header className="kern-card__header">
          {areas.length > 0 && <p className="kern-preline">{areas.join(' · ')}</p>}
          <h3 className="kern-title">
            <a className="kern-link kern-link--stretched" href={`#/finder/${card.id}`}>
              {card.name}
            </a>
          </h3>
          <p className="kern-subline">{card.organisation}</p>
        </header>
        <div className="kern-card__body">
          {offers.length > 0 && (
            <p className="kern-body finder-card__offers">
              <span className="visually-hidden">{t('finder.card.topics')}: </span>
              {offers.join(', ')}
            </p>
          )}
          <p className="kern-body finder-card__address">
            {location.street}, {location.postalCode} {location.city}
            {card.distanceKm !== null && (
              <span className="finder-card__distance">
                {t('finder.card.distance', { distance: formatDistance(card.distanceKm, locale) })}
              </span>
            )}
          </p>
          <p className="kern-body finder-card__hours">
            {hours ? t('finder.card.todayOpen', { hours }) : t('finder.card.todayClosed')}
            {card.openNow && <span className="finder-card__open"> – {t('finder.card.openNow')}</span>}
          </p>
          {card.online && (
            <p className="finder-card__badges">
              <span className="kern-badge kern-badge--info">
                <span className="kern-icon kern-icon--info" aria-hidden="true" />
                <span className="kern-label">{t('finder.card.online')}</span>
              </span>
            </p>
          )}
        </div>
      </div>
    </article>
  );
}

function Pagination({ result, query }: { result: CenterSearchResult; query: FinderQuery }) {
  const t = useT();
  const pages = Math.ceil(result.total / result.pageSize);
  if (pages <= 1) return null;
  const href = (page: number) => `#${queryToPath({ ...query, page })}`;
  return (
    <nav className="finder-pagination" aria-label={t('finder.pagination')}>
      {result.page > 1 ? (
        <a className="kern-btn kern-btn--secondary" href={href(result.page - 1)}>
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
          <span className="kern-label">{t('finder.pagination.previous')}</span>
        </a>
      ) : (
        <span />
      )}
      <p className="kern-body" aria-current="page">
        {t('finder.pagination.status', { page: result.page, pages })}
      </p>
      {result.page < pages ? (
        <a className="kern-btn kern-btn--secondary" href={href(result.page + 1)}>
          <span className="kern-label">{t('finder.pagination.next')}</span>
          <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

function UnknownPlace({
  place,
  suggestions,
  onPick,
}: {
  place: string;
  suggestions: string[];
  onPick(place: string): void;
}) {
  const t = useT();
  const [best, ...others] = suggestions;
  return (
    <Alert variant="warning" title={t('finder.unknownPlace.title')}>
      <p className="kern-body">{t('finder.unknownPlace.text', { place })}</p>
      {suggestions.length > 0 ? (
        <>
          <p className="finder-suggestions__best">
            <button type="button" className="kern-btn kern-btn--primary" onClick={() => onPick(best!)}>
              <span className="kern-label">{t('finder.unknownPlace.suggest', { place: best! })}</span>
            </button>
          </p>
          {others.length > 0 && (
            <div role="group" aria-labelledby="finder-suggestions-more">
              <p className="kern-body" id="finder-suggestions-more">
                {t('finder.unknownPlace.more')}
              </p>
              <ul className="finder-suggestions">
                {others.map((suggestion) => (
                  <li key={suggestion}>
                    <button
                      type="button"
                      className="kern-btn kern-btn--secondary kern-btn--x-small"
                      onClick={() => onPick(suggestion)}
                    >
                      <span className="kern-label">{suggestion}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      ) : (
        <p className="kern-body">{t('finder.unknownPlace.none')}</p>
      )}
    </Alert>
  );
}

/** No result: offer the searches that most likely find something. */
function EmptyResult({ query, onSearch }: { query: FinderQuery; onSearch(query: FinderQuery): void }) {
  const t = useT();
  const wider = query.near ? widerRadius(query.radiusKm) : undefined;
  const filtered = Boolean(query.topic || query.q || query.online);
  const options: Array<[string, FinderQuery]> = [];
  if (wider)
    options.push([t('finder.empty.widen', { radius: wider }), { ...query, radiusKm: wider, page: 1 }]);
  if (filtered && query.near) {
    options.push([
      t('finder.empty.withoutFilters'),
      { ...EMPTY_QUERY, near: query.near, radiusKm: query.radiusKm },
    ]);
  }
  if (!query.online)
    options.push([t('finder.empty.online'), { ...EMPTY_QUERY, topic: query.topic, online: true }]);
  return (
    <Alert variant="info" title={t('finder.empty.title')}>
      <p className="kern-body">{t('finder.empty.text')}</p>
      <ul className="kern-list finder-empty">
        {options.map(([label, next]) => (
          <li key={label}>
            <a
              className="kern-link"
              href={`#${queryToPath(next)}`}
              onClick={(event) => {
                event.preventDefault();
                onSearch(next);
              }}
            >
              {label}
            </a>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
