{#- One row per visitor: how they arrived, how many visits it took to buy, and when. -#}
with sessions as (
  select
    *,
    row_number() over (partition by visitor_id order by session_start_ts, session_key) as session_number
  from {{ ref('int_sessions') }}
),

first_purchase as (
  select visitor_id, min(session_number) as first_purchase_session, min(session_start_ts) as first_purchase_session_ts
  from sessions
  where has_purchase
  group by visitor_id
)

select
  sessions.visitor_id,
  max(sessions.user_id) as customer_id,
  min(sessions.session_start_ts) as first_seen_ts,
  max(sessions.session_end_ts) as last_seen_ts,
  count(*) as sessions,
  sum(sessions.event_count) as events,
  max(case when sessions.session_number = 1 then sessions.device end) as first_device,
  max(case when sessions.session_number = 1 then sessions.referrer end) as first_referrer,
  max(case when sessions.session_number = 1 then sessions.landing_page end) as first_landing_page,
  sum(case when sessions.has_purchase then 1 else 0 end) as purchase_sessions,
  max(first_purchase.first_purchase_session_ts) as first_purchase_session_ts,
  max(first_purchase.first_purchase_session) as sessions_to_first_purchase,
  max(first_purchase.visitor_id) is not null as has_purchased
from sessions
left join first_purchase on first_purchase.visitor_id = sessions.visitor_id
group by sessions.visitor_id
