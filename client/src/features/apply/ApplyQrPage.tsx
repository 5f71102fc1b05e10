import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { applicationApi } from './application-api.ts';
import './apply.css';

/** /apply/qr?org=<id>: the poster a mediation centre prints, a QR code of its application page. */
export function ApplyQrPage() {
  const { t } = useI18n();
  const orgId = new URLSearchParams(window.location.search).get('org') ?? undefined;
  const data = useApiData(`apply-qr:${orgId ?? ''}`, () => applicationApi.applyQr(orgId));
  const qr = data.data;
  return (
    <section className="card resident-card apply-poster">
      <PageHeading className="resident-title">{t('applyQr.title')}</PageHeading>
      <ErrorNotice error={data.error} />
      {qr && (
        <>
          {qr.orgName && <p className="apply-poster-org">{qr.orgName}</p>}
          <img className="apply-poster-qr" src={`data:image/svg+xml;utf8,${encodeURIComponent(qr.qrSvg)}`} alt={t('applyQr.alt')} data-testid="apply-qr" />
          <p>{t('applyQr.scan')}</p>
          <p className="notice">{t('apply.free')}</p>
          <p className="apply-poster-url">{qr.url}</p>
        </>
      )}
    </section>
  );
}
