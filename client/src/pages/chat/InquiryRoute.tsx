import { useEffect, useState } from 'react';
import { ApiError } from '@beratung/shared';
import { useSession } from '../../common/sdk/session';
import { Alert, ErrorAlert } from '../../common/ui/Alert';
import { useT, type MessageKey } from '../../i18n';
import { EMPTY_QUERY, queryToPath } from '../finder/query';

export interface InquiryTarget {
  centerId: string;
  centerName: string;
  /** No center covers the postal code: the configured nationwide center takes it. */
  fallback: boolean;
}

type RouteState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'found'; target: InquiryTarget }
  | { status: 'none' }
  | { status: 'error'; error: unknown };

export const POSTAL_CODE = /^\d{5}$/;

/**
 * Which center an inquiry for a topic and postal code goes to (GET /api/chat/route),
 * asked again whenever either changes, so the person sees where the message will go
 * before sending it.
 */
export function useInquiryRoute(topic: string, postalCode: string): RouteState {
  const { sdk } = useSession();
  const key = topic && POSTAL_CODE.test(postalCode) ? `${topic}|${postalCode}` : undefined;
  const [answer, setAnswer] = useState<{ key: string; state: RouteState }>();

  useEffect(() => {
    if (!key) return;
    let current = true;
    sdk.chatRoute(topic, postalCode).then(
      (route) => current && setAnswer({ key, state: { status: 'found', target: route } }),
      (error: unknown) => {
        if (!current) return;
        const none = error instanceof ApiError && error.code === 'NO_CENTER_FOR_POSTAL_CODE';
        setAnswer({ key, state: none ? { status: 'none' } : { status: 'error', error } });
      },
    );
    return () => {
      current = false;
    };
  }, [sdk, key, topic, postalCode]);

  if (!key) return { status: 'idle' };
  return answer?.key === key ? answer.state : { status: 'loading' };
}

/** Where the inquiry will go, announced as it changes. */
export function InquiryRouteView({ state }: { state: RouteState }) {
  const t = useT();
  return (
    <div className="chat-route" role="status">
      {state.status === 'loading' && <p className="kern-body">{t('inquiry.route.loading')}</p>}
      {state.status === 'found' && (
        <>
          <p className="kern-body">
            {t('inquiry.route.goesTo')}{' '}
            <strong data-testid="inquiry-center">{state.target.centerName}</strong>
          </p>
          {state.target.fallback && (
            <Alert variant="info" title={t('inquiry.route.fallbackTitle')}>
              <p className="kern-body">{t('inquiry.route.fallback', { center: state.target.centerName })}</p>
            </Alert>
          )}
        </>
      )}
      {state.status === 'none' && (
        <Alert variant="warning" title={t('inquiry.route.noneTitle')}>
          <p className="kern-body">
            {t('inquiry.route.none')}{' '}
            <a className="kern-link" href={`#${queryToPath({ ...EMPTY_QUERY, online: true })}`}>
              {t('inquiry.route.toFinder')}
            </a>
          </p>
        </Alert>
      )}
      {state.status === 'error' && <ErrorAlert<MessageKey> error={state.error} />}
    </div>
  );
}
