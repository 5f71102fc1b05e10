import { useApiData } from '../../api/use-api-data.ts';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { dispatchApi } from './dispatch-api.ts';
import './dispatch.css';

/** A staff member's latest notices (#14: assignments, escalations, guidance, and the reporter's closed loop). */
export function StaffNotices() {
  const { t, language } = useI18n();
  const notices = useApiData('staff-notices', () => dispatchApi.notices());
  const latest = (notices.data ?? []).slice(0, 5);
  if (latest.length === 0) return null;
  return (
    <section className="card staff-notices" aria-labelledby="notices-title" data-testid="staff-notices">
      <h2 id="notices-title">{t('notices.title')}</h2>
      <ul className="notice-list">
        {latest.map((notice) => (
          <li key={notice.id} data-kind={notice.kind}>
            <span className="muted">{formatTime(notice.at, language)}</span> <Link href={notice.path}>{notice.text.replace(/^【云调解室】/, '')}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
