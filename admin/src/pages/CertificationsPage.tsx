import { useCallback, useEffect, useState } from 'react';
import type { PendingCertificate } from '@beratung/shared';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { Page } from '@common/ui/Layout';
import { TableHead } from '@common/ui/TableHead';
import { UnlockKeys } from '../UnlockKeys';
import { useT, type MessageKey } from '../i18n';

type Pending = PendingCertificate & { fingerprint: string };

/** Platform admins confirm the keys of center admins (the first link of the trust chain). */
export function CertificationsPage() {
  const t = useT();
  const { session } = useSession();
  return (
    <Page title={t('certify.title')} siteName={t('app.name')}>
      {session?.account.isPlatformAdmin ? (
        <UnlockKeys>
          <PendingList />
        </UnlockKeys>
      ) : (
        <Alert variant="info" title={t('certify.onlyPlatform')} />
      )}
    </Page>
  );
}

function PendingList() {
  const t = useT();
  const { sdk } = useSession();
  const [pending, setPending] = useState<Pending[]>();
  const [loadError, setLoadError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<string>();

  const load = useCallback(() => {
    sdk.pendingCertificates().then(
      (list) => {
        setPending(list);
        setLoadError(undefined);
      },
      (error: unknown) => setLoadError(error),
    );
  }, [sdk]);

  useEffect(load, [load]);

  async function certify(entry: Pending) {
    if (busy) return;
    setBusy(`${entry.centerId}/${entry.accountId}`);
    setFailure(undefined);
    setDone(undefined);
    try {
      await sdk.certifyPendingAdmin(entry);
      setDone(t('certify.done', { name: entry.displayName, center: entry.centerName }));
      load();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div className="stack">
      <p className="kern-body">{t('certify.intro')}</p>
      <p className="kern-body">{t('certify.compare')}</p>
      {done && <Alert variant="success" title={done} live />}
      <ErrorAlert<MessageKey>
        error={failure ?? loadError}
        overrides={{ 404: 'certify.noGrant', SUBJECT_KEYS_INVALID: 'certify.keysInvalid' }}
      />
      {pending === undefined && !loadError && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {pending && pending.length === 0 && <p className="kern-body">{t('certify.empty')}</p>}
      {pending && pending.length > 0 && (
        <div className="table-scroll">
          <table className="kern-table kern-table--striped" data-testid="pending-certificates">
            <caption className="kern-title">{t('certify.caption')}</caption>
            <TableHead
              columns={[
                t('certify.center'),
                t('certify.name'),
                t('certify.fingerprint'),
                t('certify.actions'),
              ]}
            />
            <tbody className="kern-table__body">
              {pending.map((entry) => {
                const id = `${entry.centerId}/${entry.accountId}`;
                return (
                  <tr className="kern-table__row" key={id}>
                    <td className="kern-table__cell">{entry.centerName}</td>
                    <th className="kern-table__header" scope="row">
                      {entry.displayName}
                    </th>
                    <td className="kern-table__cell">
                      <span className="fingerprint">{entry.fingerprint}</span>
                    </td>
                    <td className="kern-table__cell kern-table__cell--action">
                      <button
                        type="button"
                        className="kern-btn kern-btn--secondary kern-btn--x-small"
                        aria-disabled={busy !== undefined || undefined}
                        onClick={() => void certify(entry)}
                      >
                        <span className="kern-label">
                          {busy === id ? t('common.busy') : t('certify.confirm')}
                          <span className="visually-hidden">
                            {' '}
                            ({entry.displayName}, {entry.centerName})
                          </span>
                        </span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
