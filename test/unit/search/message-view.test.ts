import assert from 'node:assert/strict';
import { detectFormat, hexDump, renderBody } from '../../../src/extension/search/message-view';
import { parseQueryText } from '../../../src/extension/search/query-text';

describe('a message in an editor tab', () => {
  it('detects JSON, XML and text', () => {
    assert.equal(detectFormat(' {"a":1} '), 'json');
    assert.equal(detectFormat('[1,2'), 'plaintext');
    assert.equal(detectFormat('<order><id>1</id></order>'), 'xml');
    assert.equal(detectFormat('hello'), 'plaintext');
  });

  it('pretty-prints JSON and XML, keeps raw as sent', () => {
    assert.deepEqual(renderBody('{"a":1,"b":[2]}', 'pretty'), { text: '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}\n', language: 'json' });
    assert.deepEqual(renderBody('{"a":1}', 'raw'), { text: '{"a":1}', language: 'json' });
    assert.equal(renderBody('<order><id>1</id><items><item/></items></order>', 'pretty').text, '<order>\n  <id>1</id>\n  <items>\n    <item/>\n  </items>\n</order>\n');
  });

  it('dumps bytes as hex, decoding base64 bodies first', () => {
    assert.equal(hexDump(Buffer.from('AB\n')), `00000000  ${'41 42 0a'.padEnd(47)}  AB.\n`);
    const { text, language } = renderBody(Buffer.from([0xff, 0x00]).toString('base64'), 'hex', true);
    assert.equal(language, 'plaintext');
    assert.match(text, /^00000000 {2}ff 00 /);
    assert.equal(renderBody(Buffer.from([0xff]).toString('base64'), 'pretty', true).language, 'plaintext');
  });
});

describe('the search command\'s query line', () => {
  it('reads JSONPath, JSONata, attributes and text', () => {
    assert.deepEqual(parseQueryText('$[?(@.total > 100)]'), { json: { language: 'jsonpath', expression: '$[?(@.total > 100)]' } });
    assert.deepEqual(parseQueryText('jsonata: total > 100'), { json: { language: 'jsonata', expression: 'total > 100' } });
    assert.deepEqual(parseQueryText('disk full @tenant=acme @urgent'), { text: 'disk full', attributes: { tenant: 'acme', urgent: '' } });
    assert.deepEqual(parseQueryText('  '), {});
  });
});
