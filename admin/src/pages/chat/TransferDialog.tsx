import { useEffect, useState, type FormEvent } from 'react';
import type { CenterCard, ConversationView } from '@beratung/shared';
import { useSession } from '@common/sdk/session';
import { ErrorAlert } from '@common/ui/Alert';
import { ConfirmDialog } from '@common/ui/ConfirmDialog';
import { FieldError, TextField } from '@common/ui/Form';
import { useT, type MessageKey } from '../../i18n';
import { CHAT_ERRORS } from './labels';
import { transferTargets } from './settings';

/** Results of one search; the finder pages its results, the first page is enough to choose from. */
const PAGE_SIZE = 50;

/**
 * "An andere Beratungsstelle übergeben": choose a center with online counseling from
 * the finder and propose the move. Nothing moves until the help seeker agrees in the
 * chat; their app then seals the conversation keys to that center's verified team key.
 */
export function TransferDialog({
  view,
  open,
  onClose,
  onProposed,
}: {
  view: ConversationView;
  open: boolean;
  onClose(): void;
  onProposed(view: ConversationView): void;
}) {
  const t = useT();
  const { sdk } = useSession();
  const [query, setQuery] = useState('');
  /** The text the shown results were searched with. */
  const [searched, setSearched] = useState('');
  const [results, setResults] = useState<{ q: string; centers: CenterCard[] }>();
  const [searchError, setSearchError] = useState<unknown>();
  const [chosen, setChosen] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  // A fresh form each time the dialog opens (reset while rendering).
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (open) {
      setQuery('');
      setSearched('');
      setResults(undefined);
      setChosen('');
      setMissing(false);
      setFailure(undefined);
      setSearchError(undefined);
    }
  }

  useEffect(() => {
    if (!open) return;
    let active = true;
    sdk.searchCenters({ online: true, q: searched || undefined, pageSize: PAGE_SIZE }).then(
      (result) => {
        if (!active) return;
        setResults({ q: searched, centers: transferTargets(result.items, view.centerId) });
        setSearchError(undefined);
      },
      (error: unknown) => active && setSearchError(error),
    );
    return () => {
      active = false;
    };
  }, [open, sdk, searched, view.centerId]);

  const centers = results?.centers;
  const searching = open && results?.q !== searched && !searchError;

  function search(event: FormEvent) {
    event.preventDefault();
    // A new search may not contain the center chosen before.
    setChosen('');
    setSearched(query.trim());
  }

  async function propose() {
    if (busy) return;
    const center = centers?.find((c) => c.id === chosen);
    setMissing(!center);
    if (!center) {
      document.getElementById(centers?.length ? 'transfer-center' : 'transfer-query')?.focus();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      onProposed(await sdk.chatProposeTransfer(view.id, center.id));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      open={open}
      title={t('chat.transfer.title', { name: view.seekerName })}
      confirmLabel={t('chat.transfer.confirm')}
      busy={busy}
      onConfirm={() => void propose()}
      onCancel={onClose}
    >
      <div className="stack">
        <ErrorAlert<MessageKey> error={failure} overrides={CHAT_ERRORS} />
        <p className="kern-body">{t('chat.transfer.intro', { name: view.seekerName })}</p>
        <p className="kern-body">{t('chat.transfer.consent', { name: view.seekerName })}</p>
        <form role="search" className="transfer-search" onSubmit={search} noValidate>
          <TextField
            id="transfer-query"
            label={t('chat.transfer.search')}
            hint={t('chat.transfer.searchHint')}
            value={query}
            onChange={setQuery}
          />
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('chat.transfer.searchButton')}</span>
          </button>
        </form>
        <ErrorAlert<MessageKey> error={searchError} />
        <p className="kern-body" role="status" data-testid="transfer-count">
          {searching
            ? t('common.loading')
            : centers &&
              (centers.length === 0
                ? t('chat.transfer.none')
                : centers.length === 1
                  ? t('chat.transfer.one')
                  : t('chat.transfer.many', { count: centers.length }))}
        </p>
        {centers && centers.length > 0 && (
          <div className={`kern-form-input${missing ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor="transfer-center">
              {t('chat.transfer.center')}
            </label>
            <div className="kern-form-input__select-wrapper">
              <select
                className="kern-form-input__select"
                id="transfer-center"
                name="transfer-center"
                value={chosen}
                required
                aria-required
                aria-invalid={missing || undefined}
                aria-describedby={missing ? 'transfer-center-error' : undefined}
                onChange={(event) => {
                  setChosen(event.target.value);
                  setMissing(false);
                }}
              >
                <option value="">{t('chat.transfer.choose')}</option>
                {centers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {t('chat.transfer.option', { name: c.name, city: c.location.city })}
                  </option>
                ))}
              </select>
            </div>
            {missing && <FieldError id="transfer-center-error" message={t('chat.transfer.missing')} />}
          </div>
        )}
      </div>
    </ConfirmDialog>
  );
}
