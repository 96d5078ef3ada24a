{{ config(
    materialized='incremental',
    unique_key='order_line_id',
    incremental_strategy='merge',
    cluster_by=['order_date'],
    on_schema_change='append_new_columns'
) }}
{#- Grain: one order line. Incremental runs reprocess the last var('incremental_lookback_days')
    days before the newest order already loaded, so a late status change is merged in place. -#}
with lines as (
  select * from {{ ref('stg_order_lines') }}
),

orders as (
  select * from {{ ref('int_orders_enriched') }}
  {% if is_incremental() %}
  where order_date >= (
    select {{ dateadd_days('max(order_date)', -var('incremental_lookback_days')) }} from {{ this }}
  )
  {% endif %}
)

select
  lines.order_line_id,
  lines.order_id,
  lines.line_number,
  {{ surrogate_key(['orders.customer_id']) }} as customer_key,
  {{ surrogate_key(['lines.product_id']) }} as product_key,
  cast({{ date_key('orders.order_date') }} as integer) as date_key,
  orders.customer_id,
  lines.product_id,
  orders.order_ts,
  orders.order_date,
  orders.status,
  orders.channel,
  orders.shipping_country,
  orders.currency,
  orders.is_revenue,
  lines.quantity,
  lines.unit_price,
  lines.discount_amount,
  lines.gross_amount,
  lines.line_total
from lines
join orders on orders.order_id = lines.order_id
