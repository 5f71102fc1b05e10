import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { loadCatalogs } from './i18n/catalogs.ts';
import { I18nProvider } from './i18n/i18n.tsx';
import { rememberVideoProfile } from './media/video-profile.ts';
import './styles.css';

rememberVideoProfile();

// The resident texts are in this download in Chinese; a phone set to English fetches them first.
void loadCatalogs(['resident']).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider>
        <App />
      </I18nProvider>
    </StrictMode>,
  ),
);
