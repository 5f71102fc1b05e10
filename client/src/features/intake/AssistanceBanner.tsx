import { useEffect, useState } from 'react';
import type { Assistant } from '../../../../server/domain/case-types.ts';
import { residentApi, residentSession } from '../../api/resident-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * On a resident's page opened on a staff device (帮办): who is helping, always in view, so the
 * party knows the session is an assisted one and that they confirm each step themselves.
 */
export function AssistanceBanner() {
  const { t } = useI18n();
  const [assistant, setAssistant] = useState<Assistant | null>(null);
  const token = residentSession.get()?.token;
  useEffect(() => {
    if (!token) return;
    let current = true;
    residentApi.assistance(token).then(
      (answer) => current && setAssistant(answer.assistedBy),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [token]);
  if (!assistant) return null;
  return (
    <p className="notice warn assist-banner" role="status" data-testid="assistance-banner">
      {t('assist.banner', { role: t(`assist.role.${assistant.role}`), assistant: assistant.name })}
    </p>
  );
}
