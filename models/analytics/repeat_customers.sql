{#- The share of ordering customers who ordered at least twice (any status), overall. -#}
with per_customer as (
  select customer_id, count(*) as orders
  from {{ ref('int_orders_enriched') }}
  group by customer_id
)

select
  count(*) as ordering_customers,
  count(case when orders >= 2 then 1 end) as repeat_customers,
  cast(count(case when orders >= 2 then 1 end) as double) / nullif(count(*), 0) as repeat_customer_share
from per_customer
