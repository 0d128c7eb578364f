import { useT } from '../../i18n';

/**
 * While nobody has taken the inquiry over: "Berater_innen-Suche läuft" and what happens
 * next, in the words of the portal this service follows.
 */
export function WaitingInfo() {
  const t = useT();
  const steps = [
    ['chat.waiting.step1', 'done'],
    ['chat.waiting.step2', 'current'],
    ['chat.waiting.step3', 'next'],
  ] as const;
  return (
    <section className="chat-waiting" aria-labelledby="chat-waiting-title" data-testid="chat-waiting">
      <h2 className="kern-heading-medium chat-waiting__title" id="chat-waiting-title">
        <span className="spinner" aria-hidden="true" />
        {t('chat.waiting.title')}
      </h2>
      <h3 className="kern-heading-small">{t('chat.waiting.next')}</h3>
      <ol className="chat-steps">
        {steps.map(([text, state]) => (
          <li
            key={text}
            className={`chat-steps__step chat-steps__step--${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span
              className={`kern-icon kern-icon--${state === 'done' ? 'check' : 'arrow-forward'}`}
              aria-hidden="true"
            />
            <span className="kern-body">
              {state === 'done' && <span className="visually-hidden">{t('chat.waiting.done')} </span>}
              {t(text)}
            </span>
          </li>
        ))}
      </ol>
      <p className="kern-body">{t('chat.waiting.leave')}</p>
    </section>
  );
}
