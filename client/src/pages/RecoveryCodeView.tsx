import { useState, type FormEvent } from 'react';
import { Alert } from '../common/ui/Alert';
import { Checkbox, SubmitButton, focusFirstInvalid } from '../common/ui/Form';
import { CopyButton } from '../common/ui/CopyButton';
import { Page } from '../common/ui/Layout';
import { useT } from '../i18n';

/** Shows the recovery code exactly once, right after registration. */
export function RecoveryCodeView({ code, onDone }: { code: string; onDone(): void }) {
  const t = useT();
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!saved) {
      setMissing(true);
      focusFirstInvalid(['recovery-saved']);
      return;
    }
    onDone();
  }

  return (
    <Page title={t('recoveryCode.title')} siteName={t('app.name')}>
      <div className="stack">
        <Alert variant="warning" title={t('recoveryCode.warningTitle')}>
          <p className="kern-body">{t('recoveryCode.warning')}</p>
        </Alert>
        <div>
          <h2 className="kern-heading-small">{t('recoveryCode.label')}</h2>
          <p className="secret" data-testid="recovery-code">
            {code}
          </p>
          <CopyButton text={code} />
        </div>
        <form className="form" onSubmit={submit} noValidate>
          <Checkbox
            id="recovery-saved"
            label={t('recoveryCode.confirm')}
            checked={saved}
            onChange={(value) => {
              setSaved(value);
              if (value) setMissing(false);
            }}
            error={missing ? t('recoveryCode.confirmMissing') : undefined}
          />
          <div className="actions">
            <SubmitButton busy={false}>{t('recoveryCode.continue')}</SubmitButton>
          </div>
        </form>
      </div>
    </Page>
  );
}
