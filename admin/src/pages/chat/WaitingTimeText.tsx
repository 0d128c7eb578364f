import { useT } from '../../i18n';
import { waitingTime } from './model';

/** "wartet seit 12 Min." */
export function WaitingTimeText({ since, now }: { since: string; now: number }) {
  const t = useT();
  const waiting = waitingTime(since, now);
  switch (waiting.unit) {
    case 'justNow':
      return <>{t('chat.waiting.justNow')}</>;
    case 'minutes':
      return <>{t('chat.waiting.minutes', { minutes: waiting.minutes })}</>;
    case 'hours':
      return <>{t('chat.waiting.hours', { hours: waiting.hours })}</>;
    case 'day':
      return <>{t('chat.waiting.day')}</>;
    case 'days':
      return <>{t('chat.waiting.days', { days: waiting.days })}</>;
  }
}
