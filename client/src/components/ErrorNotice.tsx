import type { ApiError } from '../api/api-error.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface ErrorNoticeProps {
  error: ApiError | undefined;
  /** Field paths the form shows next to its controls; issues on any other path are listed here. */
  shownFields?: readonly string[];
}

/** A failed request in plain words, with the server's own message beneath for whoever needs it. */
export function ErrorNotice({ error, shownFields = [] }: ErrorNoticeProps) {
  const { t } = useI18n();
  if (!error) return null;
  const showDetails = error.code !== 'network' && error.code !== 'invalid_input' && error.message;
  const unplaced = error.fields.filter((issue) => !shownFields.includes(issue.path));
  return (
    <div className="notice error" role="alert">
      <p>{t(`error.${error.code}`)}</p>
      {showDetails && (
        <p className="details">
          {t('error.details')}
          {error.message}
        </p>
      )}
      {unplaced.length > 0 && (
        <ul className="details">
          {unplaced.map((issue) => (
            <li key={issue.path}>
              {issue.path}: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
