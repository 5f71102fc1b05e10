import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';

export function HomePage() {
  const { t } = useI18n();
  const [devRooms, setDevRooms] = useState(false);
  useEffect(() => {
    fetch('/health')
      .then((res) => res.json())
      .then((health: { devRooms?: boolean }) => setDevRooms(Boolean(health.devRooms)))
      .catch(() => setDevRooms(false));
  }, []);
  return (
    <section className="home">
      <h1>{t('app.title')}</h1>
      <p>{t('app.tagline')}</p>
      <p>
        <Link className="button" href="/apply">
          {t('home.apply')}
        </Link>
        <br />
        <small>{t('home.applyNote')}</small>
        <br />
        <Link href="/mediators">{t('home.directory')}</Link>
      </p>
      <p>
        <Link className="button" href="/login">
          {t('home.staffLogin')}
        </Link>
        <br />
        <small>{t('home.staffNote')}</small>
      </p>
      {devRooms && (
        <p>
          <a className="button" href="/dev">{t('home.devRoom')}</a>
          <br />
          <small>{t('home.devRoomNote')}</small>
        </p>
      )}
    </section>
  );
}
