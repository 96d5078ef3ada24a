{#- One row per day with orders or traffic: the numbers the business reads every morning.
    revenue = line totals of orders neither cancelled nor returned; aov = revenue / those orders;
    conversion = sessions with a purchase / sessions. Read from the staging and intermediate
    layers (the same clean orders and events the facts hold), so it runs beside the facts'
    builds. Counts are count(case ...): a SUM of 0/1 is a 128-bit integer on DuckDB. -#}
with orders as (
  select
    order_date as metric_date,
    count(*) as orders,
    count(case when is_revenue then 1 end) as revenue_orders,
    sum(line_total_amount) as gross_revenue,
    sum(net_revenue) as revenue,
    count(distinct customer_id) as ordering_customers
  from {{ ref('int_orders_enriched') }}
  group by order_date
),

sessions as (
  select
    session_date as metric_date,
    count(*) as sessions,
    count(case when has_purchase then 1 end) as purchase_sessions
  from {{ ref('int_sessions') }}
  group by session_date
),

visitors as (
  select event_date as metric_date, count(distinct visitor_id) as daily_active_users
  from {{ ref('stg_events') }}
  group by 1
),

days as (
  select metric_date from orders
  union
  select metric_date from sessions
)

select
  days.metric_date,
  cast({{ date_key('days.metric_date') }} as integer) as date_key,
  coalesce(orders.orders, 0) as orders,
  coalesce(orders.revenue_orders, 0) as revenue_orders,
  coalesce(orders.gross_revenue, 0) as gross_revenue,
  coalesce(orders.revenue, 0) as revenue,
  case when orders.revenue_orders > 0 then orders.revenue / orders.revenue_orders end as average_order_value,
  coalesce(orders.ordering_customers, 0) as ordering_customers,
  coalesce(visitors.daily_active_users, 0) as daily_active_users,
  coalesce(sessions.sessions, 0) as sessions,
  coalesce(sessions.purchase_sessions, 0) as purchase_sessions,
  case when sessions.sessions > 0 then cast(sessions.purchase_sessions as double) / sessions.sessions end as conversion_rate
from days
left join orders on orders.metric_date = days.metric_date
left join sessions on sessions.metric_date = days.metric_date
left join visitors on visitors.metric_date = days.metric_date
