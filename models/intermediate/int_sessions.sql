{#- One row per re-sessionised visit, with its funnel flags.
    Grouped on the integer session_key (the landing event's id); the visitor, landing page,
    device, referrer and country are that event's, found by joining stg_events on it.
    Counts are count(case ...): a SUM of 0/1 (or count_if) is a 128-bit integer on DuckDB,
    slow to store and read. -#}
with aggregated as (
  select
    session_key,
    max(user_id) as user_id,
    min(event_ts) as session_start_ts,
    max(event_ts) as session_end_ts,
    count(*) as event_count,
    count(case when event_type = 'page_view' then 1 end) as page_views,
    count(case when event_type = 'product_view' then 1 end) as product_views,
    count(case when event_type = 'add_to_cart' then 1 end) as add_to_carts,
    count(case when event_type = 'checkout' then 1 end) as checkouts,
    count(case when event_type = 'purchase' then 1 end) as purchases
  from {{ ref('int_sessionized_events') }}
  group by session_key
)

select
  sessions.session_key,
  landing.visitor_id,
  sessions.user_id,
  sessions.session_start_ts,
  sessions.session_end_ts,
  sessions.event_count,
  sessions.page_views,
  sessions.product_views,
  sessions.add_to_carts,
  sessions.checkouts,
  sessions.purchases,
  cast(sessions.session_start_ts as date) as session_date,
  {{ seconds_between('sessions.session_start_ts', 'sessions.session_end_ts') }} as duration_seconds,
  sessions.product_views > 0 as has_product_view,
  sessions.add_to_carts > 0 as has_add_to_cart,
  sessions.checkouts > 0 as has_checkout,
  sessions.purchases > 0 as has_purchase,
  landing.device,
  landing.referrer,
  landing.country,
  landing.page_url as landing_page
from aggregated as sessions
join {{ ref('stg_events') }} as landing on landing.event_id = sessions.session_key
