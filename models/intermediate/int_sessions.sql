{#- One row per re-sessionised visit, with its funnel flags.
    Grouped on session_key alone (the visitor is part of the key), and the landing event's
    attributes are picked with conditional aggregates in the same pass: every session has
    exactly one start event, so no self-join is needed. -#}
with events as (
  select * from {{ ref('int_sessionized_events') }}
),

aggregated as (
  select
    session_key,
    max(visitor_id) as visitor_id,
    max(user_id) as user_id,
    min(event_ts) as session_start_ts,
    max(event_ts) as session_end_ts,
    count(*) as event_count,
    sum(case when event_type = 'page_view' then 1 else 0 end) as page_views,
    sum(case when event_type = 'product_view' then 1 else 0 end) as product_views,
    sum(case when event_type = 'add_to_cart' then 1 else 0 end) as add_to_carts,
    sum(case when event_type = 'checkout' then 1 else 0 end) as checkouts,
    sum(case when event_type = 'purchase' then 1 else 0 end) as purchases,
    max(case when is_session_start then device end) as device,
    max(case when is_session_start then referrer end) as referrer,
    max(case when is_session_start then country end) as country,
    max(case when is_session_start then page_url end) as landing_page,
    max(case when is_session_start then 1 else 0 end) as has_start
  from events
  group by session_key
)

select
  session_key,
  visitor_id,
  user_id,
  session_start_ts,
  session_end_ts,
  event_count,
  page_views,
  product_views,
  add_to_carts,
  checkouts,
  purchases,
  cast(session_start_ts as date) as session_date,
  {{ seconds_between('session_start_ts', 'session_end_ts') }} as duration_seconds,
  product_views > 0 as has_product_view,
  add_to_carts > 0 as has_add_to_cart,
  checkouts > 0 as has_checkout,
  purchases > 0 as has_purchase,
  device,
  referrer,
  country,
  landing_page
from aggregated
-- As the join to the landing event did: a session without a start event is dropped.
where has_start = 1
