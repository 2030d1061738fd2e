import assert from 'node:assert/strict';
import { environmentText } from '../../../src/extension/commands/environment';

describe('Copy Environment', () => {
  it('copies the environment an unchanged AWS SDK needs', () => {
    assert.equal(environmentText('http://127.0.0.1:4566', 'eu-west-1'),
      'AWS_ENDPOINT_URL=http://127.0.0.1:4566\nAWS_REGION=eu-west-1\nAWS_ACCESS_KEY_ID=test\nAWS_SECRET_ACCESS_KEY=test\n');
  });
});
