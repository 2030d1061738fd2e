import type * as api from './api';
import { snsErrors } from './errors';
import type { SavedSms } from './model';
import { paginate } from './pagination';
import { isValidPhoneNumber } from './validation';


/** What an untouched region answers GetSMSAttributes with (recorded). */
const DEFAULTS: Record<string, string> = { MonthlySpendLimit: '1' };

/** The SetSMSAttributes names and how SNS checks each value; a refused value is "<name> is invalid". */
const SETTABLE: Record<string, (value: string) => boolean> = {
  MonthlySpendLimit: (v) => /^\d+$/.test(v),
  DeliveryStatusIAMRole: (v) => v === '' || /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(v),
  DeliveryStatusSuccessSamplingRate: (v) => /^\d+$/.test(v) && Number(v) <= 100,
  // Sender IDs: up to 11 letters and digits, at least one letter.
  DefaultSenderID: (v) => /^[A-Za-z0-9]{1,11}$/.test(v) && /[A-Za-z]/.test(v),
  DefaultSMSType: (v) => v === 'Promotional' || v === 'Transactional',
  UsageReportS3Bucket: (v) => /^[a-z0-9.-]{3,63}$/.test(v),
};

/** SNS's page size for ListPhoneNumbersOptedOut. */
const OPTED_OUT_PAGE = 100;

/** A number as SNS keeps it: E.164, the separators people type removed. */
export function e164(phoneNumber: string): string {
  const digits = phoneNumber.replace(/\D/g, '');
  return `+${digits}`;
}

/**
 * The SMS side of SNS without a carrier: the account's SMS attributes and its opt-out list. A number gets on
 * the list as a person replying STOP would put it there (the inspector's outbox offers that), and leaves it
 * with OptInPhoneNumber. `changed` reports every change so it can be saved.
 */
export class SmsSettings {
  private attributes: Record<string, string> = { ...DEFAULTS };
  private optedOut = new Set<string>();

  constructor(private readonly changed: (saved: SavedSms) => void) {}

  saved(): SavedSms {
    return { attributes: { ...this.attributes }, optedOut: [...this.optedOut] };
  }

  restore(saved: SavedSms): void {
    this.attributes = { ...saved.attributes };
    this.optedOut = new Set(saved.optedOut);
  }

  isOptedOut(phoneNumber: string): boolean {
    return this.optedOut.has(e164(phoneNumber));
  }

  /** A reply of STOP from this number. */
  optOut(phoneNumber: string): void {
    if (typeof phoneNumber !== 'string' || !isValidPhoneNumber(phoneNumber)) throw incorrectlyFormatted();
    const number = e164(phoneNumber);
    if (this.optedOut.has(number)) return;
    this.optedOut.add(number);
    this.changed(this.saved());
  }

  readonly operations: Pick<
    api.SnsOperations,
    'SetSMSAttributes' | 'GetSMSAttributes' | 'CheckIfPhoneNumberIsOptedOut' | 'ListPhoneNumbersOptedOut' | 'OptInPhoneNumber'
  > = {
    SetSMSAttributes: (input) => {
      if (typeof input.attributes !== 'object' || input.attributes === null || Object.keys(input.attributes).length === 0) {
        throw snsErrors.nullMember('attributes');
      }
      for (const [name, value] of Object.entries(input.attributes)) {
        const valid = SETTABLE[name];
        if (!valid) throw snsErrors.invalidParameterRaw(`${name} is not a valid attribute`);
        if (typeof value !== 'string' || !valid(value)) throw snsErrors.invalidParameterRaw(`${name} is invalid`);
      }
      this.attributes = { ...this.attributes, ...input.attributes };
      this.changed(this.saved());
      return {};
    },
    GetSMSAttributes: (input) => {
      const names = Array.isArray(input.attributes) ? input.attributes : [];
      if (names.length === 0) return { attributes: { ...this.attributes } };
      return { attributes: Object.fromEntries(names.filter((n) => n in this.attributes).map((n) => [n, this.attributes[n]])) };
    },
    CheckIfPhoneNumberIsOptedOut: (input) => {
      if (typeof input.phoneNumber !== 'string' || !isValidPhoneNumber(input.phoneNumber)) throw incorrectlyFormatted();
      return { isOptedOut: this.isOptedOut(input.phoneNumber) };
    },
    ListPhoneNumbersOptedOut: (input) => {
      const { page, next } = paginate([...this.optedOut], input.nextToken, OPTED_OUT_PAGE);
      return { phoneNumbers: page, ...(next ? { nextToken: next } : {}) };
    },
    OptInPhoneNumber: (input) => {
      if (typeof input.phoneNumber !== 'string' || !isValidPhoneNumber(input.phoneNumber)) throw incorrectlyFormatted();
      // Opting in a number that never opted out succeeds too (recorded).
      if (this.optedOut.delete(e164(input.phoneNumber))) this.changed(this.saved());
      return {};
    },
  };
}

function incorrectlyFormatted(): Error {
  return snsErrors.invalidParameter('PhoneNumber Reason: input incorrectly formatted');
}
