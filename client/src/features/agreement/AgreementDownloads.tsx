import { useState } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { downloadPdf } from './download-pdf.ts';

export interface DownloadItem {
  /** Path after /api. */
  path: string;
  fileName: string;
  label: MessageKey;
  testId: string;
}

/** Buttons that fetch a PDF with the caller's token and save it; each fetch is recorded as a delivery. */
export function AgreementDownloads({ items, who, big = false }: { items: DownloadItem[]; who: 'staff' | 'resident'; big?: boolean }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const download = async (item: DownloadItem) => {
    setBusy(item.path);
    setError(undefined);
    try {
      await downloadPdf(item.path, item.fileName, who);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div className="agreement-downloads">
      {items.map((item) => (
        <button key={item.path} type="button" className={big ? 'button big' : 'button'} data-testid={item.testId} disabled={!!busy} onClick={() => void download(item)}>
          {busy === item.path ? t('agreement.download.busy') : t(item.label)}
        </button>
      ))}
      <ErrorNotice error={error} />
    </div>
  );
}
