{#- Retention by first-order month: of the customers whose first order fell in a month, how
    many ordered again N months later (month 0 is the first month, so its rate is 1). -#}
with orders as (
  select customer_id, {{ trunc_to_date('month', 'order_date') }} as order_month
  from {{ ref('int_orders_enriched') }}
),

cohorts as (
  select customer_id, min(order_month) as cohort_month
  from orders
  group by customer_id
),

activity as (
  select distinct
    cohorts.cohort_month,
    {{ datediff_months('cohorts.cohort_month', 'orders.order_month') }} as months_since_first_order,
    orders.customer_id
  from orders
  join cohorts on cohorts.customer_id = orders.customer_id
),

sizes as (
  select cohort_month, count(*) as cohort_size from cohorts group by cohort_month
)

select
  activity.cohort_month,
  activity.months_since_first_order,
  sizes.cohort_size,
  count(*) as active_customers,
  cast(count(*) as double) / sizes.cohort_size as retention_rate
from activity
join sizes on sizes.cohort_month = activity.cohort_month
group by activity.cohort_month, activity.months_since_first_order, sizes.cohort_size
