import { useEffect, useState, type FormEvent } from 'react';
import type { CenterDetail } from '@beratung/shared';
import { useSession } from '../../common/sdk/session';
import { navigate } from '../../common/router';
import { Alert, ErrorAlert } from '../../common/ui/Alert';
import { FlashMessageView } from '../../common/ui/Flash';
import { SubmitButton, TextField, focusFirstInvalid } from '../../common/ui/Form';
import { Page } from '../../common/ui/Layout';
import { useT, type MessageKey } from '../../i18n';
import { useChat } from './ChatProvider';
import { InquiryRouteView, POSTAL_CODE, useInquiryRoute } from './InquiryRoute';
import { MAX_MESSAGE_BYTES, messageBytes } from './messages';
import { MessageField } from './MessageField';
import { SeekerGate } from './SeekerGate';
import { TopicSelect } from './TopicSelect';

/** Refusals of POST /api/conversations (and of the SDK before it) in the person's words. */
const INQUIRY_ERRORS: Partial<Record<string, MessageKey>> = {
  NO_TEAM_KEY: 'inquiry.error.noTeamKey',
  NO_ONLINE_COUNSELING: 'inquiry.error.noOnline',
  INQUIRY_LIMIT: 'inquiry.error.limit',
  STALE_TEAM_KEY: 'inquiry.error.stale',
  MESSAGE_TOO_LONG: 'chat.field.tooLong',
  trust: 'inquiry.error.trust',
};

/**
 * "Online-Beratung starten": `#/finder/<centerId>/beratung` for a center chosen in the
 * finder, or `#/beratung/neu`, where topic and postal code decide the center.
 */
export function StartInquiryPage({ centerId }: { centerId?: string }) {
  const t = useT();
  const path = centerId ? `/finder/${encodeURIComponent(centerId)}/beratung` : '/beratung/neu';
  return (
    <Page title={t('inquiry.title')} siteName={t('app.name')}>
      {centerId && (
        <p className="kern-body center__back">
          <a className="kern-link" href={`#/finder/${encodeURIComponent(centerId)}`}>
            <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
            {t('booking.backToCenter')}
          </a>
        </p>
      )}
      <div className="stack">
        <FlashMessageView path={path} />
        <p className="kern-body kern-body--large">{t('inquiry.lead')}</p>
        <SeekerGate next={path}>
          {centerId ? <CenterInquiry centerId={centerId} /> : <InquiryForm />}
        </SeekerGate>
      </div>
    </Page>
  );
}

type CenterState =
  { status: 'loading' } | { status: 'done'; center: CenterDetail } | { status: 'error'; error: unknown };

/** An inquiry to the center from the finder: its name and the topics it offers. */
function CenterInquiry({ centerId }: { centerId: string }) {
  const t = useT();
  const { sdk } = useSession();
  const [answer, setAnswer] = useState<{ id: string; state: CenterState }>();
  const state: CenterState = answer?.id === centerId ? answer.state : { status: 'loading' };

  useEffect(() => {
    let current = true;
    sdk.centerDetail(centerId).then(
      (center) => current && setAnswer({ id: centerId, state: { status: 'done', center } }),
      (error: unknown) => current && setAnswer({ id: centerId, state: { status: 'error', error } }),
    );
    return () => {
      current = false;
    };
  }, [sdk, centerId]);

  if (state.status === 'loading')
    return (
      <p className="kern-body" role="status">
        {t('common.loading')}
      </p>
    );
  if (state.status === 'error')
    return <ErrorAlert<MessageKey> error={state.error} overrides={{ 404: 'booking.centerNotFound' }} />;
  const { center } = state;
  if (!center.flags.onlineChat)
    return (
      <Alert variant="info" title={t('inquiry.noOnline.title')}>
        <p className="kern-body">
          {t('inquiry.noOnline.text', { center: center.name })}{' '}
          <a className="kern-link" href="#/beratung/neu">
            {t('inquiry.noOnline.link')}
          </a>
        </p>
      </Alert>
    );
  return (
    <InquiryForm
      center={{ centerId: center.id, centerName: center.name, fallback: false }}
      offeredTopics={center.topics.map((topic) => topic.key)}
    />
  );
}

type Field = 'topic' | 'postalCode' | 'text';

/** Topic, (postal code), first message; after sending, the waiting conversation. */
function InquiryForm({
  center,
  offeredTopics,
}: {
  center?: { centerId: string; centerName: string; fallback: boolean };
  offeredTopics?: string[];
}) {
  const t = useT();
  const { sdk, session } = useSession();
  const chat = useChat();
  const [topic, setTopic] = useState('');
  const [postalCode, setPostalCode] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, MessageKey>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const route = useInquiryRoute(center ? '' : topic, postalCode);
  const target = center ?? (route.status === 'found' ? route.target : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, MessageKey>> = {
      topic: topic ? undefined : 'inquiry.topic.missing',
      postalCode:
        center || POSTAL_CODE.test(postalCode)
          ? undefined
          : postalCode
            ? 'inquiry.postalCode.invalid'
            : 'inquiry.postalCode.missing',
      text: !text.trim()
        ? 'chat.field.empty'
        : messageBytes(text) > MAX_MESSAGE_BYTES
          ? 'chat.field.tooLong'
          : undefined,
    };
    setErrors(found);
    setFailure(undefined);
    const invalid = (Object.keys(found) as Field[]).filter((field) => found[field]);
    if (invalid.length > 0) {
      focusFirstInvalid(invalid.map((field) => `inquiry-${field}`));
      return;
    }
    // The route is still being looked up, or there is no center: the status next to it says which.
    if (!target) {
      focusFirstInvalid(['inquiry-postalCode']);
      return;
    }
    setBusy(true);
    try {
      const view = await sdk.chatStartInquiry({ topic, text, centerId: target.centerId });
      chat.adopt(view);
      // One's own first message is not "new" in the list.
      void chat.markRead(view.id, view.lastSeq).catch(() => undefined);
      navigate(`/beratungen/${view.id}`);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  const message = (field: Field) => (errors[field] ? t(errors[field]) : undefined);
  /** A changed field loses its error; the others keep theirs until the next submit. */
  const edit = (field: Field, set: (value: string) => void) => (value: string) => {
    set(value);
    if (errors[field]) setErrors({ ...errors, [field]: undefined });
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={busy} aria-labelledby="inquiry-form-title">
      <h2 className="kern-heading-medium" id="inquiry-form-title">
        {t('inquiry.formTitle')}
      </h2>
      <ErrorAlert<MessageKey> error={failure} overrides={INQUIRY_ERRORS} />
      {center && (
        <p className="kern-body">
          {t('inquiry.route.goesTo')} <strong data-testid="inquiry-center">{center.centerName}</strong>
        </p>
      )}
      <TopicSelect
        id="inquiry-topic"
        value={topic}
        onChange={edit('topic', setTopic)}
        offered={offeredTopics}
        error={message('topic')}
      />
      {!center && (
        <>
          <TextField
            id="inquiry-postalCode"
            label={t('inquiry.postalCode')}
            hint={t('inquiry.postalCode.hint')}
            value={postalCode}
            onChange={edit('postalCode', (value) => setPostalCode(value.replace(/\s/g, '')))}
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={5}
            required
            className="chat-postal-code"
            error={message('postalCode')}
          />
          <InquiryRouteView state={route} />
        </>
      )}
      <MessageField
        id="inquiry-text"
        label={t('inquiry.text')}
        value={text}
        onChange={edit('text', setText)}
        rows={8}
        error={message('text')}
      />
      <AnonymityNote name={session?.stage === 'full' ? session.account.displayName : ''} />
      <div className="actions">
        <SubmitButton busy={busy}>{t('inquiry.submit')}</SubmitButton>
      </div>
    </form>
  );
}

function AnonymityNote({ name }: { name: string }) {
  const t = useT();
  return (
    <div className="chat-note">
      <span className="kern-icon kern-icon--account-circle" aria-hidden="true" />
      <div>
        <p className="kern-body">
          <strong>{t('inquiry.anonymous.title')}</strong> {t('inquiry.anonymous.text', { name })}
        </p>
      </div>
    </div>
  );
}
