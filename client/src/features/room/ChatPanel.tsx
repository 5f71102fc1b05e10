import type { ChatMessage } from '@protocol';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';

interface ChatPanelProps {
  messages: ChatMessage[];
  selfKey: string;
  onSend: (text: string) => Promise<boolean>;
  onClose?: (() => void) | undefined;
}

/** The room's text chat; the server decides who reads a line (a caucus keeps its own). */
export function ChatPanel({ messages, selfKey, onSend, onClose }: ChatPanelProps) {
  const { t, language } = useI18n();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new line is what scrolls the list down
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages.length]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || sending) return;
    setSending(true);
    const ok = await onSend(trimmed);
    setSending(false);
    setFailed(!ok);
    if (ok) setText('');
  };

  return (
    <section className="chat" aria-label={t('chat.title')}>
      <div className="panel-head">
        <h2>{t('chat.title')}</h2>
        {onClose && (
          <button type="button" className="button small secondary" onClick={onClose}>
            {t('chat.close')}
          </button>
        )}
      </div>
      <ol className="chat-list" ref={listRef} data-testid="chat-list">
        {messages.length === 0 && <li className="muted">{t('chat.empty')}</li>}
        {messages.map((m) => (
          <li key={m.seq} className={m.from === selfKey ? 'mine' : undefined}>
            <span className="chat-meta">
              {m.name} · <time dateTime={m.at}>{formatTime(m.at, language, 'time')}</time>
            </span>
            <span className="chat-text">{m.text}</span>
          </li>
        ))}
      </ol>
      <form className="chat-form" onSubmit={submit}>
        <input aria-label={t('chat.label')} placeholder={t('chat.label')} value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button" disabled={sending || !text.trim()}>
          {t('chat.send')}
        </button>
      </form>
      {failed && <p className="field-error">{t('chat.failed')}</p>}
    </section>
  );
}
