import { useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import { login } from '../../api/staff-client.ts';
import { staffSession } from '../../api/staff-session.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { navigate } from '../../router/router.ts';
import '../cases/staff-pages.css';

export function LoginPage() {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [expired] = useState(() => staffSession.endReason() === 'expired');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(username.trim(), password);
      navigate('/cases');
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };

  // A wrong password and an empty field both come back as one plain sentence.
  const wrongCredentials = error && (error.code === 'unauthenticated' || error.code === 'invalid_input');
  return (
    <form className="card narrow-form" onSubmit={submit} noValidate>
      <h1>{t('login.title')}</h1>
      {expired && !error && <p className="notice">{t('login.expired')}</p>}
      <Field label={t('login.username')}>
        <input name="username" autoComplete="username" autoCapitalize="none" value={username} onChange={(e) => setUsername(e.target.value)} />
      </Field>
      <Field label={t('login.password')}>
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      {wrongCredentials ? (
        <p className="notice error" role="alert">
          {t('login.failed')}
        </p>
      ) : (
        <ErrorNotice error={error} />
      )}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
