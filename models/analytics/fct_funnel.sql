{#- The session funnel by day: sessions that viewed a product → added to cart → checked out →
    purchased, and the step rates. A session counts on the day it started. -#}
with daily as (
  select
    session_date as funnel_date,
    count(*) as sessions,
    count(case when has_product_view then 1 end) as product_view_sessions,
    count(case when has_add_to_cart then 1 end) as add_to_cart_sessions,
    count(case when has_checkout then 1 end) as checkout_sessions,
    count(case when has_purchase then 1 end) as purchase_sessions
  from {{ ref('int_sessions') }}
  group by session_date
)

select
  *,
  case when product_view_sessions > 0 then cast(add_to_cart_sessions as double) / product_view_sessions end as view_to_cart_rate,
  case when add_to_cart_sessions > 0 then cast(purchase_sessions as double) / add_to_cart_sessions end as cart_to_purchase_rate,
  case when product_view_sessions > 0 then cast(purchase_sessions as double) / product_view_sessions end as view_to_purchase_rate
from daily
