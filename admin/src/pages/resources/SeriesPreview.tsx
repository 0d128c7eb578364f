import { useEffect, useState } from 'react';
import { ApiError } from '@beratung/shared';
import { useI18n, type Locale } from '@common/i18n/core';
import { useSession } from '@common/sdk/session';
import { FieldError } from '@common/ui/Form';
import { useT } from '../../i18n';
import type { seriesRule } from './absences.model';

const PREVIEW_LIMIT = 8;
/** Wait for a pause in typing before asking the server. */
const DEBOUNCE_MS = 400;

type Rule = ReturnType<typeof seriesRule>;
type Preview = { occurrences: Array<{ date: string; start: string; end: string }>; more: boolean };

/** "Di., 13.10.2026" / "Tue 13 Oct 2026" of a calendar date (no time zone involved). */
export function occurrenceDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

/**
 * The first occurrences of an absence series as the server computes them in the
 * center's zone, refreshed while the rule is edited (Abwesenheitsserie: Vorschau).
 */
export function SeriesPreview({ centerId, rule, id }: { centerId: string; rule: Rule; id: string }) {
  const t = useT();
  const { locale } = useI18n();
  const { sdk } = useSession();
  const [preview, setPreview] = useState<Preview>();
  const [problem, setProblem] = useState<string>();
  const request = JSON.stringify(rule);

  useEffect(() => {
    let active = true;
    const timer = setTimeout(() => {
      sdk
        .backOfficePreviewAbsenceSeries(centerId, { ...(JSON.parse(request) as Rule), limit: PREVIEW_LIMIT })
        .then(
          (result) => {
            if (!active) return;
            setPreview(result);
            setProblem(undefined);
          },
          (error: unknown) => {
            if (!active) return;
            setPreview(undefined);
            setProblem(
              error instanceof ApiError && error.details?.length
                ? error.details.map((d) => d.message).join(' · ')
                : t('absences.preview.failed'),
            );
          },
        );
    }, DEBOUNCE_MS);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [sdk, centerId, request, t]);

  const titleId = `${id}-title`;
  return (
    <section className="series-preview" aria-labelledby={titleId} data-testid="series-preview">
      <h3 className="kern-heading-small" id={titleId}>
        {t('absences.preview.title')}
      </h3>
      <div aria-live="polite">
        {problem ? (
          <FieldError id={`${id}-problem`} message={t('absences.preview.invalid', { problem })} />
        ) : !preview ? (
          <p className="kern-body muted">{t('common.loading')}</p>
        ) : preview.occurrences.length === 0 ? (
          <p className="kern-body">{t('absences.preview.none')}</p>
        ) : (
          <>
            <ul className="kern-list">
              {preview.occurrences.map((o) => (
                <li key={o.start}>
                  {rule.wholeDay
                    ? t('absences.preview.wholeDay', { date: occurrenceDate(o.date, locale) })
                    : t('absences.preview.timed', {
                        date: occurrenceDate(o.date, locale),
                        start: o.start.slice(11, 16),
                        end: o.end.slice(11, 16),
                      })}
                </li>
              ))}
            </ul>
            {preview.more && <p className="kern-body muted">{t('absences.preview.more')}</p>}
          </>
        )}
      </div>
    </section>
  );
}
