import os from 'node:os';
import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const port = z.coerce.number().int().min(0).max(65535);
const dateList = z.string().regex(/^\s*(\d{4}-\d{2}-\d{2}\s*(,\s*\d{4}-\d{2}-\d{2}\s*)*)?$/, 'comma-separated YYYY-MM-DD dates').default('');

const EnvSchema = z
  .object({
    /** Default: 127.0.0.1 in demo mode (a demo is not for the network), 0.0.0.0 in production. */
    HOST: z.string().optional(),
    PORT: port.default(3000),
    /** `demo` seeds demo data and opens the development room page; `production` does neither. */
    APP_MODE: z.enum(['demo', 'production']).default('production'),
    DEV_ROOMS: booleanFlag.optional(),
    MEDIA_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
    MEDIA_LOG_LEVEL: z.enum(['debug', 'warn', 'error', 'none']).default('warn'),
    /** Address mediasoup binds to. */
    MEDIA_LISTEN_IP: z.ipv4().or(z.ipv6()).default('0.0.0.0'),
    /** Address or host name given to browsers in ICE candidates (the public IP behind NAT). */
    MEDIA_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
    /** Each worker's WebRtcServer listens on UDP and TCP at WEBRTC_PORT + its index; 0 picks free ports. */
    WEBRTC_PORT: port.default(44444),
    RTC_MIN_PORT: port.default(40000),
    RTC_MAX_PORT: port.default(40999),
    MEDIA_MAX_PEERS_PER_ROOM: z.coerce.number().int().min(2).max(100).default(12),
    CLIENT_DIST_DIR: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(5000),
    /** Redis for production; without it cases live in files under DATA_DIR. */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /** How Socket.IO instances share broadcasts: `redis` (default with REDIS_URL) lets several instances reach each other's sockets. */
    SOCKET_ADAPTER: z.enum(['memory', 'redis']).optional(),
    /** Several instances on one Redis (#17): each room is run by one node; any instance forwards a client's room requests to it. */
    CLUSTER: z.enum(['on', 'off']).default('off'),
    /** This instance's name among the cluster's nodes (default: host name and process id). */
    NODE_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'letters, digits, `_`, `.` and `-` only').optional(),
    /** How often a node tells the others it is alive; it counts as gone after three missed beats. */
    CLUSTER_HEARTBEAT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
    /** On SIGTERM a node of a cluster takes no new rooms and waits this long at most for its rooms to end before it exits. */
    DRAIN_MAX_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
    DATA_DIR: z.string().min(1).default('data'),
    /** Behind a reverse proxy: Express's `trust proxy` (hop count, `loopback`, or addresses), so client addresses are the real ones. */
    TRUST_PROXY: z.string().min(1).optional(),
    /** How links in invitations and notices start (the address residents open). */
    PUBLIC_URL: z.url().optional(),
    /** The key file (JSON of key ids → keys) outside DATA_DIR: tokens, the PII vault and seal passphrases. Required in production. */
    SECRETS_FILE: z.string().optional(),
    /** Deprecated: the token secret of versions before SECRETS_FILE; now it only verifies tokens signed with it. */
    JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    ACCESS_TOKEN_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
    REFRESH_TOKEN_DAYS: z.coerce.number().int().min(1).max(90).default(14),
    RESIDENT_SESSION_HOURS: z.coerce.number().int().min(1).max(72).default(12),
    ACCEPTANCE_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(3),
    /** Early warning (#15): how often work orders past their deadline are looked for and marked overdue. */
    WORK_ORDER_CHECK_SECONDS: z.coerce.number().min(0.05).max(86400).default(300),
    /** Early warning (#15): match every case against earlier ones and grade repeated disputes (`off`: no sightings, no level events). */
    EARLY_WARNING: z.enum(['on', 'off']).default('on'),
    /** Public holidays and make-up working weekends, comma-separated YYYY-MM-DD. */
    /** TURN relays for networks that block UDP, e.g. `turn:turn.example.org:443?transport=tcp,turns:turn.example.org:443`. */
    TURN_URLS: z.string().default(''),
    /** The `static-auth-secret` shared with coturn (`use-auth-secret`). */
    TURN_SECRET: z.string().min(16).optional(),
    /** Organisation seal identities generated on first use live here (default: DATA_DIR/seals). */
    SEAL_DIR: z.string().min(1).optional(),
    /** A real certificate for the organisation seal: a PKCS#12 file and its passphrase. */
    SEAL_P12_PATH: z.string().min(1).optional(),
    SEAL_P12_PASSPHRASE: z.string().optional(),
    TEMPLATES_DIR: z.string().min(1).optional(),
    /** How long a member who dropped off keeps their place in the room. */
    ROOM_RECONNECT_GRACE_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
    /** The server speaks TLS itself with this certificate chain and key (PEM); without them it serves plain http (behind a TLS-terminating proxy, say). */
    TLS_CERT_FILE: z.string().min(1).optional(),
    TLS_KEY_FILE: z.string().min(1).optional(),
    /** With TLS: a plain-http port (e.g. 80) that only redirects to https. */
    HTTP_REDIRECT_PORT: port.optional(),
    HOLIDAYS: dateList,
    WORKING_WEEKENDS: dateList,
    /** Requests one socket may send: a burst, then a steady rate (joining media takes a burst of a dozen or two). */
    SOCKET_REQUEST_BURST: z.coerce.number().int().min(1).default(60),
    SOCKET_REQUESTS_PER_SECOND: z.coerce.number().positive().default(10),
    /** Chat lines one room member may send: a burst, then a steady rate. */
    CHAT_BURST: z.coerce.number().int().min(1).default(5),
    CHAT_LINES_PER_MINUTE: z.coerce.number().positive().default(20),
    /** Open sockets one principal (staff account, resident participant) may hold across instances. */
    SOCKETS_PER_PRINCIPAL: z.coerce.number().int().min(1).default(30),
    /** Browser origins besides PUBLIC_URL's (and the server's own) allowed to open a socket, comma-separated, e.g. `https://tiaojie.example.org`. */
    ALLOWED_ORIGINS: z.string().default(''),
  })
  .refine((env) => env.SOCKET_ADAPTER !== 'redis' || !!env.REDIS_URL, { message: 'SOCKET_ADAPTER=redis needs REDIS_URL', path: ['SOCKET_ADAPTER'] })
  .refine((env) => env.CLUSTER === 'off' || (!!env.REDIS_URL && env.SOCKET_ADAPTER !== 'memory'), {
    message: 'CLUSTER=on needs REDIS_URL and the Redis socket adapter: the nodes share rooms and sockets through it',
    path: ['CLUSTER'],
  })
  .superRefine((env, ctx) => {
    if (!!env.TLS_CERT_FILE === !!env.TLS_KEY_FILE) return;
    ctx.addIssue({ code: 'custom', message: 'TLS_CERT_FILE and TLS_KEY_FILE go together: set both or neither', path: [env.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'] });
  })
  .refine((env) => env.HTTP_REDIRECT_PORT === undefined || !!env.TLS_CERT_FILE, { message: 'a redirect to https needs TLS_CERT_FILE and TLS_KEY_FILE', path: ['HTTP_REDIRECT_PORT'] })
  .refine((env) => originList(env.ALLOWED_ORIGINS).every(isOrigin), { message: 'comma-separated origins like https://example.org (scheme, host, optional port; no path)', path: ['ALLOWED_ORIGINS'] })
  .refine((env) => env.RTC_MIN_PORT <= env.RTC_MAX_PORT, {
    message: 'RTC_MIN_PORT must not exceed RTC_MAX_PORT',
    path: ['RTC_MIN_PORT'],
  });

export interface MediaConfig {
  workerCount: number;
  logLevel: 'debug' | 'warn' | 'error' | 'none';
  listenIp: string;
  announcedAddress: string | undefined;
  webRtcPort: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  maxPeersPerRoom: number;
}

export interface TlsConfig {
  certFile: string;
  keyFile: string;
  /** A plain-http port that redirects to https. */
  redirectPort: number | undefined;
}

export interface RealtimeLimits {
  requests: { capacity: number; refillPerSecond: number };
  chat: { capacity: number; refillPerSecond: number };
  socketsPerPrincipal: number;
  /** Origins allowed besides the server's own: PUBLIC_URL's and ALLOWED_ORIGINS. */
  allowedOrigins: string[];
}

export interface ClusterConfig {
  nodeId: string;
  heartbeatMs: number;
  drainMaxMs: number;
}

export interface AppConfig {
  redisUrl: string | undefined;
  /** Several instances sharing rooms over Redis; undefined for a single instance. */
  cluster: ClusterConfig | undefined;
  socketAdapter: 'memory' | 'redis';
  trustProxy: string | undefined;
  dataDir: string;
  publicUrl: string | undefined;
  jwtSecret: string | undefined;
  secretsFile: string | undefined;
  tokens: { accessSeconds: number; refreshSeconds: number; residentSeconds: number };
  cases: { acceptanceWorkingDays: number; holidays: string[]; workingWeekends: string[]; workOrderCheckMs?: number | undefined; earlyWarning?: boolean | undefined };
  rooms: { reconnectGraceMs: number; turnUrls: string[]; turnSecret: string | undefined };
  documents: { sealDir: string; p12Path: string | undefined; p12Passphrase: string | undefined; templatesDir: string | undefined };
  host: string;
  port: number;
  /** Served over https by the app itself when set. */
  tls: TlsConfig | undefined;
  mode: 'demo' | 'production';
  devRooms: boolean;
  media: MediaConfig;
  clientDistDir: string | undefined;
  logLevel: string;
  shutdownGraceMs: number;
  realtime: RealtimeLimits;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads configuration from the environment once at boot; a bad value stops start-up with a readable list. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const listOf = (list: string) => list.split(",").map((item) => item.trim()).filter(Boolean);
  return {
    redisUrl: e.REDIS_URL,
    cluster: e.CLUSTER === 'on' ? { nodeId: e.NODE_ID ?? defaultNodeId(), heartbeatMs: e.CLUSTER_HEARTBEAT_MS, drainMaxMs: e.DRAIN_MAX_SECONDS * 1000 } : undefined,
    socketAdapter: e.SOCKET_ADAPTER ?? (e.REDIS_URL ? 'redis' : 'memory'),
    trustProxy: e.TRUST_PROXY,
    dataDir: e.DATA_DIR,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    jwtSecret: e.JWT_SECRET,
    secretsFile: e.SECRETS_FILE || undefined,
    tokens: { accessSeconds: e.ACCESS_TOKEN_MINUTES * 60, refreshSeconds: e.REFRESH_TOKEN_DAYS * 86400, residentSeconds: e.RESIDENT_SESSION_HOURS * 3600 },
    cases: { acceptanceWorkingDays: e.ACCEPTANCE_WORKING_DAYS, holidays: listOf(e.HOLIDAYS), workingWeekends: listOf(e.WORKING_WEEKENDS), workOrderCheckMs: e.WORK_ORDER_CHECK_SECONDS * 1000, earlyWarning: e.EARLY_WARNING === 'on' },
    documents: { sealDir: e.SEAL_DIR ?? `${e.DATA_DIR}/seals`, p12Path: e.SEAL_P12_PATH, p12Passphrase: e.SEAL_P12_PASSPHRASE, templatesDir: e.TEMPLATES_DIR },
    rooms: { reconnectGraceMs: e.ROOM_RECONNECT_GRACE_SECONDS * 1000, turnUrls: listOf(e.TURN_URLS), turnSecret: e.TURN_SECRET },
    host: e.HOST || (e.APP_MODE === 'demo' ? '127.0.0.1' : '0.0.0.0'),
    port: e.PORT,
    tls: e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE, redirectPort: e.HTTP_REDIRECT_PORT } : undefined,
    mode: e.APP_MODE,
    devRooms: e.DEV_ROOMS ?? e.APP_MODE === 'demo',
    media: {
      workerCount: e.MEDIA_WORKERS ?? os.availableParallelism(),
      logLevel: e.MEDIA_LOG_LEVEL,
      listenIp: e.MEDIA_LISTEN_IP,
      announcedAddress: e.MEDIA_ANNOUNCED_ADDRESS ?? defaultAnnouncedAddress(e.MEDIA_LISTEN_IP),
      webRtcPort: e.WEBRTC_PORT,
      rtcMinPort: e.RTC_MIN_PORT,
      rtcMaxPort: e.RTC_MAX_PORT,
      maxPeersPerRoom: e.MEDIA_MAX_PEERS_PER_ROOM,
    },
    clientDistDir: e.CLIENT_DIST_DIR,
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    realtime: {
      requests: { capacity: e.SOCKET_REQUEST_BURST, refillPerSecond: e.SOCKET_REQUESTS_PER_SECOND },
      chat: { capacity: e.CHAT_BURST, refillPerSecond: e.CHAT_LINES_PER_MINUTE / 60 },
      socketsPerPrincipal: e.SOCKETS_PER_PRINCIPAL,
      allowedOrigins: [...(e.PUBLIC_URL ? [new URL(e.PUBLIC_URL).origin] : []), ...originList(e.ALLOWED_ORIGINS).map((origin) => new URL(origin).origin)],
    },
  };
}

/** Host name and process id, made fit for a node id: unique on a machine, readable in logs. */
function defaultNodeId(): string {
  return `${os.hostname().replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 100)}-${process.pid}`;
}

function originList(list: string): string[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A bare origin: http(s), a host, maybe a port, nothing after. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

/**
 * Why production must not start with this configuration, one line each (empty: it may). Demo
 * shortcuts are refused here rather than quietly turned off, so a mistake is seen at once.
 */
export function productionRefusals(config: AppConfig): string[] {
  if (config.mode !== 'production') return [];
  const refusals: string[] = [];
  if (!config.publicUrl?.startsWith('https://')) {
    refusals.push('PUBLIC_URL must be the https:// address residents open (e.g. https://tiaojie.example.org): invitation links and cameras need https');
  }
  if (!config.secretsFile) refusals.push('SECRETS_FILE must name the key file, kept outside DATA_DIR (see README, "Secrets and keys")');
  if (config.devRooms) refusals.push('DEV_ROOMS cannot be on in production: the development call page admits anyone');
  return refusals;
}

/** Throws a ConfigError listing every refusal, for the process entry points. */
export function assertStartable(config: AppConfig): void {
  const refusals = productionRefusals(config);
  if (refusals.length > 0) throw new ConfigError(`Refusing to start in production:\n${refusals.map((line) => `  ${line}`).join('\n')}`);
}

/**
 * A wildcard listen address cannot be put in an ICE candidate, so announce this machine's first
 * external IPv4 (reachable from the LAN and from the machine itself), or loopback if it has none.
 */
function defaultAnnouncedAddress(listenIp: string): string | undefined {
  if (listenIp !== '0.0.0.0' && listenIp !== '::') return undefined;
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return '127.0.0.1';
}
