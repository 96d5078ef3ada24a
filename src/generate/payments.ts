/**
 * Payments for one day's orders: one per order, plus a failed first attempt for a few.
 * Amounts equal the order total; refunds follow cancellations and returns.
 */
import { timestampFormatter } from './calendar.js';
import { createRandom, createWeightedTable, deriveSeed } from './random.js';
import { formatCents } from './format-cents.js';
import type { DayOrders } from './orders.js';

export const PAYMENT_METHODS = ['card', 'paypal', 'gift_card', 'bank_transfer'] as const;
export const PAYMENT_STATUSES = ['succeeded', 'failed', 'refunded'] as const;
const METHOD_TABLE = createWeightedTable([60, 25, 5, 10]);
const BANK_TRANSFER = 3;
const CANCELLED = 3;
const RETURNED = 4;

/** The payments file of a day, as text, and the last payment id it used. */
export interface RenderedPayments {
  readonly text: string;
  readonly rows: number;
  readonly lastPaymentId: number;
}

/**
 * Renders the payments of a day's orders, ids from `firstPaymentId`. Times are the order's true
 * time plus seconds (hours for bank transfers), so a late order's payment may fall after midnight.
 */
export function renderDayPayments(orders: DayOrders, seed: number, dayIndex: number, firstPaymentId: number): RenderedPayments {
  const random = createRandom(deriveSeed(seed, 'payments', dayIndex));
  const format = timestampFormatter(orders.date);
  const rows: string[] = [];
  let paymentId = firstPaymentId;
  const push = (orderIndex: number, second: number, method: number, status: number): void => {
    rows.push(
      `{"payment_id":${paymentId},"order_id":${orders.firstOrderId + orderIndex},"payment_ts":"${format(second)}",` +
        `"method":"${PAYMENT_METHODS[method]}","amount":${formatCents(orders.totalCents[orderIndex]!)},` +
        `"status":"${PAYMENT_STATUSES[status]}"}\n`,
    );
    paymentId += 1;
  };
  for (let i = 0; i < orders.count; i++) {
    const method = METHOD_TABLE.sample(random);
    let second = orders.seconds[i]! + random.between(5, 60);
    if (random.chance(0.04)) {
      // A declined card, then a successful retry with another method.
      push(i, second, 0, 1);
      second += random.between(30, 300);
    }
    if (method === BANK_TRANSFER) second += random.between(3_600, 6 * 3_600);
    const status = orders.statuses[i] === CANCELLED || orders.statuses[i] === RETURNED ? 2 : 0;
    push(i, second, method, status);
  }
  return { text: rows.join(''), rows: rows.length, lastPaymentId: paymentId - 1 };
}
