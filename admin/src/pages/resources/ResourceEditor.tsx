import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '@beratung/shared';
import type { ImportCenter } from '@beratung/shared/schemas/import-format';
import { useSession } from '@common/sdk/session';
import { Alert, ErrorAlert } from '@common/ui/Alert';
import { SubmitButton } from '@common/ui/Form';
import { Page } from '@common/ui/Layout';
import { useCenter, type Membership } from '../../center';
import { useT, type MessageKey } from '../../i18n';
import { fieldId, listEntryOf, placeProblems, type PlacedProblems, type Problem } from './paths';
import type { ResourceModel } from './resource-model';

/** A back-office page for center admins; `children` gets the center the page works on. */
export function ResourcePage({
  title,
  children,
}: {
  title: string;
  children(center: Membership): ReactNode;
}) {
  const t = useT();
  const { current } = useCenter();
  let content;
  if (!current) content = <p className="kern-body">{t('center.none')}</p>;
  else if (current.role !== 'center_admin') content = <Alert variant="info" title={t('error.forbidden')} />;
  else
    content = (
      <div className="stack" key={current.centerId}>
        {children(current)}
      </div>
    );
  return (
    <Page title={title} siteName={t('app.name')}>
      {content}
    </Page>
  );
}

/** What the fields of a resource form work with. */
export interface ResourceEditor<D> {
  center: Membership;
  /** The profile as last loaded or saved. */
  profile: ImportCenter;
  draft: D;
  /** Changes the draft; adding or removing entries (`structural`) drops the problem marks. */
  update(change: (draft: D) => D, structural?: boolean): void;
  /** The server's problem for the field at this path, if any. */
  error(path: string): string | undefined;
}

/**
 * Loads the center profile, lets `children` edit one part of it as a draft, and saves
 * the whole profile with that part replaced. 422 problems appear at their fields (the
 * rest, e.g. a reference from another part, listed above the form); 409 HAS_APPOINTMENTS
 * says that something to be removed still has appointments.
 */
export function ProfileResourceForm<D>(props: {
  center: Membership;
  model: ResourceModel<D>;
  intro: string;
  saveLabel: string;
  savedText: string;
  testId: string;
  children(editor: ResourceEditor<D>): ReactNode;
}) {
  const { center, model } = props;
  const t = useT();
  const { sdk } = useSession();
  const [profile, setProfile] = useState<ImportCenter>();
  const [draft, setDraft] = useState<D>();
  const [loadError, setLoadError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [problems, setProblems] = useState<PlacedProblems & { sent: ImportCenter }>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let active = true;
    sdk.centerProfile(center.centerId).then(
      (loaded) => {
        if (!active) return;
        setProfile(loaded);
        setDraft(model.toDraft(loaded));
      },
      (error: unknown) => active && setLoadError(error),
    );
    return () => {
      active = false;
    };
  }, [sdk, center.centerId, model]);

  if (loadError) return <ErrorAlert error={loadError} />;
  if (!profile || draft === undefined)
    return (
      <p className="kern-body" role="status">
        {t('common.loading')}
      </p>
    );

  const editor: ResourceEditor<D> = {
    center,
    profile,
    draft,
    update(change, structural = false) {
      setDraft((d) => (d === undefined ? d : change(d)));
      setSaved(false);
      if (structural) setProblems(undefined);
    },
    error: (path) => problems?.byPath.get(path),
  };

  function discard() {
    if (!profile) return;
    setDraft(model.toDraft(profile));
    setProblems(undefined);
    setFailure(undefined);
    setSaved(false);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !profile || draft === undefined) return;
    setBusy(true);
    setFailure(undefined);
    setProblems(undefined);
    setSaved(false);
    const { profile: next, aliases } = model.fromDraft(profile, draft);
    try {
      const result = await sdk.saveCenterProfile(center.centerId, next);
      setProfile(result);
      setDraft(model.toDraft(result));
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.details?.length) {
        const placed = placeProblems(error.details, model.anchors(draft), aliases);
        setProblems({ ...placed, sent: next });
        const first = [...placed.byPath.keys()][0];
        requestAnimationFrame(() =>
          document.getElementById(first ? fieldId(first) : `${props.testId}-problems`)?.focus(),
        );
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  }

  const hasAppointments = failure instanceof ApiError && failure.code === 'HAS_APPOINTMENTS';
  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={busy} data-testid={props.testId}>
      <p className="kern-body">{props.intro}</p>
      {problems && (
        <div id={`${props.testId}-problems`} tabIndex={-1}>
          <Alert variant="danger" title={t('resources.problemsTitle')} live>
            <p className="kern-body">
              {t('resources.problemsText', { count: problems.byPath.size + problems.unplaced.length })}
            </p>
            {problems.unplaced.length > 0 && (
              <ul className="kern-list" data-testid="resources-unplaced">
                {problems.unplaced.map((p) => (
                  <li key={`${p.path}:${p.message}`}>
                    <UnplacedProblem problem={p} profile={problems.sent} />
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        </div>
      )}
      {hasAppointments ? (
        <Alert variant="danger" title={t('resources.hasAppointmentsTitle')} live>
          <p className="kern-body">{t('resources.hasAppointments')}</p>
        </Alert>
      ) : (
        <ErrorAlert<MessageKey>
          error={failure}
          overrides={{ STILL_REFERENCED: 'resources.stillReferenced' }}
        />
      )}
      {saved && <Alert variant="success" title={props.savedText} live />}

      {props.children(editor)}

      <div className="actions">
        <SubmitButton busy={busy}>{props.saveLabel}</SubmitButton>
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={discard}>
          <span className="kern-label">{t('resources.discard')}</span>
        </button>
      </div>
    </form>
  );
}

/** A problem of another part of the profile, named by the entry it belongs to. */
function UnplacedProblem({ problem, profile }: { problem: Problem; profile: ImportCenter }) {
  const t = useT();
  const entry = listEntryOf(problem.path);
  let where: string | undefined;
  if (entry) {
    const number = entry.index + 1;
    const counselorName = (key: string | undefined) =>
      profile.counselors.find((c) => c.externalId === key)?.displayName ?? key ?? '';
    switch (entry.collection) {
      case 'locations':
        where = t('resources.where.location', { number });
        break;
      case 'rooms':
        where = t('resources.where.room', { name: profile.rooms[entry.index]?.name ?? String(number) });
        break;
      case 'services':
        where = t('resources.where.service', { name: profile.services[entry.index]?.name ?? String(number) });
        break;
      case 'counselors':
        where = t('resources.where.counselor', {
          name: profile.counselors[entry.index]?.displayName ?? String(number),
        });
        break;
      case 'availability':
        where = t('resources.where.availability', {
          name: counselorName(profile.availability[entry.index]?.counselor),
        });
        break;
      case 'absences':
        where = t('resources.where.absence', { number });
        break;
      case 'absenceSeries':
        where = t('resources.where.series', { number });
        break;
    }
  }
  return (
    <>
      {where && <strong>{where}</strong>} <code>{problem.path}</code>: {problem.message}
    </>
  );
}
