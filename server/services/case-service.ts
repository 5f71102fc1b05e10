import { randomUUID } from 'node:crypto';
import { applyEvent, assertAllowed, foldCase, initialHead } from '../domain/case-machine.ts';
import { chainEvents, verifyChain, type ChainVerdict } from '../domain/case-log.ts';
import type { CaseEvent, EventDraft } from '../domain/case-events.ts';
import { indexChanges } from '../domain/case-indexes.ts';
import type { Actor, CaseState } from '../domain/case-types.ts';
import { AppError } from '../protocol/errors.ts';
import { isCaseId } from '../store/store-input.ts';
import { StoreConflictError, type Store } from '../store/store.ts';
import type { Clock } from './clock.ts';

export type Decision = (state: CaseState | undefined) => EventDraft[];

/** Folded case states kept in memory: the open work of a busy committee or court fits many times over. */
const STATE_CACHE_LIMIT = 5000;

/** Another writer appended first; deciding again on the fresh state is safe. */
export class ConcurrentChangeError extends AppError {
  constructor() {
    super('conflict', 'The case changed meanwhile; reload and try again.');
  }
}

/**
 * The one way a case changes: load its events, fold them, let the domain decide, and append the
 * decided events with a compare-and-set on the last seq. A writer that lost a race gets
 * `conflict` and nothing of its decision is written.
 */
export class CaseService {
  private readonly committed: Array<(state: CaseState, events: CaseEvent[]) => void | Promise<void>> = [];
  private readonly committedAwaited: Array<(state: CaseState, events: CaseEvent[]) => Promise<void> | undefined> = [];
  /**
   * Folded states of recently used cases. Another writer (another instance) may have appended
   * since, so a cached state is only a starting point: the events after it are read and folded on,
   * and a tail that does not continue its hash chain means a full reload.
   */
  private readonly states = new Map<string, CaseState>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Called after every append, with the new state and the events written (notifications listen here). */
  onCommitted(listener: (state: CaseState, events: CaseEvent[]) => void | Promise<void>): void {
    this.committed.push(listener);
  }

  /**
   * Early warning (#15): a listener the committing call waits for, so that what it records on its
   * own account (a level change on the linked cases) is written before the caller's next request,
   * which would otherwise race it for the next seq.
   */
  onCommittedAwaited(listener: (state: CaseState, events: CaseEvent[]) => Promise<void> | undefined): void {
    this.committedAwaited.push(listener);
  }

  async load(caseId: string): Promise<{ state: CaseState | undefined; events: CaseEvent[] }> {
    // An id that could never name a case (from a URL, say) is simply not found.
    if (!isCaseId(caseId)) return { state: undefined, events: [] };
    const events = await this.store.events.read(caseId);
    return { state: foldCase(events), events };
  }

  /** The case as it stands now. */
  async get(caseId: string): Promise<CaseState | undefined> {
    if (!isCaseId(caseId)) return undefined;
    const cached = this.states.get(caseId);
    if (cached) {
      const tail = await this.store.events.readAfter(caseId, cached.lastSeq);
      if (tail.length === 0 || tail[0]!.prevHash === cached.lastHash) return this.remember(tail.reduce<CaseState>((state, event) => applyEvent(state, event), cached));
    }
    const { state } = await this.load(caseId);
    return state && this.remember(state);
  }

  async execute(caseId: string, actor: Actor, decide: Decision): Promise<{ state: CaseState; events: CaseEvent[] }> {
    const state = await this.get(caseId);
    const drafts = decide(state);
    if (drafts.length === 0) throw new AppError('invalid_input', 'Nothing to change.');
    const events = chainEvents(caseId, initialHead(state), drafts, actor, this.clock.now().toISOString());
    let next = state;
    for (const event of events) {
      assertAllowed(next, event, actor);
      next = applyEvent(next, event);
    }
    try {
      await this.store.events.append(caseId, state?.lastSeq ?? 0, events, indexChanges(state, next!));
    } catch (error) {
      if (error instanceof StoreConflictError) throw new ConcurrentChangeError();
      throw error;
    }
    this.remember(next!);
    for (const listener of this.committed) {
      // Listeners react to what is already written; their failures must not fail the writer.
      void Promise.resolve()
        .then(() => listener(next!, events))
        .catch(() => undefined);
    }
    for (const listener of this.committedAwaited) {
      // The write stands whatever the listener does; it logs its own failures.
      await Promise.resolve(listener(next!, events)).catch(() => undefined);
    }
    return { state: next!, events };
  }

  /**
   * For facts the server records on its own account (room events): a lost race is decided again
   * on the fresh state, a few times, instead of failing the member's action.
   */
  async executeWithRetry(caseId: string, actor: Actor, decide: Decision, attempts = 5): Promise<{ state: CaseState; events: CaseEvent[] }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.execute(caseId, actor, decide);
      } catch (error) {
        if (!(error instanceof ConcurrentChangeError) || attempt >= attempts) throw error;
      }
    }
  }

  async open(actor: Actor, draft: Extract<EventDraft, { type: 'case.opened' }>): Promise<CaseState> {
    return (await this.execute(randomUUID(), actor, () => [draft])).state;
  }

  private remember(state: CaseState): CaseState {
    // Most recently used last; the oldest goes first when the cache is full.
    this.states.delete(state.caseId);
    this.states.set(state.caseId, state);
    if (this.states.size > STATE_CACHE_LIMIT) this.states.delete(this.states.keys().next().value!);
    return state;
  }

  async listIndex(index: string): Promise<CaseState[]> {
    return this.listIndexes([index]);
  }

  /** The cases in any of `indexes`, each once, most recently changed first. */
  async listIndexes(indexes: readonly string[]): Promise<CaseState[]> {
    const ids = new Set((await Promise.all(indexes.map((index) => this.store.events.listIndex(index)))).flat());
    const states = await Promise.all([...ids].map((id) => this.get(id)));
    return states.filter((state): state is CaseState => !!state).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async verify(caseId: string): Promise<ChainVerdict> {
    return verifyChain(caseId, (await this.load(caseId)).events);
  }

  /** A yearly running number (case numbers, ruling numbers). */
  async nextCounter(name: string): Promise<number> {
    return this.store.kv.increment(`${name}-counter:${this.clock.now().getUTCFullYear()}`);
  }

  async nextCaseNumber(): Promise<string> {
    const year = this.clock.now().getUTCFullYear();
    const n = await this.store.kv.increment(`case-counter:${year}`);
    return `（${year}）云调字第${n}号`;
  }
}
