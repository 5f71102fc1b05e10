import { createHash, sign } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import type { SealIdentity } from './seal-identity.ts';

/**
 * A CAdES-BES detached signature (the CMS of a PAdES baseline B-B signature) for @signpdf.
 * @signpdf/signer-p12 signs the older adbe.pkcs7.detached way: its signed attributes carry no
 * ESS signing-certificate-v2, which ETSI EN 319 122 requires to bind the certificate to the
 * signature, and they do carry signing-time, which PAdES leaves to the signature dictionary's
 * /M. So this builds the SignedData itself: node-forge's ASN.1 encoder for the structure, Node's
 * crypto for SHA-256 and RSA (PKCS#1 v1.5).
 */

const { asn1 } = forge;
const { Class, Type } = asn1;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

type Node = forge.asn1.Asn1;

const binary = (bytes: Uint8Array): string => Buffer.from(bytes).toString('binary');
const der = (node: Node): string => asn1.toDer(node).getBytes();

const seq = (...items: Node[]): Node => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
const oid = (id: string): Node => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: Uint8Array): Node => asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, binary(bytes));
const integer = (n: number): Node => asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const nullValue = (): Node => asn1.create(Class.UNIVERSAL, Type.NULL, false, '');
const algorithm = (id: string): Node => seq(oid(id), nullValue());
const context = (tag: number, items: Node[]): Node => asn1.create(Class.CONTEXT_SPECIFIC, tag, true, items);

/** DER's SET OF: elements ordered by their encodings (X.690 11.6), which the signature covers. */
function derSet(items: Node[], tagClass = Class.UNIVERSAL, tag: number = Type.SET): Node {
  const sorted = [...items].sort((a, b) => (der(a) < der(b) ? -1 : der(a) > der(b) ? 1 : 0));
  return asn1.create(tagClass, tag, true, sorted);
}

const attribute = (id: string, value: Node): Node => seq(oid(id), derSet([value]));

/** Issuer Name and serial number, copied as encoded in the certificate (never re-encoded). */
function issuerAndSerial(certificateDer: Uint8Array): { issuer: Node; serial: Node } {
  const certificate = asn1.fromDer(binary(certificateDer));
  const tbs = (certificate.value as Node[])[0] as Node;
  const fields = tbs.value as Node[];
  const hasVersion = fields[0]?.tagClass === Class.CONTEXT_SPECIFIC;
  const serial = fields[hasVersion ? 1 : 0];
  const issuer = fields[hasVersion ? 3 : 2];
  if (!serial || !issuer) throw new Error('Malformed certificate');
  return { issuer, serial };
}

export class CadesSigner extends Signer {
  constructor(private readonly identity: SealIdentity) {
    super();
  }

  /** `signingTime` is ignored: PAdES puts the claimed time in the signature dictionary (/M). */
  override async sign(content: Buffer): Promise<Buffer> {
    const { certificate, chain, privateKey } = this.identity;
    const { issuer, serial } = issuerAndSerial(certificate);

    const essCertIdV2 = seq(
      // hashAlgorithm omitted: its DEFAULT is SHA-256.
      octets(createHash('sha256').update(certificate).digest()),
      seq(seq(context(4, [issuer])), serial),
    );
    const signedAttributes = [
      attribute(OID.contentType, oid(OID.data)),
      attribute(OID.messageDigest, octets(createHash('sha256').update(content).digest())),
      attribute(OID.signingCertificateV2, seq(seq(essCertIdV2))),
    ];
    // Signed as a universal SET; stored as [0] IMPLICIT with the same contents.
    const toSign = Buffer.from(der(derSet(signedAttributes)), 'binary');
    const signature = sign('sha256', toSign, privateKey);

    const signerInfo = seq(
      integer(1),
      seq(issuer, serial),
      algorithm(OID.sha256),
      derSet(signedAttributes, Class.CONTEXT_SPECIFIC, 0),
      algorithm(OID.rsaEncryption),
      octets(signature),
    );
    const certificates = [certificate, ...chain].map((bytes) => asn1.fromDer(binary(bytes)));
    const signedData = seq(
      integer(1),
      derSet([algorithm(OID.sha256)]),
      seq(oid(OID.data)),
      context(0, certificates),
      derSet([signerInfo]),
    );
    return Buffer.from(der(seq(oid(OID.signedData), context(0, [signedData]))), 'binary');
  }
}
