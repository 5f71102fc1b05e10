import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { moduleLogger, type Logger } from '../logger.ts';
import { AppError, ErrorBodySchema, MAX_REQUEST_BYTES } from '../protocol/index.ts';
import type { RedisClient } from '../store/redis-append-script.ts';
import { assertClusterId, ClusterIdSchema, clusterKeys, type ClusterKeys } from './keys.ts';

/**
 * A forwarded client request is the client's payload (at most MAX_REQUEST_BYTES) plus who asked;
 * an answer may be a room's snapshot. Four times the request limit, as Socket.IO's own buffer.
 */
export const MAX_RPC_PAYLOAD_BYTES = MAX_REQUEST_BYTES * 4;
export const DEFAULT_RPC_TIMEOUT_MS = 5_000;
/** Room for the envelope around a payload (ids, method name, an error body) when a message is checked on arrival. */
const ENVELOPE_ALLOWANCE_BYTES = 8 * 1024;

/** A method both ends compile against: its name and the schemas of its payload and its answer. */
export interface RpcMethod<Request extends z.ZodType, Response extends z.ZodType> {
  readonly name: string;
  readonly request: Request;
  readonly response: Response;
}

export const RpcMethodNameSchema = z.string().regex(/^[a-z][a-z0-9]*(?:[:._-][a-z0-9]+)*$/i).max(64);

export function defineRpcMethod<Request extends z.ZodType, Response extends z.ZodType>(name: string, request: Request, response: Response): RpcMethod<Request, Response> {
  RpcMethodNameSchema.parse(name);
  return { name, request, response };
}

export class RpcError extends Error {
  override name = 'RpcError';
}

/** No answer in time: the node is gone, frozen, or overloaded. Whether the call ran there is unknown. */
export class RpcTimeoutError extends RpcError {
  override name = 'RpcTimeoutError';
  constructor(
    readonly nodeId: string,
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer from node ${nodeId} to ${method} within ${timeoutMs} ms`);
  }
}

/** The node is there but handles no such method (a node of another version, or not ready yet). */
export class RpcNoHandlerError extends RpcError {
  override name = 'RpcNoHandlerError';
  constructor(
    readonly nodeId: string,
    readonly method: string,
  ) {
    super(`node ${nodeId} handles no ${method}`);
  }
}

/** A request refused before sending, or an answer the other node refused to send, over the size limit. */
export class RpcPayloadTooLargeError extends RpcError {
  override name = 'RpcPayloadTooLargeError';
  constructor(
    readonly direction: 'request' | 'response',
    readonly method: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`${method} ${direction} of ${bytes} bytes is over the ${limit} byte limit`);
  }
}

/** A payload or an answer that does not match the method's schema: the two nodes disagree on the contract. */
export class RpcContractError extends RpcError {
  override name = 'RpcContractError';
  constructor(
    readonly nodeId: string,
    readonly method: string,
    readonly direction: 'request' | 'response',
  ) {
    super(`${method} ${direction} between this node and node ${nodeId} does not match its schema`);
  }
}

/** The RPC endpoint was closed: before the call, or while it waited. */
/** Nobody listens on the node's channel: its process is gone (or its Redis connection is). Known at once, no timeout. */
export class RpcUnreachableError extends RpcError {
  override name = 'RpcUnreachableError';
  constructor(
    readonly nodeId: string,
    readonly method: string,
  ) {
    super(`node ${nodeId} does not listen for ${method}`);
  }
}

export class RpcClosedError extends RpcError {
  override name = 'RpcClosedError';
  constructor(readonly method: string) {
    super(`RPC closed; ${method} not answered`);
  }
}

/** The other node failed with something other than an AppError; what it was stays in that node's log. */
export class RpcRemoteFailureError extends AppError {
  override name = 'RpcRemoteFailureError';
  constructor(
    readonly nodeId: string,
    readonly method: string,
  ) {
    super('internal', 'The server could not complete this request.');
  }
}

const MessageIdSchema = z.string().min(1).max(64);

const RpcFailureSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('app'), error: ErrorBodySchema }),
  z.object({ type: z.literal('no_handler') }),
  z.object({ type: z.literal('bad_request') }),
  z.object({ type: z.literal('too_large'), bytes: z.number().int().nonnegative(), limit: z.number().int().nonnegative() }),
  z.object({ type: z.literal('internal') }),
]);
type RpcFailure = z.infer<typeof RpcFailureSchema>;

/** Every message on a node's channel. `from` is the sender's node id: answers go to its channel. */
export const RpcEnvelopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('request'), id: MessageIdSchema, from: ClusterIdSchema, method: RpcMethodNameSchema, payload: z.unknown() }),
  z.object({ kind: z.literal('result'), id: MessageIdSchema, from: ClusterIdSchema, result: z.unknown() }),
  z.object({ kind: z.literal('failure'), id: MessageIdSchema, from: ClusterIdSchema, failure: RpcFailureSchema }),
]);
export type RpcEnvelope = z.infer<typeof RpcEnvelopeSchema>;

export interface RpcCallContext {
  /** The calling node. */
  from: string;
}

type AnyHandler = (payload: unknown, context: RpcCallContext) => Promise<unknown>;

interface Pending {
  nodeId: string;
  method: RpcMethod<z.ZodType, z.ZodType>;
  timer: NodeJS.Timeout;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface RedisRpcOptions {
  nodeId: string;
  /** Publishes requests and answers; stays the caller's (not closed by `close()`). A duplicate of it subscribes. */
  client: RedisClient;
  keyPrefix?: string;
  defaultTimeoutMs?: number;
  maxPayloadBytes?: number;
  log?: Logger;
}

/**
 * Request/response between nodes over Redis pub/sub. Each node subscribes to its own channel;
 * a call publishes a request there with a fresh id and waits for the answer with that id on its
 * own channel. Pub/sub delivers at most once and only to nodes subscribed at that moment: a call
 * to a node that is gone ends in RpcTimeoutError, and a call that timed out may still have run.
 *
 * Everyone who can publish on the cluster's Redis is trusted, as for the store.
 */
export class RedisRpc {
  readonly nodeId: string;
  readonly maxPayloadBytes: number;
  readonly defaultTimeoutMs: number;
  readonly #client: RedisClient;
  readonly #subscriber: RedisClient;
  readonly #keys: ClusterKeys;
  readonly #log: Logger;
  readonly #handlers = new Map<string, { method: RpcMethod<z.ZodType, z.ZodType>; fn: AnyHandler }>();
  readonly #pending = new Map<string, Pending>();
  #closed = false;
  #closing: Promise<void> | undefined;

  private constructor(options: RedisRpcOptions, subscriber: RedisClient) {
    this.nodeId = options.nodeId;
    this.maxPayloadBytes = options.maxPayloadBytes ?? MAX_RPC_PAYLOAD_BYTES;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
    this.#client = options.client;
    this.#subscriber = subscriber;
    this.#keys = clusterKeys(options.keyPrefix);
    this.#log = (options.log ?? moduleLogger('cluster')).child({ nodeId: options.nodeId });
  }

  /** Resolves once the node's channel is subscribed: from then on requests to it are heard. */
  static async open(options: RedisRpcOptions): Promise<RedisRpc> {
    assertClusterId(options.nodeId, 'node');
    const subscriber = options.client.duplicate();
    const rpc = new RedisRpc(options, subscriber);
    subscriber.on('error', (error: unknown) => rpc.#log.warn({ err: error }, 'rpc subscriber connection error'));
    try {
      await subscriber.connect();
      await subscriber.subscribe(rpc.#keys.rpcChannel(rpc.nodeId), (message) => rpc.#receive(message));
    } catch (error) {
      if (subscriber.isOpen) await subscriber.close().catch(() => undefined);
      throw error;
    }
    return rpc;
  }

  /** Serves `method` on this node. One handler per method. */
  handle<Request extends z.ZodType, Response extends z.ZodType>(
    method: RpcMethod<Request, Response>,
    fn: (payload: z.output<Request>, context: RpcCallContext) => Promise<z.input<Response>>,
  ): void {
    if (this.#handlers.has(method.name)) throw new Error(`${method.name} already has a handler on node ${this.nodeId}`);
    this.#handlers.set(method.name, { method, fn: fn as AnyHandler });
  }

  /**
   * Calls `method` on node `nodeId` and resolves with its validated answer. Rejects with the remote
   * AppError as thrown there (same code, message and details), RpcRemoteFailureError for anything else
   * it threw, or one of the Rpc*Error classes.
   */
  call<Request extends z.ZodType, Response extends z.ZodType>(
    nodeId: string,
    method: RpcMethod<Request, Response>,
    payload: z.input<Request>,
    options: { timeoutMs?: number } = {},
  ): Promise<z.output<Response>> {
    if (this.#closed) return Promise.reject(new RpcClosedError(method.name));
    let payloadJson: string;
    try {
      assertClusterId(nodeId, 'node');
      payloadJson = JSON.stringify(payload) ?? 'null';
    } catch (error) {
      return Promise.reject(error);
    }
    const bytes = Buffer.byteLength(payloadJson);
    if (bytes > this.maxPayloadBytes) return Promise.reject(new RpcPayloadTooLargeError('request', method.name, bytes, this.maxPayloadBytes));
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const id = randomUUID();
    // The payload is already serialized: the envelope is written around it rather than serializing it twice.
    const message = `{"kind":"request","id":${JSON.stringify(id)},"from":${JSON.stringify(this.nodeId)},"method":${JSON.stringify(method.name)},"payload":${payloadJson}}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new RpcTimeoutError(nodeId, method.name, timeoutMs));
      }, timeoutMs);
      this.#pending.set(id, { nodeId, method, timer, resolve, reject });
      this.#client.publish(this.#keys.rpcChannel(nodeId), message).then(
        (listeners) => {
          // Redis counts the subscribers that got the message: none means nobody will answer.
          if (listeners > 0 || !this.#pending.delete(id)) return;
          clearTimeout(timer);
          reject(new RpcUnreachableError(nodeId, method.name));
        },
        (error: unknown) => {
          if (!this.#pending.delete(id)) return;
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** Unsubscribes, rejects the calls still waiting with RpcClosedError, and publishes nothing more. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#closed = true;
      for (const [id, pending] of this.#pending) {
        clearTimeout(pending.timer);
        this.#pending.delete(id);
        pending.reject(new RpcClosedError(pending.method.name));
      }
      if (!this.#subscriber.isOpen) return;
      try {
        await this.#subscriber.unsubscribe();
      } catch (error) {
        this.#log.warn({ err: error }, 'rpc unsubscribe failed');
      }
      await this.#subscriber.close().catch(() => undefined);
    })();
    return this.#closing;
  }

  #receive(message: string): void {
    if (this.#closed) return;
    if (Buffer.byteLength(message) > this.maxPayloadBytes + ENVELOPE_ALLOWANCE_BYTES) {
      this.#log.warn({ bytes: Buffer.byteLength(message) }, 'dropping an oversized rpc message');
      return;
    }
    let parsed: ReturnType<typeof RpcEnvelopeSchema.safeParse>;
    try {
      parsed = RpcEnvelopeSchema.safeParse(JSON.parse(message));
    } catch {
      this.#log.warn('dropping an rpc message that is not JSON');
      return;
    }
    if (!parsed.success) {
      this.#log.warn({ issues: parsed.error.issues.slice(0, 5) }, 'dropping a malformed rpc message');
      return;
    }
    const envelope = parsed.data;
    if (envelope.kind === 'request') void this.#serve(envelope);
    else this.#settle(envelope);
  }

  async #serve(request: Extract<RpcEnvelope, { kind: 'request' }>): Promise<void> {
    const log = this.#log.child({ rpcId: request.id, method: request.method, from: request.from });
    const handler = this.#handlers.get(request.method);
    if (!handler) return this.#fail(request, { type: 'no_handler' }, log);
    const payload = handler.method.request.safeParse(request.payload);
    if (!payload.success) {
      log.warn({ issues: payload.error.issues.slice(0, 5) }, 'rpc request does not match its schema');
      return this.#fail(request, { type: 'bad_request' }, log);
    }
    let result: unknown;
    try {
      result = await handler.fn(payload.data, { from: request.from });
    } catch (error) {
      if (error instanceof AppError) return this.#fail(request, { type: 'app', error: error.toBody() }, log);
      // The text and stack stay here; the caller learns only that this node failed.
      log.error({ err: error }, 'rpc handler failed');
      return this.#fail(request, { type: 'internal' }, log);
    }
    let resultJson: string;
    try {
      resultJson = JSON.stringify(result) ?? 'null';
    } catch (error) {
      log.error({ err: error }, 'rpc answer is not JSON');
      return this.#fail(request, { type: 'internal' }, log);
    }
    const bytes = Buffer.byteLength(resultJson);
    if (bytes > this.maxPayloadBytes) {
      log.error({ bytes, limit: this.maxPayloadBytes }, 'rpc answer over the size limit');
      return this.#fail(request, { type: 'too_large', bytes, limit: this.maxPayloadBytes }, log);
    }
    this.#publish(request.from, `{"kind":"result","id":${JSON.stringify(request.id)},"from":${JSON.stringify(this.nodeId)},"result":${resultJson}}`, log);
  }

  #fail(request: Extract<RpcEnvelope, { kind: 'request' }>, failure: RpcFailure, log: Logger): void {
    let message = JSON.stringify({ kind: 'failure', id: request.id, from: this.nodeId, failure } satisfies RpcEnvelope);
    // An AppError with a huge list of field issues must not make the answer undeliverable.
    if (Buffer.byteLength(message) > this.maxPayloadBytes + ENVELOPE_ALLOWANCE_BYTES) {
      log.error({ bytes: Buffer.byteLength(message) }, 'rpc failure over the size limit');
      message = JSON.stringify({ kind: 'failure', id: request.id, from: this.nodeId, failure: { type: 'internal' } } satisfies RpcEnvelope);
    }
    this.#publish(request.from, message, log);
  }

  #publish(nodeId: string, message: string, log: Logger): void {
    if (this.#closed) return;
    this.#client.publish(this.#keys.rpcChannel(nodeId), message).catch((error: unknown) => log.warn({ err: error }, 'could not publish the rpc answer'));
  }

  #settle(answer: Exclude<RpcEnvelope, { kind: 'request' }>): void {
    const pending = this.#pending.get(answer.id);
    // An answer after the caller's timeout, or to someone else's id.
    if (!pending || pending.nodeId !== answer.from) {
      this.#log.debug({ rpcId: answer.id, from: answer.from }, 'rpc answer without a waiting call');
      return;
    }
    this.#pending.delete(answer.id);
    clearTimeout(pending.timer);
    const method = pending.method.name;
    if (answer.kind === 'result') {
      const result = pending.method.response.safeParse(answer.result);
      if (result.success) {
        pending.resolve(result.data);
        return;
      }
      this.#log.warn({ rpcId: answer.id, method, issues: result.error.issues.slice(0, 5) }, 'rpc answer does not match its schema');
      pending.reject(new RpcContractError(answer.from, method, 'response'));
      return;
    }
    pending.reject(errorOf(answer.failure, answer.from, method));
  }
}

function errorOf(failure: RpcFailure, nodeId: string, method: string): Error {
  switch (failure.type) {
    case 'app': {
      const { code, message, fields, reason, retryAfterSeconds } = failure.error;
      return new AppError(code, message, fields, { ...(reason ? { reason } : {}), ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
    }
    case 'no_handler':
      return new RpcNoHandlerError(nodeId, method);
    case 'bad_request':
      return new RpcContractError(nodeId, method, 'request');
    case 'too_large':
      return new RpcPayloadTooLargeError('response', method, failure.bytes, failure.limit);
    case 'internal':
      return new RpcRemoteFailureError(nodeId, method);
  }
}
