{{ config(event_time='event_ts') }}
{#- Clean events re-sessionised per visitor: a gap longer than var('session_timeout_minutes')
    starts a new session. The client's session_id is not trusted (apps reuse it for days).
    A session is keyed by its landing event: session_key is the event_id of its first event,
    so it is an integer, stays the same when later days are added, and int_sessions finds the
    landing page, device and referrer by joining on it.
    Narrow on purpose: only what int_sessions aggregates (fact_events takes the other columns
    from stg_events, joined on event_id; the visitor and landing attributes of a session come
    from its landing event). Writing wide copies of the clickstream is what made the event
    models slow at volume. -#}
{% set timeout_seconds = var('session_timeout_minutes') * 60 %}
{% set visitor_order = 'partition by visitor_id order by event_ts, event_id' %}
{#- The latest session start at or before each event, in the visitor's event order. -#}
{% set running = visitor_order ~ ' rows between unbounded preceding and current row' %}
with ordered as (
  select
    event_id,
    visitor_id,
    user_id,
    event_ts,
    event_type,
    lag(event_ts) over ({{ visitor_order }}) as previous_event_ts
  from {{ ref('stg_events') }}
),

flagged as (
  select
    event_id,
    visitor_id,
    user_id,
    event_ts,
    event_type,
    (
      previous_event_ts is null
      or {{ seconds_between('previous_event_ts', 'event_ts') }} > {{ timeout_seconds }}
    ) as is_session_start
  from ordered
)

select
  event_id,
  {{ last_value_ignore_nulls('case when is_session_start then event_id end', running) }} as session_key,
  is_session_start,
  user_id,
  event_ts,
  event_type
from flagged
