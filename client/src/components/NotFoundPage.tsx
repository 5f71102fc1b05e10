import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/Link.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="card">
      <h1>{t('notFound.title')}</h1>
      <Link href="/">{t('notFound.back')}</Link>
    </section>
  );
}
