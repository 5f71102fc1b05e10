import { useState } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ledgerApi, type LedgerRow } from './ledger-api.ts';

const REASONS = ['withdrawn', 'completed', 'failed', 'confirmed', 'rejected', 'not_accepted'] as const;
type Reason = (typeof REASONS)[number];

/** The reasons that fit the case now (the case machine refuses the others). */
function reasonsFor(status: LedgerRow['status']): Reason[] {
  switch (status) {
    case 'signed':
      return ['completed', 'withdrawn'];
    case 'failed':
      return ['failed', 'withdrawn'];
    case 'confirmed':
      return ['confirmed', 'completed'];
    case 'rejected':
      return ['rejected', 'completed'];
    case 'intake':
      return ['withdrawn', 'not_accepted'];
    default:
      return ['withdrawn'];
  }
}

/** Closing or withdrawing from the ledger: a reason and, always, a few words why (kept in the case log). */
export function CloseCaseDialog({ row, onDone, onCancel }: { row: LedgerRow; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const reasons = reasonsFor(row.status);
  const [reason, setReason] = useState<Reason>(reasons[0]!);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const action = useApiAction();

  const confirm = async () => {
    if (note.trim().length < 2) {
      setNoteMissing(true);
      return;
    }
    const done = await action.run(() => ledgerApi.close(row.caseId, { reason, note: note.trim() }));
    if (done) onDone();
  };

  return (
    <ConfirmDialog title={t('ledger.closeTitle', { number: row.caseNumber })} confirmLabel={t('ledger.closeConfirm')} danger busy={action.busy} onConfirm={() => void confirm()} onCancel={onCancel}>
      <Field label={t('ledger.closeReason')}>
        <select name="closeReason" value={reason} onChange={(e) => setReason(e.target.value as Reason)}>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {t(`closeReason.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('ledger.closeNote')} hint={t('ledger.closeNoteHint')} error={noteMissing ? t('ledger.closeNoteRequired') : undefined}>
        <textarea name="closeNote" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <ErrorNotice error={action.error} />
    </ConfirmDialog>
  );
}
