import { Suspense, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { EmbeddedPage } from '../../components/PageHeading.tsx';
import { lazyPage } from '../../router/lazy-page.ts';

// The agreement screens load only when someone opens them in the room.
const StaffAgreementPage = lazyPage(() => import('../agreement/StaffAgreementPage.tsx'), 'StaffAgreementPage', ['staff', 'agreement']);
const ResidentAgreementPage = lazyPage(() => import('../agreement/ResidentAgreementPage.tsx'), 'ResidentAgreementPage', ['agreement']);

/**
 * The agreement beside the call: the mediator drafts, sends and countersigns in a side panel
 * during the session; parties read the live draft, comment on clauses and sign without leaving.
 */
export function RoomAgreement({ caseId, layout }: { caseId: string; layout: 'staff' | 'resident' }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <section className={`room-agreement ${layout}`} data-testid="room-agreement">
      <button type="button" className={layout === 'resident' ? 'button big secondary' : 'button secondary'} aria-expanded={open} onClick={() => setOpen(!open)} data-testid="room-agreement-toggle">
        {open ? t('room.agreementClose') : t('room.agreementOpen')}
      </button>
      {open && (
        <div className={layout === 'resident' ? 'agreement-drawer' : 'agreement-panel'} data-testid="room-agreement-panel">
          {layout === 'resident' && (
            // Full screen on a phone: the way back to the call stays at the top.
            <button type="button" className="button big agreement-drawer-close" onClick={() => setOpen(false)}>
              {t('room.agreementBack')}
            </button>
          )}
          <EmbeddedPage>
            <Suspense fallback={<p className="muted">{t('room.connecting')}</p>}>{layout === 'staff' ? <StaffAgreementPage caseId={caseId} /> : <ResidentAgreementPage />}</Suspense>
          </EmbeddedPage>
        </div>
      )}
    </section>
  );
}
