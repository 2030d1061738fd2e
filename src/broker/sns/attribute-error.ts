/**
 * A bad subscription or topic attribute. SNS words the same problem two ways: SetSubscriptionAttributes
 * says "Invalid parameter: <reason>", Subscribe (attributes in a map) says
 * "Invalid parameter: Attributes Reason: <reason>". Validation throws the reason; the operation adds its prefix.
 */
export class AttributeReasonError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
