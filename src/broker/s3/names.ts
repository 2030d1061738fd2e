/** S3's bucket naming rules (general purpose buckets): 3 to 63 characters, lower-case letters, digits, dots, hyphens. */
export function isValidBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/.test(name) &&
    !name.startsWith('xn--') &&
    !name.startsWith('sthree-') &&
    !name.endsWith('-s3alias') &&
    !name.endsWith('--ol-s3')
  );
}

/** A key S3 accepts: 1 to 1024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;
