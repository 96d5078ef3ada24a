{#- One row per order: the latest clean version. Rejected rows are in quarantine_records. -#}
select
  order_id,
  customer_id,
  order_ts,
  cast(order_ts as date) as order_date,
  status,
  channel,
  shipping_country,
  currency,
  order_total,
  _loaded_at as loaded_at
from {{ ref('base_orders') }}
where rejection_reason is null
