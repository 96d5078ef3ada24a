{#- The share of ordering customers who ordered at least twice (any status), overall. -#}
with per_customer as (
  select customer_id, count(*) as orders
  from {{ ref('int_orders_enriched') }}
  group by customer_id
)

select
  count(*) as ordering_customers,
  count_if(orders >= 2) as repeat_customers,
  cast(count_if(orders >= 2) as double) / nullif(count(*), 0) as repeat_customer_share
from per_customer
