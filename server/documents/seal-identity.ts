import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';
import { DocumentError } from './errors.ts';

/**
 * The organisation's signing identity for its electronic seal (电子印章): an RSA key and an X.509
 * certificate naming the organisation, kept as a PKCS#12 file. Either configured (a .p12 from a
 * CA, with its passphrase) or generated on first use: a self-signed certificate, which verifies
 * as a valid signature whose issuer is unknown to the reader (see PDF-FACTS).
 */
export interface SealIdentity {
  /** The certificate subject's organisation (O), else its common name. */
  organisationName: string;
  /** DER of the signer's certificate. */
  certificate: Uint8Array;
  /** DER of any other certificates in the PKCS#12 (a CA chain), sent along in the signature. */
  chain: Uint8Array[];
  privateKey: KeyObject;
  /** SHA-256 of the certificate, lower-case hex: what an audit entry can quote. */
  fingerprint: string;
  notAfter: Date;
}

export const P12_FILE = 'organisation-seal.p12';
export const PASSPHRASE_FILE = 'organisation-seal.passphrase';
/** Beside a .p12 sealed with a passphrase from the key file: which key id (not secret). */
export const KEY_ID_FILE = 'organisation-seal.key-id';

/**
 * Passphrases for generated identities from the installation's key file, by key id, so that a
 * copy of the seal directory alone cannot open its private key.
 */
export interface SealPassphrases {
  current(): { id: string; passphrase: string };
  find(id: string): string | undefined;
}

function derOf(certificate: forge.pki.Certificate): Uint8Array {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');
}

function subjectName(certificate: forge.pki.Certificate): string {
  const field = certificate.subject.getField('O') ?? certificate.subject.getField('CN');
  const value = typeof field?.value === 'string' ? field.value : '';
  // forge keeps UTF8String values as UTF-8 bytes in a binary string.
  return forge.util.decodeUtf8(value);
}

/** Reads a PKCS#12 file: the private key and the certificate whose public key matches it. */
export function parseP12(p12: Uint8Array, passphrase: string): SealIdentity {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(p12).toString('binary')), false, passphrase);
  } catch (error) {
    throw new DocumentError('identity_unavailable', 'The PKCS#12 file cannot be read (wrong passphrase or not a PKCS#12 file)', { cause: error });
  }
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag as string })[forge.pki.oids.pkcs8ShroudedKeyBag as string] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag as string })[forge.pki.oids.keyBag as string] ?? []),
  ];
  const key = keyBags.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  const certificates = (parsed.getBags({ bagType: forge.pki.oids.certBag as string })[forge.pki.oids.certBag as string] ?? [])
    .map((bag) => bag.cert)
    .filter((cert): cert is forge.pki.Certificate => cert !== undefined);
  if (!key) throw new DocumentError('identity_unavailable', 'The PKCS#12 file holds no private key');
  const own = certificates.find((cert) => {
    const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
    return publicKey.n?.equals(key.n) && publicKey.e?.equals(key.e);
  });
  if (!own) throw new DocumentError('identity_unavailable', 'No certificate in the PKCS#12 file matches its private key');
  const certificate = derOf(own);
  return {
    organisationName: subjectName(own),
    certificate,
    chain: certificates.filter((cert) => cert !== own).map(derOf),
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
    fingerprint: createHash('sha256').update(certificate).digest('hex'),
    notAfter: own.validity.notAfter,
  };
}

/** Loads a configured identity (e.g. SEAL_P12_PATH and SEAL_P12_PASSPHRASE). */
export async function loadSealIdentity(options: { p12Path: string; passphrase: string }): Promise<SealIdentity> {
  let bytes: Buffer;
  try {
    bytes = await readFile(options.p12Path);
  } catch (error) {
    throw new DocumentError('identity_unavailable', `Cannot read the PKCS#12 file ${options.p12Path}`, { cause: error });
  }
  return parseP12(bytes, options.passphrase);
}

export interface GenerateIdentityOptions {
  organisationName: string;
  validityYears?: number;
  now?: Date;
}

/** A new RSA-2048 key and a self-signed certificate for the organisation, as PKCS#12 bytes. */
export function generateSealP12(options: GenerateIdentityOptions, passphrase: string): Uint8Array {
  const now = options.now ?? new Date();
  // Node generates the key (forge's pure-JS RSA key generation takes seconds); forge builds the certificate and the PKCS#12.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40; // positive and of full length
  certificate.serialNumber = serial.toString('hex');
  certificate.validity.notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  certificate.validity.notAfter = new Date(now);
  certificate.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + (options.validityYears ?? 10));
  const name = options.organisationName; // forge encodes UTF8String values itself
  const subject = [
    { shortName: 'C', value: 'CN' },
    { shortName: 'O', value: name, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'CN', value: name, valueTagClass: forge.asn1.Type.UTF8 },
  ] as forge.pki.CertificateField[];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [certificate], passphrase, { algorithm: 'aes256', friendlyName: options.organisationName });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

const provisioning = new Map<string, Promise<SealIdentity>>();

/**
 * The identity kept in `directory`, generated on first use: `organisation-seal.p12` and, beside
 * it either `organisation-seal.key-id` (the passphrase is derived from that key of the key file) or,
 * without a key file, `organisation-seal.passphrase` (a random one); 0600 in a 0700 directory.
 * Idempotent: later calls load the same identity. Calls in one process are serialised; across
 * processes the key-id or passphrase file is claimed with an exclusive link, so two first runs cannot
 * write mismatched halves.
 */
export function ensureSealIdentity(options: GenerateIdentityOptions & { directory: string; passphrases?: SealPassphrases | undefined }): Promise<SealIdentity> {
  const directory = path.resolve(options.directory);
  const pending = provisioning.get(directory) ?? provision(directory, options);
  provisioning.set(directory, pending);
  pending.then(
    () => provisioning.delete(directory),
    () => provisioning.delete(directory),
  );
  return pending.then((identity) => {
    if (identity.organisationName !== options.organisationName) {
      throw new DocumentError(
        'identity_unavailable',
        `The seal identity in ${directory} names "${identity.organisationName}", not "${options.organisationName}"`,
      );
    }
    return identity;
  });
}

async function readExisting(directory: string, passphrases: SealPassphrases | undefined): Promise<SealIdentity | undefined> {
  const p12Path = path.join(directory, P12_FILE);
  let p12: Buffer;
  try {
    p12 = await readFile(p12Path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DocumentError('identity_unavailable', `Cannot read ${p12Path}`, { cause: error });
  }
  const keyId = await readFile(path.join(directory, KEY_ID_FILE), 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (keyId !== undefined) {
    const passphrase = passphrases?.find(keyId);
    if (passphrase === undefined) throw new DocumentError('identity_unavailable', `${p12Path} is sealed with key id ${keyId}, which the key file does not hold`);
    return parseP12(p12, passphrase);
  }
  // Identities generated before key files keep their passphrase beside them.
  let passphrase: string;
  try {
    passphrase = (await readFile(path.join(directory, PASSPHRASE_FILE), 'utf8')).trim();
  } catch (error) {
    throw new DocumentError('identity_unavailable', `${p12Path} has no readable ${KEY_ID_FILE} or ${PASSPHRASE_FILE} beside it`, { cause: error });
  }
  return parseP12(p12, passphrase);
}

async function provision(directory: string, options: GenerateIdentityOptions & { passphrases?: SealPassphrases | undefined }): Promise<SealIdentity> {
  const existing = await readExisting(directory, options.passphrases);
  if (existing) return existing;

  await mkdir(directory, { recursive: true, mode: 0o700 });
  // With a key file, only the key id lies beside the .p12; without one (tools, tests), a random passphrase does.
  const fromKeys = options.passphrases?.current();
  const passphrase = fromKeys?.passphrase ?? randomBytes(32).toString('base64url');
  const claimFile = fromKeys ? KEY_ID_FILE : PASSPHRASE_FILE;
  const p12 = generateSealP12(options, passphrase);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const tempPassphrase = path.join(directory, `${claimFile}.${suffix}`);
  const tempP12 = path.join(directory, `${P12_FILE}.${suffix}`);
  try {
    await writeFile(tempPassphrase, `${fromKeys ? fromKeys.id : passphrase}\n`, { mode: 0o600 });
    await writeFile(tempP12, p12, { mode: 0o600 });
    try {
      await link(tempPassphrase, path.join(directory, claimFile));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return await waitForOther(directory, options.passphrases);
    }
    await link(tempP12, path.join(directory, P12_FILE));
  } finally {
    await rm(tempPassphrase, { force: true });
    await rm(tempP12, { force: true });
  }
  return parseP12(p12, passphrase);
}

/** Another process claimed the passphrase first: its .p12 follows within moments. */
async function waitForOther(directory: string, passphrases: SealPassphrases | undefined): Promise<SealIdentity> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const identity = await readExisting(directory, passphrases);
    if (identity) return identity;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new DocumentError(
    'identity_unavailable',
    `${directory} has a ${KEY_ID_FILE} or ${PASSPHRASE_FILE} without ${P12_FILE}: an interrupted first run? Remove it to generate a new identity.`,
  );
}
