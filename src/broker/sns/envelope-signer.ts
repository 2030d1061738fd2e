import { createSign, generateKeyPair, generateKeyPairSync, KeyObject } from 'node:crypto';

/**
 * Signs envelopes the way SNS SignatureVersion 1 does (SHA1withRSA over the canonical field list) with a key
 * made on first use. It is not Amazon's key: a consumer that checks signatures against AWS's certificate
 * will reject it, which is right for a local broker; the public key is served for those who want to verify.
 * The composition root makes one and passes it to the broker, so a restarted broker keeps its key.
 */
export class EnvelopeSigner {
  private key: { privateKey: KeyObject; publicKey: KeyObject } | undefined;
  private pending = false;
  private last: { canonical: string; signature: string } | undefined;

  /** Starts making the key off the event loop, so the first Publish does not stall on RSA key generation. */
  prepare(): void {
    if (this.key || this.pending) return;
    this.pending = true;
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) => {
      if (!error) this.key ??= { publicKey, privateKey };
    });
  }

  private keys(): { privateKey: KeyObject; publicKey: KeyObject } {
    this.key ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
    return this.key;
  }

  sign(fields: [string, string | undefined][]): string {
    const canonical = fields
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}\n${v}\n`)
      .join('');
    // A fan-out signs the same fields once per subscriber (UnsubscribeURL is not signed), and an RSA
    // signature costs a millisecond: the last one is reused, as the same input signs to the same value.
    if (this.last?.canonical !== canonical) {
      this.last = { canonical, signature: createSign('RSA-SHA1').update(canonical).sign(this.keys().privateKey, 'base64') };
    }
    return this.last.signature;
  }

  publicKeyPem(): string {
    return this.keys().publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }
}

let shared: EnvelopeSigner | undefined;

/**
 * The signer of brokers built without one (tests, scripts). Making a 2048-bit RSA key costs about 0.4 s
 * of CPU, so they share one instead of each making its own.
 */
export function sharedEnvelopeSigner(): EnvelopeSigner {
  shared ??= new EnvelopeSigner();
  return shared;
}
