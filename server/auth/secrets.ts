import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger.ts';
import type { SealPassphrases } from '../documents/seal-identity.ts';
import type { KeyValueStore } from '../store/store.ts';
import { isErrnoError } from '../store/jsonl-file.ts';
import { KeyFileSchema, Keyring, type KeyFile } from './keyring.ts';

/** The key id given to secrets an installation kept in its store before key files existed. */
export const LEGACY_STORE_KEY_ID = 'legacy-store';
/** The key id given to a JWT_SECRET from the environment (before key files existed). */
export const LEGACY_ENV_KEY_ID = 'legacy-env';
const LEGACY_STORE_KEYS = { jwt: 'secret:jwt', pii: 'secret:pii' } as const;

export class SecretsError extends Error {
  override name = 'SecretsError';
}

/** Where `npm start` keeps the key file it generates: the user's config directory, never the data directory. */
export function defaultDemoSecretsFile(env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(configHome, 'mediation-room', 'keys.json');
}

export function newKeyFile(keyId = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`): KeyFile {
  return { current: keyId, keys: { [keyId]: randomBytes(32).toString('base64') } };
}

/** Reads and checks a key file; every problem is one readable line. */
export async function readKeyFile(file: string): Promise<KeyFile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new SecretsError(`Cannot read the key file ${file} (SECRETS_FILE): ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SecretsError(`The key file ${file} is not JSON; expected {"current": "<id>", "keys": {"<id>": "<base64 of 32 random bytes>"}}`);
  }
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new SecretsError(`The key file ${file} is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}

/**
 * Creates the demo key file if there is none (0600 in a 0700 directory); an existing one is left
 * alone. Exclusive creation makes two first starts agree on one file.
 */
export async function ensureKeyFile(file: string): Promise<{ created: boolean }> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    await fs.writeFile(file, `${JSON.stringify(newKeyFile(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return { created: true };
  } catch (error) {
    if (isErrnoError(error, 'EEXIST')) return { created: false };
    throw error;
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export interface KeyringOptions {
  mode: 'demo' | 'production';
  secretsFile: string | undefined;
  dataDir: string;
  /** A JWT_SECRET from before key files: still verifies tokens signed with it, never signs. */
  legacyJwtSecret: string | undefined;
}

/**
 * The installation's keys from its key file. In demo mode a missing file is generated (outside
 * the data directory); in production the file must be given. A key file inside the data directory
 * is refused: a copy of the data must not carry the key that opens it.
 */
export async function loadKeyring(options: KeyringOptions, log: Logger): Promise<Keyring> {
  let file = options.secretsFile;
  if (!file) {
    if (options.mode !== 'demo') throw new SecretsError('SECRETS_FILE is required in production: a key file outside DATA_DIR (see README, "Secrets and keys").');
    file = defaultDemoSecretsFile();
    const { created } = await ensureKeyFile(file);
    if (created) log.warn({ file }, `demo: generated a key file at ${file} (kept outside the data directory)`);
    else log.info({ file }, `demo: using the key file at ${file}`);
  }
  if (isInside(file, options.dataDir)) {
    throw new SecretsError(`The key file ${file} lies inside DATA_DIR ${options.dataDir}; keep it apart from the data (e.g. /etc/mediation-room/keys.json).`);
  }
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat && (stat.mode & 0o077) !== 0) log.warn({ file, mode: (stat.mode & 0o777).toString(8) }, 'the key file is readable by other users; chmod 600 it');
  const keyring = Keyring.fromFile(await readKeyFile(file));
  if (options.legacyJwtSecret) {
    keyring.addLegacy('jwt', LEGACY_ENV_KEY_ID, Buffer.from(options.legacyJwtSecret, 'utf8'));
    log.warn('JWT_SECRET is deprecated: it only verifies tokens signed before the key file; remove it once those have expired');
  }
  return keyring;
}

/**
 * Secrets an installation kept in its store before key files existed: added to the keyring as
 * `legacy-store`, read-only, so old links and records keep working. Returns whether there was a
 * stored PII key (its records are then to be resealed and the stored key deleted).
 */
export async function adoptStoredSecrets(kv: KeyValueStore, keyring: Keyring, log: Logger): Promise<{ storedPiiKey: boolean }> {
  const jwtSecret = await kv.get<string>(LEGACY_STORE_KEYS.jwt);
  if (jwtSecret) {
    keyring.addLegacy('jwt', LEGACY_STORE_KEY_ID, Buffer.from(jwtSecret, 'base64'));
    log.warn(
      { key: LEGACY_STORE_KEYS.jwt },
      `the store still holds the token secret of an older version; it only verifies old links now. Delete the key "${LEGACY_STORE_KEYS.jwt}" from the store once invitations sent before the upgrade have expired`,
    );
  }
  const piiSecret = await kv.get<string>(LEGACY_STORE_KEYS.pii);
  if (piiSecret) {
    // The vault of older versions derived its AES key this way from the stored secret.
    keyring.addLegacy('pii', LEGACY_STORE_KEY_ID, createHmac('sha256', Buffer.from(piiSecret, 'base64')).update('pii-vault-key').digest());
    log.warn({ key: LEGACY_STORE_KEYS.pii }, 'the store holds the vault key of an older version: resealing personal details with the key file, then deleting it');
  }
  return { storedPiiKey: !!piiSecret };
}

/** Passphrases for generated seal identities, one per key id of the key file. */
export function sealPassphrases(keyring: Keyring): SealPassphrases {
  return {
    current: () => {
      const { id, key } = keyring.current('seal');
      return { id, passphrase: key.toString('base64url') };
    },
    find: (id) => keyring.find('seal', id)?.toString('base64url'),
  };
}

/** Deletes the stored PII key once every record is sealed with the key file. */
export async function forgetStoredPiiKey(kv: KeyValueStore): Promise<void> {
  await kv.delete(LEGACY_STORE_KEYS.pii);
}
