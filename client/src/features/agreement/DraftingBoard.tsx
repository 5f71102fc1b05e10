import { SaveDraftRequestSchema } from '@protocol';
import { useCallback, useEffect, useState } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { validateRequest } from '../../api/validate.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { staffAgreementApi, type AgreementDraft, type AgreementView, type TemplateInfo } from './agreement-api.ts';
import { AgreementPreview } from './AgreementPreview.tsx';
import { DraftControl, type ControlIssue } from './DraftControl.tsx';
import { controlId, fieldsFor, formFromDraft, isDirty, newForm, saveRequest, suggestedTemplate, type DraftForm } from './draft-form.ts';
import { ObligationRows } from './ObligationRows.tsx';
import { PrecheckList } from './PrecheckList.tsx';

interface DraftingBoardProps {
  c: StaffCaseView;
  view: AgreementView;
  templates: TemplateInfo[];
  onViewChanged: (view: AgreementView) => void;
}

type Notice = { kind: 'ok' | 'warn' | 'error'; text: string };

/** Our wording for the schema's refusals the form can cause; other paths keep the server's message. */
const SAVE_WORDING: Record<string, MessageKey> = {
  obligorId: 'agreement.invalid.obligorId',
  deadline: 'agreement.invalid.deadline',
  amountFen: 'agreement.invalid.amountFen',
};

/**
 * The mediator's drafting page: template, fields and obligations on the left with save and send;
 * the pre-check and the saved text (with the parties' comments) on the right. The text and the
 * check are the server's, of the saved version: what the parties would be sent.
 */
export function DraftingBoard({ c, view, templates, onViewChanged }: DraftingBoardProps) {
  const { t } = useI18n();
  const agreement = view.agreement;
  const suggested = suggestedTemplate(templates, c.disputeType);
  const templateOf = useCallback((id: string) => templates.find((tpl) => tpl.id === id), [templates]);
  const [form, setForm] = useState<DraftForm>(() =>
    agreement?.draft ? formFromDraft(agreement.draft, templateOf(agreement.draft.templateId)) : newForm(suggested!, c.participants),
  );
  // The saved version the form started from: the base of the next save (a stale one is refused).
  const [base, setBase] = useState<{ version: number; draft: AgreementDraft | undefined }>({ version: agreement?.version ?? 0, draft: agreement?.draft });
  const [busy, setBusy] = useState<'save' | 'send'>();
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState<Notice>();
  const [confirmSend, setConfirmSend] = useState(false);
  const template = templateOf(form.templateId);
  const dirty = isDirty(form, base.draft, template);

  // A newer version saved elsewhere (another window) is taken over while nothing here is unsaved.
  useEffect(() => {
    if (!agreement?.draft || agreement.version === base.version || isDirty(form, base.draft, templateOf(form.templateId))) return;
    setForm(formFromDraft(agreement.draft, templateOf(agreement.draft.templateId)));
    setBase({ version: agreement.version, draft: agreement.draft });
  }, [agreement, base, form, templateOf]);

  const adopt = (latest: AgreementView) => {
    onViewChanged(latest);
    if (!latest.agreement?.draft) return;
    setForm(formFromDraft(latest.agreement.draft, templateOf(latest.agreement.draft.templateId)));
    setBase({ version: latest.agreement.version, draft: latest.agreement.draft });
  };

  const saveIssues = error?.code === 'invalid_input' ? error.fields.map((f) => ({ ...f, path: f.path.replace(/^draft\./, '') })) : [];
  const issuesAt = (path: string): ControlIssue[] => [
    ...saveIssues
      .filter((issue) => issue.path === path)
      .map((issue) => {
        const wording = SAVE_WORDING[path.split('.').pop() ?? ''];
        return { severity: 'error' as const, message: wording ? t(wording) : issue.message };
      }),
    ...view.issues.filter((issue) => issue.path === path).map(({ severity, message }) => ({ severity, message })),
  ];

  const changeTemplate = (templateId: string) => {
    const next = templateOf(templateId);
    if (!next) return;
    setForm((current) => ({ ...current, templateId, fields: fieldsFor(next, current.fields) }));
    setNotice({ kind: 'ok', text: t('agreement.templateChanged', { name: next.name }) });
  };

  const save = async () => {
    setBusy('save');
    setError(undefined);
    setNotice(undefined);
    try {
      const request = validateRequest(SaveDraftRequestSchema, saveRequest(form, template, base.version));
      const next = await staffAgreementApi.save(c.caseId, request);
      onViewChanged(next);
      if (next.agreement?.draft) setBase({ version: next.agreement.version, draft: next.agreement.draft });
      setNotice({ kind: 'ok', text: t('agreement.saved', { version: next.agreement?.version ?? base.version + 1 }) });
    } catch (caught) {
      const failure = asApiError(caught);
      if (failure.code === 'conflict') {
        try {
          const latest = await staffAgreementApi.view(c.caseId);
          adopt(latest);
          setNotice({ kind: 'warn', text: t('agreement.conflict', { version: latest.agreement?.version ?? 0 }) });
        } catch (reload) {
          setError(asApiError(reload));
        }
      } else setError(failure);
    } finally {
      setBusy(undefined);
    }
  };

  const send = async () => {
    setBusy('send');
    setError(undefined);
    setNotice(undefined);
    try {
      onViewChanged(await staffAgreementApi.send(c.caseId));
    } catch (caught) {
      const failure = asApiError(caught);
      // Refused by the pre-check, or the draft moved on: show what the server sees now.
      if (failure.code === 'illegal_transition' || failure.code === 'conflict') {
        const latest = await staffAgreementApi.view(c.caseId).catch(() => undefined);
        if (latest) adopt(latest);
        if (failure.fields.length > 0) setNotice({ kind: 'error', text: t('agreement.sendRefused') });
        else setError(failure);
      } else setError(failure);
    } finally {
      setBusy(undefined);
      setConfirmSend(false);
    }
  };
  const cancelSend = useCallback(() => setConfirmSend(false), []);

  const errors = view.issues.filter((i) => i.severity === 'error');
  const warnings = view.issues.filter((i) => i.severity === 'warning');
  const sendBlocked = !agreement ? 'agreement.sendSaveFirst' : dirty ? 'agreement.sendSaveFirst' : errors.length > 0 ? 'agreement.sendBlocked' : undefined;

  return (
    <div className="agreement-layout">
      <div className="agreement-main">
        <section className="card draft-editor" aria-labelledby="draft-title">
          <h2 id="draft-title">{t('agreement.draftTitle')}</h2>
          <DraftControl
            id="agreement-template"
            label={t('agreement.template')}
            hint={suggested && form.templateId === suggested.id ? t('agreement.templateSuggested', { type: t(`dispute.${c.disputeType}`) }) : undefined}
            issues={issuesAt('template')}
          >
            <select id="agreement-template" name="templateId" value={form.templateId} onChange={(e) => changeTemplate(e.target.value)}>
              {templates.map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {tpl.name}
                </option>
              ))}
            </select>
          </DraftControl>
          {template &&
            Object.entries(template.fields).map(([key, field]) => {
              const id = controlId(`fields.${key}`);
              const issues = issuesAt(`fields.${key}`);
              return (
                <DraftControl
                  key={key}
                  id={id}
                  label={
                    <>
                      {field.label}
                      {field.required ? <span className="required-tag">{t('agreement.required')}</span> : <span className="muted"> {t('common.optional')}</span>}
                    </>
                  }
                  hint={field.hint}
                  issues={issues}
                >
                  <textarea
                    id={id}
                    name={`field-${key}`}
                    rows={key === 'facts' ? 5 : 3}
                    maxLength={20_000}
                    value={form.fields[key] ?? ''}
                    aria-invalid={issues.some((i) => i.severity === 'error') || undefined}
                    onChange={(e) => setForm((current) => ({ ...current, fields: { ...current.fields, [key]: e.target.value } }))}
                  />
                </DraftControl>
              );
            })}
          <h3 className="obligations-title">{t('agreement.obligations')}</h3>
          <p className="muted small-text">{t('agreement.obligationsHint')}</p>
          <ObligationRows rows={form.obligations} participants={c.participants} issuesAt={issuesAt} onChange={(obligations) => setForm((current) => ({ ...current, obligations }))} />
        </section>
        {/* biome-ignore lint/a11y/useSemanticElements: a named group of buttons, not form fields; a fieldset would bring its own border and spacing */}
        <div className="draft-actions" role="group" aria-label={t('agreement.draftTitle')}>
          {notice && (
            <p className={`notice ${notice.kind === 'ok' ? 'ok' : notice.kind === 'warn' ? 'warn' : 'error'}`} role={notice.kind === 'ok' ? 'status' : 'alert'} data-testid="draft-notice">
              {notice.text}
            </p>
          )}
          <ErrorNotice error={error} shownFields={saveIssues.map((i) => `draft.${i.path}`)} />
          <div className="actions">
            <button type="button" className="button" onClick={() => void save()} disabled={!!busy || !dirty}>
              {busy === 'save' ? t('common.saving') : t('agreement.save')}
            </button>
            <span className={dirty ? 'save-state unsaved' : 'save-state'} data-testid="save-state">
              {dirty ? t('agreement.unsaved') : `${t('agreement.allSaved')} · ${t('agreement.version', { version: base.version })}`}
            </span>
            <button type="button" className="button send" onClick={() => setConfirmSend(true)} disabled={!!busy || !!sendBlocked}>
              {t('agreement.send')}
            </button>
          </div>
          {sendBlocked && <p className="muted small-text">{t(sendBlocked)}</p>}
        </div>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements lint/a11y/noNoninteractiveTabindex: the sticky side panel scrolls on its own, so it is a named region that takes focus for keyboard scrolling (axe: scrollable-region-focusable) */}
      <div className="agreement-side" role="region" aria-label={t('agreement.sidePanel')} tabIndex={0}>
        <section className="card">
          <PrecheckList caseId={c.caseId} issues={view.issues} version={agreement?.version} stale={!!agreement && dirty} linkable />
        </section>
        <AgreementPreview
          title={t('agreement.preview.title')}
          basis={agreement ? t('agreement.preview.basis', { version: agreement.version }) : undefined}
          text={view.text}
          comments={agreement?.comments ?? []}
          participants={c.participants}
          version={agreement?.version ?? 0}
          empty={t('agreement.preview.empty')}
        />
      </div>
      {confirmSend && (
        <ConfirmDialog title={t('agreement.sendConfirm.title')} confirmLabel={t('agreement.sendConfirm.ok')} busy={busy === 'send'} onConfirm={() => void send()} onCancel={cancelSend}>
          <p>{t('agreement.sendConfirm.body', { version: base.version })}</p>
          {warnings.length > 0 && (
            <div className="notice warn">
              <p>{t('agreement.sendConfirm.warnings')}</p>
              <ul>
                {warnings.map((w, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: warnings, read-only and fixed while the dialog is open
                  <li key={i}>{w.message}</li>
                ))}
              </ul>
            </div>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
