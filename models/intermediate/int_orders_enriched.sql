{#- One row per clean order with its lines and payments rolled up. Net revenue counts only
    orders that were neither cancelled nor returned. Sums are cast to 64-bit types: DuckDB
    widens a SUM to 128 bits, which is slow to store and read on a table of millions of rows. -#}
with lines as (
  select
    order_id,
    count(*) as line_count,
    cast(sum(quantity) as bigint) as item_count,
    cast(sum(gross_amount) as decimal(18, 2)) as gross_amount,
    cast(sum(discount_amount) as decimal(18, 2)) as discount_amount,
    cast(sum(line_total) as decimal(18, 2)) as line_total_amount
  from {{ ref('stg_order_lines') }}
  group by order_id
),

payments as (
  select
    order_id,
    count(*) as payment_attempts,
    cast(sum(case when payment_status = 'succeeded' then amount else 0 end) as decimal(18, 2)) as paid_amount,
    cast(sum(case when payment_status = 'refunded' then amount else 0 end) as decimal(18, 2)) as refunded_amount,
    max(case when payment_status = 'succeeded' then payment_method end) as payment_method,
    min(payment_ts) as first_payment_ts
  from {{ ref('stg_payments') }}
  group by order_id
)

select
  orders.order_id,
  orders.customer_id,
  orders.order_ts,
  orders.order_date,
  orders.status,
  orders.channel,
  orders.shipping_country,
  orders.currency,
  orders.order_total,
  coalesce(lines.line_count, 0) as line_count,
  coalesce(lines.item_count, 0) as item_count,
  coalesce(lines.gross_amount, 0) as gross_amount,
  coalesce(lines.discount_amount, 0) as discount_amount,
  coalesce(lines.line_total_amount, 0) as line_total_amount,
  orders.status not in ('cancelled', 'returned') as is_revenue,
  case when orders.status not in ('cancelled', 'returned') then coalesce(lines.line_total_amount, 0) else 0 end as net_revenue,
  coalesce(payments.payment_attempts, 0) as payment_attempts,
  coalesce(payments.paid_amount, 0) as paid_amount,
  coalesce(payments.refunded_amount, 0) as refunded_amount,
  payments.payment_method,
  payments.first_payment_ts
from {{ ref('stg_orders') }} as orders
left join lines on lines.order_id = orders.order_id
left join payments on payments.order_id = orders.order_id
