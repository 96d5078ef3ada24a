{{ config(event_time='event_ts') }}
{#- Clean clickstream events. session_id is the client's own; int_sessions re-sessionises.
    event_type and device are categories (ENUM on DuckDB): compare them with strings as usual. -#}
select
  event_id,
  session_id as client_session_id,
  user_id,
  anonymous_id as visitor_id,
  event_at as event_ts,
  cast(event_at as date) as event_date,
  event_type,
  page_url,
  product_id,
  device,
  nullif(referrer, '') as referrer,
  country,
  order_id
from {{ ref('base_events') }}
where rejection_reason is null
