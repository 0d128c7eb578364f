import { CopyButton } from '@common/ui/CopyButton';
import { ShownOncePage } from '@common/ui/ShownOnce';
import { useT } from '../i18n';

/** The second factor's recovery codes, shown exactly once after enrolment. */
export function RecoveryCodesPage({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const t = useT();
  return (
    <ShownOncePage
      title={t('recoveryCodes.title')}
      siteName={t('app.name')}
      warningTitle={t('recoveryCodes.warningTitle')}
      warning={t('recoveryCodes.warning')}
      confirmId="recovery-codes-saved"
      confirmLabel={t('recoveryCodes.confirm')}
      confirmMissing={t('recoveryCodes.confirmMissing')}
      continueLabel={t('recoveryCodes.continue')}
      onDone={onDone}
    >
      <ul className="secret-list" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code} className="secret">
            {code}
          </li>
        ))}
      </ul>
      <CopyButton text={codes.join('\n')} label={t('recoveryCodes.copyAll')} />
    </ShownOncePage>
  );
}
