/**
 * The raw tables' column types, shared by the loader and the parquet writer.
 * Timestamps that can be malformed (order_ts; event_ts, which a malformed CSV row can shift)
 * stay VARCHAR so every row loads and the warehouse decides what to quarantine.
 */
import type { FeedName } from './dirty-records.js';

/** Column name → DuckDB type, in file order. */
export type ColumnTypes = Readonly<Record<string, string>>;

const MONEY = 'DECIMAL(12,2)';

export const RAW_FEED_COLUMNS: Readonly<Record<FeedName, ColumnTypes>> = {
  customers: {
    customer_id: 'BIGINT',
    first_name: 'VARCHAR',
    last_name: 'VARCHAR',
    email: 'VARCHAR',
    phone: 'VARCHAR',
    address: 'VARCHAR',
    city: 'VARCHAR',
    state: 'VARCHAR',
    country: 'VARCHAR',
    postal_code: 'VARCHAR',
    segment: 'VARCHAR',
    signup_date: 'DATE',
    updated_at: 'TIMESTAMP',
    is_deleted: 'BOOLEAN',
  },
  products: {
    product_id: 'BIGINT',
    sku: 'VARCHAR',
    name: 'VARCHAR',
    category: 'VARCHAR',
    subcategory: 'VARCHAR',
    brand: 'VARCHAR',
    unit_price: MONEY,
    cost: MONEY,
    is_active: 'BOOLEAN',
    created_at: 'TIMESTAMP',
    updated_at: 'TIMESTAMP',
  },
  orders: {
    order_id: 'BIGINT',
    customer_id: 'BIGINT',
    order_ts: 'VARCHAR',
    status: 'VARCHAR',
    channel: 'VARCHAR',
    shipping_country: 'VARCHAR',
    currency: 'VARCHAR',
    order_total: MONEY,
  },
  order_lines: {
    order_line_id: 'BIGINT',
    order_id: 'BIGINT',
    line_number: 'INTEGER',
    product_id: 'BIGINT',
    quantity: 'INTEGER',
    unit_price: MONEY,
    discount_amount: MONEY,
  },
  payments: {
    payment_id: 'BIGINT',
    order_id: 'BIGINT',
    payment_ts: 'TIMESTAMP',
    method: 'VARCHAR',
    amount: MONEY,
    status: 'VARCHAR',
  },
  events: {
    event_id: 'BIGINT',
    session_id: 'BIGINT',
    user_id: 'BIGINT',
    anonymous_id: 'VARCHAR',
    event_ts: 'VARCHAR',
    event_type: 'VARCHAR',
    page_url: 'VARCHAR',
    product_id: 'BIGINT',
    device: 'VARCHAR',
    referrer: 'VARCHAR',
    country: 'VARCHAR',
    order_id: 'BIGINT',
  },
};
