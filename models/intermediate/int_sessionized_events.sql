{{ config(event_time='event_ts', cluster_by=['event_ts']) }}
{#- Clean events re-sessionised per visitor: a gap longer than var('session_timeout_minutes')
    starts a new session. The client's session_id is not trusted (apps reuse it for days).
    Performance: the windows run on narrow rows (event_id, an integer visitor number, time)
    rather than on the wide event rows partitioned by the visitor's text id; the wide rows are
    joined back on event_id at the end. stg_events is read where it is needed rather than
    through a shared CTE, which the engine would materialise.
    cluster_by event_ts: the table is written in time order, so fact_events' daily batches
    (which filter this model to their day) skip the other days' row groups. -#}
{% set timeout_seconds = var('session_timeout_minutes') * 60 %}
with visitors as (
  -- Any numbering works: it only groups a visitor's events.
  select visitor_id, row_number() over (order by visitor_id) as visitor_number
  from (select distinct visitor_id from {{ ref('stg_events') }}) as distinct_visitors
),

ordered as (
  select
    events.event_id,
    visitors.visitor_number,
    events.event_ts,
    lag(events.event_ts) over (partition by visitors.visitor_number order by events.event_ts, events.event_id) as previous_event_ts
  from {{ ref('stg_events') }} as events
  join visitors on visitors.visitor_id = events.visitor_id
),

flagged as (
  select
    event_id,
    visitor_number,
    event_ts,
    case
      when previous_event_ts is null then 1
      when {{ seconds_between('previous_event_ts', 'event_ts') }} > {{ timeout_seconds }} then 1
      else 0
    end as starts_session
  from ordered
),

numbered as (
  -- The running max of the session start times gives each event its session's first timestamp.
  select
    event_id,
    starts_session,
    max(case when starts_session = 1 then event_ts end) over (partition by visitor_number order by event_ts, event_id rows between unbounded preceding and current row) as session_start_ts
  from flagged
)

select
  events.event_id,
  -- Keyed on the visitor and the session's first event, so a session keeps its key when
  -- later days are added.
  {{ surrogate_key(['events.visitor_id', 'numbered.session_start_ts']) }} as session_key,
  events.visitor_id,
  events.user_id,
  events.event_ts,
  events.event_date,
  numbered.session_start_ts,
  numbered.starts_session = 1 as is_session_start,
  events.event_type,
  events.page_url,
  events.product_id,
  events.device,
  events.referrer,
  events.country,
  events.order_id
from {{ ref('stg_events') }} as events
join numbered on numbered.event_id = events.event_id
