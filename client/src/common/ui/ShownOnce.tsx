import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert } from './Alert';
import { Checkbox, SubmitButton, focusFirstInvalid } from './Form';
import { Page } from './Layout';

/**
 * A page for secrets shown exactly once (a recovery code, the second factor's recovery
 * codes): a warning, the secrets, and a checkbox to confirm they are stored before going on.
 */
export function ShownOncePage(props: {
  title: string;
  siteName: string;
  warningTitle: string;
  warning: string;
  confirmId: string;
  confirmLabel: string;
  confirmMissing: string;
  continueLabel: string;
  onDone(): void;
  /** The secrets with their copy button. */
  children: ReactNode;
}) {
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!saved) {
      setMissing(true);
      focusFirstInvalid([props.confirmId]);
      return;
    }
    props.onDone();
  }

  return (
    <Page title={props.title} siteName={props.siteName}>
      <div className="stack">
        <Alert variant="warning" title={props.warningTitle}>
          <p className="kern-body">{props.warning}</p>
        </Alert>
        {props.children}
        <form className="form" onSubmit={submit} noValidate>
          <Checkbox
            id={props.confirmId}
            label={props.confirmLabel}
            checked={saved}
            onChange={(value) => {
              setSaved(value);
              if (value) setMissing(false);
            }}
            error={missing ? props.confirmMissing : undefined}
          />
          <div className="actions">
            <SubmitButton busy={false}>{props.continueLabel}</SubmitButton>
          </div>
        </form>
      </div>
    </Page>
  );
}
