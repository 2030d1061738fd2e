import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { applyDefinitions } from '../../../src/broker/definitions/apply';
import { importTemplate } from '../../../src/broker/definitions/cloudformation';
import { mergeDefinitions } from '../../../src/broker/definitions/merge';
import { parseDefinitions } from '../../../src/broker/definitions/parse';

const TEMPLATE = `
Parameters:
  PartnerKey: { Type: String, NoEcho: true }
Resources:
  ShopBus:
    Type: AWS::Events::EventBus
    Properties: { Name: shop }
  OrdersArchive:
    Type: AWS::Events::Archive
    Properties:
      ArchiveName: shop-orders
      SourceArn: !GetAtt ShopBus.Arn
      Description: orders for replay
      EventPattern: { source: [shop.orders] }
      RetentionDays: 7
  DefaultArchive:
    Type: AWS::Events::Archive
    Properties:
      SourceArn: !Sub arn:aws:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/default
  PartnerConnection:
    Type: AWS::Events::Connection
    Properties:
      Name: partner
      AuthorizationType: API_KEY
      AuthParameters:
        ApiKeyAuthParameters: { ApiKeyName: x-api-key, ApiKeyValue: !Ref PartnerKey }
  LegacyConnection:
    Type: AWS::Events::Connection
    Properties:
      AuthorizationType: BASIC
      Description: the old billing system
      AuthParameters:
        BasicAuthParameters: { Username: shop, Password: s3cret }
  TokenConnection:
    Type: AWS::Events::Connection
    Properties:
      Name: token
      AuthorizationType: OAUTH_CLIENT_CREDENTIALS
      AuthParameters:
        OAuthParameters:
          AuthorizationEndpoint: https://auth.example/token
          HttpMethod: POST
          ClientParameters: { ClientID: shop, ClientSecret: '{{resolve:secretsmanager:token-secret}}' }
  PartnerOrders:
    Type: AWS::Events::ApiDestination
    Properties:
      Name: partner-orders
      ConnectionArn: !GetAtt PartnerConnection.Arn
      InvocationEndpoint: https://partner.example/orders
      HttpMethod: POST
      InvocationRateLimitPerSecond: 10
  LegacyBilling:
    Type: AWS::Events::ApiDestination
    Properties:
      ConnectionArn: arn:aws:events:us-east-1:000000000000:connection/LegacyConnection/6f1c0a4e-0000-4000-8000-000000000000
      InvocationEndpoint: https://billing.example/
      HttpMethod: PUT
`;

describe('CloudFormation import: AWS::Events::Archive, Connection and ApiDestination', () => {
  it('reads archives (bus from SourceArn), connections (each authorization type) and API destinations (connection by GetAtt or ARN)', () => {
    const { definitions, notes } = importTemplate(TEMPLATE);
    assert.deepEqual(definitions.archives, [
      { name: 'shop-orders', bus: 'shop', description: 'orders for replay', eventPattern: { source: ['shop.orders'] }, retentionDays: 7 },
      { name: 'DefaultArchive' },
    ]);
    assert.deepEqual(definitions.connections, [
      { name: 'partner', authorizationType: 'API_KEY', apiKey: { name: 'x-api-key', value: '${env:PARTNERCONNECTION_API_KEY}' } },
      { name: 'LegacyConnection', authorizationType: 'BASIC', description: 'the old billing system', basic: { username: 'shop', password: 's3cret' } },
      {
        name: 'token', authorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        oauth: { authorizationEndpoint: 'https://auth.example/token', httpMethod: 'POST', clientId: 'shop', clientSecret: '${env:TOKENCONNECTION_CLIENT_SECRET}' },
      },
    ]);
    assert.deepEqual(definitions.apiDestinations, [
      { name: 'partner-orders', connection: 'partner', endpoint: 'https://partner.example/orders', method: 'POST', rateLimitPerSecond: 10 },
      { name: 'LegacyBilling', connection: 'LegacyConnection', endpoint: 'https://billing.example/', method: 'PUT' },
    ]);
    assert.deepEqual(notes, [
      'PartnerConnection: its api key is not in the template; set the environment variable PARTNERCONNECTION_API_KEY.',
      'TokenConnection: its client secret is not in the template; set the environment variable TOKENCONNECTION_CLIENT_SECRET.',
    ]);
  });

  it('produces definitions the schema accepts and the broker provisions', async () => {
    const { definitions } = importTemplate(TEMPLATE);
    // the OAuth connection would ask its token endpoint; the rest is enough here
    definitions.connections = definitions.connections!.filter((c) => c.authorizationType !== 'OAUTH_CLIENT_CREDENTIALS');
    const parsed = parseDefinitions(mergeDefinitions('', definitions).text);
    assert.deepEqual(parsed.issues, []);
    const broker = new Broker();
    process.env.PARTNERCONNECTION_API_KEY = 'k';
    try {
      const { issues } = await applyDefinitions(broker, parsed.definitions!, { baseDir: '/tmp' });
      assert.deepEqual(issues, []);
      const events = broker.eventbridge.operations;
      assert.deepEqual(events.ListArchives({}).Archives.map((a) => a.ArchiveName), ['DefaultArchive', 'shop-orders']);
      assert.deepEqual(events.ListConnections({}).Connections.map((c) => c.Name), ['LegacyConnection', 'partner']);
      assert.deepEqual(events.ListApiDestinations({}).ApiDestinations.map((d) => d.Name), ['LegacyBilling', 'partner-orders']);
    } finally {
      delete process.env.PARTNERCONNECTION_API_KEY;
      broker.dispose();
    }
  });
});
