import type { InvitationIssued } from '@protocol';
import { useState } from 'react';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * A freshly issued link: the text to copy and its QR code. The server renders the SVG (the qrcode
 * library); it goes in as an image URL, never as markup, so nothing in it can run in our page.
 */
export function InvitationLink({ invitation, holderName }: { invitation: InvitationIssued; holderName: string }) {
  const { t, language } = useI18n();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const qrSrc = `data:image/svg+xml;utf8,${encodeURIComponent(invitation.qrSvg)}`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invitation.url);
      setCopyState('copied');
    } catch {
      // Clipboard access needs a secure context and permission; the field stays selectable.
      setCopyState('failed');
    }
  };

  return (
    <div className="invitation" data-invitation-id={invitation.invitationId}>
      <p className="invitation-title">{t('invite.linkFor', { name: holderName })}</p>
      <div className="copy-row">
        <input readOnly value={invitation.url} aria-label={t('invite.linkFor', { name: holderName })} onFocus={(e) => e.target.select()} className="invitation-url" />
        <button type="button" className="button secondary" onClick={() => void copy()}>
          {copyState === 'copied' ? t('invite.copied') : t('invite.copy')}
        </button>
      </div>
      {copyState === 'failed' && <p className="field-error">{t('invite.copyFailed')}</p>}
      <img className="qr" src={qrSrc} alt={t('invite.qrAlt')} width={200} height={200} />
      <p className="muted">{t('invite.expiresAt', { time: formatTime(invitation.expiresAt, language) })}</p>
      <p className="muted">{t('invite.oneDevice')}</p>
      <p className="muted">{t('invite.shownOnce')}</p>
    </div>
  );
}
