/** What "Open Workspace Definitions" writes when the workspace has no definitions file yet. */
export const SAMPLE_DEFINITIONS = `# Eventyard creates these when the broker starts and re-applies them when you save.
# Completion and checks come from the Eventyard schema; problems show in the Problems view.
queues:
  - name: orders
    visibilityTimeout: 30
    deadLetter:
      queue: orders-dlq
      maxReceiveCount: 3
  - name: orders-dlq

topics:
  - name: order-events
    subscriptions:
      - protocol: sqs
        queue: orders
        filterPolicy:
          type: [order]

streams:
  - name: clicks
    shards: 2

buses:
  - name: shop

rules:
  - name: order-placed
    bus: shop
    eventPattern:
      source: [shop.orders]
      detail-type: [OrderPlaced]
    targets:
      - queue: orders
`;
