import type { Locale } from '../../common/i18n/core';
import { useT } from '../../i18n';
import { formatDay, formatTime, relativeDay } from './format';

/** "Heute, 14:05", "Gestern, 09:12" or "5. März 2026, 18:30", as a <time> element. */
export function ActivityTime({ iso, locale }: { iso: string; locale: Locale }) {
  const t = useT();
  const day = relativeDay(iso);
  const dayText = day === 'earlier' ? formatDay(iso, locale) : t(`chat.day.${day}`);
  return <time dateTime={iso}>{t('chat.dayTime', { day: dayText, time: formatTime(iso, locale) })}</time>;
}
