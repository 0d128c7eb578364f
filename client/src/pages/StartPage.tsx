import { useSession } from '../common/sdk/session';
import { Page } from '../common/ui/Layout';
import { FlashMessageView } from '../common/ui/Flash';
import { useT } from '../i18n';

export function StartPage() {
  const t = useT();
  const { session } = useSession();
  const points = [
    ['start.point.anonymous.title', 'start.point.anonymous.text', 'account-circle'],
    ['start.point.encrypted.title', 'start.point.encrypted.text', 'check'],
    ['start.point.pace.title', 'start.point.pace.text', 'calendar-today'],
  ] as const;
  return (
    <Page title={t('start.title')} siteName={t('app.name')}>
      <div className="stack">
        <FlashMessageView path="/" />
        <p className="kern-body kern-body--large">{t('start.lead')}</p>
        <section className="kern-card kern-card--small start-finder" aria-labelledby="start-finder">
          <div className="kern-card__container">
            <header className="kern-card__header">
              <h2 className="kern-title" id="start-finder">
                {t('start.finder.title')}
              </h2>
            </header>
            <div className="kern-card__body">
              <p className="kern-body">{t('start.finder.text')}</p>
            </div>
            <div className="kern-card__footer">
              <a className="kern-btn kern-btn--primary" href="#/finder">
                <span className="kern-icon kern-icon--search" aria-hidden="true" />
                <span className="kern-label">{t('start.finder.link')}</span>
              </a>
            </div>
          </div>
        </section>
        <section className="kern-card kern-card--small chat-card" aria-labelledby="start-chat">
          <div className="kern-card__container">
            <header className="kern-card__header">
              <h2 className="kern-title" id="start-chat">
                {t('start.chat.title')}
              </h2>
            </header>
            <div className="kern-card__body">
              <p className="kern-body">{t('start.chat.text')}</p>
            </div>
            <div className="kern-card__footer actions">
              <a className="kern-btn kern-btn--primary" href="#/beratung/neu">
                <span className="kern-label">{t('start.chat.link')}</span>
              </a>
              {session?.stage === 'full' && session.account.kind === 'seeker' && (
                <a className="kern-btn kern-btn--secondary" href="#/beratungen">
                  <span className="kern-label">{t('start.toChats')}</span>
                </a>
              )}
            </div>
          </div>
        </section>
        <ul className="points">
          {points.map(([title, text, icon]) => (
            <li key={title} className="points__item">
              <span className={`kern-icon kern-icon--${icon} kern-icon--large`} aria-hidden="true" />
              <div>
                <h2 className="kern-heading-small">{t(title)}</h2>
                <p className="kern-body">{t(text)}</p>
              </div>
            </li>
          ))}
        </ul>
        {session?.stage === 'full' ? (
          <div className="actions">
            <p className="kern-body">{t('start.loggedIn', { name: session.account.displayName })}</p>
            <a className="kern-btn kern-btn--primary" href="#/account">
              <span className="kern-label">{t('start.toAccount')}</span>
            </a>
          </div>
        ) : (
          <div className="actions">
            <a className="kern-btn kern-btn--primary" href="#/register">
              <span className="kern-label">{t('start.register')}</span>
            </a>
            <a className="kern-btn kern-btn--secondary" href="#/login">
              <span className="kern-label">{t('start.login')}</span>
            </a>
          </div>
        )}
      </div>
    </Page>
  );
}
