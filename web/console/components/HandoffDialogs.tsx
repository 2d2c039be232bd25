// Close (with a disposition) and transfer (to a colleague) dialogs for a handoff.
import { useState } from 'preact/hooks';
import type { AgentDirectoryResponse, HandoffResponse } from '../api-types.js';
import { ApiError } from '../api.js';
import { labelOf } from '../i18n.js';
import { useConsole } from './console-context.js';
import { Banner, Field, Modal } from './ui.js';
import { useResource } from './use-resource.js';

export const DISPOSITIONS = ['resolved', 'complaint_filed', 'callback_scheduled', 'referred_branch', 'customer_left', 'other'] as const;

const errorText = (err: unknown, t: ReturnType<typeof useConsole>['t']) =>
  err instanceof ApiError && err.status === 403 ? t('common.forbidden') : t('common.error', { message: err instanceof Error ? err.message : String(err) });

export function CloseDialog(props: { handoffId: string; onCancel: () => void; onDone: (r: HandoffResponse) => void }) {
  const { api, t, locale } = useConsole();
  const [disposition, setDisposition] = useState<string>('resolved');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<HandoffResponse>(`/api/agent/handoffs/${encodeURIComponent(props.handoffId)}/close`, { disposition, ...(note.trim() ? { note: note.trim() } : {}) });
      props.onDone(r);
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  };

  return (
    <Modal title={t('close.heading')} onClose={props.onCancel} testid="close-dialog">
      <form onSubmit={submit} class="form">
        {error && <Banner tone="error">{error}</Banner>}
        <Field label={t('close.disposition')}>
          <select value={disposition} onChange={(e) => setDisposition(e.currentTarget.value)} data-testid="close-disposition">
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {labelOf(locale, 'disposition', d)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('close.note')}>
          <textarea rows={3} value={note} maxLength={1000} onInput={(e) => setNote(e.currentTarget.value)} data-testid="close-note" />
        </Field>
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn--primary" disabled={busy} data-testid="close-confirm">
            {t('close.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function TransferDialog(props: { handoffId: string; onCancel: () => void; onDone: (r: HandoffResponse) => void }) {
  const { api, t, locale, session } = useConsole();
  const directory = useResource(() => api.get<AgentDirectoryResponse>('/api/agent/agents'), []);
  const [agentId, setAgentId] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const colleagues = (directory.data?.agents ?? []).filter((a) => a.id !== session.agent.id);
  const noDirectory = Boolean(directory.error);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!agentId.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<HandoffResponse>(`/api/agent/handoffs/${encodeURIComponent(props.handoffId)}/transfer`, { agentId: agentId.trim(), ...(note.trim() ? { note: note.trim() } : {}) });
      props.onDone(r);
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  };

  return (
    <Modal title={t('transfer.heading')} onClose={props.onCancel} testid="transfer-dialog">
      <form onSubmit={submit} class="form">
        {error && <Banner tone="error">{error}</Banner>}
        {noDirectory ? (
          <Field label={t('transfer.agentId')} hint={t('transfer.noDirectory')}>
            <input type="text" value={agentId} onInput={(e) => setAgentId(e.currentTarget.value)} spellcheck={false} data-testid="transfer-agent" />
          </Field>
        ) : (
          <Field label={t('transfer.agent')}>
            <select value={agentId} onChange={(e) => setAgentId(e.currentTarget.value)} data-testid="transfer-agent" disabled={directory.loading}>
              <option value="">{directory.loading ? t('common.loading') : '—'}</option>
              {colleagues.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} · {t(`role.${a.role}` as 'role.agent')} · {a.languages.map((l) => labelOf(locale, 'locale', l)).join('/')}
                  {a.online === false ? ` · ${t('transfer.offline')}` : ''}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t('transfer.note')}>
          <textarea rows={2} value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn--primary" disabled={busy || !agentId.trim()} data-testid="transfer-confirm">
            {t('transfer.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
