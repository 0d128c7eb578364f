import { useEffect, useState } from 'react';
import { ApiError, type AuditEntry } from '@beratung/shared';
import { useI18n } from '@common/i18n/core';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { Page } from '@common/ui/Layout';
import { TableHead } from '@common/ui/TableHead';
import { useCenter, type Membership } from '../center';
import { formatDateTime } from '../format';
import { isMessageKey, useT } from '../i18n';

export function AuditPage() {
  const t = useT();
  const { current } = useCenter();
  return (
    <Page title={t('audit.title')} siteName={t('app.name')}>
      {current ? (
        <AuditLog key={current.centerId} center={current} />
      ) : (
        <p className="kern-body">{t('center.none')}</p>
      )}
    </Page>
  );
}

function AuditLog({ center }: { center: Membership }) {
  const t = useT();
  const { locale } = useI18n();
  const { sdk } = useSession();
  const [entries, setEntries] = useState<AuditEntry[]>();
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    let active = true;
    sdk.auditLog(center.centerId).then(
      (list) => active && setEntries(list),
      (error: unknown) => active && setFailure(error),
    );
    return () => {
      active = false;
    };
  }, [sdk, center.centerId]);

  const action = (code: string) => {
    const key = `audit.action.${code}`;
    return isMessageKey(key) ? t(key) : code;
  };
  const target = (entry: AuditEntry) => {
    if (!entry.targetType) return '–';
    const typeKey = `audit.targetType.${entry.targetType}`;
    const type = isMessageKey(typeKey) ? t(typeKey) : entry.targetType;
    const role = entry.details.role;
    const roleLabel = role === 'counselor' || role === 'center_admin' ? `(${t(`role.${role}`)})` : undefined;
    const email = typeof entry.details.email === 'string' ? entry.details.email : undefined;
    return [type, roleLabel, email].filter(Boolean).join(' ');
  };

  const forbidden = failure instanceof ApiError && failure.status === 403;
  return (
    <div className="stack">
      <p className="kern-body">{t('audit.intro')}</p>
      {forbidden ? <Alert variant="info" title={t('error.forbidden')} /> : <ErrorAlert error={failure} />}
      {entries === undefined && !failure && (
        <p className="kern-body" role="status">
          {t('common.loading')}
        </p>
      )}
      {entries && entries.length === 0 && <p className="kern-body">{t('audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <div className="table-scroll">
          <table className="kern-table kern-table--small kern-table--striped" data-testid="audit-table">
            <caption className="kern-title">{t('audit.caption', { center: center.centerName })}</caption>
            <TableHead columns={[t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.target')]} />
            <tbody className="kern-table__body">
              {entries.map((entry) => (
                <tr className="kern-table__row" key={entry.id}>
                  <td className="kern-table__cell">
                    <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
                  </td>
                  <td className="kern-table__cell">{entry.actorName ?? t('audit.system')}</td>
                  <td className="kern-table__cell">{action(entry.action)}</td>
                  <td className="kern-table__cell">{target(entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
