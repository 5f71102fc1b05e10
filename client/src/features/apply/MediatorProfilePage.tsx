import { useEffect, useState, type FormEvent } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useStaffSession } from '../../api/use-staff-session.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { staffApplicationApi } from './application-api.ts';
import '../cases/staff-pages.css';

/** /profile: a mediator opts in to the public directory and says what they mediate; an admin edits any mediator's. */
export function MediatorProfilePage() {
  const { t } = useI18n();
  const account = useStaffSession()?.account;
  const admin = account?.role === 'admin';
  const mediators = useApiData(`profile-mediators:${admin}`, async () => (admin ? staffApplicationApi.mediators() : []));
  const [chosen, setChosen] = useState('');
  const accountId = admin ? chosen : (account?.accountId ?? '');
  const data = useApiData(`mediator-profile:${accountId}`, async () => (accountId ? staffApplicationApi.profile(accountId) : undefined));
  const action = useApiAction();
  const [listed, setListed] = useState(false);
  const [speciality, setSpeciality] = useState('');
  const [introduction, setIntroduction] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!data.data) return;
    setListed(data.data.listed);
    setSpeciality(data.data.speciality);
    setIntroduction(data.data.introduction ?? '');
  }, [data.data]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await action.run(() => staffApplicationApi.saveProfile(accountId, { listed, speciality: speciality.trim(), introduction: introduction.trim() || undefined }));
    if (result) setSaved(true);
  };

  return (
    <section className="card mediator-profile">
      <PageHeading>{t('profile.title')}</PageHeading>
      <p>{t('profile.intro')}</p>
      <ErrorNotice error={data.error ?? mediators.error} />
      {admin && (
        <Field label={t('profile.chooseMediator')}>
          <select name="mediator" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t('apply.chooseOrg')}</option>
            {mediators.data?.map((m) => (
              <option key={m.accountId} value={m.accountId}>
                {m.displayName}（{m.orgId}）
              </option>
            ))}
          </select>
        </Field>
      )}
      {account?.orgId && (
        <p>
          <a href={`/apply/qr?org=${encodeURIComponent(account.orgId)}`} target="_blank" rel="noreferrer">
            {t('applyQr.link')}
          </a>
        </p>
      )}
      <form className="stack" onSubmit={(e) => void save(e)} noValidate>
        <label className="declaration">
          <input type="checkbox" name="listed" checked={listed} onChange={(e) => setListed(e.target.checked)} />
          <span>{t('profile.listed')}</span>
        </label>
        <Field label={t('profile.speciality')} error={action.error?.fieldIssue('speciality')?.message}>
          <input name="speciality" maxLength={100} value={speciality} onChange={(e) => setSpeciality(e.target.value)} />
        </Field>
        <Field label={t('profile.introduction')}>
          <textarea name="introduction" rows={3} maxLength={500} value={introduction} onChange={(e) => setIntroduction(e.target.value)} />
        </Field>
        <button type="submit" className="button" disabled={action.busy || !accountId}>
          {t('profile.save')}
        </button>
        {saved && (
          <p className="notice" role="status">
            {t('profile.saved')}
          </p>
        )}
        <ErrorNotice error={action.error} shownFields={['speciality']} />
      </form>
    </section>
  );
}
