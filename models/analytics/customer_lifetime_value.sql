{#- Lifetime value per customer who ordered, with a value segment: the top 10% by revenue are
    'high', the next 40% 'medium', the rest 'low'. -#}
with per_customer as (
  select
    customer_id,
    count(*) as orders,
    count(case when is_revenue then 1 end) as revenue_orders,
    sum(net_revenue) as lifetime_revenue,
    min(order_date) as first_order_date,
    max(order_date) as last_order_date
  from {{ ref('int_orders_enriched') }}
  group by customer_id
),

ranked as (
  select
    *,
    ntile(10) over (order by lifetime_revenue desc, customer_id) as revenue_decile
  from per_customer
)

select
  ranked.customer_id,
  {{ surrogate_key(['ranked.customer_id']) }} as customer_key,
  ranked.orders,
  ranked.revenue_orders,
  ranked.lifetime_revenue,
  case when ranked.revenue_orders > 0 then ranked.lifetime_revenue / ranked.revenue_orders end as average_order_value,
  ranked.first_order_date,
  ranked.last_order_date,
  {{ datediff_days('ranked.first_order_date', 'ranked.last_order_date') }} as customer_age_days,
  ranked.revenue_decile,
  case when ranked.revenue_decile = 1 then 'high' when ranked.revenue_decile <= 5 then 'medium' else 'low' end as value_segment
from ranked
