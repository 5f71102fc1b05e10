import type { StaffCaseView } from '../../api/api-types.ts';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AgreementDownloads } from '../agreement/AgreementDownloads.tsx';
import { documentPaths } from '../agreement/agreement-api.ts';
import { signatureMethodLabel } from '../agreement/signature-method.ts';

/** The signed agreement under review: the sealed PDF, and who signed it when and how. */
export function SignedAgreementCard({ c }: { c: StaffCaseView }) {
  const { t, language } = useI18n();
  const agreement = c.agreement;
  const nameOf = (participantId: string) => c.participants.find((p) => p.participantId === participantId)?.name ?? participantId;
  return (
    <section className="card" aria-labelledby="signed-agreement-title" data-testid="signed-agreement">
      <h2 id="signed-agreement-title">{t('confirmation.agreementTitle')}</h2>
      <AgreementDownloads
        who="staff"
        items={[{ path: documentPaths.agreement(c.caseId), fileName: `${c.caseNumber}-调解协议书.pdf`, label: 'confirmation.downloadAgreement', testId: 'download-agreement' }]}
      />
      <p className="muted">{t('confirmation.sealNote')}</p>
      {agreement && (
        <>
          <h3>{t('confirmation.signaturesTitle')}</h3>
          <ul data-testid="signing-audit">
            {agreement.signatures.map((s) => (
              <li key={s.participantId}>
                {t('confirmation.signedBy', { name: nameOf(s.participantId), at: formatTime(s.at, language), method: t(`confirmation.method.${signatureMethodLabel(s.method)}`) })}
              </li>
            ))}
            {agreement.countersignature && (
              <li>{t('confirmation.countersigned', { name: agreement.countersignature.mediatorName, at: formatTime(agreement.countersignature.at, language) })}</li>
            )}
          </ul>
          {agreement.effectiveAt && <p>{t('confirmation.effectiveAt', { at: formatTime(agreement.effectiveAt, language) })}</p>}
        </>
      )}
    </section>
  );
}
