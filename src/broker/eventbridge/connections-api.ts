/**
 * Connections and API destinations in the AWS API's own member names (events-2015-10-07): the inputs and
 * outputs of their operations, apart from api.ts so the two families grow without touching each other.
 */

export type ConnectionAuthorizationType = 'BASIC' | 'OAUTH_CLIENT_CREDENTIALS' | 'API_KEY';
export type ConnectionState = 'CREATING' | 'UPDATING' | 'DELETING' | 'AUTHORIZED' | 'DEAUTHORIZED' | 'AUTHORIZING' | 'DEAUTHORIZING';
export type ApiDestinationState = 'ACTIVE' | 'INACTIVE';
export type ApiDestinationHttpMethod = 'POST' | 'GET' | 'HEAD' | 'OPTIONS' | 'PUT' | 'PATCH' | 'DELETE';

export interface ConnectionParameter {
  Key?: string;
  Value?: string;
  IsValueSecret?: boolean;
}
export interface ConnectionHttpParameters {
  HeaderParameters?: ConnectionParameter[];
  QueryStringParameters?: ConnectionParameter[];
  BodyParameters?: ConnectionParameter[];
}
export interface ConnectionAuthParameters {
  BasicAuthParameters?: { Username?: string; Password?: string };
  OAuthParameters?: {
    ClientParameters?: { ClientID?: string; ClientSecret?: string };
    AuthorizationEndpoint?: string;
    HttpMethod?: string;
    OAuthHttpParameters?: ConnectionHttpParameters;
  };
  ApiKeyAuthParameters?: { ApiKeyName?: string; ApiKeyValue?: string };
  InvocationHttpParameters?: ConnectionHttpParameters;
}

export interface CreateConnectionInput {
  Name: string;
  Description?: string;
  AuthorizationType: ConnectionAuthorizationType;
  AuthParameters: ConnectionAuthParameters;
}
export interface UpdateConnectionInput {
  Name: string;
  Description?: string;
  AuthorizationType?: ConnectionAuthorizationType;
  AuthParameters?: ConnectionAuthParameters;
}
/** What Create/Update/Delete/DeauthorizeConnection answer. */
export interface ConnectionStateOutput {
  ConnectionArn: string;
  ConnectionState: ConnectionState;
  CreationTime: Date;
  LastModifiedTime: Date;
  LastAuthorizedTime?: Date;
}
export interface ConnectionSummary extends ConnectionStateOutput {
  Name: string;
  StateReason?: string;
  AuthorizationType: ConnectionAuthorizationType;
}
export interface DescribeConnectionOutput extends ConnectionSummary {
  Description?: string;
  SecretArn: string;
  /** Without secrets: no Password, ClientSecret, ApiKeyValue, nor the values of secret parameters. */
  AuthParameters: ConnectionAuthParameters;
}
export interface ListConnectionsInput {
  NamePrefix?: string;
  ConnectionState?: ConnectionState;
  NextToken?: string;
  Limit?: number;
}
export interface ListConnectionsOutput {
  Connections: ConnectionSummary[];
  NextToken?: string;
}

export interface CreateApiDestinationInput {
  Name: string;
  Description?: string;
  ConnectionArn: string;
  InvocationEndpoint: string;
  HttpMethod: ApiDestinationHttpMethod;
  InvocationRateLimitPerSecond?: number;
}
export type UpdateApiDestinationInput = Partial<CreateApiDestinationInput> & { Name: string };
export interface ApiDestinationStateOutput {
  ApiDestinationArn: string;
  ApiDestinationState: ApiDestinationState;
  CreationTime: Date;
  LastModifiedTime: Date;
}
export interface ApiDestinationDescription extends ApiDestinationStateOutput {
  Name: string;
  Description?: string;
  ConnectionArn: string;
  InvocationEndpoint: string;
  HttpMethod: ApiDestinationHttpMethod;
  InvocationRateLimitPerSecond: number;
}
export interface ListApiDestinationsInput {
  NamePrefix?: string;
  ConnectionArn?: string;
  NextToken?: string;
  Limit?: number;
}
export interface ListApiDestinationsOutput {
  ApiDestinations: Omit<ApiDestinationDescription, 'Description'>[];
  NextToken?: string;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type Empty = {};

export interface ConnectionOperations {
  CreateConnection(input: CreateConnectionInput): ConnectionStateOutput;
  DescribeConnection(input: { Name: string }): DescribeConnectionOutput;
  ListConnections(input: ListConnectionsInput): ListConnectionsOutput;
  UpdateConnection(input: UpdateConnectionInput): ConnectionStateOutput;
  DeleteConnection(input: { Name: string }): ConnectionStateOutput;
  DeauthorizeConnection(input: { Name: string }): ConnectionStateOutput;
}
export interface ApiDestinationOperations {
  CreateApiDestination(input: CreateApiDestinationInput): ApiDestinationStateOutput;
  DescribeApiDestination(input: { Name: string }): ApiDestinationDescription;
  ListApiDestinations(input: ListApiDestinationsInput): ListApiDestinationsOutput;
  UpdateApiDestination(input: UpdateApiDestinationInput): ApiDestinationStateOutput;
  DeleteApiDestination(input: { Name: string }): Empty;
}

/** Which of these actions can add to what the broker keeps (see eventsAddsData in api.ts). */
export const connectionsAddsData: Readonly<Record<keyof ConnectionOperations | keyof ApiDestinationOperations, boolean>> = {
  CreateConnection: true, UpdateConnection: true, DeauthorizeConnection: true, CreateApiDestination: true, UpdateApiDestination: true,
  DescribeConnection: false, ListConnections: false, DeleteConnection: false,
  DescribeApiDestination: false, ListApiDestinations: false, DeleteApiDestination: false,
};
