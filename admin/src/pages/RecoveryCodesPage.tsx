import { useState, type FormEvent } from 'react';
import { Alert } from '@common/ui/Alert';
import { CopyButton } from '@common/ui/CopyButton';
import { Checkbox, SubmitButton, focusFirstInvalid } from '@common/ui/Form';
import { Page } from '@common/ui/Layout';
import { useT } from '../i18n';

/** The second factor's recovery codes, shown exactly once after enrolment. */
export function RecoveryCodesPage({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const t = useT();
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!saved) {
      setMissing(true);
      focusFirstInvalid(['recovery-codes-saved']);
      return;
    }
    onDone();
  }

  return (
    <Page title={t('recoveryCodes.title')} siteName={t('app.name')}>
      <div className="stack">
        <Alert variant="warning" title={t('recoveryCodes.warningTitle')}>
          <p className="kern-body">{t('recoveryCodes.warning')}</p>
        </Alert>
        <ul className="secret-list" data-testid="recovery-codes">
          {codes.map((code) => (
            <li key={code} className="secret">
              {code}
            </li>
          ))}
        </ul>
        <CopyButton text={codes.join('\n')} label={t('recoveryCodes.copyAll')} />
        <form className="form" onSubmit={submit} noValidate>
          <Checkbox
            id="recovery-codes-saved"
            label={t('recoveryCodes.confirm')}
            checked={saved}
            onChange={(value) => {
              setSaved(value);
              if (value) setMissing(false);
            }}
            error={missing ? t('recoveryCodes.confirmMissing') : undefined}
          />
          <div className="actions">
            <SubmitButton busy={false}>{t('recoveryCodes.continue')}</SubmitButton>
          </div>
        </form>
      </div>
    </Page>
  );
}
