import { useCallback, useState } from 'react';
import type { StaffCaseView } from '../../api/api-types.ts';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { documentPaths, type AgreementView } from './agreement-api.ts';
import { AgreementDownloads } from './AgreementDownloads.tsx';
import { AgreementPreview } from './AgreementPreview.tsx';
import { CountersignPanel } from './CountersignPanel.tsx';
import { principalParties } from './draft-form.ts';
import { ReopenDialog } from './ReopenDialog.tsx';
import { signatureMethodLabel } from './signature-method.ts';

interface SigningBoardProps {
  c: StaffCaseView;
  view: AgreementView;
  /** The case's own mediator: may reopen and countersign. */
  isMediator: boolean;
  onViewChanged: (view: AgreementView) => void;
}

/**
 * After sending: the frozen text and its hash, who has signed, reopening (which voids every
 * signature), the mediator's countersignature once every party has signed, then the downloads.
 */
export function SigningBoard({ c, view, isMediator, onViewChanged }: SigningBoardProps) {
  const { t, language } = useI18n();
  const [reopening, setReopening] = useState(false);
  const closeReopen = useCallback(() => setReopening(false), []);
  const agreement = view.agreement!;
  const frozen = agreement.frozen;
  const parties = principalParties(c.participants);
  const signatureOf = (participantId: string) => agreement.signatures.find((s) => s.participantId === participantId);
  const allSigned = parties.length > 0 && parties.every((p) => signatureOf(p.participantId));
  const effective = !!agreement.effectiveAt;
  const canReopen = isMediator && c.status === 'signing' && !agreement.countersignature;

  return (
    <div className="agreement-layout">
      <div className="agreement-main">
        {frozen && (
          <section className="card frozen-summary" aria-labelledby="frozen-title">
            <h2 id="frozen-title">{t('agreement.frozen.title')}</h2>
            <p>{t('agreement.frozen.version', { version: frozen.version })}</p>
            <p className="muted small-text">{t('agreement.frozen.hash')}</p>
            <p className="hash-full mono" data-testid="document-hash">
              {frozen.documentHash}
            </p>
          </section>
        )}
        {effective && (
          <p className="notice ok effective-banner" role="status" data-testid="agreement-effective">
            ✓ {t('agreement.effective', { time: formatTime(agreement.effectiveAt!, language) })}
          </p>
        )}
        <section className="card" aria-labelledby="signatures-title">
          <h2 id="signatures-title">{t('agreement.parties.title')}</h2>
          <ul className="signature-status">
            {parties.map((party) => {
              const signature = signatureOf(party.participantId);
              return (
                <li key={party.participantId} className={signature ? 'signed' : 'waiting'} data-testid={`signature-${party.name}`}>
                  <span className={`badge party-${party.role}`}>{t(`party.${party.role}`)}</span>
                  <strong>{party.name}</strong>
                  <span className="signature-state">
                    {signature
                      ? `✓ ${t('agreement.party.signed', { time: formatTime(signature.at, language), method: t(`agreement.method.${signatureMethodLabel(signature.method)}`) })}`
                      : t('agreement.party.waiting')}
                  </span>
                </li>
              );
            })}
            <li className={agreement.countersignature ? 'signed' : 'waiting'} data-testid="signature-mediator">
              <span className="badge">{t('role.mediator')}</span>
              <span className="signature-state">
                {agreement.countersignature
                  ? `✓ ${t('agreement.mediatorSigned', { name: agreement.countersignature.mediatorName, time: formatTime(agreement.countersignature.at, language) })}`
                  : t('agreement.mediatorWaiting')}
              </span>
            </li>
          </ul>
          {canReopen && (
            <div className="actions">
              <button type="button" className="button secondary danger-outline" onClick={() => setReopening(true)}>
                {t('agreement.reopen')}
              </button>
            </div>
          )}
        </section>
        {isMediator && frozen && allSigned && !agreement.countersignature && c.status === 'signing' && (
          <CountersignPanel caseId={c.caseId} documentHash={frozen.documentHash} onDone={onViewChanged} />
        )}
        {(effective || c.failureReason) && (
          <section className="card" aria-labelledby="downloads-title">
            <h2 id="downloads-title">{t('agreement.downloads')}</h2>
            <AgreementDownloads
              who="staff"
              items={[
                ...(agreement.finalPdfHash
                  ? [{ path: documentPaths.agreement(c.caseId), fileName: `调解协议书-${c.caseNumber}.pdf`, label: 'agreement.download.agreement' as const, testId: 'download-agreement' }]
                  : []),
                ...(c.failureReason
                  ? [{ path: documentPaths.failureNotice(c.caseId), fileName: `调解不成告知书-${c.caseNumber}.pdf`, label: 'agreement.download.failureNotice' as const, testId: 'download-failure-notice' }]
                  : []),
              ]}
            />
          </section>
        )}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements lint/a11y/noNoninteractiveTabindex: the sticky side panel scrolls on its own, so it is a named region that takes focus for keyboard scrolling (axe: scrollable-region-focusable) */}
      <div className="agreement-side" role="region" aria-label={t('agreement.sidePanel')} tabIndex={0}>
        <AgreementPreview
          title={t('agreement.frozen.title')}
          basis={frozen ? t('agreement.version', { version: frozen.version }) : undefined}
          text={view.text}
          comments={agreement.comments}
          participants={c.participants}
          version={agreement.version}
          empty={t('agreement.none')}
        />
      </div>
      {reopening && (
        <ReopenDialog
          caseId={c.caseId}
          onCancel={closeReopen}
          onDone={(next) => {
            setReopening(false);
            onViewChanged(next);
          }}
        />
      )}
    </div>
  );
}
