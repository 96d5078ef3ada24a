{#- One row per visitor: how they arrived, how many visits it took to buy, and when.
    One window (the session number) and one aggregation: the first purchase comes from
    conditional aggregates in the same pass, not from a second grouping joined back. -#}
with sessions as (
  select
    visitor_id,
    user_id,
    session_start_ts,
    session_end_ts,
    event_count,
    device,
    referrer,
    landing_page,
    has_purchase,
    row_number() over (partition by visitor_id order by session_start_ts, session_key) as session_number
  from {{ ref('int_sessions') }}
)

select
  visitor_id,
  max(user_id) as customer_id,
  min(session_start_ts) as first_seen_ts,
  max(session_end_ts) as last_seen_ts,
  count(*) as sessions,
  cast(sum(event_count) as bigint) as events,
  max(case when session_number = 1 then device end) as first_device,
  max(case when session_number = 1 then referrer end) as first_referrer,
  max(case when session_number = 1 then landing_page end) as first_landing_page,
  count(case when has_purchase then 1 end) as purchase_sessions,
  min(case when has_purchase then session_start_ts end) as first_purchase_session_ts,
  min(case when has_purchase then session_number end) as sessions_to_first_purchase,
  max(case when has_purchase then 1 else 0 end) = 1 as has_purchased
from sessions
group by visitor_id
