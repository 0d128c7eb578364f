import { useEffect, useState, type FormEvent } from 'react';
import type { PublicSlot } from '@beratung/shared';
import { useI18n } from '../../common/i18n/core';
import { useSession } from '../../common/sdk/session';
import { ErrorAlert } from '../../common/ui/Alert';
import { TextField } from '../../common/ui/Form';
import { useT, type MessageKey } from '../../i18n';
import {
  addDays,
  longDate,
  monthName,
  monthStart,
  monthWeeks,
  shiftMonth,
  slotDate,
  slotTime,
  todayIn,
  weekdayNames,
} from './dates';

/** The longest range one query may cover is 62 days (MAX_SLOT_RANGE_DAYS). */
const RANGE_DAYS = 61;

type Loaded<T> = { key: string; value?: T; error?: unknown };

/**
 * Schritt „Datum und Uhrzeit“: a month calendar of the days with free slots and the free
 * times of the chosen day — or „Suche nach Wunschzeit“: the days a preferred time is free.
 */
export function SlotPicker({
  serviceId,
  timezone,
  horizonDays,
  onPick,
  busy,
}: {
  serviceId: string;
  timezone: string;
  horizonDays: number;
  onPick(start: string): void;
  busy: boolean;
}) {
  const t = useT();
  const { sdk } = useSession();
  const { locale } = useI18n();
  const today = todayIn(timezone);
  const last = addDays(today, Math.min(Math.max(horizonDays, 1), RANGE_DAYS));
  const [mode, setMode] = useState<'calendar' | 'wish'>('calendar');
  const [month, setMonth] = useState(monthStart(today));
  const [day, setDay] = useState<string>();
  const [days, setDays] = useState<Loaded<Map<string, number>>>();
  const [slots, setSlots] = useState<Loaded<PublicSlot[]>>();
  const [wish, setWish] = useState('');
  const [wishError, setWishError] = useState<MessageKey>();
  const [wishResult, setWishResult] = useState<Loaded<PublicSlot[]>>();

  const from = month < today ? today : month;
  const monthEnd = addDays(shiftMonth(month, 1), -1);
  const to = monthEnd > last ? last : monthEnd;
  const daysKey = `${serviceId}|${from}|${to}`;
  useEffect(() => {
    let current = true;
    if (from > to) return;
    sdk.bookingSlotDays({ serviceId, from, to }).then(
      (answer) => {
        if (current)
          setDays({ key: daysKey, value: new Map(answer.days.map((d) => [d.date, d.slots] as const)) });
      },
      (error: unknown) => {
        if (current) setDays({ key: daysKey, error });
      },
    );
    return () => {
      current = false;
    };
  }, [sdk, serviceId, from, to, daysKey]);

  const slotsKey = `${serviceId}|${day ?? ''}`;
  useEffect(() => {
    if (!day) return;
    let current = true;
    sdk.bookingSlots({ serviceId, from: day, to: day }).then(
      (answer) => {
        if (current) setSlots({ key: slotsKey, value: answer.slots });
      },
      (error: unknown) => {
        if (current) setSlots({ key: slotsKey, error });
      },
    );
    return () => {
      current = false;
    };
  }, [sdk, serviceId, day, slotsKey]);

  const searchWish = (event: FormEvent) => {
    event.preventDefault();
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(wish)) {
      setWishError('booking.wish.invalid');
      return;
    }
    setWishError(undefined);
    const key = `${serviceId}|${wish}`;
    setWishResult({ key });
    sdk.bookingSlots({ serviceId, from: today, to: last, time: wish }).then(
      (answer) => setWishResult({ key, value: answer.slots }),
      (error: unknown) => setWishResult({ key, error }),
    );
  };

  const monthDays = days?.key === daysKey ? days : undefined;
  const daySlots = slots?.key === slotsKey ? slots : undefined;
  const names = weekdayNames(locale);
  const pickButton = (slot: PublicSlot, label: string) => (
    <li key={slot.start}>
      <button
        type="button"
        className="kern-btn kern-btn--secondary booking-slot"
        aria-disabled={busy || undefined}
        onClick={() => !busy && onPick(slot.start)}
      >
        <span className="kern-label">
          {label}
          {slot.seatsLeft !== undefined && ` (${t('booking.seatsLeft', { seats: slot.seatsLeft })})`}
        </span>
      </button>
    </li>
  );

  return (
    <div className="booking-picker">
      <div className="booking-tabs" role="group" aria-label={t('booking.time.how')}>
        <button
          type="button"
          className={`kern-btn ${mode === 'calendar' ? 'kern-btn--primary' : 'kern-btn--secondary'}`}
          aria-pressed={mode === 'calendar'}
          onClick={() => setMode('calendar')}
        >
          <span className="kern-label">{t('booking.time.calendar')}</span>
        </button>
        <button
          type="button"
          className={`kern-btn ${mode === 'wish' ? 'kern-btn--primary' : 'kern-btn--secondary'}`}
          aria-pressed={mode === 'wish'}
          onClick={() => setMode('wish')}
        >
          <span className="kern-label">{t('booking.time.wish')}</span>
        </button>
      </div>

      {mode === 'calendar' ? (
        <>
          <div className="booking-month">
            <button
              type="button"
              className="kern-btn kern-btn--tertiary kern-btn--small"
              disabled={month <= monthStart(today)}
              onClick={() => setMonth(shiftMonth(month, -1))}
            >
              <span className="kern-label">{t('booking.month.previous')}</span>
            </button>
            <button
              type="button"
              className="kern-btn kern-btn--tertiary kern-btn--small"
              disabled={shiftMonth(month, 1) > last}
              onClick={() => setMonth(shiftMonth(month, 1))}
            >
              <span className="kern-label">{t('booking.month.next')}</span>
            </button>
          </div>
          {monthDays?.error !== undefined && <ErrorAlert<MessageKey> error={monthDays.error} />}
          <table className="booking-calendar">
            <caption className="kern-title">{monthName(month, locale)}</caption>
            <thead>
              <tr>
                {names.map((name) => (
                  <th key={name.long} scope="col">
                    <abbr title={name.long}>{name.short}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthWeeks(month).map((week, index) => (
                <tr key={index}>
                  {week.map((date, cell) => {
                    const free = date ? monthDays?.value?.get(date) : undefined;
                    return (
                      <td key={date ?? `empty-${cell}`}>
                        {date && free ? (
                          <button
                            type="button"
                            className="booking-day"
                            aria-pressed={day === date}
                            aria-label={`${longDate(date, locale)}: ${t('booking.day.free', { count: free })}`}
                            onClick={() => setDay(date)}
                          >
                            {Number(date.slice(8))}
                          </button>
                        ) : date ? (
                          <span className="booking-day booking-day--none">{Number(date.slice(8))}</span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <div aria-live="polite">
            {!monthDays && <p className="kern-body">{t('common.loading')}</p>}
            {monthDays?.value && monthDays.value.size === 0 && (
              <p className="kern-body">{t('booking.month.none')}</p>
            )}
          </div>
          {day && (
            <section aria-labelledby="booking-times">
              <h3 className="kern-heading-small" id="booking-times">
                {t('booking.times', { date: longDate(day, locale) })}
              </h3>
              {!daySlots && (
                <p className="kern-body" role="status">
                  {t('common.loading')}
                </p>
              )}
              {daySlots?.error !== undefined && <ErrorAlert<MessageKey> error={daySlots.error} />}
              {daySlots?.value && daySlots.value.length === 0 && (
                <p className="kern-body">{t('booking.times.none')}</p>
              )}
              {daySlots?.value && daySlots.value.length > 0 && (
                <ul className="booking-slots">
                  {daySlots.value.map((slot) =>
                    pickButton(slot, t('booking.clock', { time: slotTime(slot.start) })),
                  )}
                </ul>
              )}
            </section>
          )}
        </>
      ) : (
        <>
          <form className="booking-wish" noValidate onSubmit={searchWish}>
            <TextField
              id="booking-wish"
              label={t('booking.wish.label')}
              hint={t('booking.wish.hint')}
              value={wish}
              onChange={setWish}
              error={wishError && t(wishError)}
              inputMode="numeric"
              maxLength={5}
            />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('booking.wish.search')}</span>
            </button>
          </form>
          <div aria-live="polite">
            {wishResult && !wishResult.value && wishResult.error === undefined && (
              <p className="kern-body">{t('common.loading')}</p>
            )}
            {wishResult?.value && (
              <p className="kern-body">
                {wishResult.value.length === 0
                  ? t('booking.wish.none', { time: wish })
                  : t('booking.wish.found', { count: wishResult.value.length })}
              </p>
            )}
          </div>
          {wishResult?.error !== undefined && <ErrorAlert<MessageKey> error={wishResult.error} />}
          {wishResult?.value && wishResult.value.length > 0 && (
            <ul className="booking-slots booking-slots--list">
              {wishResult.value.map((slot) =>
                pickButton(
                  slot,
                  `${longDate(slotDate(slot.start), locale)}, ${t('booking.clock', { time: slotTime(slot.start) })}`,
                ),
              )}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
