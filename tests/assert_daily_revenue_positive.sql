-- Every day with revenue orders has positive revenue.
{{ config(store_failures=true) }}
select metric_date, revenue_orders, revenue
from {{ ref('daily_metrics') }}
where revenue_orders > 0 and revenue <= 0
