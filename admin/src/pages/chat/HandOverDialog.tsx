import { useEffect, useState } from 'react';
import type { Colleague, ConversationView } from '@beratung/shared';
import { useSession } from '@common/sdk/session';
import { ErrorAlert } from '@common/ui/Alert';
import { ConfirmDialog } from '@common/ui/ConfirmDialog';
import { FieldError } from '@common/ui/Form';
import { useT, type MessageKey } from '../../i18n';
import { CHAT_ERRORS } from './labels';
import { MAX_NOTE_BYTES, utf8Bytes } from './model';

/**
 * "Übergeben": choose a colleague and, if wanted, write a note only they can read (it
 * is sealed to them; the help seeker never sees it). The SDK hands over only to someone
 * on the center's admin-signed member list.
 */
export function HandOverDialog({
  view,
  open,
  onClose,
  onHandedOver,
}: {
  view: ConversationView;
  open: boolean;
  onClose(): void;
  onHandedOver(colleague: Colleague): void;
}) {
  const t = useT();
  const { sdk, session } = useSession();
  const me = session?.account.id;
  const [colleagues, setColleagues] = useState<Colleague[]>();
  const [loadError, setLoadError] = useState<unknown>();
  const [chosen, setChosen] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  // A fresh form each time the dialog opens (reset while rendering).
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (open) {
      setChosen('');
      setNote('');
      setMissing(false);
      setFailure(undefined);
    }
  }

  useEffect(() => {
    if (!open) return;
    let active = true;
    sdk.colleagues(view.centerId).then(
      (list) => {
        if (!active) return;
        setColleagues(list.filter((c) => c.accountId !== me));
        setLoadError(undefined);
      },
      (error: unknown) => active && setLoadError(error),
    );
    return () => {
      active = false;
    };
  }, [open, sdk, view.centerId, me]);

  const noteBytes = utf8Bytes(note);
  const noteTooLong = noteBytes > MAX_NOTE_BYTES;

  async function handOver() {
    if (busy) return;
    const colleague = colleagues?.find((c) => c.accountId === chosen);
    setMissing(!colleague);
    if (!colleague) {
      document.getElementById('handover-colleague')?.focus();
      return;
    }
    if (noteTooLong) {
      document.getElementById('handover-note')?.focus();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await sdk.chatHandOver(view.id, colleague.accountId, note.trim() || undefined);
      onHandedOver(colleague);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      open={open}
      title={t('chat.handOver.title', { name: view.seekerName })}
      confirmLabel={t('chat.handOver.confirm')}
      busy={busy}
      onConfirm={() => void handOver()}
      onCancel={onClose}
    >
      <div className="stack">
        <ErrorAlert<MessageKey> error={failure} overrides={CHAT_ERRORS} />
        <ErrorAlert<MessageKey> error={loadError} overrides={CHAT_ERRORS} />
        <p className="kern-body">{t('chat.handOver.intro')}</p>
        {colleagues && colleagues.length === 0 ? (
          <p className="kern-body">{t('chat.handOver.noColleagues')}</p>
        ) : (
          <div className={`kern-form-input${missing ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor="handover-colleague">
              {t('chat.handOver.colleague')}
            </label>
            <div className="kern-form-input__select-wrapper">
              <select
                className="kern-form-input__select"
                id="handover-colleague"
                name="handover-colleague"
                value={chosen}
                required
                aria-required
                aria-invalid={missing || undefined}
                aria-describedby={missing ? 'handover-colleague-error' : undefined}
                onChange={(event) => {
                  setChosen(event.target.value);
                  setMissing(false);
                }}
              >
                <option value="">{colleagues ? t('chat.handOver.choose') : t('common.loading')}</option>
                {colleagues?.map((c) => (
                  <option key={c.accountId} value={c.accountId}>
                    {c.displayName}
                  </option>
                ))}
              </select>
            </div>
            {missing && <FieldError id="handover-colleague-error" message={t('chat.handOver.missing')} />}
          </div>
        )}
        <div className={`kern-form-input${noteTooLong ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor="handover-note">
            {t('chat.handOver.note')}
            <span className="kern-label__optional"> – {t('common.optional')}</span>
          </label>
          <div className="kern-hint" id="handover-note-hint">
            {t('chat.handOver.noteHint')}
          </div>
          <textarea
            className="kern-form-input__input message-field"
            id="handover-note"
            name="handover-note"
            rows={4}
            value={note}
            aria-invalid={noteTooLong || undefined}
            aria-describedby={`handover-note-hint handover-note-count${noteTooLong ? ' handover-note-error' : ''}`}
            onChange={(event) => setNote(event.target.value)}
          />
          <p className="kern-body kern-body--small" id="handover-note-count">
            {t('chat.composer.bytes', { bytes: noteBytes, max: MAX_NOTE_BYTES })}
          </p>
          {noteTooLong && <FieldError id="handover-note-error" message={t('chat.handOver.noteTooLong')} />}
        </div>
      </div>
    </ConfirmDialog>
  );
}
