import type { StaffCaseView } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** The photos of a field report, as the log records them: each by its SHA-256. */
export function PhotosPanel({ c }: { c: StaffCaseView }) {
  const { t } = useI18n();
  if (!c.photos?.length) return null;
  return (
    <section className="card" aria-labelledby="photos-title">
      <h2 id="photos-title">{t('photos.title')}</h2>
      <ul data-testid="case-photos">
        {c.photos.map((photo) => (
          <li key={photo.sha256}>{t('photos.entry', { name: photo.name, size: Math.max(1, Math.round(photo.size / 1024)), hash: photo.sha256.slice(0, 12), who: photo.addedBy })}</li>
        ))}
      </ul>
    </section>
  );
}
