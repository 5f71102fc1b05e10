import fs from 'node:fs/promises';
import path from 'node:path';
import { maskPhone } from '../domain/identity.ts';
import { noticesFor, recipientKey, type Notice, type Recipient } from '../domain/notices.ts';
import type { CaseEvent } from '../domain/case-events.ts';
import type { CaseState } from '../domain/case-types.ts';
import type { Logger } from '../logger.ts';
import type { KeyValueStore } from '../store/store.ts';
import type { PiiVault } from './pii-vault.ts';
import type { Clock } from './clock.ts';

export interface OutboundMessage {
  channel: 'sms' | 'email';
  to: string;
  text: string;
  link: string;
}

/** The door to an SMS or e-mail gateway; a deployment plugs its provider in here. */
export interface MessageSender {
  send(message: OutboundMessage): Promise<void>;
}

/**
 * The default sender: one JSON line per message in a log file, for development and audit. The
 * file lies with the data, so it keeps the phone masked (138****5678); a real gateway gets the
 * full number, read from the vault at send time.
 */
export class LogFileSender implements MessageSender {
  constructor(private readonly file: string) {}

  async send(message: OutboundMessage): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const recorded = { at: new Date().toISOString(), ...message, to: message.channel === 'sms' ? maskPhone(message.to) : message.to };
    await fs.appendFile(this.file, `${JSON.stringify(recorded)}\n`, { mode: 0o600 });
  }
}

/** Who stands behind a court or an organisation, and a staff member's mobile (StaffContacts). */
export interface StaffReach {
  courtJudges(courtId: string): Promise<string[]>;
  /** The centre staff who dispatch for the organisation: of its own centre or one above it. */
  orgDispatchers(orgId: string): Promise<string[]>;
  phoneOf(accountId: string): Promise<string | undefined>;
}

export interface StoredNotice extends Notice {
  id: string;
  at: string;
}

const KEEP = 100;

/**
 * Delivers the notices a case change produces: kept per recipient (GET /api/notices), pushed live
 * to their open sockets, and sent by SMS to residents whose phone is known. A failing gateway is
 * logged; it never undoes the change that caused the notice.
 */
export class Notifier {
  private push: (recipient: Recipient, notice: StoredNotice) => void = () => undefined;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly vault: PiiVault,
    private readonly sender: MessageSender,
    private readonly publicUrl: () => string,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** #14: the judges of a court (notices to a guiding court reach each of them), and staff members' phones. */
    private readonly staff: StaffReach = { courtJudges: async () => [], orgDispatchers: async () => [], phoneOf: async () => undefined },
  ) {}

  /** Lets the realtime layer deliver notices to connected sockets. */
  onLive(push: (recipient: Recipient, notice: StoredNotice) => void): void {
    this.push = push;
  }

  async caseChanged(state: CaseState, events: readonly CaseEvent[]): Promise<void> {
    for (const notice of await this.expandCourts(noticesFor(state, events))) {
      try {
        await this.deliver(notice, events.at(-1)!.seq);
      } catch (error) {
        this.log.warn({ err: error, caseId: notice.caseId, kind: notice.kind }, 'notice not delivered');
      }
    }
  }

  /** A notice to a court or an organisation reaches each of the people behind it. */
  private async expandCourts(notices: Notice[]): Promise<Notice[]> {
    const expanded: Notice[] = [];
    for (const notice of notices) {
      const { recipient } = notice;
      const people = recipient.kind === 'court' ? await this.staff.courtJudges(recipient.courtId) : recipient.kind === 'org' ? await this.staff.orgDispatchers(recipient.orgId) : undefined;
      if (!people) expanded.push(notice);
      else for (const accountId of people) expanded.push({ ...notice, recipient: { kind: 'account', accountId } });
    }
    return expanded;
  }

  async list(recipient: Recipient): Promise<StoredNotice[]> {
    return (await this.kv.get<StoredNotice[]>(`notices:${recipientKey(recipient)}`)) ?? [];
  }

  private async deliver(notice: Notice, seq: number): Promise<void> {
    await this.deliverOnce(notice, `${notice.caseId}:${seq}:${notice.kind}`);
  }

  /** A notice no case event produced (#15: a work order's reminder); the same `id` is delivered once. */
  async deliverOnce(notice: Notice, id: string): Promise<void> {
    const stored: StoredNotice = { ...notice, id, at: this.clock.now().toISOString() };
    const key = `notices:${recipientKey(notice.recipient)}`;
    const existing = (await this.kv.get<StoredNotice[]>(key)) ?? [];
    if (existing.some((n) => n.id === stored.id)) return;
    await this.kv.set(key, [stored, ...existing].slice(0, KEEP));
    this.push(notice.recipient, stored);
    const phone =
      notice.recipient.kind === 'resident'
        ? (await this.vault.get(notice.recipient.caseId, notice.recipient.participantId))?.phone
        : notice.recipient.kind === 'account'
          ? await this.staff.phoneOf(notice.recipient.accountId)
          : undefined;
    if (phone) await this.sender.send({ channel: 'sms', to: phone, text: notice.text, link: `${this.publicUrl()}${notice.path}` });
  }
}
