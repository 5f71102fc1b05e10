import { useEffect, useId, useRef, type ReactNode, type SyntheticEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal question with two plain buttons. Our own element rather than window.confirm: it can be
 * read at arm's length, translated, and it does not block the page's media.
 *
 * It opens with showModal(), in the browser's top layer: above every sticky bar, drawer and
 * z-index of the page whatever the dialog is rendered inside (a sticky side panel is a stacking
 * context of its own, which is how the room's control bar came to cover 确认送签), and the page
 * behind it is inert. No z-index can do that from inside another stacking context.
 */
export function ConfirmDialog({ title, children, confirmLabel, danger = false, busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useI18n();
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    // Taken out of the page, it leaves the top layer by itself; still in it, it is being re-run.
    return () => {
      if (dialog.isConnected) dialog.close();
    };
  }, []);

  // Escape: the parent decides, by unmounting us; the browser alone would only hide the element.
  const onEscape = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    onCancel();
  };
  // Chromium closes anyway on a repeated Escape without a click in between (its close watcher).
  // The close event comes a task later: a dialog shown again by then (a remount) is still wanted.
  const onClosed = (event: SyntheticEvent<HTMLDialogElement>) => {
    if (!event.currentTarget.open) onCancel();
  };

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby={titleId} onCancel={onEscape} onClose={onClosed}>
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" className="button secondary" ref={cancelRef} onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="button" className={danger ? 'button danger' : 'button'} onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
