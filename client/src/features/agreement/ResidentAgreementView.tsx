import type { ResidentCaseView } from '../../api/api-types.ts';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { documentPaths, type AgreementView } from './agreement-api.ts';
import { AgreementDownloads } from './AgreementDownloads.tsx';
import { AgreementTextView } from './AgreementTextView.tsx';
import { ClauseComment } from './ClauseComment.tsx';
import { ResidentSigning } from './ResidentSigning.tsx';
import { signedMemory } from './signed-memory.ts';
import { PageHeading } from '../../components/PageHeading.tsx';

interface ResidentAgreementViewProps {
  caseView: ResidentCaseView;
  view: AgreementView;
  token: string;
  onChanged: (view: AgreementView) => void;
  reload: () => void;
}

/**
 * What the resident sees of the agreement, by where it stands: the draft to read and comment on,
 * the frozen text to read and sign, their own signature waiting for the others, the agreement in
 * effect with its download. A signature voided by reopening is announced first.
 */
export function ResidentAgreementView({ caseView, view, token, onChanged, reload }: ResidentAgreementViewProps) {
  const { t, language } = useI18n();
  const { agreement, text } = view;
  const me = caseView.me;
  const mySignature = me && agreement?.signatures.find((s) => s.participantId === me.participantId);
  // The server records whose signature a reopening voided; this device's memory covers older views.
  const voidedOnServer = !!me && !!agreement?.voidedSignatures?.some((v) => v.participantId === me.participantId);
  const voided = !!me && !mySignature && (voidedOnServer || !!signedMemory.get(caseView.caseId, me.participantId));
  const frozen = agreement?.frozen;

  const header = (
    <header className="card resident-card agreement-resident-header">
      <PageHeading className="resident-title">{t('residentAgreement.title')}</PageHeading>
      <p className="muted">{caseView.title}</p>
      {voided && (
        <div className="void-notice" role="alert" data-testid="signature-void">
          <p className="void-title">{t('residentAgreement.void')}</p>
          {!frozen && <p>{t('residentAgreement.voidLater')}</p>}
        </div>
      )}
    </header>
  );

  if (!agreement || !text) {
    return (
      <>
        {header}
        <p className="card resident-card resident-lead">{t('residentAgreement.none')}</p>
      </>
    );
  }

  if (!frozen) {
    const mine = agreement.comments.filter((c) => c.participantId === me?.participantId);
    return (
      <>
        {header}
        <section className="card resident-card" data-testid="agreement-draft">
          <p className="notice resident-lead">{t('residentAgreement.drafting')}</p>
          <p className="muted">{t('residentAgreement.draftingHint')}</p>
          <AgreementTextView
            text={text}
            aside={(clause) => (
              <ClauseComment
                clause={clause}
                caseId={caseView.caseId}
                token={token}
                version={agreement.version}
                mine={mine.filter((c) => c.clause === clause)}
                onSent={reload}
                enabled={!!me}
              />
            )}
          />
        </section>
      </>
    );
  }

  const signedCard = (mySignature || agreement.effectiveAt) && (
    <section className="card resident-card signed-card" data-testid="resident-signed" role="status">
      {agreement.effectiveAt ? (
        <>
          <p className="signed-title">✓ {t('residentAgreement.effective', { time: formatTime(agreement.effectiveAt, language, 'long') })}</p>
          <p>{t('residentAgreement.effectiveHint')}</p>
          <AgreementDownloads
            who="resident"
            big
            items={[{ path: documentPaths.agreement(caseView.caseId), fileName: `调解协议书-${caseView.caseNumber}.pdf`, label: 'residentAgreement.download', testId: 'download-agreement' }]}
          />
        </>
      ) : (
        <p className="signed-title">✓ {t('residentAgreement.signed')}</p>
      )}
      {mySignature && <p>{t('residentAgreement.signedAt', { time: formatTime(mySignature.at, language, 'long') })}</p>}
      {!agreement.effectiveAt && (
        <p className="muted">{allPartiesSigned(view) ? t('residentAgreement.waitingMediator') : t('residentAgreement.waitingOthers')}</p>
      )}
      <p className="muted hash-line">{t('residentAgreement.hash', { hash: frozen.documentHash.slice(0, 16) })}</p>
    </section>
  );

  if (signedCard || me?.role === 'agent' || !me) {
    return (
      <>
        {header}
        {signedCard}
        {!signedCard && <p className="card resident-card resident-lead">{t('residentAgreement.agentNoSign')}</p>}
        <details className="card resident-card agreement-details">
          <summary>{t('residentAgreement.showText')}</summary>
          <AgreementTextView text={text} />
        </details>
      </>
    );
  }

  return (
    <>
      {header}
      <ResidentSigning
        key={frozen.documentHash}
        caseId={caseView.caseId}
        participantId={me.participantId}
        token={token}
        documentHash={frozen.documentHash}
        text={text}
        onSigned={onChanged}
        onStale={reload}
      />
    </>
  );
}

/**
 * Whether every party has signed. The resident's view does not list the other parties; the
 * agreement text does, one flush line per party (申请人：… / 被申请人：…; agents do not sign).
 */
function allPartiesSigned(view: AgreementView): boolean {
  const lines = view.text?.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'paragraph' && !!b.flush && /^(申请人|被申请人)：/.test(b.text)).length ?? 0;
  return lines > 0 && (view.agreement?.signatures.length ?? 0) >= lines;
}
