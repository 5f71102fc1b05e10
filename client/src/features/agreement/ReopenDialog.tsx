import { useState } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { staffAgreementApi, type AgreementView } from './agreement-api.ts';

interface ReopenDialogProps {
  caseId: string;
  onDone: (view: AgreementView) => void;
  /** Stable (the dialog re-binds its Escape key when it changes). */
  onCancel: () => void;
}

/** Back to drafting, with a reason everyone will see; every signature given so far becomes void. */
export function ReopenDialog({ caseId, onDone, onCancel }: ReopenDialogProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const confirm = async () => {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onDone(await staffAgreementApi.reopen(caseId, { reason: reason.trim() }));
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog title={t('agreement.reopen.title')} confirmLabel={t('agreement.reopen.confirm')} danger busy={busy} onConfirm={() => void confirm()} onCancel={onCancel}>
      <p className="notice error">{t('agreement.reopen.warning')}</p>
      <div className={missing ? 'field invalid' : 'field'}>
        <label htmlFor="reopen-reason">{t('agreement.reopen.reason')}</label>
        <textarea id="reopen-reason" name="reason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={missing || undefined} />
        <small className="hint">{t('agreement.reopen.reasonHint')}</small>
        {missing && !reason.trim() && <small className="field-error">{t('agreement.reopen.needReason')}</small>}
      </div>
      <ErrorNotice error={error} />
    </ConfirmDialog>
  );
}
