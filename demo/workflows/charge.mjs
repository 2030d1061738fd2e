// The order workflow's payment step (demo/workflows/order.asl.json): a declined card fails every time,
// so the state machine's Retry runs it again twice and then its Catch records the order on a queue.
export async function handler(order) {
  if (order.card === 'declined') {
    const error = new Error(`card declined for order ${order.orderId}`);
    error.name = 'CardDeclined';
    throw error;
  }
  return { orderId: order.orderId, charged: order.total };
}
