import { useEffect, useState } from 'react';
import { useSession } from '@common/sdk/session';
import { Page } from '@common/ui/Layout';
import { FlashMessageView } from '@common/ui/Flash';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { useCenter, type Membership } from '../../center';
import { useT, type MessageKey } from '../../i18n';
import { UnlockKeys } from '../../UnlockKeys';
import { ConnectionBanner } from './ConnectionBanner';
import { ConsultationTable } from './ConsultationTable';
import { CHAT_ERRORS } from './labels';
import type { ConsultationStatus } from './model';
import { CHAT_SETTINGS_PATH, CONSULTATION_PATHS } from './paths';
import { useConsultations } from './useConsultations';
import './chat.css';

/**
 * Meine Beratungen with its two tabs as in the portal: "Ratsuchende" (the active
 * consultations) and "Archiv".
 */
function Consultations({ status }: { status: ConsultationStatus }) {
  const t = useT();
  const { current } = useCenter();
  return (
    <Page title={t('chat.consultations.title')} siteName={t('app.name')} wide>
      <ConsultationTabs status={status} />
      <FlashMessageView path={CONSULTATION_PATHS[status]} />
      {status === 'active' && <AbsenceReminder />}
      {current ? (
        <UnlockKeys>
          <ConsultationList key={current.centerId} center={current} status={status} />
        </UnlockKeys>
      ) : (
        <p className="kern-body">{t('center.none')}</p>
      )}
    </Page>
  );
}

function ConsultationTabs({ status }: { status: ConsultationStatus }) {
  const t = useT();
  const labels: Record<ConsultationStatus, string> = {
    active: t('chat.consultations.tab.active'),
    archived: t('chat.consultations.tab.archived'),
  };
  return (
    <nav aria-label={t('chat.consultations.tabs')}>
      <ul className="plain-list sub-nav">
        {(['active', 'archived'] as const).map((key) => (
          <li key={key}>
            <a
              className="kern-link sub-nav__link"
              href={`#${CONSULTATION_PATHS[key]}`}
              aria-current={key === status ? 'page' : undefined}
            >
              {labels[key]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** While absent, a reminder where the consultations are (help seekers see the note). */
function AbsenceReminder() {
  const t = useT();
  const { sdk } = useSession();
  const [absent, setAbsent] = useState(false);
  useEffect(() => {
    let active = true;
    sdk.chatAbsence().then(
      (absence) => active && setAbsent(absence.absent),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [sdk]);
  if (!absent) return null;
  return (
    <Alert variant="info" title={t('chat.absence.activeTitle')}>
      <p className="kern-body">
        {t('chat.absence.activeListText')}{' '}
        <a className="kern-link" href={`#${CHAT_SETTINGS_PATH}`}>
          {t('chat.absence.change')}
        </a>
      </p>
    </Alert>
  );
}

function ConsultationList({ center, status }: { center: Membership; status: ConsultationStatus }) {
  const t = useT();
  const { list, failure } = useConsultations(center.centerId, status);
  return (
    <div className="stack">
      <p className="kern-body">
        {t(status === 'active' ? 'chat.consultations.intro' : 'chat.archive.intro', {
          center: center.centerName,
        })}
      </p>
      <ConnectionBanner />
      <ErrorAlert<MessageKey> error={failure} overrides={CHAT_ERRORS} />
      {list === undefined && !failure && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {list && list.length === 0 && (
        <p className="kern-body">
          {t(status === 'active' ? 'chat.consultations.empty' : 'chat.archive.empty')}
        </p>
      )}
      {list && list.length > 0 && <ConsultationTable consultations={list} status={status} />}
    </div>
  );
}

export const ConsultationsPage = () => <Consultations status="active" />;
export const ArchivePage = () => <Consultations status="archived" />;
