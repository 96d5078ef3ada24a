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
  -- One window spec (visitor, time) for everything, so the engine sorts the events once: the
  -- running count of session starts numbers the sessions, the running max of the start
  -- times gives each event its session's first timestamp.
  select
    *,
    sum(starts_session) over (partition by visitor_id order by event_ts, event_id rows between unbounded preceding and current row) as visitor_session_number,
    max(case when starts_session = 1 then event_ts end) over (partition by visitor_id order by event_ts, event_id rows between unbounded preceding and current row) as session_start_ts
  from flagged
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
  starts_session = 1 as is_session_start,
  event_type,
  page_url,
  product_id,
  device,
  referrer,
  country,
  order_id
from numbered
