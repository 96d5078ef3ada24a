-- The 20 most valuable customers, with their profile.
select
  clv.customer_id,
  customers.first_name,
  customers.last_name,
  customers.country,
  clv.orders,
  clv.lifetime_revenue,
  clv.average_order_value,
  clv.value_segment
from {{ ref('customer_lifetime_value') }} as clv
left join {{ ref('dim_customers') }} as customers
  on customers.customer_key = clv.customer_key and customers.is_current
order by clv.lifetime_revenue desc, clv.customer_id
limit 20
