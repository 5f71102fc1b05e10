import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it } from 'vitest';
import { Keyring } from '../../server/auth/keyring.ts';
import { adoptStoredSecrets, loadKeyring, newKeyFile, readKeyFile, sealPassphrases } from '../../server/auth/secrets.ts';
import { ensureSealIdentity, KEY_ID_FILE, P12_FILE } from '../../server/documents/seal-identity.ts';
import { AUDIENCES, ISSUER, TokenService } from '../../server/auth/tokens.ts';
import { rootLogger } from '../../server/logger.ts';
import { PiiVault } from '../../server/services/pii-vault.ts';
import { openFileStore } from '../../server/store/file-store.ts';
import type { Store } from '../../server/store/store.ts';

const log = rootLogger.child({ test: true });
log.level = 'silent';
const lifetimes = { accessSeconds: 900, refreshSeconds: 86400, residentSeconds: 3600 };
const details = { idNumber: '11010519491231002X', phone: '13812345678' };

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A keyring whose current key is `current`, holding the master keys given. */
function ring(current: string, masters: Record<string, Buffer>): Keyring {
  return new Keyring(current, masters);
}

describe('key rotation', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('tokens carry the key id; after a rotation old tokens still verify and new ones use the new id', () => {
    const before = new TokenService(ring('k1', { k1 }), lifetimes);
    const old = before.signStaff('a1', 'mediator').token;
    expect(jwt.decode(old, { complete: true })?.header.kid).toBe('k1');

    const after = new TokenService(ring('k2', { k1, k2 }), lifetimes);
    expect(after.verifyStaff(old).sub).toBe('a1');
    const fresh = after.signStaff('a1', 'mediator').token;
    expect(jwt.decode(fresh, { complete: true })?.header.kid).toBe('k2');

    // Once k1 is retired, its tokens are refused; an unknown kid is refused too.
    const retired = new TokenService(ring('k2', { k2 }), lifetimes);
    expect(() => retired.verifyStaff(old)).toThrowError(expect.objectContaining({ code: 'unauthenticated' }));
    const forged = jwt.sign({ role: 'admin' }, k2, { algorithm: 'HS256', keyid: 'nope', subject: 'x', audience: AUDIENCES.staff, issuer: ISSUER, jwtid: 'j', expiresIn: 60 });
    expect(() => after.verifyStaff(forged)).toThrowError(expect.objectContaining({ code: 'unauthenticated' }));
  });

  it('vault records name their key id; old ids still open and resealAll moves them to the current key', async () => {
    store = await openFileStore(await tempDir('mediation-rotation-'));
    await new PiiVault(store.kv, ring('k1', { k1 })).put('c1', 'p1', details);
    const rotated = new PiiVault(store.kv, ring('k2', { k1, k2 }));
    expect(await rotated.get('c1', 'p1')).toEqual(details);
    expect(await rotated.resealAll()).toBe(1);
    expect(await store.kv.get<{ kid: string }>('pii:c1:p1')).toMatchObject({ kid: 'k2' });
    expect(await new PiiVault(store.kv, ring('k2', { k2 })).get('c1', 'p1')).toEqual(details);
  });
});

describe('seal identities', () => {
  it('are sealed with a passphrase from the key file: the seal directory holds the key id, not the passphrase', async () => {
    const k1 = randomBytes(32);
    const directory = path.join(await tempDir('mediation-seal-'), 'org');
    const organisationName = '柏城镇人民调解委员会';
    const made = await ensureSealIdentity({ directory, organisationName, passphrases: sealPassphrases(ring('k1', { k1 })) });
    expect((await fs.readdir(directory)).sort()).toEqual([KEY_ID_FILE, P12_FILE].sort());
    expect((await fs.readFile(path.join(directory, KEY_ID_FILE), 'utf8')).trim()).toBe('k1');

    // After a rotation the old key id still opens it; without that key nothing does.
    const rotated = await ensureSealIdentity({ directory, organisationName, passphrases: sealPassphrases(ring('k2', { k1, k2: randomBytes(32) })) });
    expect(rotated.fingerprint).toBe(made.fingerprint);
    await expect(ensureSealIdentity({ directory, organisationName, passphrases: sealPassphrases(ring('k2', { k2: randomBytes(32) })) })).rejects.toMatchObject({ code: 'identity_unavailable' });
    await expect(ensureSealIdentity({ directory, organisationName })).rejects.toMatchObject({ code: 'identity_unavailable' });
  });
});

describe('installations from before key files', () => {
  it('read the stored secrets once: old records and tokens still open, the stored vault key goes', async () => {
    store = await openFileStore(await tempDir('mediation-legacy-'));
    // What an older version left in its store: both secrets, a record without a key id, a token without kid.
    const storedJwt = randomBytes(48);
    const storedPii = randomBytes(48);
    await store.kv.set('secret:jwt', storedJwt.toString('base64'));
    await store.kv.set('secret:pii', storedPii.toString('base64'));
    const oldKey = createHmac('sha256', storedPii).update('pii-vault-key').digest();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', oldKey, iv);
    cipher.setAAD(Buffer.from('pii:c1:p1'));
    const data = Buffer.concat([cipher.update(JSON.stringify(details), 'utf8'), cipher.final()]);
    await store.kv.set('pii:c1:p1', { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') });
    const oldToken = jwt.sign({ caseId: 'c1' }, storedJwt, { algorithm: 'HS256', subject: 'p1', audience: AUDIENCES.invitation, issuer: ISSUER, jwtid: 'i1', expiresIn: 3600 });

    const master = randomBytes(32);
    const keyring = ring('k1', { k1: master });
    expect(await adoptStoredSecrets(store.kv, keyring, log)).toEqual({ storedPiiKey: true });
    const vault = new PiiVault(store.kv, keyring);
    expect(await vault.resealAll()).toBe(1);
    expect(new TokenService(keyring, lifetimes).verifyInvitation(oldToken).sub).toBe('p1');

    // Later starts need only the key file: the record opens without the stored key.
    expect(await new PiiVault(store.kv, ring('k1', { k1: master })).get('c1', 'p1')).toEqual(details);
  });
});

describe('the key file', () => {
  it('is generated in demo mode outside the data directory, 0600, and refused inside it or missing in production', async () => {
    const home = await tempDir('mediation-config-');
    const dataDir = await tempDir('mediation-data-');
    const previous = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = home;
    try {
      await loadKeyring({ mode: 'demo', secretsFile: undefined, dataDir, legacyJwtSecret: undefined }, log);
    } finally {
      if (previous === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = previous;
    }
    const file = path.join(home, 'mediation-room', 'keys.json');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect((await readKeyFile(file)).current).toMatch(/^k\d{8}$/);
    expect(await fs.readdir(dataDir)).toEqual([]);

    const inside = path.join(dataDir, 'keys.json');
    await fs.writeFile(inside, JSON.stringify(newKeyFile()), { mode: 0o600 });
    await expect(loadKeyring({ mode: 'production', secretsFile: inside, dataDir, legacyJwtSecret: undefined }, log)).rejects.toThrow(/inside DATA_DIR/);
    await expect(loadKeyring({ mode: 'production', secretsFile: undefined, dataDir, legacyJwtSecret: undefined }, log)).rejects.toThrow(/SECRETS_FILE is required/);
    const broken = path.join(home, 'broken.json');
    await fs.writeFile(broken, JSON.stringify({ current: 'k9', keys: { k1: 'c2hvcnQ=' } }));
    await expect(readKeyFile(broken)).rejects.toThrow(/current key id|at least 32 bytes/);
  });
});
