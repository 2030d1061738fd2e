import type { Broker } from '../../broker/broker';
import type { WireRequest, WireResponse } from '../wire';

/**
 * SNS's part of the admin surface, for tools and headless users who have no inspector:
 * `GET sns/outbox?endpoint=` (what email, sms, push and unattached lambda subscribers would have received),
 * `GET sns/deliveries?topicArn=&limit=` (where each published message went) and the PEM of the key that
 * signs envelopes, at the path their SigningCertURL names; `POST sns/opt-out?phoneNumber=` is a person replying
 * STOP to an SMS (the number then shows in ListPhoneNumbersOptedOut until OptInPhoneNumber).
 */
export function snsAdmin(broker: Broker, request: WireRequest, route: string): WireResponse | Promise<WireResponse> | undefined {
  if (request.method === 'POST' && route === 'opt-out') return optOut(broker, request.query.get('phoneNumber') ?? '');
  if (request.method !== 'GET') return undefined;
  if (route === 'outbox') {
    return json(200, { entries: broker.sns.listOutbox(request.query.get('endpoint') ?? undefined) });
  }
  if (route === 'deliveries') {
    const topicArn = request.query.get('topicArn');
    const limit = Number(request.query.get('limit') ?? 100);
    if (!topicArn || !Number.isInteger(limit) || limit < 0) {
      return json(400, { error: 'InvalidParameterValue', message: 'topicArn is required; limit must be a non-negative integer.' });
    }
    return json(200, { deliveries: broker.sns.listDeliveries(topicArn, limit) });
  }
  if (route === 'SimpleNotificationService-eventyard.pem') {
    return { status: 200, headers: { 'content-type': 'application/x-pem-file' }, body: broker.sns.signingPublicKeyPem() };
  }
  return undefined;
}

async function optOut(broker: Broker, phoneNumber: string): Promise<WireResponse> {
  try {
    await broker.request('sns', 'SetSMSAttributes', () => broker.sns.optOutPhoneNumber(phoneNumber));
    return json(200, { phoneNumber, optedOut: true });
  } catch (e) {
    return json(400, { error: 'InvalidParameter', message: (e as Error).message });
  }
}

function json(status: number, body: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
