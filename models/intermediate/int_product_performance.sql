{#- One row per product: clickstream interest next to what actually sold. -#}
with interest as (
  select
    product_id,
    count(case when event_type = 'product_view' then 1 end) as product_views,
    count(case when event_type = 'add_to_cart' then 1 end) as add_to_carts
  from {{ ref('stg_events') }}
  where product_id is not null
  group by product_id
),

sales as (
  select
    lines.product_id,
    count(distinct lines.order_id) as orders,
    cast(sum(lines.quantity) as bigint) as units_sold,
    sum(case when orders.is_revenue then lines.line_total else 0 end) as net_revenue
  from {{ ref('stg_order_lines') }} as lines
  join {{ ref('int_orders_enriched') }} as orders on orders.order_id = lines.order_id
  group by lines.product_id
)

select
  products.product_id,
  products.category,
  products.subcategory,
  coalesce(interest.product_views, 0) as product_views,
  coalesce(interest.add_to_carts, 0) as add_to_carts,
  coalesce(sales.orders, 0) as orders,
  coalesce(sales.units_sold, 0) as units_sold,
  coalesce(sales.net_revenue, 0) as net_revenue,
  case when coalesce(interest.product_views, 0) > 0
    then cast(coalesce(interest.add_to_carts, 0) as double) / interest.product_views end as view_to_cart_rate
from {{ ref('stg_products') }} as products
left join interest on interest.product_id = products.product_id
left join sales on sales.product_id = products.product_id
