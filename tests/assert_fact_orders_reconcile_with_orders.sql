-- fact_orders and int_orders_enriched tell the same revenue story, order by order.
with facts as (
  select order_id, sum(line_total) as line_total_amount
  from {{ ref('fact_orders') }}
  group by order_id
)

select orders.order_id, orders.line_total_amount as expected, facts.line_total_amount as actual
from {{ ref('int_orders_enriched') }} as orders
left join facts on facts.order_id = orders.order_id
where orders.line_count > 0
  and (facts.order_id is null or abs(facts.line_total_amount - orders.line_total_amount) > 0.005)
