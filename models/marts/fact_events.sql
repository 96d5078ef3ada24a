{{ config(
    materialized='incremental',
    incremental_strategy='microbatch',
    event_time='event_ts',
    batch_size='day',
    begin=var('events_begin'),
    lookback=var('incremental_lookback_days')
) }}
{#- Grain: one clean clickstream event, with its re-sessionised session key. Built one day
    per batch: each batch replaces its day, so reruns and late events are safe. Both inputs
    have an event_time, so each batch reads only its day of each.
    Attributes of the visit rather than of the event (referrer, country, landing page) are on
    int_sessions, one row per session_key. -#}
select
  events.event_id,
  sessions.session_key,
  events.visitor_id,
  case when events.user_id is not null then {{ surrogate_key(['events.user_id']) }} end as customer_key,
  case when events.product_id is not null then {{ surrogate_key(['events.product_id']) }} end as product_key,
  cast({{ date_key('events.event_date') }} as integer) as date_key,
  events.user_id as customer_id,
  events.product_id,
  events.event_ts,
  events.event_date,
  events.event_type,
  events.page_url,
  events.device,
  events.order_id
from {{ ref('stg_events') }} as events
join {{ ref('int_sessionized_events') }} as sessions on sessions.event_id = events.event_id
