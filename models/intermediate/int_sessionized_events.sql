{{ config(event_time='event_ts') }}
{#- Clean events re-sessionised per visitor: a gap longer than var('session_timeout_minutes')
    starts a new session. The client's session_id is not trusted (apps reuse it for days). -#}
{% set timeout_seconds = var('session_timeout_minutes') * 60 %}
with ordered as (
  select
    *,
    lag(event_ts) over (partition by visitor_id order by event_ts, event_id) as previous_event_ts
  from {{ ref('stg_events') }}
),

flagged as (
  select
    *,
    case
      when previous_event_ts is null then 1
      when {{ seconds_between('previous_event_ts', 'event_ts') }} > {{ timeout_seconds }} then 1
      else 0
    end as starts_session
  from ordered
),

numbered as (
  select
    *,
    sum(starts_session) over (
      partition by visitor_id order by event_ts, event_id rows between unbounded preceding and current row
    ) as visitor_session_number
  from flagged
),

bounded as (
  select
    *,
    min(event_ts) over (partition by visitor_id, visitor_session_number) as session_start_ts,
    row_number() over (partition by visitor_id, visitor_session_number order by event_ts, event_id) as event_index
  from numbered
)

select
  event_id,
  -- Keyed on the visitor and the session's first event, so a session keeps its key when
  -- later days are added.
  {{ surrogate_key(['visitor_id', 'session_start_ts']) }} as session_key,
  visitor_id,
  user_id,
  event_ts,
  event_date,
  session_start_ts,
  event_index,
  event_type,
  page_url,
  product_id,
  device,
  referrer,
  country,
  order_id
from bounded
