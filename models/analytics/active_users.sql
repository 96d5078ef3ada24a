{#- DAU / WAU / MAU per day: distinct visitors active that day, in the 7 days and in the 30
    days ending that day. -#}
with visitor_days as (
  select distinct event_date as activity_date, visitor_id
  from {{ ref('fact_events') }}
),

days as (
  select distinct activity_date from visitor_days
)

select
  days.activity_date,
  count(distinct case when visitor_days.activity_date = days.activity_date then visitor_days.visitor_id end) as daily_active_users,
  count(distinct case when visitor_days.activity_date > {{ dateadd_days('days.activity_date', -7) }} then visitor_days.visitor_id end) as weekly_active_users,
  count(distinct visitor_days.visitor_id) as monthly_active_users
from days
join visitor_days
  on visitor_days.activity_date <= days.activity_date
  and visitor_days.activity_date > {{ dateadd_days('days.activity_date', -30) }}
group by days.activity_date
