-- Net revenue by category over the last 3 months of data.
with bounds as (
  select {{ trunc_to_date('month', 'max(order_date)') }} as last_month from {{ ref('fact_orders') }}
)

select revenue.revenue_month, revenue.category, revenue.orders, revenue.units, revenue.revenue
from {{ ref('revenue_by_category') }} as revenue
cross join bounds
where {{ datediff_months('revenue.revenue_month', 'bounds.last_month') }} < 3
order by revenue.revenue_month, revenue.revenue desc
