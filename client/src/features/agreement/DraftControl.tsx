import type { ReactNode } from 'react';

/** A message under a control: a pre-check finding or a refusal of the last save. */
export interface ControlIssue {
  severity: 'error' | 'warning';
  message: string;
}

interface DraftControlProps {
  /** The control's id, which pre-check entries point at (see controlId). */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  issues?: ControlIssue[];
  className?: string;
  /** The control itself, rendered by the caller with `id` and `aria-invalid`. */
  children: ReactNode;
}

/** Label, control, hint and the issues found at it; red for errors, amber for warnings. */
export function DraftControl({ id, label, hint, issues = [], className, children }: DraftControlProps) {
  const severity = issues.some((i) => i.severity === 'error') ? ' invalid' : issues.length > 0 ? ' warned' : '';
  return (
    <div className={`field draft-control${severity}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <small className="hint">{hint}</small>}
      {issues.map((issue, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: issue messages, read-only and replaced as a whole on each check
        <small key={index} className={issue.severity === 'error' ? 'field-error' : 'field-warning'}>
          {issue.message}
        </small>
      ))}
    </div>
  );
}
