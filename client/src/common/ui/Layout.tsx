import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n, useTranslate, type Locale } from '../i18n/core';
import type { CommonKey } from '../i18n/messages';

let firstPage = true;

/**
 * One page: sets the document title and, after a navigation (not on the first load),
 * moves focus to the heading so screen-reader users hear where they are.
 */
export function Page({
  title,
  siteName,
  wide = false,
  children,
}: {
  title: string;
  siteName: string;
  /** Use the full page width (result lists, tables) instead of the reading width. */
  wide?: boolean;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${siteName}`;
  }, [title, siteName]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, []);
  return (
    <article className={wide ? 'page page--wide' : 'page'}>
      <h1 className="kern-heading-large page__title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </article>
  );
}

export function LanguageSwitch() {
  const { locale, setLocale } = useI18n();
  const t = useTranslate<CommonKey>();
  const next: Locale = locale === 'de' ? 'en' : 'de';
  return (
    <button
      type="button"
      className="kern-btn kern-btn--tertiary kern-btn--x-small"
      onClick={() => setLocale(next)}
    >
      <span className="kern-icon kern-icon--language" aria-hidden="true" />
      <span className="kern-label" lang={t('common.switchLanguageLang')}>
        {t('common.switchLanguage')}
      </span>
    </button>
  );
}

export interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

/** Skip link, header with brand and navigation, main landmark, footer. */
export function Shell({
  brand,
  tagline,
  nav,
  tools,
  footer,
  children,
}: {
  brand: string;
  tagline: string;
  nav: NavItem[];
  tools?: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}) {
  const t = useTranslate<CommonKey>();
  return (
    <>
      <a className="skip-link kern-link" href="#main" onClick={skipToMain}>
        {t('common.skipLink')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <a className="site-header__brand" href="#/">
            <span className="site-header__name">{brand}</span>
            <span className="site-header__tagline">{tagline}</span>
          </a>
          <div className="site-header__tools">
            {tools}
            <LanguageSwitch />
          </div>
        </div>
        {nav.length > 0 && (
          <nav className="site-nav" aria-label={t('common.mainNav')}>
            <ul className="site-nav__list">
              {nav.map((item) => (
                <li key={item.href}>
                  <a
                    className="site-nav__link"
                    href={item.href}
                    aria-current={item.current ? 'page' : undefined}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">{footer}</footer>
    </>
  );
}

/** "#main" would be read by the hash router as a route; move focus instead. */
function skipToMain(event: React.MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
