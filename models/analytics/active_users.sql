{#- DAU / WAU / MAU per day: distinct visitors active that day, in the 7 days and in the 30
    days ending that day.
    Without a days x visitor-days range join: a visitor counts on day d for a window of N days
    when their latest active day up to d is less than N days before d. So each active day
    covers the days from itself up to (not including) the sooner of its next active day and
    itself + N; a day's count is the number of such spans that contain it. The spans (capped
    at 30 days; the 7-day window is the same span started within 7 days) are grouped by their
    (start, end) first, so the final join is over a few hundred rows.
    Read from stg_events (the same clean events fact_events holds), like the other daily
    metrics, so it does not wait for sessionising or the fact table's daily batches. -#}
with visitor_days as (
  select distinct event_date as activity_date, visitor_id
  from {{ ref('stg_events') }}
),

spans as (
  select
    activity_date,
    lead(activity_date) over (partition by visitor_id order by activity_date) as next_activity_date
  from visitor_days
),

span_counts as (
  select
    activity_date,
    least({{ dateadd_days('activity_date', 30) }}, coalesce(next_activity_date, {{ dateadd_days('activity_date', 30) }})) as month_end,
    count(*) as visitors
  from spans
  group by 1, 2
),

days as (
  select distinct activity_date from visitor_days
)

select
  days.activity_date,
  cast(sum(case when span_counts.activity_date = days.activity_date then span_counts.visitors else 0 end) as bigint) as daily_active_users,
  cast(sum(case when span_counts.activity_date > {{ dateadd_days('days.activity_date', -7) }} then span_counts.visitors else 0 end) as bigint) as weekly_active_users,
  cast(sum(span_counts.visitors) as bigint) as monthly_active_users
from days
join span_counts
  on span_counts.activity_date <= days.activity_date
  and days.activity_date < span_counts.month_end
group by days.activity_date
