{#- One row per re-sessionised visit, with its funnel flags. -#}
with events as (
  select * from {{ ref('int_sessionized_events') }}
),

landing as (
  select session_key, device, referrer, country, page_url as landing_page
  from events
  where is_session_start
),

aggregated as (
  select
    session_key,
    visitor_id,
    max(user_id) as user_id,
    min(event_ts) as session_start_ts,
    max(event_ts) as session_end_ts,
    count(*) as event_count,
    sum(case when event_type = 'page_view' then 1 else 0 end) as page_views,
    sum(case when event_type = 'product_view' then 1 else 0 end) as product_views,
    sum(case when event_type = 'add_to_cart' then 1 else 0 end) as add_to_carts,
    sum(case when event_type = 'checkout' then 1 else 0 end) as checkouts,
    sum(case when event_type = 'purchase' then 1 else 0 end) as purchases
  from events
  group by session_key, visitor_id
)

select
  aggregated.*,
  cast(aggregated.session_start_ts as date) as session_date,
  {{ seconds_between('aggregated.session_start_ts', 'aggregated.session_end_ts') }} as duration_seconds,
  aggregated.product_views > 0 as has_product_view,
  aggregated.add_to_carts > 0 as has_add_to_cart,
  aggregated.checkouts > 0 as has_checkout,
  aggregated.purchases > 0 as has_purchase,
  landing.device,
  landing.referrer,
  landing.country,
  landing.landing_page
from aggregated
join landing on landing.session_key = aggregated.session_key
