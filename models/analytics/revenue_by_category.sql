{#- Net revenue, units and orders per product category and month. -#}
select
  {{ trunc_to_date('month', 'facts.order_date') }} as revenue_month,
  products.category,
  count(distinct facts.order_id) as orders,
  cast(sum(facts.quantity) as bigint) as units,
  sum(case when facts.is_revenue then facts.line_total else 0 end) as revenue
from {{ ref('fact_orders') }} as facts
join {{ ref('dim_products') }} as products on products.product_key = facts.product_key
group by 1, 2
