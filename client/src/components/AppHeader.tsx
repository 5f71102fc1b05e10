import { logout } from '../api/staff-client.ts';
import { useStaffSession } from '../api/use-staff-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/Link.tsx';
import { navigate } from '../router/router.ts';

/** Title, language switch and, for signed-in staff, who they are and a way out. Residents see no staff links. */
export function AppHeader({ resident }: { resident: boolean }) {
  const { t, language, setLanguage } = useI18n();
  const session = useStaffSession();
  const account = resident ? undefined : session?.account;
  const signOut = async () => {
    await logout();
    navigate('/login');
  };
  return (
    <header className="app-header">
      {resident ? (
        <span className="brand">{t('app.title')}</span>
      ) : (
        <Link href={account ? '/cases' : '/'} className="brand">
          {t('app.title')}
        </Link>
      )}
      <nav className="header-actions">
        {account && (
          <>
            <Link href="/cases" className="header-link">
              {t('nav.cases')}
            </Link>
            <Link href="/dashboard" className="header-link" data-testid="nav-dashboard">
              {t('dashboard.navLink')}
            </Link>
            {account.role === 'grid_worker' && (
              <Link href="/grid" className="header-link" data-testid="nav-grid">
                {t('grid.navLink')}
              </Link>
            )}
            {account.role === 'admin' && (
              <Link href="/admin/grids" className="header-link" data-testid="nav-grid-registry">
                {t('registry.navLink')}
              </Link>
            )}
            <Link href="/ledger" className="header-link" data-testid="nav-ledger">
              {t('ledger.navLink')}
            </Link>
            {(account.role === 'centre_staff' || account.role === 'admin') && (
              <Link href="/dispatch" className="header-link" data-testid="nav-dispatch">
                {t('dispatch.navLink')}
              </Link>
            )}
            {account.role === 'judge' && (
              <Link href="/guided" className="header-link" data-testid="nav-guided">
                {t('guided.navLink')}
              </Link>
            )}
            {account.role === 'judge' && (
              <Link href="/confirmation/queue" className="header-link" data-testid="nav-confirmation-queue">
                {t('confirmation.queueLink')}
              </Link>
            )}
            <span className="who" data-testid="signed-in-user">
              {t('nav.signedInAs', { name: account.displayName, role: t(`role.${account.role}`) })}
            </span>
            <button type="button" className="link" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          </>
        )}
        <button type="button" className="link" lang={language === 'en' ? 'zh-CN' : 'en'} onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}>
          {t('lang.switch')}
        </button>
      </nav>
    </header>
  );
}
