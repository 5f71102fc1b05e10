import { DevRoomPage } from './features/dev-room/DevRoomPage.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { useI18n } from './i18n/i18n.tsx';

export function App() {
  const { t, language, setLanguage } = useI18n();
  const path = window.location.pathname;
  return (
    <div className="app">
      <header className="app-header">
        <a href="/" className="brand">{t('app.title')}</a>
        <button type="button" className="link" onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}>
          {t('lang.switch')}
        </button>
      </header>
      <main>{path.startsWith('/dev') ? <DevRoomPage /> : <HomePage />}</main>
    </div>
  );
}
