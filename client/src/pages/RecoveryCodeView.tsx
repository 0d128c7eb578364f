import { CopyButton } from '../common/ui/CopyButton';
import { ShownOncePage } from '../common/ui/ShownOnce';
import { useT } from '../i18n';

/** Shows the recovery code exactly once, right after registration. */
export function RecoveryCodeView({ code, onDone }: { code: string; onDone(): void }) {
  const t = useT();
  return (
    <ShownOncePage
      title={t('recoveryCode.title')}
      siteName={t('app.name')}
      warningTitle={t('recoveryCode.warningTitle')}
      warning={t('recoveryCode.warning')}
      confirmId="recovery-saved"
      confirmLabel={t('recoveryCode.confirm')}
      confirmMissing={t('recoveryCode.confirmMissing')}
      continueLabel={t('recoveryCode.continue')}
      onDone={onDone}
    >
      <div>
        <h2 className="kern-heading-small">{t('recoveryCode.label')}</h2>
        <p className="secret" data-testid="recovery-code">
          {code}
        </p>
        <CopyButton text={code} />
      </div>
    </ShownOncePage>
  );
}
